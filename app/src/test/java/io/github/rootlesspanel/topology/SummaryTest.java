package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The text for screen readers says what the picture shows. */
class SummaryTest {

    @Test
    void detachModeTellsWhereEverythingIs() {
        Topology t = TopologyFixtures.detach(LayoutsTest.THREE);
        String web = t.containers().stream().filter(c -> c.name().equals("web")).findFirst().orElseThrow().id();
        List<String> lines = Summary.of(t).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Rootless containerd network, detach-netns mode: containerd in the host "
                + "network namespace, tap0 and the bridges in a detached network namespace; running; network driver "
                + "slirp4netns, port driver builtin, child IP 10.0.2.100.");
        assertThat(lines).anySatisfy(s -> assertThat(s)
                .startsWith("Host network namespace (RootlessKit parent) net:[4026531833]. Processes: "
                        + "RootlessKit parent (PID 3301), RootlessKit child (PID 3312), slirp4netns (network driver) "
                        + "(PID 3318), containerd (PID 3325)")
                .contains("bypass4netnsd (PID 3290)")
                .endsWith("Interfaces: lo loopback 127.0.0.1/8, MTU 65536, up; eth0 ethernet 192.0.2.2/24, MTU 1500, up."));
        assertThat(lines).anySatisfy(s -> assertThat(s)
                .startsWith("Detached network namespace net:[4026532176]. Processes: none. Interfaces: "
                        + "lo loopback 127.0.0.1/8, MTU 65536, up; tap0 tap 10.0.2.100/24, MTU 65520, up; "
                        + "nerdctl0 bridge 10.4.0.1/24, MTU 1500, up; veth")
                .contains("veth, no address, MTU 1500, up, port of nerdctl0"));
        assertThat(lines).contains("Containers: 3.",
                "Container web (" + web.substring(0, 12) + "): running, PID 4100, net:[4026532246], "
                        + "addresses 10.4.0.2/24, bypass4netns off.",
                "Published ports: 2.",
                "Port tcp all addresses:8080 to child port 8080 through RootlessKit's port driver (builtin), then "
                        + "CNI portmap, container web.",
                "Port tcp 0.0.0.0:8083 to container port 80 through bypass4netns (socket bound in the host network "
                        + "namespace), container proxy-b4nn.");
        assertThat(lines).anySatisfy(s -> assertThat(s).startsWith("Container proxy-b4nn (")
                .endsWith("bypass4netns active."));
        // containers come in name order, as in the picture
        assertThat(lines.stream().filter(s -> s.startsWith("Container ")).map(s -> s.split(" ")[1]))
                .containsExactly("cache", "proxy-b4nn", "web");
    }

    @Test
    void nonDetachModeAndDegradedStates() {
        String s = Summary.of(TopologyFixtures.nonDetach(List.of("web")));
        assertThat(s).contains("child-netns mode: containerd shares RootlessKit's child network namespace")
                .contains("RootlessKit child network namespace net:[4026532175]. Processes: RootlessKit child "
                        + "(PID 3312), containerd (PID 3325)");
        assertThat(Summary.of(TopologyFixtures.build(Topology.Mode.CHILD_NETNS, Topology.Health.CONTAINERD_INACTIVE,
                List.of()))).contains("; containerd is inactive;").contains("No containers.\nNo published ports.");
        Topology none = new Topology(TopologyFixtures.AT, Topology.Mode.NOT_RUNNING, Topology.Health.STALE_STATE_DIR,
                "", "", "", TopologyFixtures.HOST_NET, List.of(), List.of(), List.of(), List.of(),
                List.of("child_pid 4242 names no process."));
        assertThat(Summary.of(none)).isEqualTo("Rootless containerd network, RootlessKit not running; the state "
                + "directory is stale (child_pid names no process).\nNo containers.\nNo published ports.\n"
                + "Not read: child_pid 4242 names no process.\n");
    }
}
