package io.github.rootlesspanel.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.DropInParseException;
import io.github.rootlesspanel.config.dropin.EnvAssignment;

/**
 * Properties of reading and writing: printable values survive a write and a read, a change leaves the rest of the
 * file alone, unwritable values are always refused, and generated files (every quoting style, escapes,
 * continuations with comments inside, resets, several sections) read back as the generator meant them.
 */
class DropInPropertiesTest {

    private static final int TRIES = 5000;

    // --- values ------------------------------------------------------------------------------------------------

    /** Code points a user may type: ASCII (all the characters that matter to systemd), tab, and non-ASCII. */
    private static Arbitrary<String> codePoint(boolean withControls) {
        List<Tuple.Tuple2<Integer, Arbitrary<String>>> parts = new ArrayList<>();
        parts.add(Tuple.of(10, Arbitraries.strings().withCharRange(' ', '~').ofLength(1)));
        parts.add(Tuple.of(8, Arbitraries.of(" ", "\"", "'", "\\", "%", "$", ";", "#", "=", "\t", "%%", "\\\\", "%h")));
        parts.add(Tuple.of(3, Arbitraries.strings().withCharRange('\u00a0', '\u024f').ofLength(1)));
        parts.add(Tuple.of(2, Arbitraries.strings().withCharRange('\u0370', '\u04ff').ofLength(1)));
        parts.add(Tuple.of(2, Arbitraries.strings().withCharRange('\u4e00', '\u4fff').ofLength(1)));
        parts.add(Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1F6FF).map(Character::toString)));
        parts.add(Tuple.of(1, Arbitraries.of("\u2028", "\u00a0", "\u200b", "\uFEFF", "\uFFFD")));
        if (withControls) {
            parts.add(Tuple.of(2, Arbitraries.of("\n", "\r", "\u0001", "\u001b", "\u007f")));
        }
        return Arbitraries.frequencyOf(parts);
    }

    private static Arbitrary<String> text(boolean withControls, int max) {
        return codePoint(withControls).list().ofMaxSize(max).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> printableValues() {
        return text(false, 24);
    }

    @Provide
    Arbitrary<String> brokenValues() {
        return Combinators.combine(text(false, 10), Arbitraries.of("\n", "\r", "\0", "\r\n"), text(false, 10))
                .as((a, bad, b) -> a + bad + b);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> random = Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').withChars('_', 'a', 'z').ofLength(1),
                Arbitraries.strings().withCharRange('A', 'Z').withCharRange('0', '9').withChars('_').ofMaxLength(10))
                .as((a, b) -> a + b);
        java.util.Set<String> known = new java.util.TreeSet<>(List.of(Corpus.MTU, "A", "B", "PATH"));
        for (String name : Corpus.names()) {
            Corpus.parse(name).assignments(DropIn.SERVICE).forEach(a -> known.add(a.key()));
        }
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(known)), Tuple.of(1, random));
    }

    @Provide
    Arbitrary<String> corpusFiles() {
        return Arbitraries.of(Corpus.names());
    }

    @Provide
    Arbitrary<Optional<String>> changes() {
        return printableValues().optional(0.8);
    }

    // --- properties on the corpus ----------------------------------------------------------------------------

    @Property(tries = TRIES)
    void settingThenReadingGivesTheValueBack(@ForAll("corpusFiles") String file, @ForAll("names") String key,
            @ForAll("printableValues") String value) throws DropInParseException {
        DropIn changed = Corpus.parse(file).withEnvironment(key, Optional.of(value));
        assertThat(changed.environmentMap(DropIn.SERVICE)).containsEntry(key, value);
        DropIn reread = DropIn.parse(changed.text());
        assertThat(reread.environmentMap(DropIn.SERVICE)).containsEntry(key, value);
        EnvAssignment a = reread.environment(DropIn.SERVICE).stream().filter(x -> x.key().equals(key)).findFirst()
                .orElseThrow();
        assertThat(a.specifiers()).isEmpty();
    }

    @Property(tries = TRIES)
    void aChangeLeavesTheRestOfTheFileAlone(@ForAll("corpusFiles") String file, @ForAll("names") String key,
            @ForAll("changes") Optional<String> value) {
        String before = Corpus.text(file);
        DropIn original = Corpus.parse(file);
        DropIn changed = original.withEnvironment(key, value);
        String after = changed.text();

        List<String> a = Corpus.lines(before);
        List<String> b = Corpus.lines(after);
        boolean[][] kept = lcs(a, b);
        boolean sectionAdded = !original.sections().contains(DropIn.SERVICE) && value.isPresent();
        // The lines an assignment of the key spans may change or go. Besides those, a change may only delete a
        // bare "Environment=\" head line of a continued line left without assignments, and take the continuation
        // backslash off the line before a removed last segment.
        java.util.Set<Integer> spanned = new java.util.HashSet<>();
        for (EnvAssignment x : original.assignments(DropIn.SERVICE)) {
            if (x.key().equals(key)) {
                for (int line = x.line(); line <= x.endLine(); line++) {
                    spanned.add(line - 1);
                }
            }
        }
        List<String> unContinued = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (kept[0][i]) {
                continue;
            }
            if (spanned.contains(i)) {
                holders.add(a.get(i));
            } else if (!a.get(i).matches("[ \t]*Environment[ \t]*=[ \t]*\\\\")) {
                String without = a.get(i).replaceFirst("[ \t]*\\\\$", "");
                assertThat(without).as("changed or deleted line %d of %s: %s", i + 1, file, a.get(i))
                        .isNotEqualTo(a.get(i));
                unContinued.add(without);
            }
        }
        int added = 0;
        for (int j = 0; j < b.size(); j++) {
            if (!kept[1][j]) {
                added++;
                String line = b.get(j);
                // set: the line holds the new assignment; removed: what is left of a line that held it
                boolean ok = line.contains(key + "=") || unContinued.remove(line)
                        || holders.stream().anyMatch(h -> isSubsequence(line, h))
                        || sectionAdded && (line.equals("[Service]") || line.isEmpty());
                assertThat(ok).as("new line %d of %s: %s", j + 1, file, line).isTrue();
            }
        }
        assertThat(unContinued).as("un-continued lines that are not in the new file").isEmpty();
        assertThat(added).isLessThanOrEqualTo(a.size() - countKept(kept[0]) + (sectionAdded ? 3 : 1));
        assertThat(Corpus.comments(after)).isEqualTo(Corpus.comments(before));
        // a new file gets a final newline; otherwise the file keeps its convention
        assertThat(after.endsWith("\n")).isEqualTo(before.isEmpty() ? !after.isEmpty() : before.endsWith("\n"));

        Map<String, String> expected = new LinkedHashMap<>(original.environmentMap(DropIn.SERVICE));
        value.ifPresentOrElse(v -> expected.put(key, v), () -> expected.remove(key));
        assertThat(changed.environmentMap(DropIn.SERVICE)).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(changed.resetsEnvironment(DropIn.SERVICE)).isEqualTo(original.resetsEnvironment(DropIn.SERVICE));
    }

    @Property(tries = TRIES)
    void lineBreaksAndNulAreAlwaysRejected(@ForAll("corpusFiles") String file, @ForAll("names") String key,
            @ForAll("brokenValues") String value) {
        DropIn d = Corpus.parse(file);
        assertThatThrownBy(() -> d.withEnvironment(key, Optional.of(value))).isInstanceOf(IllegalArgumentException.class);
        Map<String, Optional<String>> several = new LinkedHashMap<>();
        several.put("FINE", Optional.of("ok"));
        several.put(key, Optional.of(value));
        assertThatThrownBy(() -> d.withEnvironment(several)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DropIn.requireWritable(key, value)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.text()).isEqualTo(Corpus.text(file));
    }

    // --- properties on generated files -----------------------------------------------------------------------

    @Property(tries = TRIES)
    void generatedFilesRoundTripAndMeanWhatTheyWereMadeToMean(@ForAll("files") Generated file) throws Exception {
        DropIn d = DropIn.parse(file.text());
        String t = file.text();
        net.jqwik.api.statistics.Statistics.label("continuation").collect(t.contains("\\\n"));
        net.jqwik.api.statistics.Statistics.label("split quote").collect(t.contains("# split"));
        net.jqwik.api.statistics.Statistics.label("reset").collect(file.resets());
        net.jqwik.api.statistics.Statistics.label("env size").collect(Math.min(file.env().size(), 5));
        net.jqwik.api.statistics.Statistics.label("no final newline").collect(!t.endsWith("\n"));
        assertThat(d.text()).isEqualTo(file.text());
        assertThat(DropIn.parse(d.text()).text()).isEqualTo(file.text());
        assertThat(d.environmentMap(DropIn.SERVICE)).containsExactlyEntriesOf(file.env());
        assertThat(d.resetsEnvironment(DropIn.SERVICE)).isEqualTo(file.resets());
    }

    @Property(tries = TRIES)
    void generatedFilesCanBeChanged(@ForAll("files") Generated file, @ForAll("names") String key,
            @ForAll("changes") Optional<String> value) throws Exception {
        DropIn d = DropIn.parse(file.text());
        DropIn changed = d.withEnvironment(key, value);
        Map<String, String> expected = new LinkedHashMap<>(file.env());
        value.ifPresentOrElse(v -> expected.put(key, v), () -> expected.remove(key));
        DropIn reread = DropIn.parse(changed.text());
        assertThat(reread.environmentMap(DropIn.SERVICE)).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(Corpus.comments(changed.text())).isEqualTo(Corpus.comments(file.text()));
        assertThat(reread.text()).isEqualTo(changed.text());
    }

    // --- the generator -----------------------------------------------------------------------------------------

    /** A generated drop-in and what systemd makes of its [Service] environment. */
    record Generated(String text, Map<String, String> env, boolean resets) {
        @Override
        public String toString() {
            return text.replace("\t", "<TAB>") + "\n=> " + env;
        }
    }

    /** A piece of a file: its text (whole lines, each ending in a newline) and its meaning. */
    private record Block(String text, String header, List<String[]> assignments, boolean reset, boolean env) { }

    private enum Style { PLAIN, DOUBLE, SINGLE, INSIDE, ESCAPED, DOUBLE_ESCAPES, UTF8_BYTES, DOUBLE_SPLIT }

    @Provide
    Arbitrary<Generated> files() {
        Arbitrary<List<Block>> prelude = Arbitraries.oneOf(comment(), blank()).list().ofMaxSize(3);
        Arbitrary<List<Block>> body = Arbitraries.frequencyOf(Tuple.of(2, comment()), Tuple.of(1, blank()),
                Tuple.of(2, directive()), Tuple.of(6, environmentLine())).list().ofMaxSize(6);
        Arbitrary<List<Block>> section = Combinators.combine(header(), body).as(DropInPropertiesTest::concat);
        // one [Service] section with at least one Environment= line, somewhere among the others
        Arbitrary<List<Block>> service = Combinators.combine(
                Arbitraries.of("[Service]\n", " [Service]\t\n").map(h -> new Block(h, DropIn.SERVICE, List.of(), false, false)),
                environmentLine(), body).as((h, e, rest) -> {
                    List<Block> all = concat(h, List.of(e));
                    all.addAll(rest);
                    return all;
                });
        return Combinators.combine(Arbitraries.of(false, false, false, true), prelude, section.list().ofMaxSize(3),
                service, Arbitraries.integers().between(0, 3), Arbitraries.of(true, true, false))
                .as((bom, pre, others, mandatory, at, newline) -> {
                    List<List<Block>> sections = new ArrayList<>(others);
                    sections.add(Math.min(at, sections.size()), mandatory);
                    StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
                    List<Block> blocks = new ArrayList<>(pre);
                    sections.forEach(blocks::addAll);
                    Map<String, String> env = new LinkedHashMap<>();
                    boolean resets = false;
                    String current = null;
                    for (Block b : blocks) {
                        text.append(b.text());
                        if (b.header() != null) {
                            current = b.header();
                        }
                        if (b.env() && DropIn.SERVICE.equals(current)) {
                            if (b.reset()) {
                                env.clear();
                                resets = true;
                            }
                            for (String[] kv : b.assignments()) {
                                env.put(kv[0], kv[1]);
                            }
                        }
                    }
                    String t = text.toString();
                    if (!newline && t.endsWith("\n")) {
                        t = t.substring(0, t.length() - 1);
                    }
                    return new Generated(t, env, resets);
                });
    }

    private static List<Block> concat(Block first, List<Block> rest) {
        List<Block> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Arbitrary<Block> comment() {
        return Combinators.combine(Arbitraries.of("#", ";", "  #", "\t;", "#Environment=X=1 \\"), text(false, 20))
                .as((p, t) -> new Block(p + t + "\n", null, List.of(), false, false));
    }

    private static Arbitrary<Block> blank() {
        return Arbitraries.of("", " ", "\t", "  \t ").map(s -> new Block(s + "\n", null, List.of(), false, false));
    }

    private static Arbitrary<Block> header() {
        return Combinators.combine(Arbitraries.of("", " ", "\t"), Arbitraries.of("Service", "Service", "Service", "Service",
                "Unit", "Install", "X-Panel"), Arbitraries.of("", "  ", "\t"))
                .as((a, n, b) -> new Block(a + "[" + n + "]" + b + "\n", n, List.of(), false, false));
    }

    private static Arbitrary<Block> directive() {
        Arbitrary<String> value = text(false, 20).map(v -> v.replace("\\", "/"));
        return Combinators.combine(Arbitraries.of("ExecStart", "Delegate", "LimitNOFILE", "Restart", "Description",
                "EnvironmentFile", "X-Note", "environment"), Arbitraries.of("=", " = ", "\t="), value)
                .as((k, eq, v) -> new Block(k + eq + v + "\n", null, List.of(), false, false));
    }

    private static Arbitrary<String[]> assignmentToken() {
        return Combinators.combine(envNames(), text(true, 16), Arbitraries.of(Style.values()))
                .as((k, v, style) -> new String[] {k, v, render(k, v, style)});
    }

    private static Arbitrary<String> envNames() {
        return Arbitraries.of("A", "B", "PATH", "LANG", Corpus.MTU, "CONTAINERD_SNAPSHOTTER", "_X9", "no_proxy");
    }

    private static Arbitrary<String> separator() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(" ", "\t", "  ", " \t ")),
                Tuple.of(3, Combinators.combine(Arbitraries.of(" \\\n", "\\\n", "\t\\\n"),
                        Arbitraries.of("", "# inside the continuation\n", "; also skipped \\\n", "  # indented\n#\n"),
                        Arbitraries.of("", " ", "\t", "    ")).as((a, c, i) -> a + c + i)));
    }

    private static Arbitrary<Block> environmentLine() {
        Arbitrary<String> prefix = Arbitraries.of("Environment=", "Environment = ", "  Environment=\t", "\tEnvironment =");
        Arbitrary<Block> reset = Combinators.combine(prefix, Arbitraries.of("", " ", "\t"))
                .as((p, t) -> new Block(p + t + "\n", null, List.of(), true, true));
        Arbitrary<Block> assignments = Combinators.combine(prefix, assignmentToken().list().ofMinSize(1).ofMaxSize(4),
                separator().list().ofSize(4), Arbitraries.of("", " ", "\t "))
                .as((p, tokens, seps, trailing) -> {
                    StringBuilder line = new StringBuilder(p);
                    List<String[]> kv = new ArrayList<>();
                    for (int i = 0; i < tokens.size(); i++) {
                        if (i > 0) {
                            line.append(seps.get(i));
                        }
                        line.append(tokens.get(i)[2]);
                        kv.add(new String[] {tokens.get(i)[0], tokens.get(i)[1]});
                    }
                    return new Block(line + trailing + "\n", null, kv, false, true);
                });
        return Arbitraries.frequencyOf(Tuple.of(1, reset), Tuple.of(8, assignments));
    }

    /** Writes {@code key=value} in one of the ways systemd reads back as exactly that value. */
    static String render(String key, String value, Style style) {
        switch (style) {
            case PLAIN:
                if (value.codePoints().allMatch(c -> c > ' ' && c != '"' && c != '\'' && c != '\\' && c != 0x7f)) {
                    return key + "=" + value.replace("%", "%%");
                }
                return render(key, value, Style.DOUBLE);
            case DOUBLE:
                return "\"" + key + "=" + quoted(value, '"', false) + "\"";
            case SINGLE:
                return "'" + key + "=" + quoted(value, '\'', false) + "'";
            case INSIDE:
                return key + "=\"" + quoted(value, '"', false) + "\"";
            case DOUBLE_ESCAPES:
                return "\"" + key + "=" + quoted(value, '"', true) + "\"";
            case ESCAPED:
                return key + "=" + unquoted(value, false);
            case UTF8_BYTES:
                return key + "=" + unquoted(value, true);
            case DOUBLE_SPLIT:
                // a continuation inside the quotes, at a blank: the backslash-newline is read as that blank.
                // Not where the next line would start with a blank, '#' or ';' (it would be another blank, or a
                // comment line).
                for (int i = 0; i + 1 < value.length(); i++) {
                    char next = value.charAt(i + 1);
                    if (value.charAt(i) == ' ' && next != ' ' && next != '\t' && next != '#' && next != ';') {
                        return "\"" + key + "=" + quoted(value.substring(0, i), '"', false) + "\\\n# split\n"
                                + quoted(value.substring(i + 1), '"', false) + "\"";
                    }
                }
                return render(key, value, Style.INSIDE);
            default:
                throw new IllegalArgumentException(style.toString());
        }
    }

    private static String quoted(String v, char quote, boolean escapeMore) {
        StringBuilder sb = new StringBuilder();
        v.codePoints().forEach(c -> {
            if (c == '\\' || c == quote) {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '%') {
                sb.append("%%");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if ((c < ' ' && c != '\t') || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else if (escapeMore && c == ' ') {
                sb.append("\\s");
            } else if (escapeMore && c == 'e') {
                sb.append("\\x65");
            } else if (escapeMore && c == 'a') {
                sb.append("\\141");
            } else if (escapeMore && c >= 0x80 && c <= 0xFFFF) {
                sb.append(String.format("\\u%04x", c));
            } else if (escapeMore && c > 0xFFFF) {
                sb.append(String.format("\\U%08X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static String unquoted(String v, boolean utf8Bytes) {
        StringBuilder sb = new StringBuilder();
        v.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\'' -> sb.append("\\'");
                case ' ' -> sb.append("\\s");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '%' -> sb.append("%%");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        sb.append(String.format("\\%03o", c));
                    } else if (utf8Bytes && c >= 0x80) {
                        for (byte b : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                            sb.append(String.format("\\x%02x", b & 0xff));
                        }
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    // --- a small line LCS --------------------------------------------------------------------------------------

    /** For each line of a and of b: whether it is part of a longest common subsequence. */
    private static boolean[][] lcs(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] t = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        boolean[] ka = new boolean[n];
        boolean[] kb = new boolean[m];
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                ka[i++] = true;
                kb[j++] = true;
            } else if (t[i + 1][j] >= t[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return new boolean[][] {ka, kb};
    }

    private static boolean isSubsequence(String part, String whole) {
        int i = 0;
        for (int j = 0; j < whole.length() && i < part.length(); j++) {
            if (whole.charAt(j) == part.charAt(i)) {
                i++;
            }
        }
        return i == part.length();
    }

    private static int countKept(boolean[] kept) {
        int n = 0;
        for (boolean k : kept) {
            n += k ? 1 : 0;
        }
        return n;
    }
}
