package io.github.rootlesspanel.systemd;

import java.util.Locale;

/** A unit's {@code ActiveState}. Unknown wire values map to {@link #UNKNOWN}; parsing never throws. */
public enum ActiveState {
    /** Running (or, for a oneshot, finished successfully). */
    ACTIVE("active", "Active"),
    /** Reloading its configuration. */
    RELOADING("reloading", "Reloading"),
    /** Not running, and the last run did not fail. */
    INACTIVE("inactive", "Inactive"),
    /** Not running because it failed; {@code Result} says why. */
    FAILED("failed", "Failed"),
    /** Starting. */
    ACTIVATING("activating", "Starting"),
    /** Stopping. */
    DEACTIVATING("deactivating", "Stopping"),
    /** Being cleaned or otherwise maintained. */
    MAINTENANCE("maintenance", "Maintenance"),
    /** A value this version of the panel does not know. */
    UNKNOWN("", "Unknown");

    private final String wire;
    private final String label;

    ActiveState(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    public static ActiveState parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String v = value.toLowerCase(Locale.ROOT);
        for (ActiveState s : values()) {
            if (s != UNKNOWN && s.wire.equals(v)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    /** True while a job is changing the state (starting, stopping, reloading). */
    public boolean isTransitional() {
        return this == ACTIVATING || this == DEACTIVATING || this == RELOADING;
    }
}
