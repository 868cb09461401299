package io.github.rootlesspanel.rootlesskit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.testsupport.Tried;
import io.github.rootlesspanel.testsupport.Tried.Kind;

/**
 * Issue 11: RootlessKit or containerd (the real ones, Debian's, under the throwaway user's real systemd) is killed
 * by PID while {@code rootless-panel rootlesskit set ... --restart} waits for them to answer after the restart.
 * The command must say containerd did not come back and how to roll back (exit 1); the rollback
 * ({@code rootlesskit restore}, then a restart) puts override.conf back byte for byte and RootlessKit runs with the
 * previous settings again.
 */
@org.junit.jupiter.api.Tag("real-systemd")
class RootlessKitFaultsIT {

    static final String PREVIOUS = """
            # my notes: the rollback must bring them back
            [Service]
            Environment="FOO=bar baz" CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=65520
            """;
    /** The processes killed, by the name in /proc/PID/comm. */
    static final String[] VICTIMS = {"rootlesskit", "containerd"};
    static final int CASES = 2;

    final ExecutorService background = Executors.newSingleThreadExecutor();

    static Path override() {
        return RootlessKitSettingsIT.override();
    }

    @BeforeAll
    static void installContainerd() {
        RootlessKitSettingsIT.installContainerd();
    }

    @AfterAll
    static void removeContainerd() throws Exception {
        RootlessKitSettingsIT.removeContainerd();
    }

    @BeforeEach
    void previousSettingsRunning() throws Exception {
        assertThat(VICTIMS).hasSize(CASES);
        Files.createDirectories(override().getParent());
        Files.writeString(override(), PREVIOUS);
        Files.deleteIfExists(Path.of(override() + ".bak"));
        TestUser.Result r = TestUser.panel("rootlesskit", "set", "--restart");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    /** This user's processes with that comm. */
    static Set<Long> processes(String comm) {
        String uid = TestUser.run(List.of("id", "-u"), Duration.ofSeconds(5)).output().trim();
        Set<Long> out = new HashSet<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (comm.equals(Files.readString(p.resolve("comm")).trim())
                            && Files.readAllLines(p.resolve("status")).stream()
                                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals(uid))) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    static long parent(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("PPid:")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
        } catch (IOException gone) {
            // exited meanwhile
        }
        return -1;
    }

    /**
     * Waits for a process of that name that was not there before and kills it. /proc offers no event for a new
     * process, so this looks every few ms: the window between the restart job's end and the answer is ~0.5 s.
     */
    static long killTheNewOne(String comm, Set<Long> before, Future<?> stillRunning) throws Exception {
        long manager = TestUser.managerPid();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && !stillRunning.isDone()) {
            Set<Long> now = processes(comm);
            now.removeAll(before);
            // RootlessKit runs as two processes of that name: the one to kill is the unit's main process (its
            // parent is systemd --user); its child in the namespaces is not what the unit waits on
            now.removeIf(pid -> "rootlesskit".equals(comm) && parent(pid) != manager);
            if (!now.isEmpty()) {
                long pid = now.iterator().next();
                TestUser.run(List.of("kill", "-KILL", Long.toString(pid)), Duration.ofSeconds(5));
                return pid;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no new " + comm + " appeared while the command ran");
    }

    /** What the command printed, and the PID it lost under it. */
    record UnderFire(long killed, TestUser.Split result) {
        String describe() {
            return "killed " + killed + ": " + result.output();
        }
    }

    /** Runs the command line and kills the first new {@code victim} while it runs. */
    UnderFire runWhileKilling(String victim, Set<Long> before, String... args) throws Exception {
        Future<TestUser.Split> cli = background.submit(() -> TestUser.panelSplit(args));
        long killed = killTheNewOne(victim, before, cli);
        return new UnderFire(killed, cli.get(120, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rootlesskit", "containerd"})
    @Tried(kind = Kind.FAULT, what = "RootlessKit or containerd killed (SIGKILL) while a settings apply waits for "
            + "them after the restart", cases = CASES,
            outcome = "exit 1 saying containerd did not come back, with the rollback command; the rollback restores "
                    + "override.conf byte for byte and RootlessKit runs with the previous settings")
    void aKillDuringTheApplyIsReportedAndRolledBack(String victim) throws Exception {
        Set<Long> before = processes(victim);
        assertThat(before).as("a %s runs before the apply", victim).isNotEmpty();

        UnderFire f = runWhileKilling(victim, before, "rootlesskit", "set", "MTU=1500", "--restart");
        TestUser.Split r = f.result();

        assertThat(r.exitCode()).as(f.describe()).isEqualTo(1);
        assertThat(r.stderr()).contains("containerd did not come back").contains("rootless-panel rootlesskit restore");
        assertThat(Files.readString(override())).contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=1500");
        assertThat(Files.readString(Path.of(override() + ".bak"))).as("the previous version is kept")
                .isEqualTo(PREVIOUS);

        // the rollback the command offered
        TestUser.Result restore = TestUser.panel("rootlesskit", "restore");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(Files.readString(override())).isEqualTo(PREVIOUS);
        TestUser.Result restart = TestUser.panel("rootlesskit", "set", "--restart");
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        assertThat(TestUser.systemctl("is-active", "containerd.service").trim()).isEqualTo("active");
        assertThat(TestUser.systemctl("show", "-P", "Environment", "containerd.service"))
                .contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=65520").doesNotContain("MTU=1500");
        assertThat(new SettingsService(null, new ProcessRunner()).tap0Mtu()).contains(65520);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rootlesskit", "containerd"})
    @Tried(kind = Kind.FAULT, what = "RootlessKit or containerd killed (SIGKILL) while `install containerd` waits "
            + "for them", cases = CASES,
            outcome = "exit 1 saying what happened; the plan rolls back: no unit file left, systemd no longer knows "
                    + "the unit, nothing running")
    void aKillDuringTheInstallIsReportedAndRolledBack(String victim) throws Exception {
        TestUser.removeUnit("containerd.service");
        Set<Long> before = processes(victim);
        try {
            UnderFire f = runWhileKilling(victim, before, "install", "containerd");
            TestUser.Split r = f.result();

            assertThat(r.exitCode()).as(f.describe()).isEqualTo(1);
            assertThat(r.output()).contains("exited while starting").contains("Rolling back");
            assertThat(TestUser.unitDir().resolve("containerd.service")).doesNotExist();
            assertThat(TestUser.systemctl("show", "-P", "LoadState", "containerd.service").trim())
                    .isEqualTo("not-found");
            assertThat(processes("rootlesskit")).as("no RootlessKit left running").isEmpty();
        } finally {
            TestUser.Result again = TestUser.panel("install", "containerd");
            assertThat(again.exitCode()).as(again.output()).isZero();
        }
    }
}
