package io.github.rootlesspanel.journal;

import java.util.Objects;

/**
 * Whether a unit's output can be read from the journal, and if not, where it goes.
 *
 * @param journald a journald listens on this machine (its stdout socket accepts connections)
 * @param stdout   where the unit's stdout goes
 * @param stderr   where its stderr goes ({@code inherit} already resolved to stdout's target)
 */
public record UnitLogging(boolean journald, OutputTarget stdout, OutputTarget stderr) {

    public UnitLogging {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * True when the unit's own output reaches a running journald (an unknown target counts, as systemd's default
     * is the journal). The manager's "Started …" lines may be in the journal either way.
     */
    public boolean hasJournal() {
        return journald && (reaches(stdout) || reaches(stderr));
    }

    private static boolean reaches(OutputTarget t) {
        return t.toJournal() || t.kind() == OutputTarget.Kind.UNKNOWN;
    }
}
