package io.github.rootlesspanel.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.github.rootlesspanel.topology.Topology.ContainerNode;
import io.github.rootlesspanel.topology.Topology.Health;
import io.github.rootlesspanel.topology.Topology.Iface;
import io.github.rootlesspanel.topology.Topology.IfaceKind;
import io.github.rootlesspanel.topology.Topology.Mode;
import io.github.rootlesspanel.topology.Topology.Netns;
import io.github.rootlesspanel.topology.Topology.NetnsRole;
import io.github.rootlesspanel.topology.Topology.PortPath;
import io.github.rootlesspanel.topology.Topology.Proc;
import io.github.rootlesspanel.topology.Topology.ProcRole;
import io.github.rootlesspanel.topology.Topology.PublishedPort;

/**
 * Recorded models, as the test environment has them (test-environment.md steps 3, 6, 7): the host netns
 * {@code net:[4026531833]} with the VM's eth0 192.0.2.2; RootlessKit 1.1.0 non-detach with slirp4netns (child netns
 * with lo, tap0 10.0.2.100/24 MTU 65520, nerdctl0 10.4.0.1/24, host-side veths) and RootlessKit 2.0.2
 * {@code --detach-netns} (detached netns {@code net:[4026532176]}, containerd in the host netns). A container whose
 * name contains "b4nn" was created with bypass4netns and publishes its port through it.
 */
final class TopologyFixtures {

    static final Instant AT = Instant.parse("2026-12-04T20:00:00Z");
    static final long HOST_NET = 4026531833L;
    static final long HOST_USER = 4026531837L;
    static final long HOST_MNT = 4026531841L;
    static final long RK_USER = 4026532172L;
    static final long RK_MNT = 4026532173L;
    static final long CHILD_NET = 4026532175L;
    static final long DETACHED_NET = 4026532176L;
    static final long SLIRP_MNT = 4026532174L;
    static final long FIRST_CONTAINER_NET = 4026532246L;

    private TopologyFixtures() {
    }

    static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("c%03d", i));
        }
        return out;
    }

    static Topology nonDetach(List<String> containers) {
        return build(Mode.CHILD_NETNS, Health.RUNNING, containers);
    }

    static Topology detach(List<String> containers) {
        return build(Mode.DETACH_NETNS, Health.RUNNING, containers);
    }

    static Topology build(Mode mode, Health health, List<String> containerNames) {
        boolean detach = mode == Mode.DETACH_NETNS;
        long childNet = detach ? DETACHED_NET : CHILD_NET;
        long rkNet = detach ? HOST_NET : CHILD_NET; // containerd's netns (and the child's main thread)
        List<Proc> procs = new ArrayList<>();
        procs.add(new Proc(3301, ProcRole.ROOTLESSKIT_PARENT, "rootlesskit", HOST_USER, HOST_MNT, HOST_NET));
        procs.add(new Proc(3312, ProcRole.ROOTLESSKIT_CHILD, "exe", RK_USER, RK_MNT, rkNet));
        // non-detach runs slirp4netns with --enable-sandbox: its own mount ns
        procs.add(new Proc(3318, ProcRole.NETWORK_DRIVER, "slirp4netns", HOST_USER, detach ? HOST_MNT : SLIRP_MNT,
                HOST_NET));
        if (health != Health.CONTAINERD_INACTIVE) {
            procs.add(new Proc(3325, ProcRole.CONTAINERD, "containerd", RK_USER, RK_MNT, rkNet));
        }
        procs.add(new Proc(3290, ProcRole.BYPASS4NETNSD, "bypass4netnsd", HOST_USER, HOST_MNT, HOST_NET));

        List<Iface> child = new ArrayList<>();
        child.add(new Iface("lo", 1, IfaceKind.LOOPBACK, 65536, true, "", OptionalInt.empty(), List.of("127.0.0.1/8")));
        child.add(new Iface("tap0", 2, IfaceKind.TAP, 65520, true, "", OptionalInt.empty(),
                List.of("10.0.2.100/24")));
        if (!containerNames.isEmpty()) {
            child.add(new Iface("nerdctl0", 3, IfaceKind.BRIDGE, 1500, true, "", OptionalInt.empty(),
                    List.of("10.4.0.1/24")));
        }
        List<Netns> netns = new ArrayList<>();
        netns.add(new Netns(HOST_NET, NetnsRole.HOST, List.of(
                new Iface("lo", 1, IfaceKind.LOOPBACK, 65536, true, "", OptionalInt.empty(), List.of("127.0.0.1/8")),
                new Iface("eth0", 2, IfaceKind.ETHERNET, 1500, true, "", OptionalInt.empty(),
                        List.of("192.0.2.2/24"))), Optional.empty()));
        List<ContainerNode> containers = new ArrayList<>();
        List<Netns> containerNetns = new ArrayList<>();
        List<PublishedPort> ports = new ArrayList<>();
        for (int i = 0; i < containerNames.size(); i++) {
            String name = containerNames.get(i);
            // ids derived from the name so that a container keeps its id when others are added
            String id = sha256(name);
            long net = FIRST_CONTAINER_NET + 2L * i;
            int vethIndex = 4 + i;
            String addr = "10.4." + (i / 250) + "." + (2 + i % 250) + "/24";
            boolean b4nn = name.contains("b4nn");
            String veth = String.format("veth%08x", name.hashCode());
            child.add(new Iface(veth, vethIndex, IfaceKind.VETH, 1500, true, "nerdctl0", OptionalInt.of(2),
                    List.of()));
            containerNetns.add(new Netns(net, NetnsRole.CONTAINER, List.of(
                    new Iface("lo", 1, IfaceKind.LOOPBACK, 65536, true, "", OptionalInt.empty(),
                            List.of("127.0.0.1/8")),
                    new Iface("eth0", 2, IfaceKind.VETH, 1500, true, "", OptionalInt.of(vethIndex),
                            List.of(addr))), Optional.of(id)));
            long pid = 4100 + 10L * i;
            containers.add(new ContainerNode(id, name, "default", pid, net, List.of(addr), b4nn, b4nn));
            procs.add(new Proc(pid - 5, ProcRole.SHIM, "containerd-shim", RK_USER, RK_MNT, rkNet));
            if (b4nn) {
                procs.add(new Proc(pid - 3, ProcRole.BYPASS4NETNS, "bypass4netns", HOST_USER, HOST_MNT, HOST_NET));
                ports.add(new PublishedPort("tcp", "0.0.0.0", 8081 + i, 80, PortPath.BYPASS4NETNS, Optional.of(id)));
            } else if (name.equals("web")) {
                ports.add(new PublishedPort("tcp", "", 8080, 8080, PortPath.ROOTLESSKIT, Optional.of(id)));
            }
        }
        netns.add(new Netns(childNet, detach ? NetnsRole.DETACHED : NetnsRole.ROOTLESSKIT_CHILD, child,
                Optional.empty()));
        netns.addAll(containerNetns);
        return new Topology(AT, mode, health, "slirp4netns", "builtin", "10.0.2.100", HOST_NET, netns, procs,
                containers, ports, List.of());
    }
}
