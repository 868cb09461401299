package io.github.rootlesspanel.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ip -j -d link show} / {@code ip -j addr show} captured on the test environment (Debian 12, iproute2 6.1,
 * user rpt1): the host, RootlessKit 1.1.0's child netns and RootlessKit 2.0.2's detached netns, each with a real
 * CNI bridge nerdctl0 and one container netns wired by the real bridge plugin (eth0 10.4.0.2 / 10.4.0.3), and the
 * real inodes and PIDs of that run.
 */
final class Captures {

    static final long HOST = 4026531833L;
    static final long CHILD = 4026532176L;
    static final long CONTAINER = 4026532243L;
    static final long DETACHED = 4026532176L;
    static final long CONTAINER2 = 4026532242L;

    private Captures() {
    }

    static String text(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/topology/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Topology.Iface> ifaces(String prefix) {
        try {
            return IpJson.parse(text(prefix + "-link.json"), text(prefix + "-addr.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detach-mode run as a model: host, detached netns, one container with a published port. */
    static Topology detached() {
        List<ProcTable.ProcInfo> table = List.of(
                new ProcTable.ProcInfo(6453, 6444, "systemd", 4026531837L, 4026531841L, HOST),
                new ProcTable.ProcInfo(7047, 6453, "rootlesskit", 4026531837L, 4026531841L, HOST),
                new ProcTable.ProcInfo(7061, 7047, "exe", 4026532175L, 4026532174L, DETACHED),
                new ProcTable.ProcInfo(7082, 7047, "slirp4netns", 4026531837L, 4026531841L, HOST),
                new ProcTable.ProcInfo(7089, 7061, "containerd", 4026532175L, 4026532174L, HOST));
        return new Topology(Instant.parse("2026-12-04T20:40:00Z"), Topology.Mode.DETACH_NETNS,
                Topology.Health.RUNNING, "slirp4netns", "builtin", "10.0.2.100", HOST,
                List.of(new Topology.Netns(HOST, Topology.NetnsRole.HOST, ifaces("host"), Optional.empty()),
                        new Topology.Netns(DETACHED, Topology.NetnsRole.DETACHED, ifaces("detached"), Optional.empty()),
                        new Topology.Netns(CONTAINER2, Topology.NetnsRole.CONTAINER, ifaces("container2"),
                                Optional.of("web"))),
                ProcTable.place(table, 7061, Map.of()),
                List.of(new Topology.ContainerNode("web", "web", "default", 7187, CONTAINER2, List.of("10.4.0.3/24"),
                        false, false)),
                List.of(new Topology.PublishedPort("tcp", "0.0.0.0", 8080, 8080, Topology.PortPath.ROOTLESSKIT,
                        Optional.of("web"))),
                List.of());
    }
}
