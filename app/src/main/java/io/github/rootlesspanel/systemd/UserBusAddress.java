package io.github.rootlesspanel.systemd;

import java.util.Map;
import java.util.Optional;

/**
 * Where the user bus is: {@code DBUS_SESSION_BUS_ADDRESS}, else {@code $XDG_RUNTIME_DIR/bus}
 * (what dbus-user-session and sd-bus do). Pure, so the rules are testable.
 */
public final class UserBusAddress {

    private UserBusAddress() {
    }

    public static Optional<String> resolve(Map<String, String> env) {
        String explicit = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit.trim());
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Optional.of("unix:path=" + runtime.trim() + "/bus");
        }
        return Optional.empty();
    }

    /** What to tell a user when neither variable is set. */
    public static String missingHint() {
        return "Neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR is set, so the systemd user bus cannot be found. "
                + "This usually means the session was entered with su or sudo. Log in as the user directly "
                + "(desktop, ssh or `machinectl shell USER@`), or export XDG_RUNTIME_DIR=/run/user/$(id -u).";
    }
}
