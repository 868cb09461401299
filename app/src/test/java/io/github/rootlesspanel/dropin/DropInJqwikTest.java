package io.github.rootlesspanel.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.DropInParseException;
import io.github.rootlesspanel.config.dropin.EnvAssignment;
import io.github.rootlesspanel.testsupport.Tried;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * jqwik properties of the drop-in parser and printer: any text either parses and prints back byte for byte or is
 * refused with a DropInParseException (never a wrong reading); a value set and read back is the value, with no
 * specifier left for systemd to expand; a value never adds a line, section or directive of its own; line breaks
 * and NUL are always refused. DropInPropertiesTest (seeded, with its own file generator) stays beside these.
 */
class DropInJqwikTest {

    static final int TRIES = 1000;

    /**
     * Drop-in-like text: lines that are section headers, comments, Environment= lines with words in every quoting
     * style, other directives, blanks and junk, ended by a newline, a continuation or a CRLF — so that most parse and
     * some do not (unbalanced quotes, a NUL, a bad escape).
     */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> word = Arbitraries.of("A=1", "B=\"x y\"", "'C=q r'", "D=%h", "E=%%", "F=$X", "G=a\\sb",
                "H=\\x41", "I=ä☕", "J=\"a\\\"b\"", "K=", "L=a;b", "M=#x", "Q=\\u00e4");
        Arbitrary<String> badWord = Arbitraries.of("N='", "O=\\", "P=\0", "=x", "R=\\q");
        Arbitrary<String> env = Combinators.combine(Arbitraries.of("Environment=", "Environment = ", " Environment=\t"),
                Arbitraries.frequencyOf(Tuple.of(40, word), Tuple.of(1, badWord)).list().ofMinSize(0).ofMaxSize(4))
                .as((p, w) -> p + String.join(" ", w));
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("[Service]", "[Unit]", " [Service]\t", "[X-Y]")),
                Tuple.of(1, Arbitraries.of("[Service", "X", "\0")),
                Tuple.of(4, Arbitraries.of("# comment \"x", "; semicolon", "#", "  # [Service]")),
                Tuple.of(12, env),
                Tuple.of(6, Arbitraries.of("ExecStart=/bin/true", "Description=a %h b", "Restart=always")),
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        Arbitrary<String> end = Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.just("\n")),
                Tuple.of(2, Arbitraries.just(" \\\n")), Tuple.of(1, Arbitraries.just("\r\n")),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> head = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("[Service]\n")),
                Tuple.of(1, Arbitraries.just("")));
        return Combinators.combine(head, Combinators.combine(line, end).as((l, e) -> l + e).list().ofMaxSize(12))
                .as((h, l) -> h + String.join("", l));
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(Corpus.names());
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> known = Arbitraries.of("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU",
                "CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS", "A", "B", "PATH", "_X9");
        Arbitrary<String> any = Arbitraries.strings().withCharRange('A', 'Z').withChars("_0123456789").ofMinLength(1)
                .ofMaxLength(12).filter(s -> !Character.isDigit(s.charAt(0)));
        return Arbitraries.oneOf(known, any);
    }

    /** Single-line values, heavy on what systemd or a shell reads specially. */
    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> special = Arbitraries.of(" ", "\t", "\"", "'", "\\", "%", "%h", "%%", "%u", "$", "${X}", ";",
                "#", "=", "\\n", "ä", "☕", "\u2028", "\u00a0", "-", "--x");
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(4);
        return Arbitraries.oneOf(special, plain).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> broken() {
        return Arbitraries.of("\n", "\r", "\0", "\r\n").flatMap(b -> values().list().ofSize(2)
                .map(l -> l.get(0) + b + l.get(1)));
    }

    @Property(tries = TRIES)
    @Tried(kind = Tried.Kind.INPUT, what = "jqwik: arbitrary text (section headers, Environment=, quotes, escapes, "
            + "continuations, comments, specifiers, NUL, BOM) through the drop-in parser and printer", cases = TRIES,
            outcome = "printed back byte for byte, or refused with a parse error; never a different file")
    void anyTextPrintsBackOrIsRefused(@ForAll("texts") String text) {
        boolean parsed;
        try {
            DropIn d = DropIn.parse(text);
            assertThat(d.text()).isEqualTo(text);
            assertThat(DropIn.parse(d.text()).environmentMap(DropIn.SERVICE)).isEqualTo(d.environmentMap(DropIn.SERVICE));
            parsed = true;
        } catch (DropInParseException e) {
            assertThat(e.getMessage()).isNotBlank();
            parsed = false;
        }
        Statistics.label("parsed").collect(parsed);
        Statistics.label("parsed").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    @Property(tries = TRIES)
    @Tried(kind = Tried.Kind.INPUT, what = "jqwik: generated values with blanks, quotes, \\, %, $, ;, # and non-ASCII "
            + "set into every corpus drop-in", cases = TRIES,
            outcome = "read back exactly, no specifier left; no line, section or other assignment added or changed")
    void aValueIsReadBackAndAddsNothing(@ForAll("files") String file, @ForAll("keys") String key,
                                        @ForAll("values") String value) throws DropInParseException {
        DropIn before = Corpus.parse(file);
        DropIn after = DropIn.parse(before.withEnvironment(key, Optional.of(value)).text());

        assertThat(after.environmentMap(DropIn.SERVICE)).containsEntry(key, value);
        EnvAssignment a = after.environment(DropIn.SERVICE).stream().filter(x -> x.key().equals(key)).findFirst()
                .orElseThrow();
        assertThat(a.specifiers()).isEmpty();
        assertThat(a.line()).isEqualTo(a.endLine());

        Map<String, String> others = new LinkedHashMap<>(before.environmentMap(DropIn.SERVICE));
        others.remove(key);
        Map<String, String> othersAfter = new LinkedHashMap<>(after.environmentMap(DropIn.SERVICE));
        othersAfter.remove(key);
        assertThat(othersAfter).isEqualTo(others);
        for (String section : before.sections()) {
            if (!section.equals(DropIn.SERVICE)) {
                assertThat(after.assignments(section)).isEqualTo(before.assignments(section));
            }
        }
        List<String> sections = new ArrayList<>(before.sections());
        if (!sections.contains(DropIn.SERVICE)) {
            sections.add(DropIn.SERVICE);
        }
        assertThat(after.sections()).isEqualTo(sections);
        // every new line holds the key's assignment, is the new [Service] header and the blank before it, or is
        // what is left of a line that held the key (the rest of a continued line)
        Map<String, Integer> left = counts(Corpus.lines(before.text()));
        List<String> added = new ArrayList<>();
        for (String line : Corpus.lines(after.text())) {
            if (left.merge(line, -1, Integer::sum) < 0) {
                added.add(line);
            }
        }
        List<String> removed = new ArrayList<>();
        left.forEach((line, n) -> {
            for (int i = 0; i < n; i++) {
                removed.add(line);
            }
        });
        for (String line : added) {
            String rest = line.strip().replaceFirst("\\s*\\\\$", "");
            assertThat(line.contains(key + "=") || line.equals("[Service]") || line.isEmpty()
                    || removed.stream().anyMatch(r -> r.contains(rest))).as("new line %s", line).isTrue();
        }
        assertThat(added.size()).isLessThanOrEqualTo(removed.size() + 3);
        assertThat(Corpus.comments(after.text())).isEqualTo(Corpus.comments(before.text()));
    }

    @Property(tries = TRIES)
    @Tried(kind = Tried.Kind.INPUT, what = "jqwik: values with a line break, carriage return or NUL set into a drop-in",
            cases = TRIES, outcome = "always refused; the drop-in unchanged")
    void lineBreaksAndNulAreRefused(@ForAll("files") String file, @ForAll("keys") String key,
                                    @ForAll("broken") String value) {
        DropIn d = Corpus.parse(file);
        assertThatThrownBy(() -> d.withEnvironment(key, Optional.of(value))).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.text()).isEqualTo(Corpus.text(file));
    }

    private static Map<String, Integer> counts(List<String> lines) {
        Map<String, Integer> m = new HashMap<>();
        lines.forEach(l -> m.merge(l, 1, Integer::sum));
        return m;
    }
}
