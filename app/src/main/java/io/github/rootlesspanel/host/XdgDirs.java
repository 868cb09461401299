package io.github.rootlesspanel.host;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's directories as the XDG base-directory rules and systemd define them: HOME, the runtime
 * dir ({@code XDG_RUNTIME_DIR}, else {@code /run/user/UID}), data and config homes with their defaults.
 */
public record XdgDirs(Path home, Path runtimeDir, Path dataHome, Path configHome) {

    public static XdgDirs from(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        return new XdgDirs(home,
                dir(env.get("XDG_RUNTIME_DIR"), Path.of("/run/user/" + Identity.effectiveUid())),
                dir(env.get("XDG_DATA_HOME"), home.resolve(".local/share")),
                dir(env.get("XDG_CONFIG_HOME"), home.resolve(".config")));
    }

    private static Path dir(String value, Path fallback) {
        // the spec: an unset, empty or relative value means the default
        return value == null || value.isBlank() || !Path.of(value).isAbsolute() ? fallback : Path.of(value);
    }

    /** {@code ~/.config/systemd/user}, where user units and their drop-ins live. */
    public Path userUnitDir() {
        return configHome.resolve("systemd/user");
    }
}
