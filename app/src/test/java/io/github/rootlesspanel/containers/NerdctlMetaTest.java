package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** nerdctl's labels on a container (nerdctl pkg/labels) and its network-config.json. */
class NerdctlMetaTest {

    static final String STATE_DIR = "/home/u/.local/share/nerdctl/1935db59/containers/default/"
            + "3f1b6c0e9a2d4b7f8e5c1a0d2b3c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d";

    @Test
    void labelsOfANerdctlContainer() {
        NerdctlMeta m = NerdctlMeta.of(Map.of(
                "nerdctl/name", "web",
                "nerdctl/networks", "[\"bridge\"]",
                "nerdctl/hostname", "3f1b6c0e9a2d",
                "nerdctl/state-dir", STATE_DIR,
                "nerdctl/ports", "[{\"HostPort\":8080,\"ContainerPort\":80,\"Protocol\":\"tcp\",\"HostIP\":\"0.0.0.0\"},"
                        + "{\"HostPort\":5353,\"ContainerPort\":53,\"Protocol\":\"udp\",\"HostIP\":\"::1\"}]",
                "nerdctl/extraHosts", "[\"db:10.4.0.9\"]",
                "nerdctl/ip", "10.4.0.50",
                "nerdctl/mac-address", "02:42:0a:04:00:32",
                "containerd.io/restart.policy", "on-failure:3",
                "nerdctl/platform", "linux/amd64"));
        assertThat(m.name()).isEqualTo("web");
        assertThat(m.networks()).containsExactly("bridge");
        assertThat(m.hostname()).isEqualTo("3f1b6c0e9a2d");
        assertThat(m.stateDir()).isEqualTo(STATE_DIR);
        assertThat(m.legacyPorts()).containsExactly(new PortMapping("0.0.0.0", 8080, 80, "tcp"),
                new PortMapping("::1", 5353, 53, "udp"));
        assertThat(m.extraHosts()).containsExactly("db:10.4.0.9");
        assertThat(m.ipAddress()).isEqualTo("10.4.0.50");
        assertThat(m.macAddress()).isEqualTo("02:42:0a:04:00:32");
        assertThat(m.restart()).contains(new RestartPolicy("on-failure", 3));
        assertThat(m.usesCniNetwork()).isTrue();
    }

    @Test
    void aContainerNotMadeByNerdctl() {
        NerdctlMeta m = NerdctlMeta.of(Map.of("io.cri-containerd.kind", "container"));
        assertThat(m.name()).isEmpty();
        assertThat(m.networks()).isEmpty();
        assertThat(m.legacyPorts()).isEmpty();
        assertThat(m.restart()).isEmpty();
        assertThat(m.usesCniNetwork()).isFalse();
    }

    @Test
    void cniNetworksOnly() {
        Map<String, Boolean> table = Map.of(
                "[\"bridge\"]", true,
                "[\"mynet\",\"bridge\"]", true,
                "[\"host\"]", false,
                "[\"none\"]", false,
                "[\"container:db\"]", false,
                "[\"ns:/proc/4242/ns/net\"]", false,
                "[\"bridge\",\"host\"]", false,
                "[]", false,
                "bridge", false);
        table.forEach((networks, cni) -> assertThat(NerdctlMeta.of(Map.of("nerdctl/networks", networks))
                .usesCniNetwork()).as(networks).isEqualTo(cni));
    }

    @Test
    void malformedOrOutOfRangePortsAreLeftOut() {
        assertThat(NerdctlMeta.ports("not json")).isEmpty();
        assertThat(NerdctlMeta.ports("{\"HostPort\":1}")).isEmpty();
        assertThat(NerdctlMeta.ports("[{\"HostPort\":0,\"ContainerPort\":80},{\"HostPort\":70000,\"ContainerPort\":80},"
                + "{\"HostPort\":8080,\"ContainerPort\":80}]"))
                .containsExactly(new PortMapping("", 8080, 80, "tcp"));
    }

    @Test
    void portsOfNetworkConfigJson() {
        // pkg/netutil/networkstore: {"portMappings": [go-cni PortMapping...]}, omitted when there are none
        assertThat(NerdctlMeta.networkConfigPorts("{\"portMappings\":[{\"HostPort\":8080,\"ContainerPort\":80,"
                + "\"Protocol\":\"tcp\",\"HostIP\":\"127.0.0.1\"}]}"))
                .containsExactly(new PortMapping("127.0.0.1", 8080, 80, "tcp"));
        assertThat(NerdctlMeta.networkConfigPorts("{}")).isEmpty();
        assertThat(NerdctlMeta.networkConfigPorts("")).isEmpty();
        assertThat(NerdctlMeta.networkConfigPorts("{")).isEmpty();
        assertThat(List.of(NerdctlMeta.networkConfigPorts(null))).hasSize(1);
    }
}
