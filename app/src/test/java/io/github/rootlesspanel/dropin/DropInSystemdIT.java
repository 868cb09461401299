package io.github.rootlesspanel.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.FileSnapshot;
import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.EnvAssignment;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The drop-in parser and writer against the real systemd --user of the throwaway test user: what DropIn writes,
 * systemd reads back exactly, and what DropIn reads from the corpus is what systemd makes of it. Runs only as the
 * throwaway user (app/src/test/env/run-tests.sh); the probe unit and its drop-ins are removed afterwards.
 *
 * <p>systemd's view is read twice: from {@code systemctl --user show --property=Environment --value}, which
 * prints the assignments separated by blanks and puts those that need it in double quotes with {@code \"},
 * {@code \\}, {@code \`}, {@code \$} and C escapes (shell_maybe_quote; Environment= syntax has no {@code \$},
 * so this needs its own small decoder), and from the unit's D-Bus property with {@code busctl --json}, which is
 * exact.
 */
@Tag("real-systemd")
class DropInSystemdIT {

    private static final String UNIT = "dropin-probe.service";
    private static final String OBJECT = "/org/freedesktop/systemd1/unit/dropin_2dprobe_2eservice";

    private static Path dropInDir() {
        return TestUser.unitDir().resolve(UNIT + ".d");
    }

    @BeforeAll
    static void installProbe() {
        TestUser.installUnit("containerd.service", UNIT);
    }

    @AfterEach
    void removeDropIns() throws IOException {
        Path dir = dropInDir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    @AfterAll
    static void removeProbe() {
        TestUser.removeUnit(UNIT); // with its drop-in directory
    }

    // --- tests -------------------------------------------------------------------------------------------------

    @Test
    void valuesWrittenByDropInAreWhatSystemdReads() throws Exception {
        String start = "### Editing " + dropInDir().resolve("override.conf") + "\n"
                + "### Anything between here and the comment below will become the new contents of the file\n\n"
                + "[Service]\n# keep the MTU in step with the VPN\nEnvironment=CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=1500\n\n"
                + "### Lines below this comment will be discarded\n";
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU", "1280");
        typed.put("QUOTES", "say \"hello\", it's fine");
        typed.put("BACKSLASHES", "C:\\temp\\new\\");
        typed.put("PERCENT", "100% %h %% %t %");
        typed.put("DOLLAR", "$HOME ${PATH} $$ $(id)");
        typed.put("BLANKS", "  leading, inner  and trailing  ");
        typed.put("TAB", "a\tb");
        typed.put("UNICODE", "Grüße aus Köln ☕ \uD83D\uDC33 日本語");
        typed.put("SEMICOLON_HASH", ";a; #b");
        typed.put("EQUALS", "a=b=c");
        typed.put("BACKTICK", "`uname -a` & | < > * ? [x] !");
        typed.put("EMPTY", "");
        typed.put("SINGLE_QUOTE_ONLY", "'");
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        typed.forEach((k, v) -> changes.put(k, Optional.of(v)));

        DropIn d = DropIn.parse(start).withEnvironment(changes);
        write("override.conf", d.text());

        assertThat(d.environmentMap(DropIn.SERVICE)).containsExactlyInAnyOrderEntriesOf(typed);
        assertThat(fromShow()).as("systemctl show").containsExactlyInAnyOrderEntriesOf(typed);
        assertThat(fromBus()).as("busctl").containsExactlyInAnyOrderEntriesOf(typed);
    }

    @Test
    void removingAnAssignmentIsSeenBySystemd() throws Exception {
        DropIn d = DropIn.parse("[Service]\nEnvironment=A=1 \\\n# b is temporary\n  B=2 C=3\n");
        write("override.conf", d.text());
        assertThat(fromBus()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "2", "C", "3"));

        DropIn removed = d.withEnvironment("B", Optional.empty());
        write("override.conf", removed.text());
        assertThat(removed.environmentMap(DropIn.SERVICE)).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "C", "3"));
        assertThat(fromBus()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "C", "3"));
        assertThat(fromShow()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "C", "3"));
    }

    @Test
    void anEmptyEnvironmentInALaterDropInDiscardsEarlierAssignments() throws Exception {
        write("10-base.conf", "[Service]\nEnvironment=A=1 B=2\n");
        DropIn override = DropIn.parse("[Service]\nEnvironment=\nEnvironment=C=3\n");
        write("override.conf", override.text());
        assertThat(override.resetsEnvironment(DropIn.SERVICE)).isTrue();
        assertThat(override.environmentMap(DropIn.SERVICE)).containsExactly(Map.entry("C", "3"));
        assertThat(fromBus()).containsExactly(Map.entry("C", "3"));
    }

    @Test
    void specifiersAreExpandedAndDoublePercentIsOnePercent() throws Exception {
        DropIn d = DropIn.parse("[Service]\nEnvironment=H=%h/bin P=100%% L=%%h \"Q=%%t x\"\n");
        write("override.conf", d.text());
        Map<String, String> systemd = fromBus();
        assertThat(systemd).containsEntry("H", TestUser.home() + "/bin").containsEntry("P", "100%")
                .containsEntry("L", "%h").containsEntry("Q", "%t x");
        assertThat(d.environment(DropIn.SERVICE).get(0).specifiers()).containsExactly("%h");
    }

    static Stream<String> corpus() {
        return Corpus.names().stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void theCorpusMeansToSystemdWhatItMeansToDropIn(String name) throws Exception {
        DropIn d = Corpus.parse(name);
        write("override.conf", d.text());
        Map<String, String> systemd = fromBus();
        assertThat(systemd.keySet()).as(name).containsExactlyInAnyOrderElementsOf(d.environmentMap(DropIn.SERVICE).keySet());
        for (EnvAssignment a : d.environment(DropIn.SERVICE)) {
            String expected = a.value();
            if (a.usesSpecifiers()) {
                expected = expand(a);
                if (expected == null) {
                    continue;
                }
            }
            assertThat(systemd.get(a.key())).as("%s: %s", name, a.key()).isEqualTo(expected);
        }
        assertThat(fromShow()).as(name).isEqualTo(systemd);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** %h and %t as the user manager expands them; null when a value uses another specifier. */
    private static String expand(EnvAssignment a) {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        String v = a.value();
        for (String s : a.specifiers()) {
            if (s.equals("%h")) {
                v = v.replace("%h", TestUser.home().toString());
            } else if (s.equals("%t") && runtime != null && !runtime.isBlank()) {
                v = v.replace("%t", runtime);
            } else {
                return null;
            }
        }
        return v;
    }

    private static void write(String file, String text) throws IOException {
        Path path = dropInDir().resolve(file);
        AtomicFile.write(FileSnapshot.read(path), text.getBytes(StandardCharsets.UTF_8), AtomicFile.REGULAR);
        TestUser.systemctl("daemon-reload");
        assertThat(TestUser.systemctl("show", "--property=LoadState", "--value", UNIT).strip()).as("LoadState of %s with %s",
                UNIT, file).isEqualTo("loaded");
    }

    /** The unit's Environment property, exactly, from D-Bus. */
    private static Map<String, String> fromBus() throws IOException {
        TestUser.busAddress();
        TestUser.Result r = TestUser.run(List.of("busctl", "--user", "--json=short", "get-property", "org.freedesktop.systemd1",
                OBJECT, "org.freedesktop.systemd1.Service", "Environment"), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("busctl: %s", r.output()).isZero();
        String json = r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(
                () -> new AssertionError("no JSON from busctl: " + r.output()));
        JsonNode data = new ObjectMapper().readTree(json).get("data");
        List<String> assignments = new ArrayList<>();
        data.forEach(n -> assignments.add(n.asText()));
        return toMap(assignments);
    }

    /** The unit's Environment as systemctl show prints it, decoded. */
    private static Map<String, String> fromShow() {
        String out = TestUser.systemctl("show", "--property=Environment", "--value", UNIT);
        List<String> lines = out.lines().filter(l -> !l.startsWith("Warning:")).toList();
        assertThat(lines.size()).as("systemctl show output: %s", out).isLessThanOrEqualTo(1);
        String line = lines.isEmpty() ? "" : lines.get(0);
        assertThat(line).as("this systemctl cannot print values with blanks").doesNotContain("[unprintable]");
        return toMap(systemctlWords(line));
    }

    private static Map<String, String> toMap(List<String> assignments) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            assertThat(eq).as("assignment %s", a).isPositive();
            map.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return map;
    }

    /**
     * Splits systemctl's rendering of a string list (systemd's shell_maybe_quote for each item, joined by
     * blanks): bare words, or words in double quotes (or $'…') with backslash escapes.
     */
    static List<String> systemctlWords(String s) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == ' ') {
                i++;
                continue;
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            boolean dollar = s.startsWith("$'", i);
            if (s.charAt(i) == '"' || dollar) {
                char close = dollar ? '\'' : '"';
                i += dollar ? 2 : 1;
                while (true) {
                    assertThat(i).as("unterminated quote in systemctl output: %s", s).isLessThan(s.length());
                    char c = s.charAt(i);
                    if (c == close) {
                        i++;
                        break;
                    }
                    if (c == '\\') {
                        i = unescape(s, i, buf);
                    } else {
                        int cp = s.codePointAt(i);
                        buf.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                        i += Character.charCount(cp);
                    }
                }
            } else {
                while (i < s.length() && s.charAt(i) != ' ') {
                    int cp = s.codePointAt(i);
                    buf.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(cp);
                }
            }
            words.add(buf.toString(StandardCharsets.UTF_8));
        }
        return words;
    }

    private static int unescape(String s, int i, ByteArrayOutputStream buf) {
        assertThat(i + 1).as("backslash at the end of systemctl output: %s", s).isLessThan(s.length());
        char n = s.charAt(i + 1);
        switch (n) {
            case '"', '\\', '`', '$', '\'' -> buf.write(n);
            case 'a' -> buf.write(7);
            case 'b' -> buf.write(8);
            case 'f' -> buf.write(12);
            case 'n' -> buf.write('\n');
            case 'r' -> buf.write('\r');
            case 't' -> buf.write('\t');
            case 'v' -> buf.write(11);
            case 'x' -> {
                buf.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                return i + 4;
            }
            default -> {
                if (n >= '0' && n <= '7') {
                    buf.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    return i + 4;
                }
                throw new AssertionError("unknown escape \\" + n + " in systemctl output: " + s);
            }
        }
        return i + 2;
    }
}
