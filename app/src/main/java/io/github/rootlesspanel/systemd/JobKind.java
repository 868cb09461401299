package io.github.rootlesspanel.systemd;

/** The unit operations the panel offers, with the {@code systemctl --user} verb each one equals. */
public enum JobKind {
    START("start", "Start", "Starting"),
    STOP("stop", "Stop", "Stopping"),
    RESTART("restart", "Restart", "Restarting"),
    ENABLE("enable", "Enable", "Enabling"),
    DISABLE("disable", "Disable", "Disabling");

    private final String verb;
    private final String label;
    private final String progressLabel;

    JobKind(String verb, String label, String progressLabel) {
        this.verb = verb;
        this.label = label;
        this.progressLabel = progressLabel;
    }

    public String verb() {
        return verb;
    }

    public String label() {
        return label;
    }

    public String progressLabel() {
        return progressLabel;
    }

    /** The equivalent command line, shown to users who want to know what the panel does. */
    public String systemctl(String unit) {
        return "systemctl --user " + verb + " " + unit;
    }

    public static JobKind parse(String verb) {
        for (JobKind k : values()) {
            if (k.verb.equals(verb)) {
                return k;
            }
        }
        return null;
    }
}
