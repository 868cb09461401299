package io.github.rootlesspanel.systemd;

import java.util.Locale;

/** A unit's {@code UnitFileState}: whether it starts with the user's session. */
public enum UnitFileState {
    ENABLED("enabled"),
    ENABLED_RUNTIME("enabled-runtime"),
    LINKED("linked"),
    LINKED_RUNTIME("linked-runtime"),
    ALIAS("alias"),
    MASKED("masked"),
    MASKED_RUNTIME("masked-runtime"),
    /** No {@code [Install]} section: cannot be enabled. */
    STATIC("static"),
    INDIRECT("indirect"),
    DISABLED("disabled"),
    GENERATED("generated"),
    TRANSIENT("transient"),
    BAD("bad"),
    /** Empty or unknown value (e.g. no unit file at all). */
    UNKNOWN("");

    private final String wire;

    UnitFileState(String wire) {
        this.wire = wire;
    }

    public static UnitFileState parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String v = value.toLowerCase(Locale.ROOT);
        for (UnitFileState s : values()) {
            if (s != UNKNOWN && s.wire.equals(v)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    public String wire() {
        return wire;
    }

    public boolean isEnabled() {
        return this == ENABLED || this == ENABLED_RUNTIME;
    }

    public boolean isMasked() {
        return this == MASKED || this == MASKED_RUNTIME;
    }
}
