package io.github.rootlesspanel.topology;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The renderings of a {@link Topology} for scripts and bug reports: JSON, Graphviz DOT, and a plain-text summary.
 *
 * <p>The JSON is a stable schema, {@code "version": 1} (fields are only ever added):
 * <pre>
 * {"version": 1, "at": "2026-12-04T20:40:00Z",
 *  "mode": "detach-netns" | "child-netns" | "not-running",
 *  "health": "running" | "containerd-inactive" | "rootlesskit-starting" | "stale-state-dir",
 *  "networkDriver": "slirp4netns", "portDriver": "builtin", "childIP": "10.0.2.100",
 *  "hostNetns": 4026531833,
 *  "netns": [{"inode": 4026532176, "role": "host" | "rootlesskit-child" | "detached" | "container" | "other",
 *             "container": "ID" | null,
 *             "interfaces": [{"name": "veth1a2b3c4d", "index": 4,
 *                             "kind": "loopback" | "tap" | "bridge" | "veth" | "ethernet" | "other",
 *                             "mtu": 1500, "up": true, "master": "nerdctl0" | null,
 *                             "peerIndex": 2 | null, "addresses": ["10.4.0.1/24"]}]}],
 *  "processes": [{"pid": 7047, "role": "rootlesskit-parent" | "rootlesskit-child" | "network-driver" | "containerd"
 *                   | "shim" | "buildkitd" | "bypass4netnsd" | "bypass4netns" | "other",
 *                 "name": "rootlesskit", "userNs": 4026531837, "mntNs": 4026531841, "netNs": 4026531833}],
 *  "containers": [{"id": "...", "name": "web", "namespace": "default", "pid": 1234, "netns": 4026532243,
 *                  "addresses": ["10.4.0.2/24"], "bypass4netns": {"configured": false, "live": false}}],
 *  "ports": [{"proto": "tcp", "parentIP": "0.0.0.0", "parentPort": 8080, "childPort": 8080,
 *             "path": "rootlesskit" | "bypass4netns", "container": "ID" | null}],
 *  "problems": ["..."]}
 * </pre>
 * Inodes are those of {@code readlink /proc/PID/ns/KIND} ({@code net:[INODE]}); 0 when unknown. A veth's
 * {@code peerIndex} is the ifindex of its other end in the other namespace.
 */
public final class TopologyJson {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TopologyJson() {
    }

    /** The lower-case, dashed name of an enum constant, as the JSON writes it. */
    public static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String json(Topology t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("at", t.at().toString());
        root.put("mode", name(t.mode()));
        root.put("health", name(t.health()));
        root.put("networkDriver", t.networkDriver());
        root.put("portDriver", t.portDriver());
        root.put("childIP", t.childIp());
        root.put("hostNetns", t.hostNetns());
        ArrayNode netns = root.putArray("netns");
        for (Topology.Netns n : t.netns()) {
            ObjectNode o = netns.addObject();
            o.put("inode", n.inode());
            o.put("role", name(n.role()));
            putOptional(o, "container", n.containerId());
            ArrayNode ifaces = o.putArray("interfaces");
            for (Topology.Iface i : n.interfaces()) {
                ObjectNode io = ifaces.addObject();
                io.put("name", i.name());
                io.put("index", i.index());
                io.put("kind", name(i.kind()));
                io.put("mtu", i.mtu());
                io.put("up", i.up());
                putOptional(io, "master", i.master().isEmpty() ? Optional.empty() : Optional.of(i.master()));
                if (i.peerIndex().isPresent()) {
                    io.put("peerIndex", i.peerIndex().getAsInt());
                } else {
                    io.putNull("peerIndex");
                }
                ArrayNode a = io.putArray("addresses");
                i.addresses().forEach(a::add);
            }
        }
        ArrayNode procs = root.putArray("processes");
        for (Topology.Proc p : t.processes()) {
            ObjectNode o = procs.addObject();
            o.put("pid", p.pid());
            o.put("role", name(p.role()));
            o.put("name", p.name());
            o.put("userNs", p.userNs());
            o.put("mntNs", p.mntNs());
            o.put("netNs", p.netNs());
        }
        ArrayNode containers = root.putArray("containers");
        for (Topology.ContainerNode c : t.containers()) {
            ObjectNode o = containers.addObject();
            o.put("id", c.id());
            o.put("name", c.name());
            o.put("namespace", c.namespace());
            o.put("pid", c.pid());
            o.put("netns", c.netNs());
            ArrayNode a = o.putArray("addresses");
            c.addresses().forEach(a::add);
            ObjectNode b = o.putObject("bypass4netns");
            b.put("configured", c.bypassConfigured());
            b.put("live", c.bypassLive());
        }
        ArrayNode ports = root.putArray("ports");
        for (Topology.PublishedPort p : t.ports()) {
            ObjectNode o = ports.addObject();
            o.put("proto", p.proto());
            o.put("parentIP", p.parentIp());
            o.put("parentPort", p.parentPort());
            o.put("childPort", p.childPort());
            o.put("path", name(p.path()));
            putOptional(o, "container", p.containerId());
        }
        ArrayNode problems = root.putArray("problems");
        t.problems().forEach(problems::add);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putOptional(ObjectNode o, String key, Optional<String> value) {
        if (value.isPresent()) {
            o.put(key, value.get());
        } else {
            o.putNull(key);
        }
    }

    /** A veth's other end: the interface in another namespace whose index is this one's peer and vice versa. */
    public static Optional<Topology.Iface> peer(Topology t, Topology.Netns in, Topology.Iface veth) {
        if (veth.peerIndex().isEmpty()) {
            return Optional.empty();
        }
        for (Topology.Netns n : t.netns()) {
            if (n == in || n.inode() == in.inode()) {
                continue;
            }
            for (Topology.Iface i : n.interfaces()) {
                if (i.index() == veth.peerIndex().getAsInt() && i.peerIndex().isPresent()
                        && i.peerIndex().getAsInt() == veth.index()) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /** The namespace holding a veth's other end (see {@link #peer}). */
    public static Optional<Topology.Netns> peerNetns(Topology t, Topology.Netns in, Topology.Iface veth) {
        Optional<Topology.Iface> p = peer(t, in, veth);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        return t.netns().stream().filter(n -> n.interfaces().contains(p.get()) && n.inode() != in.inode())
                .findFirst();
    }

    /**
     * Graphviz: one cluster per network namespace (label with its role and inode), the interfaces as nodes in it,
     * the figure's processes as boxes in the namespace they sit in; edges for veth pairs, bridge ports
     * (veth → bridge), tap0 → the network driver, and the driver → the host's NICs.
     */
    public static String dot(Topology t) {
        StringBuilder b = new StringBuilder("digraph topology {\n  compound=true;\n  rankdir=LR;\n"
                + "  node [fontname=\"sans-serif\", fontsize=10];\n");
        b.append("  label=").append(q("rootless containerd: " + name(t.mode()) + ", " + name(t.health()))).append(";\n");
        for (Topology.Netns n : t.netns()) {
            b.append("  subgraph cluster_").append(id(n)).append(" {\n    label=")
                    .append(q(netnsLabel(t, n) + " net:[" + n.inode() + "]")).append(";\n");
            for (Topology.Iface i : n.interfaces()) {
                StringBuilder l = new StringBuilder(i.name()).append("\\n").append(name(i.kind()))
                        .append(" mtu ").append(i.mtu()).append(i.up() ? "" : " down");
                i.addresses().forEach(a -> l.append("\\n").append(a));
                b.append("    ").append(ifaceId(n, i)).append(" [shape=ellipse, label=\"").append(esc(l.toString()))
                        .append("\"];\n");
            }
            for (Topology.Proc p : t.processes()) {
                if (p.netNs() == n.inode() && n.role() != Topology.NetnsRole.CONTAINER) {
                    b.append("    p").append(p.pid()).append(" [shape=box, label=")
                            .append(q(p.name() + " (" + name(p.role()) + ")\\npid " + p.pid())).append("];\n");
                }
            }
            b.append("  }\n");
        }
        Topology.Netns host = t.netns().stream().filter(n -> n.role() == Topology.NetnsRole.HOST).findFirst()
                .orElse(null);
        Optional<Topology.Proc> driver = t.process(Topology.ProcRole.NETWORK_DRIVER);
        for (Topology.Netns n : t.netns()) {
            for (Topology.Iface i : n.interfaces()) {
                if (i.kind() == Topology.IfaceKind.VETH && n.role() == Topology.NetnsRole.CONTAINER) {
                    Optional<Topology.Netns> pn = peerNetns(t, n, i);
                    if (pn.isPresent()) {
                        b.append("  ").append(ifaceId(n, i)).append(" -> ")
                                .append(ifaceId(pn.get(), peer(t, n, i).get())).append(" [dir=both, label=\"veth\"];\n");
                    }
                }
                if (!i.master().isEmpty()) {
                    n.interfaces().stream().filter(m -> m.name().equals(i.master())).findFirst().ifPresent(m ->
                            b.append("  ").append(ifaceId(n, i)).append(" -> ").append(ifaceId(n, m))
                                    .append(" [label=\"port\"];\n"));
                }
                if (i.kind() == Topology.IfaceKind.TAP && driver.isPresent()) {
                    b.append("  ").append(ifaceId(n, i)).append(" -> p").append(driver.get().pid())
                            .append(" [dir=both, label=\"tap\"];\n");
                }
            }
        }
        if (driver.isPresent() && host != null) {
            for (Topology.Iface i : host.interfaces()) {
                if (i.kind() == Topology.IfaceKind.ETHERNET && i.up()) {
                    b.append("  p").append(driver.get().pid()).append(" -> ").append(ifaceId(host, i)).append(";\n");
                }
            }
        }
        b.append("}\n");
        return b.toString();
    }

    /** A plain-text summary: mode and health, each namespace with its interfaces, processes, containers, ports. */
    public static String text(Topology t) {
        StringBuilder b = new StringBuilder();
        b.append("Mode: ").append(name(t.mode())).append("    Health: ").append(name(t.health())).append('\n');
        if (!t.networkDriver().isEmpty()) {
            b.append("RootlessKit: network driver ").append(t.networkDriver());
            if (!t.childIp().isEmpty()) {
                b.append(" (child IP ").append(t.childIp()).append(')');
            }
            b.append(", port driver ").append(t.portDriver().isEmpty() ? "?" : t.portDriver()).append('\n');
        }
        b.append("\nNetwork namespaces:\n");
        for (Topology.Netns n : t.netns()) {
            b.append("  ").append(netnsLabel(t, n)).append("  net:[").append(n.inode()).append("]\n");
            for (Topology.Iface i : n.interfaces()) {
                b.append(String.format(Locale.ROOT, "    %-16s %-8s mtu %-6d %-4s", i.name(), name(i.kind()), i.mtu(),
                        i.up() ? "up" : "down"));
                if (!i.master().isEmpty()) {
                    b.append(" master ").append(i.master());
                }
                if (i.kind() == Topology.IfaceKind.VETH) {
                    Optional<Topology.Netns> pn = peerNetns(t, n, i);
                    Optional<Topology.Iface> p = peer(t, n, i);
                    if (pn.isPresent()) {
                        b.append(" peer ").append(p.get().name()).append(" in ").append(netnsLabel(t, pn.get()));
                    }
                }
                if (!i.addresses().isEmpty()) {
                    b.append(' ').append(String.join(" ", i.addresses()));
                }
                b.append('\n');
            }
        }
        b.append("\nProcesses:\n");
        if (t.processes().isEmpty()) {
            b.append("  (none)\n");
        }
        for (Topology.Proc p : t.processes()) {
            b.append(String.format(Locale.ROOT, "  %-19s pid %-7d %-16s user:[%d] mnt:[%d] net:[%d]%n", name(p.role()),
                    p.pid(), p.name(), p.userNs(), p.mntNs(), p.netNs()));
        }
        b.append("\nContainers:\n");
        if (t.containers().isEmpty()) {
            b.append("  (none)\n");
        }
        for (Topology.ContainerNode c : t.containers()) {
            b.append("  ").append(c.name());
            if (c.pid() == 0) {
                b.append("  not running");
            } else {
                b.append("  pid ").append(c.pid()).append("  net:[").append(c.netNs()).append(']');
                if (!c.addresses().isEmpty()) {
                    b.append("  ").append(String.join(" ", c.addresses()));
                }
            }
            if (c.bypassConfigured() || c.bypassLive()) {
                b.append("  bypass4netns ").append(c.bypassLive() ? "live" : "configured");
            }
            b.append('\n');
        }
        b.append("\nPublished ports:\n");
        if (t.ports().isEmpty()) {
            b.append("  (none)\n");
        }
        for (Topology.PublishedPort p : t.ports()) {
            b.append("  ").append(p.proto()).append(' ').append(p.parentIp().isEmpty() ? "*" : p.parentIp()).append(':')
                    .append(p.parentPort()).append(" -> ").append(p.childPort()).append("  via ").append(name(p.path()));
            p.containerId().ifPresent(id -> b.append("  (").append(containerName(t, id)).append(')'));
            b.append('\n');
        }
        if (!t.problems().isEmpty()) {
            b.append("\nProblems:\n");
            t.problems().forEach(s -> b.append("  ").append(s).append('\n'));
        }
        return b.toString();
    }

    private static String containerName(Topology t, String id) {
        return t.containers().stream().filter(c -> c.id().equals(id)).map(Topology.ContainerNode::name).findFirst()
                .orElse(id);
    }

    private static String netnsLabel(Topology t, Topology.Netns n) {
        switch (n.role()) {
            case HOST:
                return "host";
            case ROOTLESSKIT_CHILD:
                return "rootlesskit-child";
            case DETACHED:
                return "detached";
            case CONTAINER:
                return "container " + n.containerId().map(id -> containerName(t, id)).orElse("?");
            default:
                return "other";
        }
    }

    private static String id(Topology.Netns n) {
        return n.role() == Topology.NetnsRole.CONTAINER ? "c" + n.inode() : "n" + n.inode();
    }

    private static String ifaceId(Topology.Netns n, Topology.Iface i) {
        return id(n) + "_" + i.index();
    }

    private static String q(String s) {
        return "\"" + esc(s) + "\"";
    }

    /** Escapes quotes; keeps the {@code \n} line breaks already written as two characters. */
    private static String esc(String s) {
        return s.replace("\"", "\\\"");
    }
}
