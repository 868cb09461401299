package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.rootlesskit.UnixHttp;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The topology built on real parts in both of RootlessKit's layouts (rootless-setup.md §6.5): Debian bookworm's
 * RootlessKit 1.1.0 (containerd in the child's netns with tap0 and nerdctl0) and trixie's 2.0.2 with
 * {@code --detach-netns} (containerd in the host netns; tap0, nerdctl0 and the veths in the detached netns), with
 * real busybox containers wired by the real CNI bridge plugin. Every namespace identity is checked against what
 * the test reads itself ({@code readlink /proc/PID/ns/net}, {@code stat -L} of the detached netns).
 */
@Tag("real-systemd")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopologyIT {

    static final String A = "rp-topo-a";
    static final String B = "rp-topo-b";
    static final String C = "rp-topo-c";
    static final String D = "rp-topo-d";
    static final List<String> ALL = List.of(A, B, C, D);

    static Path scratch;
    static Path link;

    @BeforeAll
    static void scratch() throws IOException {
        TestUser.home();
        scratch = Files.createTempDirectory("topology-it");
        link = TestUser.home().resolve(".local/bin/rootlesskit");
        Files.deleteIfExists(link);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (Files.exists(stateDir().resolve("child_pid"))) {
            for (String id : ALL) {
                remove(id);
            }
        }
        TestUser.removeUnit("containerd.service");
        Files.deleteIfExists(link);
    }

    @Test
    @Order(1)
    void childNetnsModeAndTheMonitor() throws Exception {
        install();
        RealContainers rc = containers();
        for (String id : List.of(A, B)) {
            assertRan(run(id));
        }

        Topology t = TopologyProbe.forThisUser(System.getenv(), null).read();
        System.out.print(TopologyJson.text(t));
        assertThat(t.problems()).as(t.problems().toString()).isEmpty();
        assertThat(t.mode()).isEqualTo(Topology.Mode.CHILD_NETNS);
        assertThat(t.health()).isEqualTo(Topology.Health.RUNNING);
        assertThat(t.networkDriver()).isEqualTo("slirp4netns");
        assertThat(t.childIp()).isEqualTo("10.0.2.100");
        assertThat(t.hostNetns()).isEqualTo(netnsOf("self")).isPositive();

        long child = RealContainers.childPid();
        Topology.Netns childNs = only(t, Topology.NetnsRole.ROOTLESSKIT_CHILD);
        assertThat(childNs.inode()).isEqualTo(netnsOf(Long.toString(child))).isNotEqualTo(t.hostNetns());
        assertThat(names(childNs)).contains("lo", "tap0", "nerdctl0");
        Topology.Proc containerd = t.process(Topology.ProcRole.CONTAINERD).orElseThrow();
        // containerd shares the netns with tap0 and nerdctl0
        assertThat(containerd.netNs()).isEqualTo(childNs.inode()).isEqualTo(netnsOf(Long.toString(containerd.pid())));
        assertThat(t.process(Topology.ProcRole.ROOTLESSKIT_CHILD).orElseThrow().pid()).isEqualTo(child);
        Topology.Proc parent = t.process(Topology.ProcRole.ROOTLESSKIT_PARENT).orElseThrow();
        assertThat(parent.netNs()).isEqualTo(t.hostNetns());
        assertThat(parent.name()).isEqualTo("rootlesskit");
        Topology.Proc driver = t.process(Topology.ProcRole.NETWORK_DRIVER).orElseThrow();
        assertThat(driver.name()).isEqualTo("slirp4netns");
        assertThat(driver.netNs()).isEqualTo(t.hostNetns());
        assertThat(t.processes()).anySatisfy(p -> assertThat(p.role()).isEqualTo(Topology.ProcRole.SHIM));
        assertContainersWired(t, childNs, List.of(A, B));

        // acceptance through the command line: containerd shares the netns with tap0
        JsonNode json = topologyJson();
        assertThat(json.path("mode").asText()).isEqualTo("child-netns");
        JsonNode childJson = netnsJson(json, "rootlesskit-child");
        assertThat(childJson.path("inode").asLong()).isEqualTo(childNs.inode());
        assertThat(ifaceNames(childJson)).contains("tap0", "nerdctl0");
        assertThat(processJson(json, "containerd").path("netNs").asLong()).isEqualTo(childNs.inode());

        // the monitor: a container started or stopped is a new topology at once; paused, nothing is rebuilt
        BlockingQueue<Topology> seen = new LinkedBlockingQueue<>();
        try (TopologyMonitor monitor = TopologyMonitor.forThisUser(System.getenv(), null)) {
            monitor.setListener(seen::add);
            monitor.resume();
            await(seen, x -> running(x, A) && running(x, B), Duration.ofSeconds(20));
            long t0 = System.nanoTime();
            assertRan(run(C));
            long ran = System.nanoTime();
            Topology withC = await(seen, x -> running(x, C) && x.netns(node(x, C).netNs()).isPresent(),
                    Duration.ofSeconds(5));
            System.out.printf("container started -> topology: %d ms after ctr returned (%d ms including ctr run)%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ran),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            assertContainersWired(withC, only(withC, Topology.NetnsRole.ROOTLESSKIT_CHILD), List.of(A, B, C));
            assertThat(remove(C)).isTrue();
            await(seen, x -> x.containers().stream().noneMatch(c -> c.id().equals(C)), Duration.ofSeconds(5));

            monitor.pause();
            // a rebuild already under way may still land: wait for the monitor's thread to take the pause
            monitor.sync();
            seen.clear();
            long before = monitor.rebuilds();
            assertRan(run(D));
            assertThat(seen.poll(2, TimeUnit.SECONDS)).as("a rebuild while paused").isNull();
            assertThat(monitor.rebuilds()).isEqualTo(before);

            monitor.resume();
            await(seen, x -> running(x, D), Duration.ofSeconds(5));
        }
        for (String id : ALL) {
            remove(id);
        }
    }

    @Test
    @Order(2)
    void detachNetnsMode() throws Exception {
        Path rk;
        try (Stream<Path> dirs = Files.list(Path.of("/opt"))) {
            rk = dirs.filter(d -> d.getFileName().toString().startsWith("rootlesskit-2."))
                    .map(d -> d.resolve("usr/bin/rootlesskit")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new AssertionError("RootlessKit 2.x is missing under /opt: "
                            + "app/src/test/env/run-tests.sh installs it with install-trixie-rootlesskit.sh"));
        }
        // containerd-rootless.sh finds rootlesskit on the unit's PATH, which starts with ~/.local/bin
        Files.createSymbolicLink(link, rk);
        install();
        assertThat(stateDir().resolve("netns")).exists();
        containers();
        for (String id : List.of(A, B)) {
            assertRan(run(id));
        }

        Topology t = TopologyProbe.forThisUser(System.getenv(), null).read();
        System.out.print(TopologyJson.text(t));
        assertThat(t.problems()).as(t.problems().toString()).isEmpty();
        assertThat(t.mode()).isEqualTo(Topology.Mode.DETACH_NETNS);
        assertThat(t.health()).isEqualTo(Topology.Health.RUNNING);
        long host = netnsOf("self");
        assertThat(t.hostNetns()).isEqualTo(host);
        long detached = detachedInode();
        assertThat(detached).isPositive().isNotEqualTo(host);

        Topology.Proc containerd = t.process(Topology.ProcRole.CONTAINERD).orElseThrow();
        assertThat(containerd.netNs()).isEqualTo(host).isEqualTo(netnsOf(Long.toString(containerd.pid())));
        Topology.Netns d = only(t, Topology.NetnsRole.DETACHED);
        assertThat(d.inode()).isEqualTo(detached);
        assertThat(names(d)).contains("lo", "tap0", "nerdctl0");
        assertThat(t.netns()).noneMatch(n -> n.role() == Topology.NetnsRole.ROOTLESSKIT_CHILD);
        // the host netns holds none of them
        assertThat(names(only(t, Topology.NetnsRole.HOST))).doesNotContain("tap0", "nerdctl0");
        assertContainersWired(t, d, List.of(A, B));

        // acceptance: `rootless-panel topology --json` says the same
        JsonNode json = topologyJson();
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("mode").asText()).isEqualTo("detach-netns");
        assertThat(json.path("hostNetns").asLong()).isEqualTo(host);
        assertThat(processJson(json, "containerd").path("netNs").asLong()).isEqualTo(host);
        JsonNode dj = netnsJson(json, "detached");
        assertThat(dj.path("inode").asLong()).isEqualTo(detached);
        List<String> ifaces = ifaceNames(dj);
        assertThat(ifaces).contains("tap0", "nerdctl0");
        assertThat(ifaces.stream().filter(n -> n.startsWith("veth"))).hasSize(2);
        for (JsonNode i : dj.path("interfaces")) {
            if (i.path("kind").asText().equals("veth")) {
                assertThat(i.path("master").asText()).isEqualTo("nerdctl0");
            }
        }
        assertThat(netnsJson(json, "host").path("inode").asLong()).isEqualTo(host);
        TestUser.Split dot = TestUser.panelSplit("topology", "--dot");
        assertThat(dot.exitCode()).as(dot.output()).isZero();
        assertThat(dot.stdout()).contains("subgraph cluster_n" + detached);
        TestUser.Split text = TestUser.panelSplit("topology");
        assertThat(text.stdout()).contains("Mode: detach-netns").contains("detached  net:[" + detached + "]");

        for (String id : ALL) {
            remove(id);
        }

        // a port published through RootlessKit's API, and the unit's stop followed live with systemd's signals
        UnixHttp.Response posted = UnixHttp.request(stateDir().resolve("api.sock"), "POST", "/v1/ports",
                "{\"proto\":\"tcp\",\"parentIP\":\"127.0.0.1\",\"parentPort\":18080,\"childPort\":18080}",
                Duration.ofSeconds(5));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);   // Created
        BlockingQueue<Topology> seen = new LinkedBlockingQueue<>();
        try (UserManager systemd = DbusUserManager.connect(TestUser.busAddress());
             TopologyMonitor monitor = TopologyMonitor.forThisUser(System.getenv(), systemd)) {
            Topology withPort = TopologyProbe.forThisUser(System.getenv(), systemd).read();
            assertThat(withPort.ports()).containsExactly(new Topology.PublishedPort("tcp", "127.0.0.1", 18080, 18080,
                    Topology.PortPath.ROOTLESSKIT, java.util.Optional.empty()));
            assertThat(withPort.containers()).isEmpty();
            monitor.setListener(seen::add);
            monitor.resume();
            await(seen, x -> x.health() == Topology.Health.RUNNING && x.ports().size() == 1, Duration.ofSeconds(10));
            TestUser.systemctl("stop", "containerd.service");
            Topology down = await(seen, x -> x.mode() == Topology.Mode.NOT_RUNNING, Duration.ofSeconds(10));
            // RootlessKit removes its state dir on the way out; systemd says the unit is inactive
            await(seen, x -> x.health() == Topology.Health.CONTAINERD_INACTIVE, Duration.ofSeconds(10));
            assertThat(down.netns()).extracting(Topology.Netns::role).containsExactly(Topology.NetnsRole.HOST);
            assertThat(down.processes()).noneMatch(x -> x.role() == Topology.ProcRole.CONTAINERD);
        }
    }

    // --- checks

    /** Each container's netns holds eth0 10.4.0.x whose veth peer is in {@code bridgeNs}, a port of nerdctl0. */
    static void assertContainersWired(Topology t, Topology.Netns bridgeNs, List<String> ids) throws IOException {
        for (String id : ids) {
            Topology.ContainerNode c = node(t, id);
            assertThat(c.pid()).as(id).isPositive();
            assertThat(c.netNs()).as(id).isEqualTo(netnsOf(Long.toString(c.pid()))).isNotEqualTo(bridgeNs.inode());
            Topology.Netns ns = t.netns(c.netNs()).orElseThrow();
            assertThat(ns.role()).isEqualTo(Topology.NetnsRole.CONTAINER);
            assertThat(ns.containerId()).contains(id);
            Topology.Iface eth0 = ns.interfaces().stream().filter(i -> i.name().equals("eth0")).findFirst()
                    .orElseThrow();
            assertThat(eth0.kind()).isEqualTo(Topology.IfaceKind.VETH);
            assertThat(eth0.addresses()).anySatisfy(a -> assertThat(a).startsWith("10.4.0.").endsWith("/24"));
            assertThat(c.addresses()).containsAll(eth0.addresses());
            assertThat(TopologyJson.peerNetns(t, ns, eth0).map(Topology.Netns::inode)).contains(bridgeNs.inode());
            Topology.Iface veth = TopologyJson.peer(t, ns, eth0).orElseThrow();
            assertThat(veth.name()).startsWith("veth");
            assertThat(veth.master()).isEqualTo("nerdctl0");
        }
    }

    static Topology.Netns only(Topology t, Topology.NetnsRole role) {
        List<Topology.Netns> found = t.netns().stream().filter(n -> n.role() == role).toList();
        assertThat(found).as(role.toString()).hasSize(1);
        return found.get(0);
    }

    static List<String> names(Topology.Netns n) {
        return n.interfaces().stream().map(Topology.Iface::name).toList();
    }

    static Topology.ContainerNode node(Topology t, String id) {
        return t.containers().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + id + " in " + t.containers()));
    }

    static boolean running(Topology t, String id) {
        return t.containers().stream().anyMatch(c -> c.id().equals(id) && c.pid() > 0);
    }

    static Topology await(BlockingQueue<Topology> q, Predicate<Topology> p, Duration within)
            throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        Topology last = null;
        while (true) {
            long left = end - System.nanoTime();
            Topology t = left > 0 ? q.poll(left, TimeUnit.NANOSECONDS) : null;
            if (t == null) {
                throw new AssertionError("no such topology within " + within + "; last: "
                        + (last == null ? "none" : TopologyJson.text(last)));
            }
            last = t;
            if (p.test(t)) {
                return t;
            }
        }
    }

    static JsonNode topologyJson() throws IOException {
        TestUser.Split r = TestUser.panelSplit("topology", "--json");
        assertThat(r.exitCode()).as(r.output()).isZero();
        return new ObjectMapper().readTree(r.stdout());
    }

    static JsonNode netnsJson(JsonNode root, String role) {
        for (JsonNode n : root.path("netns")) {
            if (n.path("role").asText().equals(role)) {
                return n;
            }
        }
        throw new AssertionError("no " + role + " netns in " + root);
    }

    static JsonNode processJson(JsonNode root, String role) {
        for (JsonNode n : root.path("processes")) {
            if (n.path("role").asText().equals(role)) {
                return n;
            }
        }
        throw new AssertionError("no " + role + " process in " + root);
    }

    static List<String> ifaceNames(JsonNode netns) {
        List<String> out = new ArrayList<>();
        netns.path("interfaces").forEach(i -> out.add(i.path("name").asText()));
        return out;
    }

    // --- facts read by the test itself

    static long netnsOf(String pid) throws IOException {
        return IpJson.nsInode(Files.readSymbolicLink(Path.of("/proc", pid, "ns", "net")).toString());
    }

    static Path stateDir() {
        return Path.of(System.getenv("XDG_RUNTIME_DIR"), "containerd-rootless");
    }

    /** {@code stat -L -c %i} of the detached netns as seen through the child's root (test-environment.md step 6). */
    static long detachedInode() throws Exception {
        RealContainers.Out out = exec(List.of("stat", "-L", "-c", "%i",
                "/proc/" + RealContainers.childPid() + "/root" + stateDir().resolve("netns")));
        assertThat(out.code()).as(out.text()).isZero();
        return Long.parseLong(out.text().strip());
    }

    // --- containerd and containers

    static void install() {
        TestUser.removeUnit("containerd.service");
        TestUser.Result r = TestUser.panel("install", "containerd");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    static RealContainers containers() throws Exception {
        RealContainers rc = new RealContainers(ContainerdClient.defaultSocket(System.getenv()), scratch);
        rc.importImage();
        rc.installBridgeNetwork();
        for (String id : ALL) {
            remove(id);
        }
        return rc;
    }

    static void assertRan(RealContainers.Out out) {
        assertThat(out.code()).as(out.text()).isZero();
    }

    /** {@code ctr run -d --cni} of busybox sleeping, as {@link RealContainers#run} but in either layout. */
    static RealContainers.Out run(String id) throws Exception {
        return ctr("run", "-d", "--null-io", "--cgroup", "", "--cpu-shares", "0", "--cni", RealContainers.IMAGE, id,
                "sleep", "600");
    }

    /** Kills, deletes the task and the container, releases its CNI lease; whether it is gone. */
    static boolean remove(String id) throws Exception {
        ctr("tasks", "kill", "-s", "KILL", id);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            RealContainers.Out rm = ctr("tasks", "rm", id);
            if (rm.code() == 0 || rm.text().contains("not found")) {
                break;
            }
            Thread.sleep(200);
        }
        RealContainers.Out crm = ctr("containers", "rm", id);
        RealContainers.releaseLeases(id);
        return crm.code() == 0 || crm.text().contains("not found");
    }

    /**
     * {@code ctr} inside RootlessKit's user and mount namespaces and the netns with tap0 and nerdctl0 (CNI's bridge
     * plugin puts the host end of the veth where ctr runs): the child's in 1.1.0, the detached one in detach mode,
     * entered by path and never with {@code -n -t CHILD} (test-environment.md step 6).
     */
    static RealContainers.Out ctr(String... args) throws Exception {
        long child = RealContainers.childPid();
        Path detached = Path.of("/proc/" + child + "/root" + stateDir().resolve("netns"));
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-U", "--preserve-credentials", "-m", "-t",
                Long.toString(child)));
        cmd.add(Files.exists(stateDir().resolve("netns")) ? "--net=" + detached : "--net=/proc/" + child + "/ns/net");
        cmd.addAll(List.of("ctr", "--address", ContainerdClient.defaultSocket(System.getenv()).toString()));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** Output to a file, not a pipe: a detached task's shim must not keep the read end open. */
    static RealContainers.Out exec(List<String> cmd) throws Exception {
        Path log = Files.createTempFile(scratch, "cmd", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        // CNI's bridge plugin runs iptables from /usr/sbin
        env.put("PATH", env.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String text = Files.readString(log);
        System.out.println("$ " + String.join(" ", cmd) + " -> " + p.exitValue() + (text.isBlank() ? "" : "\n" + text));
        return new RealContainers.Out(p.exitValue(), text);
    }
}
