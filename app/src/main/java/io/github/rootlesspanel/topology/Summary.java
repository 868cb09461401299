package io.github.rootlesspanel.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.rootlesspanel.topology.Topology.ContainerNode;
import io.github.rootlesspanel.topology.Topology.Iface;
import io.github.rootlesspanel.topology.Topology.Netns;
import io.github.rootlesspanel.topology.Topology.NetnsRole;
import io.github.rootlesspanel.topology.Topology.Proc;
import io.github.rootlesspanel.topology.Topology.PublishedPort;

/**
 * The topology as plain sentences, one line each, for screen readers (and for bug reports): the mode and state, each
 * network namespace with its processes and interfaces, the containers with their addresses and bypass4netns, the
 * published ports with their path, and what could not be read.
 */
public final class Summary {

    private Summary() {
    }

    public static String of(Topology t) {
        List<String> lines = new ArrayList<>();
        lines.add(modeLine(t));
        Map<Long, List<Proc>> procsByNet = t.processes().stream()
                .collect(Collectors.groupingBy(Proc::netNs));
        for (Netns n : t.netns()) {
            if (n.role() == NetnsRole.CONTAINER) {
                continue; // told with its container
            }
            StringBuilder b = new StringBuilder(netnsName(n)).append(" net:[").append(n.inode()).append("]");
            List<Proc> ps = procsByNet.getOrDefault(n.inode(), List.of());
            b.append(". Processes: ").append(ps.isEmpty() ? "none" : ps.stream()
                    .sorted(Comparator.comparing((Proc p) -> p.role().ordinal()).thenComparingLong(Proc::pid))
                    .map(p -> procName(p) + " (PID " + p.pid() + ")").collect(Collectors.joining(", ")));
            b.append(". Interfaces: ").append(n.interfaces().isEmpty() ? "none"
                    : n.interfaces().stream().map(Summary::iface).collect(Collectors.joining("; ")));
            lines.add(b.append('.').toString());
        }
        List<Proc> nowhere = t.processes().stream().filter(p -> t.netns(p.netNs()).isEmpty()).toList();
        if (!nowhere.isEmpty()) {
            lines.add("Processes in a network namespace not listed: " + nowhere.stream()
                    .map(p -> procName(p) + " (PID " + p.pid() + ", net:[" + p.netNs() + "])")
                    .collect(Collectors.joining(", ")) + ".");
        }

        List<ContainerNode> cs = new ArrayList<>(t.containers());
        cs.sort(Comparator.comparing(ContainerNode::name).thenComparing(ContainerNode::id));
        lines.add(cs.isEmpty() ? "No containers." : "Containers: " + cs.size() + ".");
        Map<String, ContainerNode> byId = cs.stream()
                .collect(Collectors.toMap(ContainerNode::id, Function.identity(), (a, b) -> a));
        for (ContainerNode c : cs) {
            StringBuilder b = new StringBuilder("Container ").append(c.name());
            if (!c.name().equals(c.id())) {
                b.append(" (").append(c.id(), 0, Math.min(12, c.id().length())).append(')');
            }
            if (c.pid() == 0) {
                b.append(": not running");
            } else {
                b.append(": running, PID ").append(c.pid()).append(", net:[").append(c.netNs()).append(']');
                b.append(", addresses ").append(c.addresses().isEmpty() ? "none" : String.join(", ", c.addresses()));
            }
            b.append(", bypass4netns ").append(c.bypassLive() ? "active"
                    : c.bypassConfigured() ? "configured but not active" : "off");
            lines.add(b.append('.').toString());
        }

        List<PublishedPort> ports = new ArrayList<>(t.ports());
        ports.sort(Comparator.comparing(PublishedPort::proto).thenComparingInt(PublishedPort::parentPort));
        lines.add(ports.isEmpty() ? "No published ports." : "Published ports: " + ports.size() + ".");
        for (PublishedPort p : ports) {
            String owner = p.containerId().map(id -> byId.containsKey(id) ? byId.get(id).name() : id).orElse("");
            StringBuilder b = new StringBuilder("Port ").append(p.proto()).append(' ')
                    .append(p.parentIp().isEmpty() ? "all addresses" : p.parentIp()).append(':')
                    .append(p.parentPort());
            if (p.path() == Topology.PortPath.BYPASS4NETNS) {
                b.append(" to container port ").append(p.childPort()).append(" through bypass4netns (socket bound in "
                        + "the host network namespace)");
            } else {
                b.append(" to child port ").append(p.childPort()).append(" through RootlessKit's port driver")
                        .append(t.portDriver().isEmpty() ? "" : " (" + t.portDriver() + ")")
                        .append(", then CNI portmap");
            }
            if (!owner.isEmpty()) {
                b.append(", container ").append(owner);
            }
            lines.add(b.append('.').toString());
        }
        for (String problem : t.problems()) {
            lines.add("Not read: " + problem);
        }
        return String.join("\n", lines) + "\n";
    }

    private static String modeLine(Topology t) {
        String mode;
        switch (t.mode()) {
            case DETACH_NETNS:
                mode = "detach-netns mode: containerd in the host network namespace, tap0 and the bridges in a "
                        + "detached network namespace";
                break;
            case CHILD_NETNS:
                mode = "child-netns mode: containerd shares RootlessKit's child network namespace with tap0 and the "
                        + "bridges";
                break;
            default:
                mode = "RootlessKit not running";
        }
        String health;
        switch (t.health()) {
            case CONTAINERD_INACTIVE: health = "containerd is inactive"; break;
            case ROOTLESSKIT_STARTING: health = "RootlessKit is starting (its API does not answer yet)"; break;
            case STALE_STATE_DIR: health = "the state directory is stale (child_pid names no process)"; break;
            default: health = "running";
        }
        StringBuilder b = new StringBuilder("Rootless containerd network, ").append(mode).append("; ").append(health);
        if (!t.networkDriver().isEmpty()) {
            b.append("; network driver ").append(t.networkDriver());
        }
        if (!t.portDriver().isEmpty()) {
            b.append(", port driver ").append(t.portDriver());
        }
        if (!t.childIp().isEmpty()) {
            b.append(", child IP ").append(t.childIp());
        }
        return b.append('.').toString();
    }

    private static String netnsName(Netns n) {
        switch (n.role()) {
            case HOST: return "Host network namespace (RootlessKit parent)";
            case ROOTLESSKIT_CHILD: return "RootlessKit child network namespace";
            case DETACHED: return "Detached network namespace";
            default: return "Other network namespace";
        }
    }

    static String procName(Proc p) {
        switch (p.role()) {
            case ROOTLESSKIT_PARENT: return "RootlessKit parent";
            case ROOTLESSKIT_CHILD: return "RootlessKit child";
            case NETWORK_DRIVER: return p.name() + " (network driver)";
            default: return p.name();
        }
    }

    static String iface(Iface f) {
        StringBuilder b = new StringBuilder(f.name()).append(' ')
                .append(f.kind().name().toLowerCase(Locale.ROOT));
        b.append(f.addresses().isEmpty() ? ", no address" : " " + String.join(" ", f.addresses()));
        b.append(", MTU ").append(f.mtu()).append(f.up() ? ", up" : ", down");
        if (!f.master().isEmpty()) {
            b.append(", port of ").append(f.master());
        }
        return b.toString();
    }
}
