package io.github.rootlesspanel.config.containerd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where things are in a TOML file, line by line: every table header and key/value statement with the lines it
 * spans, its key path, its indentation and its trailing comment. The edits of this package are made on the lines
 * of the file (inserting or removing whole lines), so the rest of the file stays byte for byte as it was; this is
 * what tells them where a table begins and ends and how it was written.
 *
 * <p>Only for text tomlj has already accepted as TOML 1.0: this scanner does not report errors for the user (it
 * throws {@link IllegalStateException} when it meets something it does not understand, which would be a bug).
 * Multi-line strings, arrays over several lines (with comments inside) and inline tables are stepped over, so a
 * {@code [x]} inside a string is not taken for a header.
 */
final class TomlLayout {

    enum Kind { TABLE, ARRAY_TABLE, KEY_VALUE }

    enum ValueKind { STRING, MULTILINE_STRING, ARRAY, INLINE_TABLE, OTHER, NONE }

    /**
     * One statement. Lines are 0-based indexes into {@link #lines()}. For a header, {@code key} is the table's
     * path; for a key/value, the (possibly dotted) key relative to its section. {@code comment} is the trailing
     * comment on the last line ({@code "# ..."}, without a carriage return), or null. {@code rawKey} has the
     * key's segments as written (quotes included), {@code valueStart}/{@code valueEnd} the value's columns when the
     * statement is on one line (else -1).
     */
    record Statement(Kind kind, int firstLine, int lastLine, String indent, List<String> key, List<String> rawKey,
            int section, ValueKind valueKind, String stringValue, int valueStart, int valueEnd, String comment) {

        boolean isHeader() {
            return kind != Kind.KEY_VALUE;
        }

        boolean singleLine() {
            return firstLine == lastLine;
        }
    }

    /** The root section (index 0, empty path, no header) and one per header, in file order. */
    record Section(int index, Statement header, List<String> path, List<Statement> entries) {

        boolean isArray() {
            return header != null && header.kind() == Kind.ARRAY_TABLE;
        }

        /** The last line of the section's last statement (its header line when it has none); -1 for an empty root. */
        int lastStatementLine() {
            if (!entries.isEmpty()) {
                return entries.get(entries.size() - 1).lastLine();
            }
            return header == null ? -1 : header.lastLine();
        }
    }

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private final List<String> lines;
    private final boolean trailingNewline;
    private final List<Statement> statements = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private TomlLayout(List<String> lines, boolean trailingNewline) {
        this.lines = List.copyOf(lines);
        this.trailingNewline = trailingNewline;
        new Scanner(join(lines, false)).scan();
    }

    static TomlLayout of(String text) {
        return new TomlLayout(splitLines(text), text.endsWith("\n"));
    }

    static TomlLayout of(List<String> lines, boolean trailingNewline) {
        return new TomlLayout(lines, trailingNewline);
    }

    /** Lines split at '\n' only (a '\r' stays on its line), without the empty string after a final newline. */
    static List<String> splitLines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> l = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    /** The inverse of {@link #splitLines}: no lines give the empty text whatever the flag says. */
    static String join(List<String> lines, boolean trailingNewline) {
        if (lines.isEmpty()) {
            return "";
        }
        String s = String.join("\n", lines);
        return trailingNewline ? s + "\n" : s;
    }

    List<String> lines() {
        return lines;
    }

    boolean trailingNewline() {
        return trailingNewline;
    }

    String text() {
        return join(lines, trailingNewline);
    }

    List<Statement> statements() {
        return Collections.unmodifiableList(statements);
    }

    List<Section> sections() {
        return Collections.unmodifiableList(sections);
    }

    Section section(Statement s) {
        return sections.get(s.section());
    }

    /** The key path of a key/value statement from the document root; for a header, the table's path. */
    List<String> absoluteKey(Statement s) {
        if (s.isHeader()) {
            return s.key();
        }
        return concat(sections.get(s.section()).path(), s.key());
    }

    /** "\r\n" if the file's first line ends in a carriage return, else "\n" (as the file is written). */
    String lineEnd() {
        return !lines.isEmpty() && lines.get(0).endsWith("\r") ? "\r\n" : "\n";
    }

    // --- writing keys and values --------------------------------------------------------------------------------

    /** A key path as TOML: bare where the segment allows it and has no '-', quoted otherwise (as the setup tool writes). */
    static String keyText(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String k : path) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            if (BARE_KEY.matcher(k).matches() && k.indexOf('-') < 0) {
                sb.append(k);
            } else {
                sb.append(quote(k));
            }
        }
        return sb.toString();
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped, everything else as it is. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a.size() + b.size());
        l.addAll(a);
        l.addAll(b);
        return List.copyOf(l);
    }

    static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    static boolean strictPrefix(List<String> prefix, List<String> path) {
        return path.size() > prefix.size() && startsWith(path, prefix);
    }

    // --- the scanner --------------------------------------------------------------------------------------------

    private final class Scanner {
        private final String s;
        private final int n;
        private final int[] lineStarts;
        private int i;

        // the value just scanned
        private ValueKind valueKind;
        private String stringValue;

        Scanner(String s) {
            this.s = s;
            this.n = s.length();
            this.lineStarts = new int[lines.size() + 1];
            int line = 0;
            lineStarts[0] = 0;
            for (int k = 0; k < n; k++) {
                if (s.charAt(k) == '\n') {
                    lineStarts[++line] = k + 1;
                }
            }
        }

        void scan() {
            sections.add(new Section(0, null, List.of(), new ArrayList<>()));
            while (true) {
                skipBlankAndComments();
                if (i >= n) {
                    break;
                }
                if (s.charAt(i) == '[') {
                    header();
                } else {
                    keyValue();
                }
            }
        }

        private void header() {
            int start = i;
            boolean array = i + 1 < n && s.charAt(i + 1) == '[';
            i += array ? 2 : 1;
            skipWs();
            List<String> raw = new ArrayList<>();
            List<String> key = key(raw);
            skipWs();
            expect(']');
            if (array) {
                expect(']');
            }
            String comment = trailer();
            int first = lineOf(start);
            Statement st = new Statement(array ? Kind.ARRAY_TABLE : Kind.TABLE, first, lineOf(i - 1), indentOf(first), key,
                    List.copyOf(raw), sections.size(), ValueKind.NONE, null, -1, -1, comment);
            statements.add(st);
            sections.add(new Section(sections.size(), st, key, new ArrayList<>()));
        }

        private void keyValue() {
            int start = i;
            List<String> raw = new ArrayList<>();
            List<String> key = key(raw);
            skipWs();
            expect('=');
            skipWs();
            int vStart = i;
            value();
            int vEnd = i;
            ValueKind vk = valueKind;
            String sv = vk == ValueKind.STRING ? stringValue : null;
            String comment = trailer();
            int first = lineOf(start);
            int last = lineOf(i - 1);
            boolean single = lineOf(vEnd == vStart ? vStart : vEnd - 1) == first;
            Section sec = sections.get(sections.size() - 1);
            Statement st = new Statement(Kind.KEY_VALUE, first, last, indentOf(first), key, List.copyOf(raw), sec.index(), vk, sv,
                    single ? vStart - lineStarts[first] : -1, single ? vEnd - lineStarts[first] : -1, comment);
            statements.add(st);
            sec.entries().add(st);
        }

        /** After a statement: blanks, an optional comment, then a line break or the end. Returns the comment. */
        private String trailer() {
            skipWs();
            String comment = null;
            if (i < n && s.charAt(i) == '#') {
                int start = i;
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                int end = i;
                if (end > start && s.charAt(end - 1) == '\r') {
                    end--;
                }
                comment = s.substring(start, end);
            }
            if (i < n && s.charAt(i) == '\r') {
                i++;
            }
            if (i < n && s.charAt(i) != '\n') {
                throw fail("expected the end of the line");
            }
            // i stays on the '\n' (or at the end), so lineOf(i - 1) is the statement's last line
            return comment;
        }

        private List<String> key(List<String> raw) {
            List<String> parts = new ArrayList<>();
            while (true) {
                skipWs();
                int start = i;
                parts.add(simpleKey());
                if (raw != null) {
                    raw.add(s.substring(start, i));
                }
                skipWs();
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    continue;
                }
                return List.copyOf(parts);
            }
        }

        private String simpleKey() {
            if (i >= n) {
                throw fail("expected a key");
            }
            char c = s.charAt(i);
            if (c == '"') {
                return basicString();
            }
            if (c == '\'') {
                return literalString();
            }
            int start = i;
            while (i < n && isBareKeyChar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw fail("expected a key");
            }
            return s.substring(start, i);
        }

        private void value() {
            if (i >= n) {
                throw fail("expected a value");
            }
            char c = s.charAt(i);
            if (c == '"') {
                if (s.startsWith("\"\"\"", i)) {
                    multiLine('"', true);
                    set(ValueKind.MULTILINE_STRING, null);
                } else {
                    set(ValueKind.STRING, basicString());
                }
            } else if (c == '\'') {
                if (s.startsWith("'''", i)) {
                    multiLine('\'', false);
                    set(ValueKind.MULTILINE_STRING, null);
                } else {
                    set(ValueKind.STRING, literalString());
                }
            } else if (c == '[') {
                array();
                set(ValueKind.ARRAY, null);
            } else if (c == '{') {
                inlineTable();
                set(ValueKind.INLINE_TABLE, null);
            } else {
                int start = i;
                while (i < n && ",]}#\n".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                while (i > start && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t' || s.charAt(i - 1) == '\r')) {
                    i--;
                }
                if (i == start) {
                    throw fail("expected a value");
                }
                set(ValueKind.OTHER, null);
            }
        }

        private void set(ValueKind kind, String string) {
            valueKind = kind;
            stringValue = string;
        }

        private void array() {
            i++; // [
            while (true) {
                skipBlankAndComments();
                if (i < n && s.charAt(i) == ']') {
                    i++;
                    return;
                }
                value();
                skipBlankAndComments();
                if (i < n && s.charAt(i) == ',') {
                    i++;
                } else if (i < n && s.charAt(i) == ']') {
                    i++;
                    return;
                } else {
                    throw fail("expected ',' or ']'");
                }
            }
        }

        private void inlineTable() {
            i++; // {
            skipBlankAndComments();
            if (i < n && s.charAt(i) == '}') {
                i++;
                return;
            }
            while (true) {
                skipBlankAndComments();
                key(null);
                skipWs();
                expect('=');
                skipWs();
                value();
                skipBlankAndComments();
                if (i < n && s.charAt(i) == ',') {
                    i++;
                } else if (i < n && s.charAt(i) == '}') {
                    i++;
                    return;
                } else {
                    throw fail("expected ',' or '}'");
                }
            }
        }

        private void multiLine(char quote, boolean escapes) {
            i += 3;
            while (i < n) {
                char c = s.charAt(i);
                if (c == quote && i + 2 < n && s.charAt(i + 1) == quote && s.charAt(i + 2) == quote) {
                    i += 3;
                    // up to two more quotes belong to the content: """a""""" is a"" (TOML 1.0)
                    int extra = 0;
                    while (extra < 2 && i < n && s.charAt(i) == quote) {
                        i++;
                        extra++;
                    }
                    return;
                }
                i += escapes && c == '\\' ? 2 : 1;
            }
            throw fail("unterminated multi-line string");
        }

        private String basicString() {
            i++; // "
            StringBuilder sb = new StringBuilder();
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return sb.toString();
                }
                if (c == '\n') {
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= n) {
                        break;
                    }
                    char e = s.charAt(i + 1);
                    i += 2;
                    switch (e) {
                        case 'b' -> sb.append('\b');
                        case 't' -> sb.append('\t');
                        case 'n' -> sb.append('\n');
                        case 'f' -> sb.append('\f');
                        case 'r' -> sb.append('\r');
                        case 'e' -> sb.append('\u001b');
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        case 'u' -> sb.appendCodePoint(hex(4));
                        case 'U' -> sb.appendCodePoint(hex(8));
                        default -> throw fail("unknown escape \\" + e);
                    }
                    continue;
                }
                sb.append(c);
                i++;
            }
            throw fail("unterminated string");
        }

        private int hex(int digits) {
            if (i + digits > n) {
                throw fail("short unicode escape");
            }
            int cp = Integer.parseInt(s.substring(i, i + digits), 16);
            i += digits;
            return cp;
        }

        private String literalString() {
            i++; // '
            int start = i;
            while (i < n && s.charAt(i) != '\'' && s.charAt(i) != '\n') {
                i++;
            }
            if (i >= n || s.charAt(i) != '\'') {
                throw fail("unterminated literal string");
            }
            return s.substring(start, i++);
        }

        private void skipWs() {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private void skipBlankAndComments() {
            while (i < n) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    i++;
                } else if (c == '#') {
                    while (i < n && s.charAt(i) != '\n') {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }

        private void expect(char c) {
            if (i >= n || s.charAt(i) != c) {
                throw fail("expected '" + c + "'");
            }
            i++;
        }

        private boolean isBareKeyChar(char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
        }

        private int lineOf(int offset) {
            int k = Arrays.binarySearch(lineStarts, 0, lines.size(), Math.min(offset, Math.max(n - 1, 0)));
            return k >= 0 ? k : -k - 2;
        }

        private String indentOf(int line) {
            String l = lines.get(line);
            int k = 0;
            while (k < l.length() && (l.charAt(k) == ' ' || l.charAt(k) == '\t')) {
                k++;
            }
            return l.substring(0, k);
        }

        private IllegalStateException fail(String what) {
            int line = lineOf(i);
            return new IllegalStateException("TOML layout: " + what + " at line " + (line + 1) + ", column "
                    + (i - lineStarts[Math.max(line, 0)] + 1) + " (the file was accepted by tomlj; this is a bug)");
        }
    }
}
