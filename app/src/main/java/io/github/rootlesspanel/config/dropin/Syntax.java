package io.github.rootlesspanel.config.dropin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The parsed structure of a drop-in, following systemd 252 (Debian 12) step by step:
 * <ul>
 * <li>{@code config_parse}: a physical line whose first non-blank character is {@code #} or {@code ;} is a
 * comment and is skipped, also in the middle of a continuation; a line ending in an odd number of backslashes
 * continues on the next line, the last backslash becoming a space; a UTF-8 byte order mark is skipped.</li>
 * <li>{@code parse_line}: the logical line is stripped of blanks; empty, {@code [Section]}, or
 * {@code Key=Value} with key and value stripped.</li>
 * <li>{@code config_parse_environ}: an empty value resets the list; otherwise words are split at blanks with
 * {@code extract_first_word(EXTRACT_CUNESCAPE|EXTRACT_UNQUOTE)}: quotes may start anywhere in a word, C escapes
 * are decoded inside and outside quotes (single quotes too), then specifiers are expanded, then the word must be
 * {@code NAME=value} with a valid name and a valid UTF-8 value.</li>
 * </ul>
 * Where systemd would ignore something with a warning (or fail to load the unit), this parser refuses the file
 * with a position instead, so the panel never edits a file whose meaning it does not know.
 */
final class Syntax {

    static final String ENVIRONMENT = "Environment";

    enum Kind { BLANK, SECTION, ASSIGNMENT }

    /** A physical line: {@code [start, end)} of the text, without its newline; {@code logical} is -1 for comments. */
    record Line(int start, int end, int logical) {
        boolean comment() {
            return logical < 0;
        }
    }

    /** One word of an Environment= value: logical {@code [from, to)} and what it means. */
    record Word(int from, int to, EnvAssignment assignment) { }

    /** A logical line: one or more physical segments joined by continuations (comment lines in between skipped). */
    static final class Logical {
        final int index;
        final List<Integer> segments = new ArrayList<>();
        final StringBuilder chars = new StringBuilder();
        int[] map = new int[32];
        final BitSet synthetic = new BitSet();
        Kind kind;
        /** SECTION: the section's name; ASSIGNMENT: the section it belongs to. */
        String section;
        String key;
        boolean reset;
        List<Word> words = List.of();

        Logical(int index) {
            this.index = index;
        }

        void add(char c, int offset, boolean isSynthetic) {
            if (chars.length() == map.length) {
                map = Arrays.copyOf(map, map.length * 2);
            }
            if (isSynthetic) {
                synthetic.set(chars.length());
            }
            map[chars.length()] = offset;
            chars.append(c);
        }

        int firstSegment() {
            return segments.get(0);
        }

        int lastSegment() {
            return segments.get(segments.size() - 1);
        }

        boolean isEnvironment() {
            return kind == Kind.ASSIGNMENT && ENVIRONMENT.equals(key);
        }

        boolean hasSyntheticIn(int from, int to) {
            int s = synthetic.nextSetBit(from);
            return s >= 0 && s < to;
        }
    }

    final String text;
    final int bom;
    final List<Line> lines;
    final boolean trailingNewline;
    final List<Logical> logicals;

    private Syntax(String text, int bom, List<Line> lines, boolean trailingNewline, List<Logical> logicals) {
        this.text = text;
        this.bom = bom;
        this.lines = lines;
        this.trailingNewline = trailingNewline;
        this.logicals = logicals;
    }

    static Syntax parse(String text) throws DropInParseException {
        Objects.requireNonNull(text, "text");
        List<Line> physical = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                physical.add(new Line(s, i, -1));
                s = i + 1;
            }
        }
        if (s < text.length()) {
            physical.add(new Line(s, text.length(), -1));
        }
        int bom = text.startsWith("\uFEFF") ? 1 : 0;
        Syntax shell = new Syntax(text, bom, physical, text.endsWith("\n"), List.of());
        shell.checkCharacters();
        return shell.build();
    }

    /** What systemd's line reader or UTF-8 checks would treat differently from a plain line of text. */
    private void checkCharacters() throws DropInParseException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                throw error(i, "carriage return (Windows line ending); systemd ends a line there. "
                        + "Save the file with Unix line endings");
            }
            if (c == 0) {
                throw error(i, "NUL character; systemd ends a line there");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw error(i, "not valid Unicode (an unpaired UTF-16 surrogate)");
            }
        }
    }

    private Syntax build() throws DropInParseException {
        List<Line> out = new ArrayList<>(lines.size());
        List<Logical> logical = new ArrayList<>();
        Logical current = null;
        for (int li = 0; li < lines.size(); li++) {
            Line line = lines.get(li);
            int from = line.start() + (li == 0 ? bom : 0);
            int end = line.end();
            int first = from;
            while (first < end && isBlank(text.charAt(first))) {
                first++;
            }
            if (first < end && (text.charAt(first) == '#' || text.charAt(first) == ';')) {
                if (li == 0 && bom > 0) {
                    // systemd looks for comments before it skips the byte order mark: to it this is no comment
                    throw error(first, "a comment right after a UTF-8 byte order mark is not a comment for systemd; "
                            + "remove the byte order mark");
                }
                out.add(new Line(line.start(), end, -1));
                continue;
            }
            if (current == null) {
                current = new Logical(logical.size());
            }
            current.segments.add(li);
            out.add(new Line(line.start(), end, current.index));
            int k = end;
            while (k > from && text.charAt(k - 1) == '\\') {
                k--;
            }
            boolean continues = ((end - k) & 1) == 1;
            int contentEnd = continues ? end - 1 : end;
            for (int i = from; i < contentEnd; i++) {
                current.add(text.charAt(i), i, false);
            }
            if (continues) {
                current.add(' ', end - 1, true);
                continue;
            }
            logical.add(current);
            current = null;
        }
        Syntax syntax = new Syntax(text, bom, List.copyOf(out), trailingNewline, List.copyOf(logical));
        if (current != null) {
            Line last = lines.get(current.lastSegment());
            throw syntax.error(last.end() - 1,
                    "the line ends with a backslash (line continuation) but nothing follows");
        }
        String section = null;
        for (Logical l : logical) {
            section = syntax.classify(l, section);
        }
        return syntax;
    }

    /** Classifies one logical line like systemd's parse_line; returns the section in force after it. */
    private String classify(Logical l, String section) throws DropInParseException {
        CharSequence s = l.chars;
        int a = 0;
        int b = s.length();
        while (a < b && isBlank(s.charAt(a))) {
            a++;
        }
        while (b > a && isBlank(s.charAt(b - 1))) {
            b--;
        }
        if (a == b) {
            l.kind = Kind.BLANK;
            return section;
        }
        for (int i = a; i < b; ) {
            int cp = Character.codePointAt(s, i);
            if (!unicharIsValid(cp)) {
                throw error(l, i, String.format("character U+%04X is not valid in a unit file; systemd refuses the "
                        + "whole file", cp));
            }
            i += Character.charCount(cp);
        }
        if (s.charAt(a) == '[') {
            if (s.charAt(b - 1) != ']' || b - a < 2) {
                throw error(l, b, "unterminated section header: expected ']' at the end of the line");
            }
            for (int i = a + 1; i < b - 1; i++) {
                char c = s.charAt(i);
                if (c < ' ' || c == 0x7f || c == '\\' || c == '"' || c == '\'') {
                    throw error(l, i, "character not allowed in a section name");
                }
            }
            l.kind = Kind.SECTION;
            l.section = s.subSequence(a + 1, b - 1).toString();
            return l.section;
        }
        int eq = -1;
        for (int i = a; i < b; i++) {
            if (s.charAt(i) == '=') {
                eq = i;
                break;
            }
        }
        if (eq < 0) {
            throw error(l, a, "not a comment, a [Section] header or a Key=Value line (no '=')");
        }
        if (eq == a) {
            throw error(l, a, "missing key name before '='");
        }
        if (section == null) {
            throw error(l, a, "Key=Value line before the first [Section] header");
        }
        int ke = eq;
        while (isBlank(s.charAt(ke - 1))) {
            ke--;
        }
        int vs = eq + 1;
        while (vs < b && isBlank(s.charAt(vs))) {
            vs++;
        }
        l.kind = Kind.ASSIGNMENT;
        l.section = section;
        l.key = s.subSequence(a, ke).toString();
        if (l.isEnvironment()) {
            if (vs == b) {
                l.reset = true;
            } else {
                l.words = List.copyOf(words(l, vs, b));
            }
        }
        return section;
    }

    /** Splits an Environment= value into words as systemd's extract_first_word does, and checks each word. */
    private List<Word> words(Logical l, int from, int to) throws DropInParseException {
        CharSequence s = l.chars;
        List<Word> words = new ArrayList<>();
        int p = from;
        while (true) {
            while (p < to && isBlank(s.charAt(p))) {
                p++;
            }
            if (p >= to) {
                return words;
            }
            int start = p;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            char quote = 0;
            int quoteAt = -1;
            while (true) {
                if (p >= to) {
                    if (quote != 0) {
                        throw error(l, quoteAt, "unterminated quote: this " + (quote == '"' ? "double" : "single")
                                + " quote is never closed");
                    }
                    break;
                }
                char c = s.charAt(p);
                if (c == '\\') {
                    p = escape(l, p, to, bytes);
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                        p++;
                    } else {
                        p = literal(s, p, bytes);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    quoteAt = p;
                    p++;
                } else if (isBlank(c)) {
                    break;
                } else {
                    p = literal(s, p, bytes);
                }
            }
            words.add(new Word(start, p, assignment(l, start, p, bytes.toByteArray())));
        }
    }

    private EnvAssignment assignment(Logical l, int from, int to, byte[] bytes) throws DropInParseException {
        String word;
        try {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            word = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw error(l, from, "the escapes in this assignment do not make valid UTF-8; systemd ignores it");
        }
        for (int i = 0; i < word.length(); i += Character.charCount(word.codePointAt(i))) {
            if (!unicharIsValid(word.codePointAt(i))) {
                throw error(l, from, String.format("the value contains U+%04X, which systemd does not accept; "
                        + "it ignores this assignment", word.codePointAt(i)));
            }
        }
        int eq = word.indexOf('=');
        if (eq < 0) {
            throw error(l, from, "not a VARIABLE=value assignment (no '='); systemd ignores it");
        }
        String key = word.substring(0, eq);
        if (!validName(key)) {
            throw error(l, from, "'" + key + "' is not a valid environment variable name (letters, digits and '_', "
                    + "not starting with a digit); systemd ignores this assignment");
        }
        StringBuilder value = new StringBuilder();
        List<String> specifiers = new ArrayList<>();
        expandPercent(word.substring(eq + 1), value, specifiers);
        int[] pos = position(l.map[from]);
        int endLine = position(l.map[to - 1])[0];
        return new EnvAssignment(key, value.toString(), pos[0], pos[1], endLine, l.chars.substring(from, to),
                specifiers);
    }

    /**
     * systemd's specifier_printf as far as it can be done without systemd: {@code %%} is {@code %}, a {@code %}
     * before a letter or digit is a specifier (kept as written, listed), before anything else it is literal, and
     * a {@code %} at the end is literal.
     */
    static void expandPercent(String template, StringBuilder value, List<String> specifiers) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 == template.length()) {
                value.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (n == '%') {
                value.append('%');
            } else {
                value.append('%').append(n);
                if (n < 128 && Character.isLetterOrDigit(n)) {
                    specifiers.add("%" + n);
                }
            }
        }
    }

    private static int literal(CharSequence s, int p, ByteArrayOutputStream bytes) {
        int cp = Character.codePointAt(s, p);
        utf8(cp, bytes);
        return p + Character.charCount(cp);
    }

    /** systemd's cunescape_one (without NUL): returns the index after the escape. */
    private int escape(Logical l, int p, int to, ByteArrayOutputStream bytes) throws DropInParseException {
        CharSequence s = l.chars;
        if (p + 1 >= to) {
            throw error(l, p, "a backslash at the end of the value escapes nothing; systemd ignores the whole line");
        }
        char c = s.charAt(p + 1);
        switch (c) {
            case 'a' -> bytes.write(7);
            case 'b' -> bytes.write(8);
            case 'f' -> bytes.write(12);
            case 'n' -> bytes.write('\n');
            case 'r' -> bytes.write('\r');
            case 't' -> bytes.write('\t');
            case 'v' -> bytes.write(11);
            case '\\', '"', '\'' -> bytes.write(c);
            case 's' -> bytes.write(' ');
            case 'x' -> {
                int v = digits(l, p, to, 2, 16);
                if (v == 0) {
                    throw error(l, p, "\\x00 (NUL) is not allowed; systemd ignores the whole line");
                }
                bytes.write(v);
                return p + 4;
            }
            case 'u', 'U' -> {
                int n = c == 'u' ? 4 : 8;
                long v = digitsLong(l, p, to, n);
                if (v == 0) {
                    throw error(l, p, "\\" + c + " escape of NUL is not allowed; systemd ignores the whole line");
                }
                if (c == 'U' && !unicharIsValid(v)) {
                    throw error(l, p, "\\U escape of an invalid code point; systemd ignores the whole line");
                }
                utf8((int) v, bytes);
                return p + 2 + n;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = 0;
                for (int i = 1; i <= 3; i++) {
                    int d = p + i < to ? Character.digit(s.charAt(p + i), 8) : -1;
                    if (d < 0) {
                        throw error(l, p, "an octal escape needs exactly three digits 0-7; systemd ignores the "
                                + "whole line");
                    }
                    v = v * 8 + d;
                }
                if (v == 0 || v > 255) {
                    throw error(l, p, "octal escape out of range (\\001 to \\377); systemd ignores the whole line");
                }
                bytes.write(v);
                return p + 4;
            }
            default -> throw error(l, p, "unknown escape sequence '\\" + new String(Character.toChars(
                    Character.codePointAt(s, p + 1))) + "'; systemd ignores the whole line");
        }
        return p + 2;
    }

    private int digits(Logical l, int p, int to, int n, int radix) throws DropInParseException {
        return (int) digitsLong(l, p, to, n, radix);
    }

    private long digitsLong(Logical l, int p, int to, int n) throws DropInParseException {
        return digitsLong(l, p, to, n, 16);
    }

    private long digitsLong(Logical l, int p, int to, int n, int radix) throws DropInParseException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int at = p + 2 + i;
            int d = at < to ? hexDigit(l.chars.charAt(at)) : -1;
            if (d < 0 || d >= radix) {
                throw error(l, p, "'\\" + l.chars.charAt(p + 1) + "' needs " + n + " hexadecimal digits; systemd "
                        + "ignores the whole line");
            }
            v = v * radix + d;
        }
        return v;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** UTF-8 of a code point, surrogates included (as systemd's utf8_encode_unichar; the decoder rejects them). */
    private static void utf8(int cp, ByteArrayOutputStream out) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
    }

    /** systemd's unichar_is_valid: no surrogates, no U+FDD0..U+FDEF, no U+xxFFFE/U+xxFFFF. */
    static boolean unicharIsValid(long ch) {
        if (ch >= 0x110000 || ch < 0) {
            return false;
        }
        if ((ch & 0xFFFFF800L) == 0xD800) {
            return false;
        }
        if (ch >= 0xFDD0 && ch <= 0xFDEF) {
            return false;
        }
        return (ch & 0xFFFE) != 0xFFFE;
    }

    static boolean validName(String name) {
        if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {line, column}, both 1-based, of an offset in the text. */
    int[] position(int offset) {
        int lo = 0;
        int hi = lines.size() - 1;
        int li = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (lines.get(mid).start() <= offset) {
                li = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (lines.isEmpty()) {
            return new int[] {1, 1};
        }
        int from = lines.get(li).start() + (li == 0 ? bom : 0);
        int column = offset <= from ? 1 : text.codePointCount(from, Math.min(offset, text.length())) + 1;
        return new int[] {li + 1, column};
    }

    DropInParseException error(int offset, String reason) {
        int[] pos = position(offset);
        return new DropInParseException(pos[0], pos[1], reason);
    }

    /** An error at a logical index; the index just past the end means just past the last character. */
    private DropInParseException error(Logical l, int index, String reason) {
        int offset = index < l.chars.length() ? l.map[index] : l.map[l.chars.length() - 1] + 1;
        return error(offset, reason);
    }
}
