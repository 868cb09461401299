package io.github.rootlesspanel.systemd;

import java.util.Locale;

/** The result string of a {@code JobRemoved} signal. Anything but {@link #DONE} is a failure of the request. */
public enum JobResult {
    DONE("done", "done"),
    CANCELED("canceled", "the job was canceled"),
    TIMEOUT("timeout", "the job timed out"),
    FAILED("failed", "the unit failed"),
    DEPENDENCY("dependency", "a unit it depends on failed"),
    SKIPPED("skipped", "the job did not apply to the unit's state"),
    INVALID("invalid", "the job was invalid"),
    ASSERT("assert", "an Assert condition of the unit failed"),
    UNSUPPORTED("unsupported", "the unit type does not support it"),
    COLLECTED("collected", "the job was garbage-collected"),
    ONCE("once", "the unit may only be started once"),
    /**
     * Not a systemd result: the connection to the manager was lost while the job ran and its JobRemoved was never
     * seen (the manager restarted, or the bus died). Not a success, since nobody saw systemd confirm it; the
     * outcome then says what state the unit is in after the reconnection.
     */
    LOST("lost", "the connection to the systemd user manager was lost while the job ran, so systemd's result "
            + "was not seen"),
    OTHER("", "systemd reported an unknown result");

    private final String wire;
    private final String sentence;

    JobResult(String wire, String sentence) {
        this.wire = wire;
        this.sentence = sentence;
    }

    public static JobResult parse(String value) {
        if (value == null) {
            return OTHER;
        }
        String v = value.toLowerCase(Locale.ROOT);
        for (JobResult r : values()) {
            if (r != OTHER && r != LOST && r.wire.equals(v)) {
                return r;
            }
        }
        return OTHER;
    }

    public String wire() {
        return wire;
    }

    public String sentence() {
        return sentence;
    }

    public boolean isSuccess() {
        return this == DONE;
    }
}
