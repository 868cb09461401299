package io.github.rootlesspanel.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * A child JVM (the panel's own classes, started with an argument list) writes one file kind through the panel's
 * code path in a loop and is killed with SIGKILL at a random moment, {@link #KILLS} times per kind. After every
 * kill the file is exactly version A or B and so is its .bak; what may be left is the killed writer's temporary
 * file ({@code .NAME.PID.RANDOM.tmp}, a name no reader loads), which the next write removes.
 * Pure (no real systemd): a unit file on disk is all this is about.
 */
class SigkillMidWriteTest {

    /** Kills per file kind: a JVM start each (0.2–0.45 s here), so the five kinds stay under a minute. */
    static final int KILLS = 30;
    /** The file kinds of {@link Writers}; checked against it. */
    static final int KINDS = 5;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Writers.class)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @Tried(kind = Tried.Kind.FAULT, what = "SIGKILL of the writing process at a random moment (unit file, override.conf, "
            + "config.toml, nerdctl.toml, settings.toml)", cases = KILLS * KINDS,
            outcome = "file and .bak each exactly the old or the new version; only the killed writer's .tmp left, "
                    + "removed by the next write")
    void sigkillLeavesOldOrNew(Writers kind) throws Exception {
        assertThat(Writers.values()).hasSize(KINDS);
        Path home = tmp.resolve("home");
        Path file = kind.file(home);
        kind.write(home, false);
        byte[] a = Files.readAllBytes(file);
        kind.write(home, true);
        byte[] b = Files.readAllBytes(file);
        assertThat(Arrays.equals(a, b)).as("the two versions differ").isFalse();
        Path aFile = tmp.resolve("a");
        Files.write(aFile, a);

        Random random = new Random(kind.ordinal());
        int leftovers = 0;
        int foundB = 0;
        for (int i = 0; i < KILLS; i++) {
            Process p = new ProcessBuilder(javaCommand(kind, home, aFile)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the writer started (kill %d)", i).isEqualTo("ready");
            // the loop writes every few ms: a random point within a few writes
            TimeUnit.MICROSECONDS.sleep(random.nextInt(30_000));
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

            byte[] now = Files.readAllBytes(file);
            assertThat(now.length == a.length && Arrays.equals(now, a) || Arrays.equals(now, b))
                    .as("kill %d: %s is exactly A or B, got %d bytes", i, file, now.length).isTrue();
            byte[] bak = Files.readAllBytes(AtomicFile.backupOf(file));
            assertThat(Arrays.equals(bak, a) || Arrays.equals(bak, b))
                    .as("kill %d: the .bak is exactly A or B, got %d bytes", i, bak.length).isTrue();
            foundB += Arrays.equals(now, b) ? 1 : 0;
            List<String> strays = strays(file);
            assertThat(strays).as("only temporary files of the killed writer").allSatisfy(s ->
                    assertThat(s).matches("\\." + java.util.regex.Pattern.quote(file.getFileName().toString())
                            + "(\\.bak)?\\." + p.pid() + "\\.[0-9]+\\.tmp"));
            leftovers += strays.size();
            if (i % 8 == 7) {
                kind.write(home, Arrays.equals(now, a)); // the next write of the panel cleans up
                assertThat(strays(file)).as("stray temporary files after the next write").isEmpty();
            }
        }
        System.out.printf("%s: %d kills (file was B after %d, A after %d), %d leftover temporary files "
                + "(each removed by the next write)%n", kind, KILLS, foundB, KILLS - foundB, leftovers);
    }

    private static List<String> strays(Path file) throws Exception {
        String name = file.getFileName().toString();
        try (Stream<Path> s = Files.list(file.getParent())) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(name) && !n.equals(name + ".bak") && !Files.isDirectory(file.resolveSibling(n)))
                    .toList());
        }
    }

    private static List<String> javaCommand(Writers kind, Path home, Path aFile) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), KillWriter.class.getName(),
                kind.name(), home.toString(), aFile.toString());
    }
}
