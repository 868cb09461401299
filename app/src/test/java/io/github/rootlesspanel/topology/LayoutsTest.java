package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.topology.Layout.Link;
import io.github.rootlesspanel.topology.Layout.LinkKind;
import io.github.rootlesspanel.topology.Layout.Point;
import io.github.rootlesspanel.topology.Layout.Port;
import io.github.rootlesspanel.topology.Layout.Side;
import io.github.rootlesspanel.topology.Layout.StepArrow;
import io.github.rootlesspanel.topology.Topology.Health;
import io.github.rootlesspanel.topology.Topology.Mode;

/** The placement rules of the design figure (rootless-setup.md §6.5–6.7) on recorded models. */
class LayoutsTest {

    static final List<String> THREE = List.of("web", "cache", "proxy-b4nn");
    static final String HOST = "netns:" + TopologyFixtures.HOST_NET;
    static final String CHILD = "netns:" + TopologyFixtures.CHILD_NET;
    static final String DETACHED = "netns:" + TopologyFixtures.DETACHED_NET;

    static Box box(Layout l, String key) {
        return l.box(key).orElseThrow(() -> new AssertionError("no box " + key));
    }

    static Port port(Layout l, String key) {
        return l.ports().stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no port " + key));
    }

    static Link link(Layout l, String key) {
        return l.links().stream().filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no link " + key));
    }

    static String containerKey(Topology t, String name) {
        return "container:" + t.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().id();
    }

    @Test
    void nonDetachDrawsContainerdInsideTheChildNetnsWithTap0() {
        Topology t = TopologyFixtures.nonDetach(THREE);
        Layout l = Layouts.of(t);
        Box host = box(l, HOST);
        Box child = box(l, CHILD);
        assertThat(host.kind()).isEqualTo(BoxKind.HOST_NETNS);
        assertThat(child.kind()).isEqualTo(BoxKind.CHILD_NETNS);
        assertThat(child.x()).as("host on the left, child on the right").isGreaterThan(host.right());
        assertThat(child.greyed()).isFalse();
        assertThat(box(l, "proc:containerd").parent()).isEqualTo(CHILD);
        assertThat(box(l, "proc:runc").parent()).isEqualTo(CHILD);
        assertThat(box(l, "proc:shims").parent()).isEqualTo(CHILD);
        assertThat(box(l, "proc:shims").title()).isEqualTo("containerd-shim");
        assertThat(box(l, "proc:shims").subtitle()).isEqualTo("×3 processes");
        assertThat(box(l, "proc:rootlesskit-child").parent()).isEqualTo(CHILD);
        assertThat(box(l, "proc:rootlesskit-parent").parent()).isEqualTo(HOST);
        assertThat(box(l, "proc:network-driver").parent()).isEqualTo(HOST);
        assertThat(box(l, "proc:network-driver").title()).isEqualTo("slirp4netns");
        assertThat(box(l, "proc:bypass4netnsd").parent()).isEqualTo(HOST);
        assertThat(box(l, "proc:ocihook").parent()).isEqualTo(CHILD);
        assertThat(box(l, "proc:cni").parent()).isEqualTo(CHILD);
        assertThat(box(l, "bridge:nerdctl0").parent()).isEqualTo(CHILD);
        assertThat(box(l, containerKey(t, "web")).parent()).isEqualTo(CHILD);
        LayoutGoldenTest.assertWellFormed(l);
    }

    @Test
    void detachModeDrawsContainerdInTheHostAndTap0InTheDetachedNetns() {
        Topology t = TopologyFixtures.detach(THREE);
        Layout l = Layouts.of(t);
        assertThat(box(l, DETACHED).kind()).isEqualTo(BoxKind.DETACHED_NETNS);
        assertThat(box(l, DETACHED).title()).isEqualTo("Detached netns ($STATE_DIR/netns)");
        assertThat(box(l, DETACHED).subtitle()).isEqualTo("net:[4026532176]");
        for (String p : List.of("proc:containerd", "proc:runc", "proc:shims", "proc:rootlesskit-child",
                "proc:nerdctl", "proc:bypass4netnsd", "proc:bypass4netns")) {
            assertThat(box(l, p).parent()).as(p).isEqualTo(HOST);
        }
        // the hook and CNI run in the detached netns (runc nsenters into it)
        assertThat(box(l, "proc:ocihook").parent()).isEqualTo(DETACHED);
        assertThat(box(l, "proc:cni").parent()).isEqualTo(DETACHED);
        Port tap = port(l, "if:4026532176:tap0");
        assertThat(tap.box()).isEqualTo(DETACHED);
        assertThat(tap.label()).isEqualTo("tap0 10.0.2.100/24");
        assertThat(tap.details()).containsEntry("MTU", "65520").containsEntry("netns", "net:[4026532176]");
        assertThat(port(l, "if:4026532176:lo").box()).isEqualTo(DETACHED);
        assertThat(box(l, "bridge:nerdctl0").subtitle()).isEqualTo("10.4.0.1/24");
    }

    @Test
    void tap0FacesTheNetworkDriverWhichReachesTheHost() {
        for (Topology t : List.of(TopologyFixtures.nonDetach(THREE), TopologyFixtures.detach(THREE))) {
            Layout l = Layouts.of(t);
            String childKey = t.mode() == Mode.DETACH_NETNS ? DETACHED : CHILD;
            long childIno = t.mode() == Mode.DETACH_NETNS ? TopologyFixtures.DETACHED_NET : TopologyFixtures.CHILD_NET;
            Port tap = port(l, "if:" + childIno + ":tap0");
            Box driver = box(l, "proc:network-driver");
            assertThat(l.side(tap)).isEqualTo(Side.LEFT);
            assertThat(driver.right()).isLessThan(tap.cx());
            assertThat(tap.cy()).as("level with the driver").isEqualTo(driver.y() + driver.h() / 2);
            Link tapLink = link(l, "link:tap-driver");
            assertThat(tapLink.kind()).isEqualTo(LinkKind.TAP_DRIVER);
            assertThat(List.of(tapLink.from(), tapLink.to())).containsExactly(tap.key(), driver.key());
            Link out = link(l, "link:driver-host");
            assertThat(List.of(out.from(), out.to())).containsExactly(driver.key(), Layouts.HOST_EDGE_KEY);
            Link bridge = link(l, "link:bridge:nerdctl0");
            assertThat(List.of(bridge.from(), bridge.to())).containsExactly("bridge:nerdctl0", tap.key());
            assertThat(box(l, childKey).x()).isEqualTo(tap.cx());
        }
    }

    @Test
    void eachRunningContainerIsWiredEth0ToItsVethOnTheBridge() {
        Topology t = TopologyFixtures.detach(THREE);
        Layout l = Layouts.of(t);
        for (String name : THREE) {
            String key = containerKey(t, name);
            Box c = box(l, key);
            assertThat(c.kind()).isEqualTo(BoxKind.CONTAINER_NETNS);
            Link veth = link(l, "link:veth:" + key.substring("container:".length()));
            assertThat(veth.kind()).isEqualTo(LinkKind.VETH);
            Port eth0 = port(l, veth.from());
            Port vethPort = port(l, veth.to());
            assertThat(eth0.box()).isEqualTo(key);
            assertThat(eth0.label()).isEqualTo("eth0");
            assertThat(vethPort.box()).isEqualTo("bridge:nerdctl0");
            assertThat(vethPort.label()).startsWith("veth");
            assertThat(vethPort.details()).containsEntry("bridge", "nerdctl0");
            assertThat(l.side(vethPort)).isEqualTo(Side.BOTTOM);
            assertThat(veth.points().get(0)).isEqualTo(new Point(eth0.cx(), eth0.cy()));
            assertThat(veth.points().get(veth.points().size() - 1)).isEqualTo(new Point(vethPort.cx(), vethPort.cy()));
            assertThat(c.details()).containsKeys("ID", "PID", "netns", "addresses", "bypass4netns");
        }
        Box web = box(l, containerKey(t, "web"));
        assertThat(web.subtitle()).isEqualTo("10.4.0.2/24");
        assertThat(web.details()).containsEntry("netns", "net:[4026532246]").containsEntry("PID", "4100");
    }

    @Test
    void bypass4netnsContainersGetTheirOwnLinkToTheHostAndPortsShowTheirPath() {
        Topology t = TopologyFixtures.nonDetach(THREE);
        Layout l = Layouts.of(t);
        String b4nn = containerKey(t, "proxy-b4nn");
        List<Link> bypass = l.links().stream().filter(k -> k.kind() == LinkKind.BYPASS).toList();
        assertThat(bypass).singleElement().satisfies(k -> {
            assertThat(k.from()).isEqualTo(b4nn);
            assertThat(k.to()).isEqualTo(Layouts.HOST_EDGE_KEY);
            Point end = k.points().get(k.points().size() - 1);
            assertThat(end.x()).isEqualTo(box(l, Layouts.HOST_EDGE_KEY).right());
        });
        assertThat(box(l, b4nn).details()).containsEntry("bypass4netns", "bypass4netns active");

        Box edge = box(l, Layouts.HOST_EDGE_KEY);
        Map<String, Port> pubs = l.ports().stream().filter(p -> p.key().startsWith("port:"))
                .collect(Collectors.toMap(Port::key, p -> p));
        assertThat(pubs).containsOnlyKeys("port:tcp:*:8080", "port:tcp:0.0.0.0:8083");
        // on the outer (left) edge of the host: nothing is drawn further left than the host box
        assertThat(pubs.values()).allSatisfy(p -> {
            assertThat(p.box()).isEqualTo(Layouts.HOST_EDGE_KEY);
            assertThat(p.cx()).isEqualTo(edge.x());
        });
        assertThat(pubs.get("port:tcp:*:8080").label()).isEqualTo("tcp :8080 → web:8080 (RK)");
        Link rk = link(l, "link:port:tcp:*:8080");
        assertThat(rk.kind()).isEqualTo(LinkKind.PUBLISHED_PORT);
        assertThat(rk.to()).isEqualTo("proc:rootlesskit-parent");
        assertThat(link(l, "link:port-driver").from()).isEqualTo("proc:rootlesskit-parent");
        Link viaBypass = link(l, "link:port:tcp:0.0.0.0:8083");
        assertThat(viaBypass.to()).isEqualTo(b4nn);
        assertThat(pubs.get("port:tcp:0.0.0.0:8083").details())
                .containsEntry("container port", "80").containsEntry("container", "proxy-b4nn");
    }

    @Test
    void theSixStepsFollowTheStartOfAContainer() {
        for (Topology t : List.of(TopologyFixtures.nonDetach(THREE), TopologyFixtures.detach(THREE))) {
            Layout l = Layouts.of(t);
            List<StepArrow> s = l.steps();
            assertThat(s).extracting(StepArrow::label).containsExactly(
                    "1 nerdctl → containerd", "2 containerd → runc", "3 runc creates the container's namespaces",
                    "4 nsenter into the child netns: OCI hook", "5 ocihook → CNI", "6 CNI: eth0 → veth → nerdctl0");
            assertStep(s.get(0), box(l, "proc:nerdctl"), box(l, "proc:containerd"));
            assertStep(s.get(1), box(l, "proc:containerd"), box(l, "proc:runc"));
            // the first container in name order
            assertStep(s.get(2), box(l, "proc:runc"), box(l, containerKey(t, "cache")));
            assertStep(s.get(3), box(l, "proc:runc"), box(l, "proc:ocihook"));
            assertStep(s.get(4), box(l, "proc:ocihook"), box(l, "proc:cni"));
            assertStep(s.get(5), box(l, "proc:cni"), box(l, "bridge:nerdctl0"));
        }
    }

    static void assertStep(StepArrow s, Box from, Box to) {
        Point a = s.points().get(0);
        Point b = s.points().get(s.points().size() - 1);
        assertThat(onBorder(from, a)).as("step %d starts on %s: %s", s.number(), from.key(), a).isTrue();
        assertThat(onBorder(to, b)).as("step %d ends on %s: %s", s.number(), to.key(), b).isTrue();
    }

    static boolean onBorder(Box b, Point p) {
        boolean inside = p.x() >= b.x() && p.x() <= b.right() && p.y() >= b.y() && p.y() <= b.bottom();
        return inside && (p.x() == b.x() || p.x() == b.right() || p.y() == b.y() || p.y() == b.bottom());
    }

    @Test
    void degradedStatesGreyTheChildSideAndSayWhy() {
        Map<Health, String> why = Map.of(
                Health.CONTAINERD_INACTIVE, "containerd inactive",
                Health.ROOTLESSKIT_STARTING, "RootlessKit starting",
                Health.STALE_STATE_DIR, "stale state dir");
        for (Map.Entry<Health, String> e : why.entrySet()) {
            Layout l = Layouts.of(TopologyFixtures.build(Mode.CHILD_NETNS, e.getKey(), List.of("web")));
            Box child = box(l, CHILD);
            assertThat(child.greyed()).isTrue();
            assertThat(child.title()).contains(e.getValue());
            assertThat(l.boxes()).filteredOn(b -> b.parent().equals(CHILD)).isNotEmpty()
                    .allSatisfy(b -> assertThat(b.greyed()).as(b.key()).isTrue());
            assertThat(box(l, HOST).greyed()).isFalse();
            assertThat(box(l, "proc:rootlesskit-parent").greyed()).isFalse();
        }
        Layout inactive = Layouts.of(TopologyFixtures.build(Mode.CHILD_NETNS, Health.CONTAINERD_INACTIVE, List.of()));
        assertThat(box(inactive, "proc:containerd").subtitle()).isEqualTo("not running");

        Layout running = Layouts.of(TopologyFixtures.nonDetach(List.of("web")));
        assertThat(running.boxes()).allSatisfy(b -> assertThat(b.greyed()).as(b.key()).isFalse());
    }

    @Test
    void withoutContainersTheChildStillShowsTheBridge() {
        Layout l = Layouts.of(TopologyFixtures.detach(List.of()));
        Box bridge = box(l, "bridge:nerdctl0");
        assertThat(bridge.parent()).isEqualTo(DETACHED);
        assertThat(bridge.subtitle()).isEqualTo("created with the first container");
        assertThat(l.boxes()).noneMatch(b -> b.kind() == BoxKind.CONTAINER_NETNS);
        assertThat(l.links()).noneMatch(k -> k.kind() == LinkKind.VETH || k.kind() == LinkKind.BYPASS);
        assertThat(l.steps()).hasSize(6);
    }

    @Test
    void aStoppedContainerIsGreyedWithoutWires() {
        Topology base = TopologyFixtures.detach(List.of("web", "old"));
        Topology.ContainerNode old = base.containers().stream().filter(c -> c.name().equals("old")).findFirst()
                .orElseThrow();
        List<Topology.ContainerNode> cs = base.containers().stream().map(c -> c == old
                ? new Topology.ContainerNode(c.id(), c.name(), c.namespace(), 0, 0, List.of(), false, false) : c)
                .toList();
        Topology t = new Topology(base.at(), base.mode(), base.health(), base.networkDriver(), base.portDriver(),
                base.childIp(), base.hostNetns(), base.netns(), base.processes(), cs, base.ports(), base.problems());
        Layout l = Layouts.of(t);
        Box b = box(l, "container:" + old.id());
        assertThat(b.greyed()).isTrue();
        assertThat(b.subtitle()).isEqualTo("stopped");
        assertThat(l.ports()).noneMatch(p -> p.box().equals(b.key()));
        assertThat(box(l, containerKey(t, "web")).greyed()).isFalse();
    }

    @Test
    void fiftyContainersMakeAGridOfSeveralColumnsAndFiveHundredGetCompact() {
        Layout fifty = Layouts.of(TopologyFixtures.detach(TopologyFixtures.names(50)));
        List<Box> cs = fifty.boxes().stream().filter(b -> b.kind() == BoxKind.CONTAINER_NETNS).toList();
        assertThat(cs).hasSize(50);
        assertThat(cs.stream().map(Box::x).distinct().count()).isEqualTo(6);
        assertThat(cs.stream().map(Box::y).distinct().count()).isEqualTo(9);
        // readable: the drawing is not much wider than high at 50
        assertThat(fifty.width() / fifty.height()).isLessThan(2.5);

        Layout many = Layouts.of(TopologyFixtures.detach(TopologyFixtures.names(500)));
        List<Box> small = many.boxes().stream().filter(b -> b.kind() == BoxKind.CONTAINER_NETNS).toList();
        assertThat(small).hasSize(500);
        assertThat(small.get(0).h()).isLessThan(cs.get(0).h());
        assertThat(small.stream().map(Box::x).distinct().count()).isEqualTo(20);
        assertThat(many.links().stream().filter(k -> k.kind() == LinkKind.VETH).count()).isEqualTo(500);
    }

    @Test
    void processBoxesCarryPidAndNamespacesForHover() {
        Layout l = Layouts.of(TopologyFixtures.nonDetach(THREE));
        assertThat(box(l, "proc:containerd").details()).containsExactly(
                Map.entry("PID", "3325"), Map.entry("command", "containerd"),
                Map.entry("user ns", "user:[4026532172]"), Map.entry("mnt ns", "mnt:[4026532173]"),
                Map.entry("net ns", "net:[4026532175]"));
        assertThat(box(l, "proc:network-driver").details()).containsEntry("driver", "slirp4netns")
                .containsEntry("child IP", "10.0.2.100");
        assertThat(box(l, CHILD).details()).containsEntry("inode", "net:[4026532175]");
    }
}
