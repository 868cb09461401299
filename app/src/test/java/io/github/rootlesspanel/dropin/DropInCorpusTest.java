package io.github.rootlesspanel.dropin;

import static io.github.rootlesspanel.dropin.Corpus.MTU;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.EnvAssignment;

/**
 * Round trips over the corpus of real-world drop-ins: unchanged means byte-identical, and a change touches
 * exactly the lines that hold the assignment.
 */
class DropInCorpusTest {

    private static final String NEW = MTU + "=1280";

    /** What setting MTU to 1280 must do to each file: 1-based line numbers. */
    private sealed interface Expect permits Replaced, Inserted, NewSection, Deduplicated { }

    /** The assignment is rewritten in place on these lines; nothing else differs. */
    private record Replaced(Set<Integer> lines) implements Expect { }

    /** A new line {@code Environment=…} appears after this line (with this indentation); nothing else differs. */
    private record Inserted(int after, String indent) implements Expect { }

    /** A [Service] section is added at the end. */
    private record NewSection() implements Expect { }

    /** The earlier duplicate's line is deleted and the last one rewritten. */
    private record Deduplicated(int deleted, int replaced) implements Expect { }

    private static final Map<String, Expect> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("01-systemctl-edit.conf", new Replaced(Set.of(5)));
        EXPECTED.put("02-docs-quoted.conf", new Replaced(Set.of(3)));
        EXPECTED.put("03-several-per-line.conf", new Replaced(Set.of(3)));
        EXPECTED.put("04-continuation.conf", new Replaced(Set.of(4)));
        EXPECTED.put("05-escapes.conf", new Replaced(Set.of(5)));
        EXPECTED.put("06-reset.conf", new Replaced(Set.of(5)));
        EXPECTED.put("07-specifiers.conf", new Inserted(3, ""));
        EXPECTED.put("08-several-sections.conf", new Replaced(Set.of(7)));
        EXPECTED.put("09-exec-override.conf", new Inserted(4, ""));
        EXPECTED.put("10-no-trailing-newline.conf", new Replaced(Set.of(2)));
        EXPECTED.put("11-whitespace.conf", new Replaced(Set.of(2)));
        EXPECTED.put("12-unit-only.conf", new NewSection());
        EXPECTED.put("13-empty.conf", new NewSection());
        EXPECTED.put("14-quotes-inside-words.conf", new Inserted(3, ""));
        EXPECTED.put("15-comments.conf", new Inserted(6, ""));
        EXPECTED.put("16-proxy.conf", new Inserted(4, ""));
        EXPECTED.put("17-unicode.conf", new Inserted(6, ""));
        EXPECTED.put("18-duplicates.conf", new Deduplicated(2, 5));
        EXPECTED.put("19-quoted-continuation.conf", new Replaced(Set.of(4)));
    }

    static Stream<String> corpus() {
        return Corpus.names().stream();
    }

    @Test
    void theCorpusIsTheOneDescribedHere() {
        assertThat(Corpus.names()).hasSizeGreaterThanOrEqualTo(12).containsExactlyElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void unchangedIsByteIdentical(String name) throws Exception {
        DropIn d = Corpus.parse(name);
        assertThat(d.text()).isEqualTo(Corpus.text(name));
        assertThat(DropIn.parse(d.text()).text()).isEqualTo(Corpus.text(name));
        assertThat(d.withEnvironment(Map.of())).isEqualTo(d);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void settingTheSameValueAgainChangesNothing(String name) {
        DropIn d = Corpus.parse(name);
        for (EnvAssignment a : d.environment(DropIn.SERVICE)) {
            if (!a.usesSpecifiers()) {
                assertThat(d.withEnvironment(a.key(), Optional.of(a.value())).text()).as(a.key()).isEqualTo(d.text());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void changingTheMtuChangesOnlyTheLinesThatHoldIt(String name) {
        String before = Corpus.text(name);
        DropIn d = Corpus.parse(name);
        String after = d.withEnvironment(MTU, Optional.of("1280")).text();

        List<String> a = Corpus.lines(before);
        List<String> b = Corpus.lines(after);
        Expect expect = EXPECTED.get(name);
        if (expect instanceof Replaced r) {
            assertThat(b).hasSameSizeAs(a);
            String oldToken = d.environment(DropIn.SERVICE).stream().filter(x -> x.key().equals(MTU))
                    .findFirst().orElseThrow().written();
            for (int i = 0; i < a.size(); i++) {
                if (r.lines().contains(i + 1)) {
                    assertThat(b.get(i)).as("line %d", i + 1).isEqualTo(a.get(i).replace(oldToken, NEW));
                    assertThat(b.get(i)).isNotEqualTo(a.get(i));
                } else {
                    assertThat(b.get(i)).as("line %d", i + 1).isEqualTo(a.get(i));
                }
            }
        } else if (expect instanceof Inserted ins) {
            List<String> expected = new ArrayList<>(a);
            expected.add(ins.after(), ins.indent() + "Environment=" + NEW);
            assertThat(b).containsExactlyElementsOf(expected);
        } else if (expect instanceof NewSection) {
            List<String> expected = new ArrayList<>(a);
            if (!a.isEmpty()) {
                expected.add("");
            }
            expected.add("[Service]");
            expected.add("Environment=" + NEW);
            assertThat(b).containsExactlyElementsOf(expected);
        } else if (expect instanceof Deduplicated dd) {
            List<String> expected = new ArrayList<>(a);
            expected.set(dd.replaced() - 1, a.get(dd.replaced() - 1).replace(MTU + "=1350", NEW));
            expected.remove(dd.deleted() - 1);
            assertThat(b).containsExactlyElementsOf(expected);
        } else {
            throw new AssertionError("no expectation for " + name);
        }
        assertThat(after.endsWith("\n")).as("trailing newline kept").isEqualTo(before.isEmpty() || before.endsWith("\n"));
        assertThat(Corpus.comments(after)).as("every comment survives").isEqualTo(Corpus.comments(before));

        Map<String, String> expectedEnv = new LinkedHashMap<>(d.environmentMap(DropIn.SERVICE));
        expectedEnv.put(MTU, "1280");
        assertThat(Corpus.parse(name).withEnvironment(MTU, Optional.of("1280")).environmentMap(DropIn.SERVICE))
                .containsExactlyInAnyOrderEntriesOf(expectedEnv);
    }

    static Stream<Arguments> removals() {
        return Stream.of(
                Arguments.of("01-systemctl-edit.conf", List.of(5), Map.of()),
                Arguments.of("02-docs-quoted.conf", List.of(3), Map.of()),
                Arguments.of("03-several-per-line.conf", List.of(), Map.of(3,
                        "Environment=CONTAINERD_ROOTLESS_ROOTLESSKIT_NET=slirp4netns "
                                + "CONTAINERD_ROOTLESS_ROOTLESSKIT_DISABLE_HOST_LOOPBACK=false")),
                // the token was alone on its continuation line: that line goes, the comment inside stays
                Arguments.of("04-continuation.conf", List.of(4), Map.of()),
                Arguments.of("06-reset.conf", List.of(), Map.of(5, "Environment=NO_PROXY=localhost,127.0.0.1")),
                Arguments.of("10-no-trailing-newline.conf", List.of(2), Map.of()),
                Arguments.of("18-duplicates.conf", List.of(2), Map.of(5,
                        "Environment=CONTAINERD_ROOTLESS_ROOTLESSKIT_NET=slirp4netns")),
                Arguments.of("19-quoted-continuation.conf", List.of(), Map.of(4, " --copy-up=/etc\"")));
    }

    @ParameterizedTest
    @MethodSource("removals")
    void removingTheMtuDeletesOnlyItsAssignment(String name, List<Integer> deletedLines, Map<Integer, String> changed) {
        String before = Corpus.text(name);
        DropIn d = Corpus.parse(name);
        DropIn removed = d.withEnvironment(MTU, Optional.empty());

        List<String> expected = new ArrayList<>(Corpus.lines(before));
        changed.forEach((line, text) -> expected.set(line - 1, text));
        deletedLines.stream().sorted((x, y) -> y - x).forEach(line -> expected.remove(line - 1));
        assertThat(Corpus.lines(removed.text())).containsExactlyElementsOf(expected);
        assertThat(removed.text().endsWith("\n")).isEqualTo(before.endsWith("\n"));
        assertThat(removed.environmentMap(DropIn.SERVICE)).doesNotContainKey(MTU);
        Map<String, String> others = new LinkedHashMap<>(d.environmentMap(DropIn.SERVICE));
        others.remove(MTU);
        assertThat(removed.environmentMap(DropIn.SERVICE)).containsExactlyInAnyOrderEntriesOf(others);
        assertThat(removed.resetsEnvironment(DropIn.SERVICE)).isEqualTo(d.resetsEnvironment(DropIn.SERVICE));
    }

    @Test
    void addingToAnEmptyFileMakesAServiceSection() {
        DropIn d = DropIn.empty().withEnvironment(MTU, Optional.of("1280"));
        assertThat(d.text()).isEqualTo("[Service]\nEnvironment=" + NEW + "\n");
    }

    @Test
    void addingToAFileWithOnlyAUnitSectionAppendsAServiceSection() {
        DropIn d = Corpus.parse("12-unit-only.conf").withEnvironment(MTU, Optional.of("1280"));
        assertThat(d.text()).isEqualTo(Corpus.text("12-unit-only.conf") + "\n[Service]\nEnvironment=" + NEW + "\n");
        assertThat(d.environmentMap(DropIn.SERVICE)).containsExactly(Map.entry(MTU, "1280"));
    }

    @Test
    void theDescribedValuesAreWhatSystemdReads() {
        assertThat(Corpus.parse("04-continuation.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_NET", "slirp4netns"),
                Map.entry(MTU, "1400"),
                Map.entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SANDBOX", "auto"),
                Map.entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SECCOMP", "auto"));
        assertThat(Corpus.parse("05-escapes.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS", "--cidr=10.42.0.0/24 --copy-up=/etc --copy-up=/run"),
                Map.entry("GREETING", "say \"hello\""),
                Map.entry("QUOTE", "it's fine"),
                Map.entry("WINPATH", "C:\\temp\\new"),
                Map.entry("TABBED", "a\tb"),
                Map.entry("SPACE", "a b"),
                Map.entry(MTU, "1500"));
        assertThat(Corpus.parse("06-reset.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry(MTU, "1500"), Map.entry("NO_PROXY", "localhost,127.0.0.1"));
        assertThat(Corpus.parse("06-reset.conf").resetsEnvironment(DropIn.SERVICE)).isTrue();
        assertThat(Corpus.parse("08-several-sections.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry(MTU, "1500"), Map.entry("CONTAINERD_SNAPSHOTTER", "stargz"));
        assertThat(Corpus.parse("08-several-sections.conf").sections())
                .containsExactly("Unit", "Service", "Install", "Service");
        assertThat(Corpus.parse("11-whitespace.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry(MTU, "1500"), Map.entry("RUST_LOG", "info"));
        assertThat(Corpus.parse("14-quotes-inside-words.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry("LABELS", "env=dev team=platform"),
                Map.entry("OPTS", "--log-level=debug"),
                Map.entry("MIXED", "abcdef ghijkl"));
        assertThat(Corpus.parse("15-comments.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_STATE_DIR", "%t/containerd-rootless"));
        assertThat(Corpus.parse("17-unicode.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry("MOTD", "Grüße aus Köln ☕"),
                Map.entry("LANG", "de_DE.UTF-8"),
                Map.entry("WHALE", "\uD83D\uDC33"),
                Map.entry("HEX", "Aé"),
                Map.entry("OCT", "Aé"),
                Map.entry("U16", "été"));
        // last wins, at the position of the first
        assertThat(Corpus.parse("18-duplicates.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry(MTU, "1350"),
                Map.entry("CONTAINERD_SNAPSHOTTER", "overlayfs"),
                Map.entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_NET", "slirp4netns"));
        // the backslash-newline is a space, the comment line inside the quotes is skipped
        assertThat(Corpus.parse("19-quoted-continuation.conf").environmentMap(DropIn.SERVICE)).containsExactly(
                Map.entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS", "--cidr=10.42.0.0/24  --copy-up=/etc"),
                Map.entry(MTU, "1500"));
    }

    @Test
    void specifiersAreKeptAndMarkedAndDoublePercentIsOnePercent() {
        List<EnvAssignment> env = Corpus.parse("07-specifiers.conf").environment(DropIn.SERVICE);
        assertThat(env).extracting(EnvAssignment::key, EnvAssignment::value, EnvAssignment::specifiers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("XDG_RUNTIME_DIR", "%t", List.of("%t")),
                org.assertj.core.groups.Tuple.tuple("PATH", "%h/.local/bin:/usr/local/bin:/usr/bin:/bin", List.of("%h")),
                org.assertj.core.groups.Tuple.tuple("PROGRESS", "100%", List.of()),
                org.assertj.core.groups.Tuple.tuple("DISCOUNT", "5%", List.of()));
        assertThat(env.get(0).usesSpecifiers()).isTrue();
        assertThat(env.get(2).written()).isEqualTo("\"PROGRESS=100%%\"");
        assertThat(env.get(2).line()).isEqualTo(3);
        assertThat(env.get(2).column()).isEqualTo(13);
    }

    @Test
    void assignmentsListsOverriddenOnesToo() {
        DropIn d = Corpus.parse("06-reset.conf");
        assertThat(d.assignments(DropIn.SERVICE)).extracting(EnvAssignment::key, EnvAssignment::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("HTTP_PROXY", 2),
                org.assertj.core.groups.Tuple.tuple(MTU, 2),
                org.assertj.core.groups.Tuple.tuple(MTU, 5),
                org.assertj.core.groups.Tuple.tuple("NO_PROXY", 5));
        assertThat(d.environment(DropIn.SERVICE)).extracting(EnvAssignment::key, EnvAssignment::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MTU, 5),
                org.assertj.core.groups.Tuple.tuple("NO_PROXY", 5));
    }
}
