package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.setup.install.StepFailedException;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * The real rootless containerd (Debian 12's, run by the test user's real systemd as the panel installs it) is
 * killed with SIGKILL in the middle of a bypass4netns recreate. nerdctl has no Debian package: the steps run
 * through the project's stand-in nerdctl (app/src/test/standins/nerdctl), which acts on the real containerd through
 * {@code ctr} and pauses on demand at a step (its {@code pause} file), so containerd dies exactly there.
 * The unit has Restart=always: the plan's rollback (what the panel's plan dialog offers) runs once containerd is
 * back; the command line's rollback runs at once, and with containerd held down it must say where things are.
 */
@Tag("real-systemd")
class RecreateFaultsIT {

    static final String UNIT = "containerd.service";
    static final String SCRIPT = "trap 'exit 0' TERM; while :; do sleep 1; done";
    /** Where the stand-in pauses and containerd is killed, through the plan runner (the panel's plan dialog). */
    static final List<String> KILL_POINTS = List.of("rename", "run", "run-after-create");
    static final int PLAN_CASES = 3;
    static final int CLI_CASES = 1;
    static final Duration BACK = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit(UNIT);
        Files.deleteIfExists(TestUser.unitDir().resolve(UNIT + ".bak"));
        Files.deleteIfExists(standinConfig("pause"));
        Files.deleteIfExists(standinConfig("fail"));
        Files.deleteIfExists(pausedMarker());
    }

    @Test
    @Tried(kind = Tried.Kind.FAULT, what = "SIGKILL of the real rootless containerd while a bypass4netns recreate "
            + "is at its rename, its run, or just after run created the new container (plan runner, as the panel's "
            + "plan dialog)", cases = PLAN_CASES, outcome = "the run reports the failed step, never success; the "
            + "rollback is offered and, once systemd has containerd back, gives the old container its name and a "
            + "running task; a half-made new container is removed")
    @Tried(kind = Tried.Kind.FAULT, what = "SIGKILL of containerd during `rootless-panel bypass4netns off NAME --yes` "
            + "at the run step, containerd kept down so the rollback cannot run", cases = CLI_CASES, outcome = "exit 1; "
            + "the output names the failed step, says the rollback could not finish, where the old container is (its "
            + "temporary name) and the nerdctl commands that finish it; following them restores the old container")
    void containerdKilledMidRecreate() throws Exception {
        assertThat(KILL_POINTS).hasSize(PLAN_CASES);
        Path home = TestUser.home();
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        TestUser.Result install = ContainerdClientIT.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(TestUser.systemctl("show", "-p", "Restart", "--value", UNIT).strip()).isEqualTo("always");
        RealContainers rc = new RealContainers(socket, tmp);
        rc.importImage();
        rc.installBridgeNetwork();

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", home.resolve(".local/bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        ProcessRunner processes = new ProcessRunner(env);
        Nerdctl nerdctl = Nerdctl.locate(processes).orElseThrow(
                () -> new AssertionError("the stand-in nerdctl is not in ~/.local/bin (test-user.sh standins)"));
        RecreatePlanner planner = new RecreatePlanner(nerdctl, Clock.systemUTC());

        try (ContainerdClient client = ContainerdClient.connect(socket)) {
            for (ContainerInfo c : client.containers("default")) {   // leftovers of an earlier run of this user
                if (c.nerdctlName().filter(n -> n.startsWith("web")).isPresent()) {
                    rc.remove(c.id());
                }
            }
        }
        String oldId = HexFormat.of().formatHex(randomBytes());
        Path stateDir = home.resolve(".local/share/nerdctl/1935db59/containers/default/" + oldId);
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve("network-config.json"), "{\"portMappings\":[]}");
        List<String> run = new ArrayList<>(List.of("run", "-d", "--null-io", "--cgroup", "", "--cpu-shares", "0",
                "--cni"));
        for (String l : List.of("nerdctl/name=web", "nerdctl/networks=[\"bridge\"]", "nerdctl/namespace=default",
                "nerdctl/state-dir=" + stateDir, "nerdctl/bypass4netns=true")) {
            run.addAll(List.of("--label", l, "--annotation", l));
        }
        run.addAll(List.of(RealContainers.IMAGE, oldId, "sh", "-c", SCRIPT));
        RealContainers.Out made = rc.ctr(true, run.toArray(String[]::new));
        assertThat(made.code()).as(made.text()).isZero();

        // the plan runner: containerd dies at each kill point; Restart=always brings it back, then the rollback
        PlanRunner runner = new PlanRunner();
        int tried = 0;
        for (String point : KILL_POINTS) {
            RecreatePlan plan;
            try (ContainerdClient client = ContainerdClient.connect(socket)) {
                ContainerView old = RecreateIT.view(client, oldId, stateDir);
                assertThat(old.state()).as(point).isEqualTo(ContainerState.RUNNING);
                plan = planner.plan(old, false, false);
            }
            Files.createDirectories(standinConfig("pause").getParent());
            Files.writeString(standinConfig("pause"), point);
            CompletableFuture<PlanRunner.Outcome> running = CompletableFuture.supplyAsync(
                    () -> runner.run(plan.plan(), PlanRunner.Listener.NONE));
            long killed = killContainerdWhenPaused();
            Files.delete(standinConfig("pause"));
            PlanRunner.Outcome o = running.get(2, TimeUnit.MINUTES);

            assertThat(o.succeeded()).as(point).isFalse();
            Exception e = o.failure().orElseThrow();
            assertThat(e).as(point).isInstanceOf(StepFailedException.class);
            String expected = switch (point) {
                case "rename" -> "could not rename web to web-rp-old-";
                case "run" -> "could not create the new web";
                // nerdctl printed the new id, but containerd died under it: the run step must not pass
                default -> "(could not tell whether the new web runs|created the new web, but it is not running)";
            };
            assertThat(e.getMessage()).as(point).containsPattern(expected);
            assertThat(((StepFailedException) e).details()).as(point).isNotBlank();
            assertThat(o.completed()).as(point).isEqualTo(point.equals("rename") ? 1 : 2);
            assertThat(o.undoable()).as("the rollback is offered (%s)", point).isNotEmpty();

            long ms = waitForContainerd(socket, killed);
            System.out.printf("[RecreateFaultsIT] %s: containerd back %d ms after SIGKILL%n", point, ms);
            rc.installBridgeNetwork();   // a restarted RootlessKit starts with a fresh /etc
            List<String> halfMade;
            try (ContainerdClient client = ContainerdClient.connect(socket)) {
                halfMade = client.containers("default").stream().filter(c -> !c.id().equals(oldId)
                        && c.nerdctlName().filter("web"::equals).isPresent()).map(ContainerInfo::id).toList();
            }
            // the case is what it says: only the kill after create leaves a new "web" for the rollback to remove
            assertThat(halfMade).as(point).hasSize(point.equals("run-after-create") ? 1 : 0);
            List<String> problems = runner.rollback(o, PlanRunner.Listener.NONE);
            assertThat(problems).as(point).isEmpty();
            try (ContainerdClient client = ContainerdClient.connect(socket)) {
                RecreateIT.assertRestored(client, oldId);   // also: no second "web", nothing left under the aside name
                assertThat(client.containers("default")).as(point).noneMatch(c -> halfMade.contains(c.id()));
            }
            tried++;
        }
        assertThat(tried).isEqualTo(PLAN_CASES);

        // the command line: containerd killed at the run step and kept down (as when it crash-loops), so its
        // rollback cannot run; the output must say where the old container is and how to finish
        int cliTried = 0;
        Files.writeString(standinConfig("pause"), "run");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(DbusUserManager::connect, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
        CompletableFuture<Integer> cliRun = CompletableFuture.supplyAsync(
                () -> cli.run("bypass4netns", "off", "web", "--yes"));
        long killed = killContainerdWhenPaused();
        TestUser.systemctl("stop", UNIT);   // cancels the pending automatic restart
        Files.delete(standinConfig("pause"));
        int code = cliRun.get(2, TimeUnit.MINUTES);
        String stderr = err.toString(StandardCharsets.UTF_8);
        String stdout = out.toString(StandardCharsets.UTF_8);
        System.out.println("[RecreateFaultsIT] command line, containerd down:\n" + stdout + stderr);
        assertThat(code).as(stderr).isEqualTo(Cli.FAILED);
        assertThat(stdout).doesNotContain("recreated with bypass4netns");
        assertThat(stderr).contains("could not create the new web").contains("rollback could not undo everything")
                .doesNotContain("is as it was");
        List<List<String>> calls = RecreateIT.subcommands(RecreateIT.callsFile());
        String aside = calls.stream().filter(c -> c.size() == 4 && c.get(0).equals("rename")
                && c.get(2).equals(oldId) && c.get(3).startsWith("web-rp-old-")).reduce((a, b) -> b)
                .orElseThrow().get(3);
        List<String> renameBack = List.of("nerdctl", "rename", "--", oldId, "web");
        List<String> start = List.of("nerdctl", "start", "--", oldId);
        assertThat(stderr).contains("may still be named " + aside).contains("systemctl --user start " + UNIT)
                .contains(Nerdctl.display(renameBack)).contains(Nerdctl.display(start));
        // containerd really is down and the old container really carries the aside name: what the text says holds
        assertThat(TestUser.systemctlMayFail("is-active", UNIT).output().strip()).isNotEqualTo("active");

        // the user follows the text: start containerd, then the printed commands
        TestUser.systemctlMayFail("reset-failed", UNIT);
        TestUser.systemctl("start", UNIT);
        waitForContainerd(socket, killed);
        try (ContainerdClient client = ContainerdClient.connect(socket)) {
            ContainerInfo asideNow = client.containers("default").stream().filter(c -> c.id().equals(oldId))
                    .findFirst().orElseThrow(() -> new AssertionError("the old container is lost"));
            assertThat(asideNow.nerdctlName()).contains(aside);
        }
        for (List<String> cmd : List.of(renameBack, start)) {
            ProcessRunner.Result r = processes.run(concat(nerdctl.executable().toString(), cmd.subList(1, cmd.size())),
                    Duration.ofSeconds(60));
            assertThat(r.ok()).as(r.output()).isTrue();
        }
        try (ContainerdClient client = ContainerdClient.connect(socket)) {
            RecreateIT.assertRestored(client, oldId);
            assertThat(rc.remove(oldId)).isTrue();
        }
        cliTried++;
        assertThat(cliTried).isEqualTo(CLI_CASES);

        rc.ctr(false, "images", "rm", RealContainers.IMAGE);
        TestUser.Result uninstall = ContainerdClientIT.panel("uninstall", "containerd");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
    }

    /**
     * Waits (watching the stand-in's state directory) until the stand-in nerdctl has paused, then kills containerd
     * (RootlessKit's child: containerd-rootless.sh execs containerd there) with SIGKILL and waits for it to be gone.
     * Returns RootlessKit's child pid (it goes with containerd). The pause marker is removed after, so the stand-in goes on against a dead containerd.
     */
    private static long killContainerdWhenPaused() throws Exception {
        Path marker = pausedMarker();
        Files.createDirectories(marker.getParent());
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            marker.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!Files.exists(marker)) {
                long left = end - System.nanoTime();
                assertThat(left).as("the stand-in nerdctl did not pause").isPositive();
                var key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        long child = RealContainers.childPid();
        // RootlessKit's child runs containerd-rootless.sh's child branch, which execs containerd
        List<ProcessHandle> found = ProcessHandle.of(child).orElseThrow().descendants()
                .filter(p -> comm(p.pid()).equals("containerd")).toList();
        assertThat(found).as("containerd under RootlessKit's child %d", child).hasSize(1);
        ProcessHandle h = found.get(0);
        assertThat(h.destroyForcibly()).isTrue();   // SIGKILL
        h.onExit().get(30, TimeUnit.SECONDS);
        Files.delete(marker);
        return child;
    }

    /**
     * Until containerd (a new pid) answers on its socket, as systemd brings it back (Restart=always, RestartSec=2);
     * if the unit gave up (StartLimitBurst), the test starts it as a user would. Milliseconds it took.
     */
    private static long waitForContainerd(Path socket, long killedChild) throws Exception {
        long t0 = System.nanoTime();
        long end = t0 + BACK.toNanos();
        Path childPid = Path.of(System.getenv("XDG_RUNTIME_DIR"), "containerd-rootless", "child_pid");
        while (System.nanoTime() < end) {
            String state = TestUser.systemctlMayFail("is-active", UNIT).output().strip();
            if (state.equals("failed")) {
                TestUser.systemctlMayFail("reset-failed", UNIT);
                TestUser.systemctl("start", UNIT);
            }
            try {
                if (state.equals("active") && Files.exists(childPid)
                        && Long.parseLong(Files.readString(childPid).strip()) != killedChild) {
                    try (ContainerdClient client = ContainerdClient.connect(socket)) {
                        client.containers("default");
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    }
                }
            } catch (Exception notYet) {
                // the socket is not there yet, or containerd is still loading
            }
            Thread.sleep(200);
        }
        throw new AssertionError("containerd did not come back within " + BACK + ": "
                + TestUser.systemctlMayFail("status", UNIT).output());
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (java.io.IOException gone) {
            return "";
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }

    private static Path standinConfig(String file) {
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config == null || config.isEmpty() ? TestUser.home().resolve(".config") : Path.of(config);
        return base.resolve("rp-nerdctl-standin").resolve(file);
    }

    private static Path pausedMarker() {
        return RecreateIT.callsFile().resolveSibling("paused");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
