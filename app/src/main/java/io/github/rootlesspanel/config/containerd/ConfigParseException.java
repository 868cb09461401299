package io.github.rootlesspanel.config.containerd;

import java.util.List;

/**
 * A TOML file the panel will not change because it is not valid TOML (1.0, what containerd's and nerdctl's
 * go-toml read): where (1-based line and column, as tomlj reports them) and why. Nothing is written; the user fixes
 * the file by hand. {@link #all()} lists every error tomlj found, the first one is the one in the message.
 */
public final class ConfigParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One error: 1-based line and column, and tomlj's message without the position. */
    public record Problem(int line, int column, String reason) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + reason;
        }
    }

    private final transient List<Problem> all;

    public ConfigParseException(List<Problem> all) {
        super(all.isEmpty() ? "not valid TOML" : all.get(0).toString());
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        this.all = List.copyOf(all);
    }

    /** 1-based line of the first error. */
    public int line() {
        return all.get(0).line();
    }

    /** 1-based column of the first error. */
    public int column() {
        return all.get(0).column();
    }

    /** The first error's message without the position. */
    public String reason() {
        return all.get(0).reason();
    }

    public List<Problem> all() {
        return all;
    }
}
