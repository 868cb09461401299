package io.github.rootlesspanel.config.dropin;

/**
 * A drop-in the panel cannot read safely: where (1-based line and column, columns counted in Unicode code
 * points) and why. The file itself is left as it is; the message is meant for the user, who fixes it by hand.
 */
public final class DropInParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    public DropInParseException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** 1-based column, in Unicode code points. */
    public int column() {
        return column;
    }

    /** The message without the position. */
    public String reason() {
        return reason;
    }
}
