package io.github.rootlesspanel.journal;

import java.util.Locale;

/** syslog priorities as journald stores them in {@code PRIORITY} (0 most severe … 7 least). */
public enum Priority {
    EMERG(0, "emerg"),
    ALERT(1, "alert"),
    CRIT(2, "crit"),
    ERR(3, "err"),
    WARNING(4, "warning"),
    NOTICE(5, "notice"),
    INFO(6, "info"),
    DEBUG(7, "debug"),
    /**
     * No or an unreadable {@code PRIORITY}. Not folded into INFO: {@code journalctl --priority} matches on the field,
     * so such entries are outside every priority filter, and the panel must not show a level the entry never had.
     */
    UNKNOWN(-1, "unknown");

    private final int code;
    private final String word;

    Priority(int code, String word) {
        this.code = code;
        this.word = word;
    }

    /** 0..7, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The lower-case name journalctl uses ({@code err}, {@code warning}, …). */
    public String word() {
        return word;
    }

    /** True when this is a known priority at least as severe as {@code threshold} (a known priority). */
    public boolean atLeast(Priority threshold) {
        return this != UNKNOWN && threshold != UNKNOWN && code <= threshold.code;
    }

    /**
     * Leniently reads a {@code PRIORITY} value ("0".."7") or a name ({@code err}, {@code ERROR}, {@code warn}, …);
     * anything else, null included, is {@link #UNKNOWN}.
     */
    public static Priority of(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '7') {
            return values()[v.charAt(0) - '0'];
        }
        switch (v) {
            case "emerg": case "emergency": case "panic": return EMERG;
            case "alert": return ALERT;
            case "crit": case "critical": return CRIT;
            case "err": case "error": return ERR;
            case "warning": case "warn": return WARNING;
            case "notice": return NOTICE;
            case "info": return INFO;
            case "debug": return DEBUG;
            default: return UNKNOWN;
        }
    }
}
