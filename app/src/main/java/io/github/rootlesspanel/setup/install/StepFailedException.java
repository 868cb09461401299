package io.github.rootlesspanel.setup.install;

import java.util.Optional;

/**
 * A step failed in a way the user can act on; {@code details} carries e.g. the unit's recent journal, and
 * {@code unit} the unit whose journal tells more (a start or restart that failed), so the window can link to it.
 */
public final class StepFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String details;
    private final String unit;

    public StepFailedException(String message, String details) {
        this(message, details, null);
    }

    /** A failed job of UNIT (start, restart, ...): its journal has the lines around the failure. */
    public StepFailedException(String message, String details, String unit) {
        super(message);
        this.details = details == null ? "" : details;
        this.unit = unit;
    }

    public String details() {
        return details;
    }

    /** The unit whose journal explains the failure, if the step ran a unit. */
    public Optional<String> unit() {
        return Optional.ofNullable(unit);
    }
}
