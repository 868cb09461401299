package io.github.rootlesspanel.config.containerd;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The user's own directories that go into the stanzas, as the setup tool expands them: {@code $XDG_RUNTIME_DIR}
 * (sockets; {@code /run/user/UID}) and {@code $XDG_DATA_HOME} (snapshotter data; {@code ~/.local/share}). Always
 * the real ones of the user the panel runs as, never a literal {@code /run/user/1000}.
 */
public record UserDirs(Path xdgRuntimeDir, Path xdgDataHome) {

    public UserDirs {
        Objects.requireNonNull(xdgRuntimeDir, "xdgRuntimeDir");
        Objects.requireNonNull(xdgDataHome, "xdgDataHome");
        if (!xdgRuntimeDir.isAbsolute() || !xdgDataHome.isAbsolute()) {
            throw new IllegalArgumentException("XDG directories must be absolute: " + xdgRuntimeDir + ", " + xdgDataHome);
        }
        xdgRuntimeDir = xdgRuntimeDir.normalize();
        xdgDataHome = xdgDataHome.normalize();
    }

    /**
     * From an environment as the setup tool reads it: {@code XDG_RUNTIME_DIR} must be set (containerd-rootless.sh
     * refuses to run without it); {@code XDG_DATA_HOME} defaults to {@code HOME/.local/share}, and a relative value is
     * ignored as the XDG base directory specification says.
     */
    public static UserDirs fromEnvironment(Map<String, String> env, Path home) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime == null || runtime.isEmpty() || !Path.of(runtime).isAbsolute()) {
            throw new IllegalArgumentException("XDG_RUNTIME_DIR is not set to an absolute path");
        }
        String data = env.get("XDG_DATA_HOME");
        Path dataHome = data != null && !data.isEmpty() && Path.of(data).isAbsolute()
                ? Path.of(data)
                : home.resolve(".local/share");
        return new UserDirs(Path.of(runtime), dataHome);
    }

    /** {@code $XDG_RUNTIME_DIR/rest} as text. */
    String runtime(String rest) {
        return join(xdgRuntimeDir, rest);
    }

    /** {@code $XDG_DATA_HOME/rest} as text. */
    String data(String rest) {
        return join(xdgDataHome, rest);
    }

    private static String join(Path dir, String rest) {
        String d = dir.toString();
        return (d.endsWith("/") ? d : d + "/") + rest;
    }
}
