package io.github.rootlesspanel.config;

/**
 * Writing values into unit files so that systemd reads back exactly what was meant.
 * Pure. Values that cannot be written safely (line breaks, NUL) are rejected, not mangled.
 */
public final class SystemdQuoting {

    private SystemdQuoting() {
    }

    /** Throws if the value would break the line structure of a unit file. */
    public static String requireSingleLine(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == 0) {
                throw new IllegalArgumentException(what + " must not contain a line break or NUL character");
            }
        }
        return value;
    }

    /**
     * One {@code Environment=} assignment. Quoted when needed (whitespace, quotes, backslashes),
     * with {@code \\} and {@code "} escaped inside the quotes and {@code %} doubled (systemd expands
     * specifiers such as {@code %h} in Environment=).
     */
    public static String environment(String key, String value) {
        if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a valid environment variable name: " + key);
        }
        requireSingleLine(key, value);
        String assignment = key + "=" + value.replace("%", "%%");
        if (!needsQuotes(value)) {
            return assignment;
        }
        return "\"" + assignment.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * One word of an {@code ExecStart=} command line: {@code %} and {@code $} doubled (specifiers and
     * variable expansion), quoted when it has whitespace or quotes.
     */
    public static String execWord(String word) {
        requireSingleLine("a command word", word);
        String w = word.replace("%", "%%").replace("$", "$$");
        if (!needsQuotes(word) && !w.isEmpty()) {
            return w;
        }
        return quoted(word);
    }

    /**
     * The executable of an {@code ExecStart=} line, quoted only when it has a blank or ';'. Unlike the arguments,
     * systemd expands no {@code $} in it (a doubled {@code $$} would stay two), only specifiers; and it refuses a
     * quote or backslash in it outright ("Executable name contains special characters"), so those are refused here
     * with a message instead of writing a unit systemd will not load.
     */
    public static String execPath(String path) {
        requireExecutable(path);
        String p = path.replace("%", "%%");
        return needsQuotes(path) ? "\"" + p + "\"" : p;
    }

    /** An executable path written like the setup script does: always in double quotes (see {@link #execPath}). */
    public static String execPathQuoted(String path) {
        requireExecutable(path);
        return "\"" + path.replace("%", "%%") + "\"";
    }

    private static void requireExecutable(String path) {
        requireSingleLine("an executable path", path);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < ' ' || c == 0x7f || c == '"' || c == '\'' || c == '\\') {
                throw new IllegalArgumentException("systemd cannot start a program whose path has a quote, a "
                        + "backslash or a control character: " + path);
            }
        }
    }

    private static String quoted(String word) {
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$") + "\"";
    }

    private static boolean needsQuotes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\' || c == ';') {
                return true;
            }
        }
        return false;
    }
}
