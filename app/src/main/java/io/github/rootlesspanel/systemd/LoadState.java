package io.github.rootlesspanel.systemd;

import java.util.Locale;

/** A unit's {@code LoadState}: whether systemd found and parsed its file. */
public enum LoadState {
    LOADED("loaded"),
    /** No unit file of that name: for the panel, "not installed". */
    NOT_FOUND("not-found"),
    BAD_SETTING("bad-setting"),
    ERROR("error"),
    MASKED("masked"),
    STUB("stub"),
    MERGED("merged"),
    UNKNOWN("");

    private final String wire;

    LoadState(String wire) {
        this.wire = wire;
    }

    public static LoadState parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String v = value.toLowerCase(Locale.ROOT);
        for (LoadState s : values()) {
            if (s != UNKNOWN && s.wire.equals(v)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    public String wire() {
        return wire;
    }
}
