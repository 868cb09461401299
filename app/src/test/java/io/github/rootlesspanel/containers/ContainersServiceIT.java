package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The acceptance on real parts: real rootless containerd (Debian's), two real busybox containers on
 * nerdctl's default CNI bridge made with {@code ctr} under nerdctl's labels (nerdctl has no Debian package; the
 * project's stand-in {@code nerdctl} and {@code bypass4netnsd} from app/src/test/standins take their place where a
 * command runs), read through the panel's command line and its live service.
 */
@Tag("real-systemd")
class ContainersServiceIT {

    static final List<String> UNITS = List.of("containerd.service", "bypass4netnsd.service");
    static final String WEB = "rp-acc-web";
    static final String DB = "rp-acc-db";

    @TempDir
    Path tmp;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        for (String u : UNITS) {
            TestUser.removeUnit(u);
            Files.deleteIfExists(TestUser.unitDir().resolve(u + ".bak"));
        }
    }

    @Test
    void listsRealContainersFollowsTheirEventsAndPlansTheSwitch() throws Exception {
        TestUser.home();
        for (String c : List.of("containerd", "bypass4netnsd")) {
            TestUser.Result r = TestUser.panel("install", c);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        RealContainers rc = new RealContainers(socket, tmp);
        rc.importImage();
        rc.installBridgeNetwork();
        rc.remove(WEB);
        rc.remove(DB);

        // where nerdctl keeps what it published for the container (rootless-setup.md §6.7)
        XdgDirs dirs = XdgDirs.from(System.getenv());
        Path state = dirs.dataHome().resolve("nerdctl/1935db59/containers/default").resolve(WEB);
        Files.createDirectories(state);
        Files.writeString(state.resolve("network-config.json"),
                "{\"portMappings\":[{\"HostPort\":8080,\"ContainerPort\":80,\"Protocol\":\"tcp\",\"HostIP\":\"0.0.0.0\"}]}");
        Path data = Files.createDirectories(tmp.resolve("site"));

        RealContainers.Out web = rc.run(WEB, true,
                List.of("nerdctl/name=web", "nerdctl/networks=[\"bridge\"]", "nerdctl/state-dir=" + state,
                        "containerd.io/restart.policy=always", "org.example.tier=front"),
                List.of(), "sleep", "600");
        assertThat(web.code()).as(web.text()).isZero();
        RealContainers.Out db = rc.run(DB, true,
                List.of("nerdctl/name=db", "nerdctl/networks=[\"bridge\"]"),
                List.of("nerdctl/bypass4netns=true"), "sleep", "600");
        assertThat(db.code()).as(db.text()).isZero();

        // `rootless-panel containers --json`: both, running, with IPs, PIDs and bypass4netns configured
        TestUser.Split listed = TestUser.panelSplit("containers", "--json");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        JsonNode root = new ObjectMapper().readTree(listed.stdout());
        assertThat(root.path("connection").asText()).isEqualTo("connected");
        JsonNode w = byName(root, "web");
        JsonNode d = byName(root, "db");
        for (JsonNode c : List.of(w, d)) {
            assertThat(c.path("state").asText()).isEqualTo("running");
            assertThat(c.path("pid").asLong()).isPositive();
            assertThat(c.path("addresses").get(0).path("address").asText()).startsWith("10.4.0.");
            assertThat(c.path("addresses").get(0).path("interface").asText()).isEqualTo("eth0");
            assertThat(c.path("networks").get(0).asText()).isEqualTo("bridge");
        }
        assertThat(w.path("bypass4netns").path("configured").asBoolean()).isFalse();
        assertThat(d.path("bypass4netns").path("configured").asBoolean()).isTrue();
        assertThat(d.path("bypass4netns").path("source").asText()).isEqualTo("annotation");
        // the stand-in bypass4netnsd answers and lists nothing: nothing accelerated (ctr ran no nerdctl hook)
        assertThat(d.path("bypass4netns").path("live").isBoolean()).as(d.toString()).isTrue();
        assertThat(d.path("bypass4netns").path("live").asBoolean()).isFalse();
        assertThat(w.path("ports").get(0).path("hostPort").asInt()).isEqualTo(8080);
        assertThat(w.path("restartPolicy").asText()).isEqualTo("always");
        TestUser.Split table = TestUser.panelSplit("containers");
        assertThat(table.stdout()).contains("web").contains("db").contains("0.0.0.0:8080->80/tcp");

        // live: stopping one with ctr shows without asking again
        BlockingQueue<ContainersService.Snapshot> seen = new LinkedBlockingQueue<>();
        ContainersService service = new ContainersService(dirs, new ProcessRunner(System.getenv()), null, socket,
                Clock.systemUTC());
        try (ContainersService.Watch watch = service.watch(seen::add)) {
            await(seen, s -> s.connection() == ContainersService.Connection.CONNECTED
                    && state(s, DB) == ContainerState.RUNNING, Duration.ofSeconds(20));
            long t0 = System.nanoTime();
            RealContainers.Out kill = rc.ctr(true, "tasks", "kill", "-s", "KILL", DB);
            assertThat(kill.code()).as(kill.text()).isZero();
            await(seen, s -> state(s, DB) == ContainerState.EXITED, Duration.ofSeconds(5));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("ctr kill -> EXITED in the watch: " + ms + " ms (including ctr itself)");

            // containerd going away is said, and its return is followed
            TestUser.systemctl("stop", "containerd.service");
            ContainersService.Snapshot down = await(seen,
                    s -> s.connection() == ContainersService.Connection.UNAVAILABLE, Duration.ofSeconds(10));
            assertThat(down.problem()).isNotBlank();
            TestUser.systemctl("start", "containerd.service");
            await(seen, s -> s.connection() == ContainersService.Connection.CONNECTED, Duration.ofSeconds(40));
        }

        // the dry run of the switch: nerdctl commands that carry env, ports, mounts, restart policy + the annotation
        rc.installBridgeNetwork();   // a restarted RootlessKit starts with a fresh /etc
        rc.remove(WEB);
        RealContainers.Out again = rc.ctr(true, "run", "-d", "--null-io", "--cgroup", "", "--cpu-shares", "0", "--cni",
                "--env", "GREETING=hello world", "--mount", "type=bind,src=" + data + ",dst=/data,options=rbind:ro",
                "--label", "nerdctl/name=web", "--label", "nerdctl/networks=[\"bridge\"]",
                "--label", "nerdctl/state-dir=" + state, "--label", "containerd.io/restart.policy=always",
                RealContainers.IMAGE, WEB, "sleep", "601");
        assertThat(again.code()).as(again.text()).isZero();
        TestUser.Split dry = TestUser.panelSplit("bypass4netns", "on", "web", "--dry-run");
        assertThat(dry.exitCode()).as(dry.output()).isZero();
        String text = dry.stdout();
        assertThat(text).contains("nerdctl stop").contains("nerdctl rename").contains("nerdctl run")
                .contains("nerdctl rm");
        assertThat(text).contains("--annotation=nerdctl/bypass4netns=true")
                .contains("'--env=GREETING=hello world'")
                .contains("-p=0.0.0.0:8080:80")
                .contains("-v=" + data + ":/data:ro")
                .contains("--restart=always")
                .contains("--network=bridge");
        assertThat(text).containsIgnoringCase("writable layer");
        // nothing ran: the container is still there, still running
        TestUser.Split after = TestUser.panelSplit("containers", "--json");
        assertThat(byName(new ObjectMapper().readTree(after.stdout()), "web").path("state").asText()).isEqualTo("running");

        // off, when it is already off: nothing to do
        TestUser.Split noop = TestUser.panelSplit("bypass4netns", "off", "web", "--dry-run");
        assertThat(noop.exitCode()).as(noop.output()).isZero();
        assertThat(noop.stdout()).contains("already off");

        rc.remove(WEB);
        rc.remove(DB);
    }

    @Test
    void refusesWithTheReasonWhenBypass4netnsdIsNotRunning() throws Exception {
        TestUser.home();
        TestUser.Result r = TestUser.panel("install", "containerd");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        RealContainers rc = new RealContainers(socket, tmp);
        rc.importImage();
        rc.installBridgeNetwork();
        rc.remove(WEB);
        RealContainers.Out web = rc.run(WEB, true, List.of("nerdctl/name=web", "nerdctl/networks=[\"bridge\"]"),
                List.of(), "sleep", "600");
        assertThat(web.code()).as(web.text()).isZero();
        TestUser.Split dry = TestUser.panelSplit("bypass4netns", "on", "web", "--dry-run");
        assertThat(dry.exitCode()).as(dry.output()).isEqualTo(3);
        assertThat(dry.stderr()).contains("bypass4netnsd");
        rc.remove(WEB);
    }

    private static ContainerState state(ContainersService.Snapshot s, String id) {
        return s.containers().stream().filter(c -> c.id().equals(id)).map(ContainerView::state).findFirst()
                .orElse(ContainerState.UNKNOWN);
    }

    private static ContainersService.Snapshot await(BlockingQueue<ContainersService.Snapshot> q,
                                                    Predicate<ContainersService.Snapshot> until, Duration max)
            throws InterruptedException {
        List<String> got = new ArrayList<>();
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            ContainersService.Snapshot s = q.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new AssertionError("no matching snapshot within " + max + "; got " + got);
            }
            got.add(s.connection() + " " + s.containers().stream().map(c -> c.id() + "=" + c.state()).toList());
            if (until.test(s)) {
                return s;
            }
        }
    }

    private static JsonNode byName(JsonNode root, String name) {
        for (JsonNode c : root.path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name + " in " + root);
    }
}
