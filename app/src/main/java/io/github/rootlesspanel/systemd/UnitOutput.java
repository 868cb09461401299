package io.github.rootlesspanel.systemd;

import java.util.Objects;

/**
 * Where systemd connects a service's stdout and stderr, in systemd's own words ({@code StandardOutput} and
 * {@code StandardError} of {@code org.freedesktop.systemd1.Service}): {@code journal}, {@code inherit},
 * {@code null}, {@code tty}, {@code kmsg}, {@code file}, {@code append}, {@code truncate}, {@code socket},
 * {@code fd}, with {@code +console} variants. systemd 252 does not put a file's path on the bus; it is in the
 * unit file. Empty words: not a service, or the manager could not tell.
 */
public record UnitOutput(String standardOutput, String standardError) {

    public static final UnitOutput UNKNOWN = new UnitOutput("", "");

    public UnitOutput {
        Objects.requireNonNull(standardOutput, "standardOutput");
        Objects.requireNonNull(standardError, "standardError");
    }
}
