package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.containers.Bypass4netnsdClient;

class TopologyJsonTest {

    @Test
    void jsonCarriesTheSchemaVersionModeNamespacesAndPlacement() throws Exception {
        JsonNode root = new ObjectMapper().readTree(TopologyJson.json(Captures.detached()));
        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(root.path("mode").asText()).isEqualTo("detach-netns");
        assertThat(root.path("health").asText()).isEqualTo("running");
        assertThat(root.path("childIP").asText()).isEqualTo("10.0.2.100");
        assertThat(root.path("hostNetns").asLong()).isEqualTo(Captures.HOST);
        JsonNode detached = root.path("netns").get(1);
        assertThat(detached.path("role").asText()).isEqualTo("detached");
        assertThat(detached.path("inode").asLong()).isEqualTo(Captures.DETACHED);
        assertThat(detached.path("container").isNull()).isTrue();
        JsonNode veth = detached.path("interfaces").get(3);
        assertThat(veth.path("kind").asText()).isEqualTo("veth");
        assertThat(veth.path("master").asText()).isEqualTo("nerdctl0");
        assertThat(veth.path("peerIndex").asInt()).isEqualTo(2);
        assertThat(detached.path("interfaces").get(1).path("peerIndex").isNull()).isTrue();
        assertThat(detached.path("interfaces").get(1).path("master").isNull()).isTrue();
        JsonNode containerd = null;
        for (JsonNode p : root.path("processes")) {
            if (p.path("role").asText().equals("containerd")) {
                containerd = p;
            }
        }
        assertThat(containerd).isNotNull();
        assertThat(containerd.path("netNs").asLong()).isEqualTo(Captures.HOST);
        JsonNode web = root.path("containers").get(0);
        assertThat(web.path("netns").asLong()).isEqualTo(Captures.CONTAINER2);
        assertThat(web.path("bypass4netns").path("configured").asBoolean()).isFalse();
        JsonNode port = root.path("ports").get(0);
        assertThat(port.path("path").asText()).isEqualTo("rootlesskit");
        assertThat(port.path("container").asText()).isEqualTo("web");
        assertThat(root.path("problems").isArray()).isTrue();
    }

    @Test
    void vethPeersPairAcrossNamespaces() {
        Topology t = Captures.detached();
        Topology.Netns container = t.netns(Captures.CONTAINER2).orElseThrow();
        Topology.Iface eth0 = container.interfaces().get(1);
        assertThat(TopologyJson.peer(t, container, eth0).map(Topology.Iface::name)).contains("vethe798b73f");
        assertThat(TopologyJson.peerNetns(t, container, eth0).map(Topology.Netns::role))
                .contains(Topology.NetnsRole.DETACHED);
        Topology.Netns detached = t.netns().get(1);
        assertThat(TopologyJson.peer(t, detached, detached.interfaces().get(3)).map(Topology.Iface::name))
                .contains("eth0");
        assertThat(TopologyJson.peer(t, detached, detached.interfaces().get(1))).isEmpty();
    }

    @Test
    void dotHasAClusterPerNamespaceAndTheLinksOfTheFigure() {
        String dot = TopologyJson.dot(Captures.detached());
        assertThat(dot).startsWith("digraph topology {").endsWith("}\n");
        assertThat(dot).contains("subgraph cluster_n" + Captures.HOST + " {")
                .contains("label=\"detached net:[" + Captures.DETACHED + "]\"")
                .contains("subgraph cluster_c" + Captures.CONTAINER2 + " {");
        // eth0 <-> veth, veth -> nerdctl0, tap0 <-> slirp4netns, slirp4netns -> host eth0
        assertThat(dot).contains("c" + Captures.CONTAINER2 + "_2 -> n" + Captures.DETACHED + "_4 [dir=both, label=\"veth\"]")
                .contains("n" + Captures.DETACHED + "_4 -> n" + Captures.DETACHED + "_3 [label=\"port\"]")
                .contains("n" + Captures.DETACHED + "_2 -> p7082 [dir=both, label=\"tap\"]")
                .contains("p7082 -> n" + Captures.HOST + "_4;");
        // containerd sits in the host's cluster in detach mode
        int host = dot.indexOf("subgraph cluster_n" + Captures.HOST);
        int hostEnd = dot.indexOf("  }\n", host);
        assertThat(dot.substring(host, hostEnd)).contains("p7089 [shape=box, label=\"containerd (containerd)");
        assertThat(dot.chars().filter(c -> c == '{').count()).isEqualTo(dot.chars().filter(c -> c == '}').count());
    }

    @Test
    void textSummaryNamesEverything() {
        String text = TopologyJson.text(Captures.detached());
        assertThat(text).contains("Mode: detach-netns    Health: running")
                .contains("network driver slirp4netns (child IP 10.0.2.100), port driver builtin")
                .contains("detached  net:[" + Captures.DETACHED + "]")
                .contains("master nerdctl0 peer eth0 in container web")
                .contains("containerd          pid 7089")
                .contains("web  pid 7187  net:[" + Captures.CONTAINER2 + "]  10.4.0.3/24")
                .contains("tcp 0.0.0.0:8080 -> 8080  via rootlesskit  (web)")
                .doesNotContain("Problems:");
    }

    @Test
    void degradedTopologyRendersWithItsProblems() throws Exception {
        Topology t = new Topology(Captures.detached().at(), Topology.Mode.NOT_RUNNING,
                Topology.Health.STALE_STATE_DIR, "", "", "", Captures.HOST, List.of(), List.of(), List.of(),
                List.of(), List.of("RootlessKit's state dir is left over."));
        assertThat(TopologyJson.text(t)).contains("Health: stale-state-dir").contains("Processes:\n  (none)")
                .contains("Problems:\n  RootlessKit's state dir is left over.").doesNotContain("RootlessKit: network");
        JsonNode root = new ObjectMapper().readTree(TopologyJson.json(t));
        assertThat(root.path("mode").asText()).isEqualTo("not-running");
        assertThat(root.path("problems").get(0).asText()).contains("left over");
        assertThat(TopologyJson.dot(t)).contains("label=\"rootless containerd: not-running, stale-state-dir\"");
    }

    @Test
    void rootlessKitAndBypassPortsAreParsed() throws Exception {
        List<Topology.PublishedPort> rk = TopologyProbe.parsePorts(
                "[{\"id\":1,\"spec\":{\"proto\":\"tcp\",\"parentIP\":\"127.0.0.1\",\"parentPort\":18080,"
                        + "\"childPort\":8080}}]");
        assertThat(rk).containsExactly(new Topology.PublishedPort("tcp", "127.0.0.1", 18080, 8080,
                Topology.PortPath.ROOTLESSKIT, Optional.empty()));
        assertThat(TopologyProbe.parsePorts("[]")).isEmpty();
        assertThat(TopologyProbe.parsePorts("null")).isEmpty();
        List<Topology.PublishedPort> bp = TopologyProbe.sessionPorts(List.of(new Bypass4netnsdClient.BypassStatus(
                "abc", 42, "/run/x.sock", List.of(), false,
                List.of(new Bypass4netnsdClient.PortSpec(List.of("tcp", "udp"), "0.0.0.0", 8443, "", 443)))));
        assertThat(bp).extracting(Topology.PublishedPort::proto).containsExactly("tcp", "udp");
        assertThat(bp).allSatisfy(p -> {
            assertThat(p.path()).isEqualTo(Topology.PortPath.BYPASS4NETNS);
            assertThat(p.containerId()).contains("abc");
            assertThat(p.parentPort()).isEqualTo(8443);
            assertThat(p.childPort()).isEqualTo(443);
        });
    }
}
