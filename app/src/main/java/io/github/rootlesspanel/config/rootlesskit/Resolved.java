package io.github.rootlesspanel.config.rootlesskit;

import java.util.Objects;
import java.util.Optional;

/**
 * The value containerd-rootless.sh would use for one variable, where it came from and why, e.g.
 * {@code 65520 (default because NET was auto-selected as slirp4netns)}.
 *
 * @param variable      which variable
 * @param value         what the script passes to RootlessKit; empty when it depends on a host that is not known
 *                      ({@link HostCapabilities#unknown()}). DETACH_NETNS and IPV6 are given as "true"/"false"
 *                      (whether the script adds the flag), unless their value is invalid (then as set)
 * @param source        set, default or decided by the script from a host probe
 * @param reason        why, for the UI: "set", "default", "default because NET is set explicitly", ...
 * @param flagsOverride a later occurrence of the same flag in FLAGS, which RootlessKit uses instead
 */
public record Resolved(Variable variable, Optional<String> value, Source source, String reason,
        Optional<FlagOverride> flagsOverride) {

    /** The FLAGS word(s) that override the script's value ({@code --mtu=9000}) and the value RootlessKit reads. */
    public record FlagOverride(String text, String value) {
    }

    public Resolved {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(flagsOverride, "flagsOverride");
    }

    /** Whether the value is decided (not waiting for a host probe). */
    public boolean known() {
        return value.isPresent();
    }

    /** What RootlessKit ends up with: the FLAGS override if there is one, else the script's value. */
    public Optional<String> rootlesskitValue() {
        return flagsOverride.map(FlagOverride::value).or(() -> value);
    }

    /** For the form: "65520 (default because NET was auto-selected as slirp4netns)". */
    public String display() {
        String s = value.orElse("decided when the service starts") + " (" + reason + ")";
        return flagsOverride.map(o -> s + "; overridden by " + o.text() + " in FLAGS").orElse(s);
    }
}
