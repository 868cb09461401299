package io.github.rootlesspanel.systemd;

/**
 * What a start/stop/restart job ended with, and the unit as it was right after.
 * {@code message} is a sentence for the user; it includes systemd's Result when the unit failed.
 */
public record JobOutcome(String unit, JobKind kind, JobResult result, UnitStatus after, String message) {

    public boolean succeeded() {
        return result.isSuccess();
    }
}
