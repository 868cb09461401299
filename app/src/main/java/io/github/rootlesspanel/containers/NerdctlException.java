package io.github.rootlesspanel.containers;

/**
 * A nerdctl command that failed, or could not be planned: a sentence for the user and nerdctl's own output.
 */
public final class NerdctlException extends Exception {

    private final String details;

    public NerdctlException(String message, String details) {
        super(message);
        this.details = details == null ? "" : details;
    }

    /** nerdctl's output, or "" when there is none. */
    public String details() {
        return details;
    }
}
