package io.github.rootlesspanel.setup.install;

/** A step failed in a way the user can act on; {@code details} carries e.g. the unit's recent journal. */
public final class StepFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String details;

    public StepFailedException(String message, String details) {
        super(message);
        this.details = details == null ? "" : details;
    }

    public String details() {
        return details;
    }
}
