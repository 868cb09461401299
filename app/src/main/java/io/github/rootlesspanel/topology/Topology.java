package io.github.rootlesspanel.topology;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The namespaces, processes, interfaces, containers and published ports of the user's rootless containerd, built from
 * live facts ({@code /proc/PID/ns/*} inodes, interfaces read inside each network namespace, RootlessKit's API,
 * containerd, bypass4netnsd), never from assumptions. Immutable.
 *
 * @param at             when it was read
 * @param mode           detach-netns or not (from {@code $STATE_DIR/netns}), or not running
 * @param health         running, or which degraded state
 * @param networkDriver  RootlessKit's network driver ({@code slirp4netns}, {@code pasta}, ...); "" when unknown
 * @param portDriver     RootlessKit's port driver ({@code builtin}, ...); "" when unknown
 * @param childIp        the RootlessKit child's IP on tap0 (e.g. 10.0.2.100); "" when unknown
 * @param hostNetns      the inode of the host's network namespace (the panel's own)
 * @param netns          every network namespace found, host first
 * @param processes      the processes placed in namespaces
 * @param containers     containers with their network namespace
 * @param ports          published ports (RootlessKit's {@code /v1/ports}, and bypass4netns's port mappings)
 * @param problems       what could not be read, one sentence each (the picture is partial then)
 */
public record Topology(Instant at, Mode mode, Health health, String networkDriver, String portDriver, String childIp,
                       long hostNetns, List<Netns> netns, List<Proc> processes, List<ContainerNode> containers,
                       List<PublishedPort> ports, List<String> problems) {

    public Topology {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(networkDriver, "networkDriver");
        Objects.requireNonNull(portDriver, "portDriver");
        Objects.requireNonNull(childIp, "childIp");
        netns = List.copyOf(netns);
        processes = List.copyOf(processes);
        containers = List.copyOf(containers);
        ports = List.copyOf(ports);
        problems = List.copyOf(problems);
    }

    /** How RootlessKit laid out the network namespaces (rootless-setup.md §6.5). */
    public enum Mode {
        /** {@code --detach-netns}: containerd in the host netns; tap0 and the bridges in a detached netns. */
        DETACH_NETNS,
        /** The child's own netns holds containerd, tap0 and the bridges. */
        CHILD_NETNS,
        /** RootlessKit is not running: no layout to tell. */
        NOT_RUNNING
    }

    /** Running, or the degraded state the picture shows. */
    public enum Health {
        RUNNING,
        /** containerd.service is not active (and no RootlessKit state). */
        CONTAINERD_INACTIVE,
        /** child_pid written, api.sock not answering yet. */
        ROOTLESSKIT_STARTING,
        /** a state dir left behind: child_pid names no live process. */
        STALE_STATE_DIR
    }

    /** What a network namespace is in the figure. */
    public enum NetnsRole { HOST, ROOTLESSKIT_CHILD, DETACHED, CONTAINER, OTHER }

    /**
     * A network namespace.
     *
     * @param inode       its inode ({@code readlink /proc/PID/ns/net} = {@code net:[INODE]})
     * @param role        its place in the figure
     * @param interfaces  its interfaces, in index order
     * @param containerId the container it belongs to, for {@link NetnsRole#CONTAINER}
     */
    public record Netns(long inode, NetnsRole role, List<Iface> interfaces, Optional<String> containerId) {
        public Netns {
            Objects.requireNonNull(role, "role");
            interfaces = List.copyOf(interfaces);
            Objects.requireNonNull(containerId, "containerId");
        }
    }

    /** An interface's kind, as iproute2 tells it ({@code link_type}, {@code linkinfo.info_kind}). */
    public enum IfaceKind { LOOPBACK, TAP, BRIDGE, VETH, ETHERNET, OTHER }

    /**
     * One network interface.
     *
     * @param name      e.g. {@code eth0}, {@code tap0}, {@code nerdctl0}, {@code veth1a2b3c4d}
     * @param index     its ifindex in its namespace
     * @param kind      what it is
     * @param mtu       its MTU
     * @param up        whether it is up
     * @param master    the bridge it is a port of ({@code nerdctl0}); "" when none
     * @param peerIndex for a veth: the ifindex of the other end (in the peer namespace)
     * @param addresses its addresses in CIDR form ({@code 10.4.0.2/24})
     */
    public record Iface(String name, int index, IfaceKind kind, int mtu, boolean up, String master,
                        OptionalInt peerIndex, List<String> addresses) {
        public Iface {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(master, "master");
            Objects.requireNonNull(peerIndex, "peerIndex");
            addresses = List.copyOf(addresses);
        }
    }

    /** A process's part in the figure. */
    public enum ProcRole { ROOTLESSKIT_PARENT, ROOTLESSKIT_CHILD, NETWORK_DRIVER, CONTAINERD, SHIM, BUILDKITD,
        BYPASS4NETNSD, BYPASS4NETNS, OTHER }

    /**
     * A process placed in its namespaces.
     *
     * @param pid    host PID
     * @param role   its part
     * @param name   its command name ({@code /proc/PID/comm})
     * @param userNs inode of its user namespace
     * @param mntNs  inode of its mount namespace
     * @param netNs  inode of its network namespace
     */
    public record Proc(long pid, ProcRole role, String name, long userNs, long mntNs, long netNs) {
        public Proc {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A container.
     *
     * @param id                 containerd's id
     * @param name               nerdctl's name, else the id
     * @param namespace          containerd namespace
     * @param pid                its init process (0 when not running)
     * @param netNs              inode of its network namespace (0 when not running)
     * @param addresses          its addresses (CIDR)
     * @param bypassConfigured   created with bypass4netns
     * @param bypassLive         bypass4netnsd lists it
     */
    public record ContainerNode(String id, String name, String namespace, long pid, long netNs, List<String> addresses,
                                boolean bypassConfigured, boolean bypassLive) {
        public ContainerNode {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            addresses = List.copyOf(addresses);
        }
    }

    /** Which path a published port takes. */
    public enum PortPath {
        /** RootlessKit's port driver ({@code /v1/ports}), then CNI's portmap in the child/detached netns. */
        ROOTLESSKIT,
        /** bypass4netns accelerates the container's {@code bind(2)}: the socket is in the host netns. */
        BYPASS4NETNS
    }

    /**
     * A published port.
     *
     * @param proto       {@code tcp}, {@code udp}, ...
     * @param parentIp    the host address ("" = all)
     * @param parentPort  the host port
     * @param childPort   the port on the other side (RootlessKit: the child port; bypass4netns: the container port)
     * @param path        which way it goes
     * @param containerId the container it belongs to, when known
     */
    public record PublishedPort(String proto, String parentIp, int parentPort, int childPort, PortPath path,
                                Optional<String> containerId) {
        public PublishedPort {
            Objects.requireNonNull(proto, "proto");
            Objects.requireNonNull(parentIp, "parentIp");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(containerId, "containerId");
        }
    }

    /** The namespace with this inode. */
    public Optional<Netns> netns(long inode) {
        return netns.stream().filter(n -> n.inode() == inode).findFirst();
    }

    /** The first process with this role. */
    public Optional<Proc> process(ProcRole role) {
        return processes.stream().filter(p -> p.role() == role).findFirst();
    }
}
