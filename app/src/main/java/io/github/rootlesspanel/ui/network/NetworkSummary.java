package io.github.rootlesspanel.ui.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.rootlesspanel.topology.Topology;
import io.github.rootlesspanel.topology.Topology.ContainerNode;
import io.github.rootlesspanel.topology.Topology.Iface;
import io.github.rootlesspanel.topology.Topology.Netns;
import io.github.rootlesspanel.topology.Topology.NetnsRole;
import io.github.rootlesspanel.topology.Topology.Proc;
import io.github.rootlesspanel.topology.Topology.PublishedPort;
import io.github.rootlesspanel.ui.common.Messages;

/**
 * The screen's text description of the diagram, in the user's language: the same sentences, in the same order, as
 * {@link io.github.rootlesspanel.topology.Summary} (which the command line prints in English), from the network
 * bundle. Numbers go in as strings, so a PID or an inode is never grouped like "4,026,531,840".
 */
public final class NetworkSummary {

    private NetworkSummary() {
    }

    public static String of(Topology t) {
        List<String> lines = new ArrayList<>();
        lines.add(modeLine(t));
        Map<Long, List<Proc>> procsByNet = t.processes().stream().collect(Collectors.groupingBy(Proc::netNs));
        for (Netns n : t.netns()) {
            if (n.role() == NetnsRole.CONTAINER) {
                continue; // told with its container
            }
            List<Proc> ps = procsByNet.getOrDefault(n.inode(), List.of());
            String procs = ps.isEmpty() ? Messages.get("network.summary.none") : ps.stream()
                    .sorted(Comparator.comparing((Proc p) -> p.role().ordinal()).thenComparingLong(Proc::pid))
                    .map(p -> Messages.get("network.summary.proc", procName(p), Long.toString(p.pid())))
                    .collect(Collectors.joining(", "));
            String ifaces = n.interfaces().isEmpty() ? Messages.get("network.summary.none")
                    : n.interfaces().stream().map(NetworkSummary::iface).collect(Collectors.joining("; "));
            lines.add(Messages.get("network.summary.netns", netnsName(n), Long.toString(n.inode()), procs, ifaces));
        }
        List<Proc> nowhere = t.processes().stream().filter(p -> t.netns(p.netNs()).isEmpty()).toList();
        if (!nowhere.isEmpty()) {
            lines.add(Messages.get("network.summary.unlisted", nowhere.stream()
                    .map(p -> Messages.get("network.summary.proc.unlisted", procName(p), Long.toString(p.pid()),
                            Long.toString(p.netNs())))
                    .collect(Collectors.joining(", "))));
        }

        List<ContainerNode> cs = new ArrayList<>(t.containers());
        cs.sort(Comparator.comparing(ContainerNode::name).thenComparing(ContainerNode::id));
        lines.add(cs.isEmpty() ? Messages.get("network.summary.noContainers")
                : Messages.get("network.summary.containers", Integer.toString(cs.size())));
        Map<String, ContainerNode> byId = cs.stream()
                .collect(Collectors.toMap(ContainerNode::id, Function.identity(), (a, b) -> a));
        for (ContainerNode c : cs) {
            String name = c.name().equals(c.id()) ? c.name() : Messages.get("network.summary.container.id", c.name(),
                    c.id().substring(0, Math.min(12, c.id().length())));
            String state = c.pid() == 0 ? Messages.get("network.summary.container.stopped")
                    : Messages.get("network.summary.container.running", Long.toString(c.pid()),
                    Long.toString(c.netNs()), c.addresses().isEmpty() ? Messages.get("network.summary.none")
                            : String.join(", ", c.addresses()));
            String bypass = Messages.get(c.bypassLive() ? "network.summary.bypass.active"
                    : c.bypassConfigured() ? "network.summary.bypass.configured" : "network.summary.bypass.off");
            lines.add(Messages.get("network.summary.container", name, state, bypass));
        }

        List<PublishedPort> ports = new ArrayList<>(t.ports());
        ports.sort(Comparator.comparing(PublishedPort::proto).thenComparingInt(PublishedPort::parentPort));
        lines.add(ports.isEmpty() ? Messages.get("network.summary.noPorts")
                : Messages.get("network.summary.ports", Integer.toString(ports.size())));
        for (PublishedPort p : ports) {
            String owner = p.containerId().map(id -> byId.containsKey(id) ? byId.get(id).name() : id)
                    .map(o -> Messages.get("network.summary.port.owner", o)).orElse("");
            String host = p.parentIp().isEmpty() ? Messages.get("network.summary.port.allAddresses") : p.parentIp();
            lines.add(p.path() == Topology.PortPath.BYPASS4NETNS
                    ? Messages.get("network.summary.port.bypass", p.proto(), host, Integer.toString(p.parentPort()),
                    Integer.toString(p.childPort()), owner)
                    : Messages.get("network.summary.port.driver", p.proto(), host, Integer.toString(p.parentPort()),
                    Integer.toString(p.childPort()), t.portDriver().isEmpty() ? ""
                            : Messages.get("network.summary.port.driverName", t.portDriver()), owner));
        }
        for (String problem : t.problems()) {
            lines.add(Messages.get("network.summary.notRead", problem));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String modeLine(Topology t) {
        String mode;
        switch (t.mode()) {
            case DETACH_NETNS: mode = Messages.get("network.summary.mode.detach"); break;
            case CHILD_NETNS: mode = Messages.get("network.summary.mode.child"); break;
            default: mode = Messages.get("network.summary.mode.none");
        }
        String health;
        switch (t.health()) {
            case CONTAINERD_INACTIVE: health = Messages.get("network.summary.health.inactive"); break;
            case ROOTLESSKIT_STARTING: health = Messages.get("network.summary.health.starting"); break;
            case STALE_STATE_DIR: health = Messages.get("network.summary.health.stale"); break;
            default: health = Messages.get("network.summary.health.running");
        }
        StringBuilder b = new StringBuilder(Messages.get("network.summary.first", mode, health));
        if (!t.networkDriver().isEmpty()) {
            b.append(Messages.get("network.summary.networkDriver", t.networkDriver()));
        }
        if (!t.portDriver().isEmpty()) {
            b.append(Messages.get("network.summary.portDriver", t.portDriver()));
        }
        if (!t.childIp().isEmpty()) {
            b.append(Messages.get("network.summary.childIp", t.childIp()));
        }
        return b.append('.').toString();
    }

    private static String netnsName(Netns n) {
        switch (n.role()) {
            case HOST: return Messages.get("network.summary.netns.host");
            case ROOTLESSKIT_CHILD: return Messages.get("network.summary.netns.child");
            case DETACHED: return Messages.get("network.summary.netns.detached");
            default: return Messages.get("network.summary.netns.other");
        }
    }

    private static String procName(Proc p) {
        switch (p.role()) {
            case ROOTLESSKIT_PARENT: return Messages.get("network.summary.proc.parent");
            case ROOTLESSKIT_CHILD: return Messages.get("network.summary.proc.child");
            case NETWORK_DRIVER: return Messages.get("network.summary.proc.driver", p.name());
            default: return p.name();
        }
    }

    private static String iface(Iface f) {
        // the kind (loopback, ethernet, tap, bridge, veth) is a technical term and stays as the kernel says it
        String addresses = f.addresses().isEmpty() ? Messages.get("network.summary.iface.noAddress")
                : " " + String.join(" ", f.addresses());
        return Messages.get("network.summary.iface", f.name(), f.kind().name().toLowerCase(Locale.ROOT), addresses,
                Integer.toString(f.mtu()), Messages.get(f.up() ? "network.summary.iface.up" : "network.summary.iface.down"),
                f.master().isEmpty() ? "" : Messages.get("network.summary.iface.master", f.master()));
    }
}
