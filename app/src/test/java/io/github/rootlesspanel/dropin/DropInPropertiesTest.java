package io.github.rootlesspanel.dropin;

import static io.github.rootlesspanel.dropin.Tries.Gen.weighted;
import static io.github.rootlesspanel.dropin.Tries.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.EnvAssignment;
import io.github.rootlesspanel.dropin.Tries.Gen;
import io.github.rootlesspanel.dropin.Tries.Weighted;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * Properties of reading and writing: printable values survive a write and a read, a change leaves the rest of the
 * file alone, unwritable values are always refused, and generated files (every quoting style, escapes,
 * continuations with comments inside, resets, several sections) read back as the generator meant them.
 *
 * <p>Each property runs {@link #TRIES} tries with fixed seeds (see {@link Tries}): the inputs of a try come from a
 * {@link Random} made from its seed, in the order the property draws them, so a failure names a seed that gives
 * the same inputs again ({@code -Drp.seed=<seed>}).
 */
@Tried(kind = Tried.Kind.INPUT, what = "seeded random drop-ins (every quoting style, escapes, continuations with "
        + "comments, resets, several sections) and values, read, changed and written (5 properties)",
        cases = DropInPropertiesTest.PROPERTIES * DropInPropertiesTest.TRIES,
        outcome = "printable values read back exactly; the rest of the file byte for byte; line breaks and NUL refused")
class DropInPropertiesTest {

    static final int PROPERTIES = 5;

    /** Tries per property: keeps the untagged tests within their time budget (5000 per property pass as well). */
    static final int TRIES = 250;

    static Stream<Long> settingSeeds() {
        return Tries.seeds(1_000, TRIES);
    }

    static Stream<Long> changeSeeds() {
        return Tries.seeds(2_000, TRIES);
    }

    static Stream<Long> rejectionSeeds() {
        return Tries.seeds(3_000, TRIES);
    }

    static Stream<Long> roundTripSeeds() {
        return Tries.seeds(4_000, TRIES);
    }

    static Stream<Long> generatedChangeSeeds() {
        return Tries.seeds(5_000, TRIES);
    }

    // --- values ------------------------------------------------------------------------------------------------

    /** Code points a user may type: ASCII (all the characters that matter to systemd), tab, and non-ASCII. */
    private static Gen<String> codePoint(boolean withControls) {
        List<Weighted<String>> parts = new ArrayList<>();
        parts.add(weighted(10, Gen.codePointIn(' ', '~')));
        parts.add(weighted(8, Gen.of(" ", "\"", "'", "\\", "%", "$", ";", "#", "=", "\t", "%%", "\\\\", "%h")));
        parts.add(weighted(3, Gen.codePointIn('\u00a0', '\u024f')));
        parts.add(weighted(2, Gen.codePointIn('\u0370', '\u04ff')));
        parts.add(weighted(2, Gen.codePointIn('\u4e00', '\u4fff')));
        parts.add(weighted(2, Gen.codePointIn(0x1F300, 0x1F6FF)));
        parts.add(weighted(1, Gen.of("\u2028", "\u00a0", "\u200b", "\uFEFF", "\uFFFD")));
        if (withControls) {
            parts.add(weighted(2, Gen.of("\n", "\r", "\u0001", "\u001b", "\u007f")));
        }
        return Gen.frequency(parts);
    }

    /** Up to {@code max} code points, every length equally likely. */
    private static Gen<String> text(boolean withControls, int max) {
        return codePoint(withControls).list(0, max).map(l -> String.join("", l));
    }

    private static final Gen<String> PRINTABLE_VALUES = text(false, 24);

    static Gen<String> printableValues() {
        return PRINTABLE_VALUES;
    }

    private static final Gen<String> BROKEN_VALUES = brokenValues();

    private static Gen<String> brokenValues() {
        Gen<String> around = text(false, 10);
        Gen<String> bad = Gen.of("\n", "\r", "\0", "\r\n");
        return r -> {
            String a = around.next(r);
            String b = bad.next(r);
            return a + b + around.next(r);
        };
    }

    private static final Gen<String> NAMES = names();

    /** The names in the corpus (the CONTAINERD_ROOTLESS_ROOTLESSKIT_* ones among them) three times in four. */
    private static Gen<String> names() {
        Gen<String> first = Gen.stringOf(Tries.range('A', 'Z') + "_az", 1, 1);
        Gen<String> rest = Gen.stringOf(Tries.range('A', 'Z') + Tries.range('0', '9') + "_", 0, 10);
        Gen<String> random = r -> {
            String a = first.next(r);
            return a + rest.next(r);
        };
        java.util.Set<String> known = new java.util.TreeSet<>(List.of(Corpus.MTU, "A", "B", "PATH"));
        for (String name : Corpus.names()) {
            Corpus.parse(name).assignments(DropIn.SERVICE).forEach(a -> known.add(a.key()));
        }
        return Gen.frequency(weighted(3, Gen.of(known)), weighted(1, random));
    }

    private static final Gen<String> CORPUS_FILES = Gen.of(Corpus.names());

    private static final Gen<Optional<String>> CHANGES = PRINTABLE_VALUES.optional(0.8);

    // --- properties on the corpus ----------------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("settingSeeds")
    void settingThenReadingGivesTheValueBack(long seed) {
        Random r = Tries.random(seed);
        String file = CORPUS_FILES.next(r);
        String key = NAMES.next(r);
        String value = PRINTABLE_VALUES.next(r);
        Tries.check(seed, () -> "file " + file + ", key " + key + ", value " + show(value), () -> {
            DropIn changed = Corpus.parse(file).withEnvironment(key, Optional.of(value));
            assertThat(changed.environmentMap(DropIn.SERVICE)).containsEntry(key, value);
            DropIn reread = DropIn.parse(changed.text());
            assertThat(reread.environmentMap(DropIn.SERVICE)).containsEntry(key, value);
            EnvAssignment a = reread.environment(DropIn.SERVICE).stream().filter(x -> x.key().equals(key)).findFirst()
                    .orElseThrow();
            assertThat(a.specifiers()).isEmpty();
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("changeSeeds")
    void aChangeLeavesTheRestOfTheFileAlone(long seed) {
        Random r = Tries.random(seed);
        String file = CORPUS_FILES.next(r);
        String key = NAMES.next(r);
        Optional<String> value = CHANGES.next(r);
        Tries.check(seed, () -> "file " + file + ", key " + key + ", value " + show(value),
                () -> aChangeLeavesTheRestOfTheFileAlone(file, key, value));
    }

    private static void aChangeLeavesTheRestOfTheFileAlone(String file, String key, Optional<String> value) {
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

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("rejectionSeeds")
    void lineBreaksAndNulAreAlwaysRejected(long seed) {
        Random r = Tries.random(seed);
        String file = CORPUS_FILES.next(r);
        String key = NAMES.next(r);
        String value = BROKEN_VALUES.next(r);
        Tries.check(seed, () -> "file " + file + ", key " + key + ", value " + show(value), () -> {
            DropIn d = Corpus.parse(file);
            assertThatThrownBy(() -> d.withEnvironment(key, Optional.of(value)))
                    .isInstanceOf(IllegalArgumentException.class);
            Map<String, Optional<String>> several = new LinkedHashMap<>();
            several.put("FINE", Optional.of("ok"));
            several.put(key, Optional.of(value));
            assertThatThrownBy(() -> d.withEnvironment(several)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> DropIn.requireWritable(key, value)).isInstanceOf(IllegalArgumentException.class);
            assertThat(d.text()).isEqualTo(Corpus.text(file));
        });
    }

    // --- properties on generated files -----------------------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("roundTripSeeds")
    void generatedFilesRoundTripAndMeanWhatTheyWereMadeToMean(long seed) {
        Random r = Tries.random(seed);
        Generated file = FILES.next(r);
        Tries.check(seed, () -> "file " + file, () -> {
            DropIn d = DropIn.parse(file.text());
            assertThat(d.text()).isEqualTo(file.text());
            assertThat(DropIn.parse(d.text()).text()).isEqualTo(file.text());
            assertThat(d.environmentMap(DropIn.SERVICE)).containsExactlyEntriesOf(file.env());
            assertThat(d.resetsEnvironment(DropIn.SERVICE)).isEqualTo(file.resets());
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("generatedChangeSeeds")
    void generatedFilesCanBeChanged(long seed) {
        Random r = Tries.random(seed);
        Generated file = FILES.next(r);
        String key = NAMES.next(r);
        Optional<String> value = CHANGES.next(r);
        Tries.check(seed, () -> "file " + file + "\nkey " + key + ", value " + show(value), () -> {
            DropIn d = DropIn.parse(file.text());
            DropIn changed = d.withEnvironment(key, value);
            Map<String, String> expected = new LinkedHashMap<>(file.env());
            value.ifPresentOrElse(v -> expected.put(key, v), () -> expected.remove(key));
            DropIn reread = DropIn.parse(changed.text());
            assertThat(reread.environmentMap(DropIn.SERVICE)).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(Corpus.comments(changed.text())).isEqualTo(Corpus.comments(file.text()));
            assertThat(reread.text()).isEqualTo(changed.text());
        });
    }

    // --- the generator -----------------------------------------------------------------------------------------

    /** A generated drop-in and what systemd makes of its [Service] environment. */
    record Generated(String text, Map<String, String> env, boolean resets) {
        @Override
        public String toString() {
            return text.replace("\t", "<TAB>") + "\n(exactly " + show(text) + ")\n=> " + env.entrySet().stream()
                    .map(e -> e.getKey() + "=" + show(e.getValue())).collect(Collectors.joining(", ", "{", "}"))
                    + (resets ? " after a reset" : "");
        }
    }

    /** A piece of a file: its text (whole lines, each ending in a newline) and its meaning. */
    private record Block(String text, String header, List<String[]> assignments, boolean reset, boolean env) { }

    private enum Style { PLAIN, DOUBLE, SINGLE, INSIDE, ESCAPED, DOUBLE_ESCAPES, UTF8_BYTES, DOUBLE_SPLIT }

    private static final Gen<Generated> FILES = files();

    /** Drop-ins with one [Service] section that has an Environment= line, among other sections. */
    static Gen<Generated> files() {
        Gen<List<Block>> prelude = Gen.<Block>oneOf(comment(), blank()).list(0, 3);
        Gen<List<Block>> body = Gen.<Block>frequency(weighted(2, comment()), weighted(1, blank()),
                weighted(2, directive()), weighted(6, environmentLine())).list(0, 6);
        Gen<Block> header = header();
        Gen<List<Block>> section = r -> {
            Block h = header.next(r);
            return concat(h, body.next(r));
        };
        Gen<List<List<Block>>> sectionList = section.list(0, 3);
        // one [Service] section with at least one Environment= line, somewhere among the others
        Gen<Block> serviceHeader = Gen.of("[Service]\n", " [Service]\t\n")
                .map(h -> new Block(h, DropIn.SERVICE, List.of(), false, false));
        Gen<Block> environmentLine = environmentLine();
        Gen<List<Block>> service = r -> {
            Block h = serviceHeader.next(r);
            Block e = environmentLine.next(r);
            List<Block> all = concat(h, List.of(e));
            all.addAll(body.next(r));
            return all;
        };
        Gen<Boolean> boms = Gen.of(false, false, false, true);
        Gen<Boolean> newlines = Gen.of(true, true, false);
        return r -> {
            boolean bom = boms.next(r);
            List<Block> pre = prelude.next(r);
            List<List<Block>> others = sectionList.next(r);
            List<Block> mandatory = service.next(r);
            int at = r.nextInt(4);
            boolean newline = newlines.next(r);

            List<List<Block>> sections = new ArrayList<>(others);
            sections.add(Math.min(at, sections.size()), mandatory);
            // after a byte order mark systemd sees no comment on the first line (DropIn refuses that)
            boolean blankFirst = bom && !pre.isEmpty()
                    && pre.get(0).text().replaceFirst("^[ \t]*", "").matches("(?s)[#;].*");
            StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "").append(blankFirst ? "\n" : "");
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
        };
    }

    private static List<Block> concat(Block first, List<Block> rest) {
        List<Block> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Gen<Block> comment() {
        Gen<String> prefixes = Gen.of("#", ";", "  #", "\t;", "#Environment=X=1 \\");
        Gen<String> texts = text(false, 20);
        return r -> {
            String p = prefixes.next(r);
            return new Block(p + texts.next(r) + "\n", null, List.of(), false, false);
        };
    }

    private static Gen<Block> blank() {
        return Gen.of("", " ", "\t", "  \t ").map(s -> new Block(s + "\n", null, List.of(), false, false));
    }

    private static Gen<Block> header() {
        Gen<String> before = Gen.of("", " ", "\t");
        Gen<String> names = Gen.of("Service", "Service", "Service", "Service", "Unit", "Install", "X-Panel");
        Gen<String> after = Gen.of("", "  ", "\t");
        return r -> {
            String a = before.next(r);
            String n = names.next(r);
            String b = after.next(r);
            return new Block(a + "[" + n + "]" + b + "\n", n, List.of(), false, false);
        };
    }

    private static Gen<Block> directive() {
        // Directives DropIn does not own. Random text only where systemd at most warns: a bad value of some other
        // directives (ExecStart=/) makes systemd stop reading the file, which is not DropIn's business.
        // No backslash in the text (it could continue the line).
        Gen<String> free = text(false, 20).map(v -> v.replace("\\", "/"));
        Gen<String> freeKeys = Gen.of("X-Note", "Description", "environment");
        Gen<String> withFreeText = r -> {
            String k = freeKeys.next(r);
            return k + "=" + free.next(r);
        };
        Gen<String> fixed = Gen.of("Delegate=yes", "LimitNOFILE=1048576", "ExecStartPre=-/bin/sh -c 'exit 0'",
                "Restart=always", "EnvironmentFile=-%h/.config/containerd.env", "ExecStart=", "KillMode=mixed");
        Gen<String> line = Gen.oneOf(withFreeText, fixed);
        Gen<String> indents = Gen.of("", " ", "\t");
        return r -> {
            String l = line.next(r);
            String indent = indents.next(r);
            return new Block(indent + l.replaceFirst("=", indent.isEmpty() ? "=" : " = ") + "\n", null, List.of(),
                    false, false);
        };
    }

    private static Gen<String[]> assignmentToken() {
        Gen<String> names = envNames();
        Gen<String> values = text(true, 16);
        Gen<Style> styles = Gen.of(Style.values());
        return r -> {
            String k = names.next(r);
            String v = values.next(r);
            Style style = styles.next(r);
            return new String[] {k, v, render(k, v, style)};
        };
    }

    private static Gen<String> envNames() {
        return Gen.of("A", "B", "PATH", "LANG", Corpus.MTU, "CONTAINERD_SNAPSHOTTER", "_X9", "no_proxy");
    }

    private static Gen<String> separator() {
        Gen<String> continuations = Gen.of(" \\\n", "\\\n", "\t\\\n");
        Gen<String> comments = Gen.of("", "# inside the continuation\n", "; also skipped \\\n", "  # indented\n#\n");
        Gen<String> indents = Gen.of("", " ", "\t", "    ");
        Gen<String> continued = r -> {
            String a = continuations.next(r);
            String c = comments.next(r);
            return a + c + indents.next(r);
        };
        return Gen.frequency(weighted(6, Gen.of(" ", "\t", "  ", " \t ")), weighted(3, continued));
    }

    private static Gen<Block> environmentLine() {
        Gen<String> prefix = Gen.of("Environment=", "Environment = ", "  Environment=\t", "\tEnvironment =");
        Gen<String> resetTails = Gen.of("", " ", "\t");
        Gen<Block> reset = r -> {
            String p = prefix.next(r);
            return new Block(p + resetTails.next(r) + "\n", null, List.of(), true, true);
        };
        Gen<List<String[]>> tokenLists = assignmentToken().list(1, 4);
        Gen<List<String>> separatorLists = separator().list(4, 4);
        Gen<String> trailings = Gen.of("", " ", "\t ");
        Gen<Block> assignments = r -> {
            String p = prefix.next(r);
            List<String[]> tokens = tokenLists.next(r);
            List<String> seps = separatorLists.next(r);
            String trailing = trailings.next(r);
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
        };
        return Gen.frequency(weighted(1, reset), weighted(15, assignments));
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
