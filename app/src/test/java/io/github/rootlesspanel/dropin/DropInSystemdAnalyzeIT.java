package io.github.rootlesspanel.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.DropInParseException;
import io.github.rootlesspanel.config.dropin.EnvAssignment;

/**
 * DropIn's reading against systemd's own parser, without a running systemd: {@code systemd-analyze verify} loads a
 * probe unit with the drop-in in a private manager and logs every assignment it ignores with the word as it
 * decoded it ("Invalid environment assignment, ignoring: NAME=value", after quotes, escapes and specifiers). Each
 * [Service] assignment of the drop-in is made invalid by a leading {@code 1} in its name, so systemd reports all of
 * them, in order. Needs only the {@code systemd-analyze} program (systemd 252 on Debian 12); touches nothing but a
 * temporary directory.
 *
 * <p>The generated files and values come from {@link DropInPropertiesTest}'s generators, with fixed seeds (see
 * {@link Tries}).
 */
@Tag("real-systemd")
class DropInSystemdAnalyzeIT {

    private static final String PROBE = "[Unit]\nDescription=DropIn probe\n[Service]\nExecStart=/bin/true\n"
            + "Environment=1CAL_H=%h 1CAL_T=%t\n";
    private static final String IGNORED = "Invalid environment assignment, ignoring: ";
    /** What systemd says when it does not read a drop-in the way it is written. */
    private static final List<String> TROUBLE = List.of("Invalid syntax", "Invalid section header", "Bad characters",
            "Missing '='", "Missing key name", "outside of section", "not UTF-8", "Failed to resolve specifiers",
            "Unbalanced quoting", "escape");

    /** systemd's messages about one drop-in. */
    private record Verdict(List<String> ignoredAssignments, List<String> messages, String home, String runtime) { }

    // --- tests -------------------------------------------------------------------------------------------------

    @Test
    void theCorpusIsReadAsSystemdReadsIt() throws Exception {
        List<String> names = Corpus.names();
        List<String> probes = new ArrayList<>();
        for (String n : names) {
            probes.add(probe(Corpus.parse(n)));
        }
        List<Verdict> verdicts = verify(probes);
        for (int i = 0; i < names.size(); i++) {
            agree(names.get(i), Corpus.parse(names.get(i)), verdicts.get(i));
        }
    }

    private static final Tries.Gen<DropInPropertiesTest.Generated> FILES = DropInPropertiesTest.files();
    private static final Tries.Gen<String> VALUES = DropInPropertiesTest.printableValues();

    static Stream<Long> generatedSeeds() {
        return Tries.seeds(6_000, 100);
    }

    static Stream<Long> writtenSeeds() {
        return Tries.seeds(7_000, 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("generatedSeeds")
    void generatedFilesAreReadAsSystemdReadsThem(long seed) {
        DropInPropertiesTest.Generated file = FILES.next(Tries.random(seed));
        Tries.check(seed, () -> "file " + file, () -> {
            DropIn d = DropIn.parse(file.text());
            agree(file.toString(), d, verify(List.of(probe(d))).get(0));
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("writtenSeeds")
    void writtenValuesAreReadBackBySystemd(long seed) {
        Random r = Tries.random(seed);
        DropInPropertiesTest.Generated file = FILES.next(r);
        String value = VALUES.next(r);
        Tries.check(seed, () -> "file " + file + "\nvalue " + Tries.show(value), () -> {
            DropIn d = DropIn.parse(file.text()).withEnvironment("WRITTEN", Optional.of(value));
            Verdict v = verify(List.of(probe(d))).get(0);
            agree(file.toString(), d, v);
            assertThat(v.ignoredAssignments()).contains(normalize("1WRITTEN=" + value));
        });
    }

    @Test
    void whatDropInRefusesSystemdComplainsAbout() throws Exception {
        List<String> what = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        DropInParseTest.malformed().forEach(a -> {
            String name = (String) a.get()[0];
            // stricter than systemd on purpose: CR line ends, and a continuation into the end of the file
            if (!name.contains("CRLF") && !name.contains("at the end of the file") && !name.contains("comments at the end")) {
                what.add(name);
                texts.add((String) a.get()[1]);
            }
        });
        List<Verdict> verdicts = verify(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(verdicts.get(i).messages()).as("%s: systemd says something about\n%s", what.get(i), texts.get(i))
                    .anyMatch(m -> TROUBLE.stream().anyMatch(m::contains)
                            || m.startsWith(IGNORED) || m.contains("Unknown section"));
        }
    }

    // --- the comparison ----------------------------------------------------------------------------------------

    /** systemd reported each [Service] assignment, in order, with the value DropIn read; and nothing troubling. */
    private static void agree(String what, DropIn d, Verdict v) {
        assertThat(v.messages()).as("%s: systemd's complaints", what)
                .noneMatch(m -> TROUBLE.stream().anyMatch(m::contains));
        List<EnvAssignment> all = d.assignments(DropIn.SERVICE);
        assertThat(v.ignoredAssignments()).as("%s: assignments systemd saw", what).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            EnvAssignment a = all.get(i);
            String value = a.value();
            if (a.usesSpecifiers()) {
                value = expand(a, v);
                if (value == null) {
                    continue;
                }
            }
            assertThat(v.ignoredAssignments().get(i)).as("%s: assignment %d (%s)", what, i + 1, a.written())
                    .isEqualTo(normalize("1" + a.key() + "=" + value));
        }
    }

    /** %h and %t as this systemd expands them; null when the value is ambiguous or uses another specifier. */
    private static String expand(EnvAssignment a, Verdict v) {
        long percents = a.value().chars().filter(c -> c == '%').count();
        if (percents != a.specifiers().size()) {
            return null;
        }
        String out = a.value();
        for (String s : a.specifiers()) {
            if (!s.equals("%h") && !s.equals("%t")) {
                return null;
            }
        }
        return out.replace("%h", v.home()).replace("%t", v.runtime());
    }

    /** The log shows CR and LF alike as a line break, and drops line breaks at the end of a message. */
    private static String normalize(String s) {
        return s.replaceAll("[\r\n]+", "\n").replaceAll("\n+$", "");
    }

    /** The drop-in with a '1' before every [Service] assignment, so systemd reports each one. */
    static String probe(DropIn d) {
        String text = d.text();
        int[] lineStarts = lineStarts(text);
        List<Integer> at = new ArrayList<>();
        for (EnvAssignment a : d.assignments(DropIn.SERVICE)) {
            int start = lineStarts[a.line() - 1] + (a.line() == 1 && text.startsWith("\uFEFF") ? 1 : 0);
            at.add(text.offsetByCodePoints(start, a.column() - 1));
        }
        at.sort(Comparator.reverseOrder());
        StringBuilder sb = new StringBuilder(text);
        for (int offset : at) {
            sb.insert(offset, '1');
        }
        if (!at.isEmpty()) {
            try {
                DropIn.parse(sb.toString());
                throw new AssertionError("the probe text should not parse: names starting with 1 are invalid");
            } catch (DropInParseException expected) {
                // as it should be
            }
        }
        return sb.toString();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    // --- running systemd-analyze -------------------------------------------------------------------------------

    /** A message about a file, or a line about a probe unit (which is not about its drop-in, and is dropped). */
    private static final Pattern ENTRY = Pattern.compile("^(?:(/[^\\n]*?):(\\d+): |(?:Unit )?p\\d+\\.service[: ])",
            Pattern.MULTILINE);

    /** Loads one probe unit per drop-in text (as its override.conf) and collects what systemd says about each. */
    private static List<Verdict> verify(List<String> dropIns) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rp-dropin-verify");
        try {
            List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
            for (int i = 0; i < dropIns.size(); i++) {
                Path unit = dir.resolve("p" + i + ".service");
                Files.writeString(unit, PROBE, StandardCharsets.UTF_8);
                Path d = Files.createDirectory(dir.resolve("p" + i + ".service.d"));
                Files.writeString(d.resolve("override.conf"), dropIns.get(i), StandardCharsets.UTF_8);
                cmd.add(unit.toString());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("systemd-analyze verify timed out");
            }
            Map<String, List<String>> byFile = new TreeMap<>();
            Matcher m = ENTRY.matcher(out);
            List<int[]> starts = new ArrayList<>();
            List<String> files = new ArrayList<>();
            while (m.find()) {
                starts.add(new int[] {m.start(), m.end()});
                files.add(m.group(1) != null ? m.group(1) : "");
            }
            for (int i = 0; i < starts.size(); i++) {
                int end = i + 1 < starts.size() ? starts.get(i + 1)[0] - 1 : out.endsWith("\n") ? out.length() - 1 : out.length();
                String message = out.substring(starts.get(i)[1], Math.max(starts.get(i)[1], end));
                byFile.computeIfAbsent(files.get(i), k -> new ArrayList<>()).add(message);
            }
            List<Verdict> verdicts = new ArrayList<>();
            for (int i = 0; i < dropIns.size(); i++) {
                List<String> probeMessages = byFile.getOrDefault(dir.resolve("p" + i + ".service").toString(), List.of());
                String home = calibration(probeMessages, "1CAL_H=", out);
                String runtime = calibration(probeMessages, "1CAL_T=", out);
                List<String> messages = byFile.getOrDefault(dir.resolve("p" + i + ".service.d/override.conf").toString(),
                        List.of());
                List<String> ignored = new ArrayList<>();
                for (String msg : messages) {
                    if (msg.startsWith(IGNORED)) {
                        ignored.add(normalize(msg.substring(IGNORED.length())));
                    }
                }
                verdicts.add(new Verdict(ignored, messages, home, runtime));
            }
            return verdicts;
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                    try {
                        Files.delete(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    private static String calibration(List<String> messages, String prefix, String out) {
        return messages.stream().filter(m -> m.startsWith(IGNORED + prefix)).map(m -> m.substring((IGNORED + prefix).length()))
                .findFirst().orElseThrow(() -> new AssertionError("systemd-analyze did not load the probe unit:\n" + out));
    }
}
