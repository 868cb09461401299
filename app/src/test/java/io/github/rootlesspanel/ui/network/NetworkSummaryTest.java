package io.github.rootlesspanel.ui.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.topology.Summary;
import io.github.rootlesspanel.topology.Topology;
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
import io.github.rootlesspanel.ui.common.Messages;

/** The screen's text description: in English word for word the command line's, and completely in German. */
class NetworkSummaryTest {

    static final long HOST = 4026531840L;
    static final long DETACHED = 4026532176L;

    @AfterEach
    void english() {
        Messages.use(Locale.ENGLISH);
    }

    /** Every kind of sentence: both port paths, running and stopped containers, all bypass states, a lost process. */
    static Topology everything(Mode mode, Health health) {
        Iface lo = new Iface("lo", 1, IfaceKind.LOOPBACK, 65536, true, "", OptionalInt.empty(), List.of("127.0.0.1/8"));
        Iface tap = new Iface("tap0", 2, IfaceKind.TAP, 65520, true, "", OptionalInt.empty(), List.of("10.0.2.100/24"));
        Iface bridge = new Iface("nerdctl0", 3, IfaceKind.BRIDGE, 1500, false, "", OptionalInt.empty(), List.of());
        Iface veth = new Iface("veth1a2b", 4, IfaceKind.VETH, 1500, true, "nerdctl0", OptionalInt.of(2), List.of());
        String longId = "0123456789abcdef0123456789abcdef";
        return new Topology(Instant.parse("2026-12-04T20:00:00Z"), mode, health, "slirp4netns", "builtin",
                "10.0.2.100", HOST,
                List.of(new Netns(HOST, NetnsRole.HOST, List.of(lo), Optional.empty()),
                        new Netns(DETACHED, mode == Mode.CHILD_NETNS ? NetnsRole.ROOTLESSKIT_CHILD : NetnsRole.DETACHED,
                                List.of(lo, tap, bridge, veth), Optional.empty()),
                        new Netns(4026532999L, NetnsRole.OTHER, List.of(), Optional.empty())),
                List.of(new Proc(3301, ProcRole.ROOTLESSKIT_PARENT, "rootlesskit", 1, 2, HOST),
                        new Proc(3312, ProcRole.ROOTLESSKIT_CHILD, "exe", 1, 2, HOST),
                        new Proc(3318, ProcRole.NETWORK_DRIVER, "slirp4netns", 1, 2, HOST),
                        new Proc(3325, ProcRole.CONTAINERD, "containerd", 1, 2, HOST),
                        new Proc(4444, ProcRole.OTHER, "lost", 1, 2, 4026539999L)),
                List.of(new ContainerNode(longId, "web", "default", 4100, 4026532246L, List.of("10.4.0.2/24"), false,
                                false),
                        new ContainerNode("db", "db", "default", 0, 0, List.of(), true, false),
                        new ContainerNode("fast1", "fast", "default", 4200, 4026532247L, List.of(), true, true)),
                List.of(new PublishedPort("tcp", "", 8080, 80, PortPath.ROOTLESSKIT, Optional.of(longId)),
                        new PublishedPort("tcp", "127.0.0.1", 8083, 80, PortPath.BYPASS4NETNS, Optional.of("gone")),
                        new PublishedPort("udp", "", 5353, 53, PortPath.ROOTLESSKIT, Optional.empty())),
                List.of("bypass4netnsd did not answer."));
    }

    @Test
    void inEnglishItIsTheCommandLinesDescription() {
        Messages.use(Locale.ENGLISH);
        for (Mode m : Mode.values()) {
            for (Health h : Health.values()) {
                Topology t = everything(m, h);
                assertThat(NetworkSummary.of(t)).as("%s %s", m, h).isEqualTo(Summary.of(t));
            }
        }
        Topology empty = new Topology(Instant.EPOCH, Mode.NOT_RUNNING, Health.STALE_STATE_DIR, "", "", "", HOST,
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(NetworkSummary.of(empty)).isEqualTo(Summary.of(empty));
    }

    @Test
    void inGermanEverySentenceIsGermanAndNumbersAreNotGrouped() {
        Messages.use(Locale.GERMAN);
        String de = NetworkSummary.of(everything(Mode.DETACH_NETNS, Health.RUNNING));
        assertThat(de.lines()).hasSameSizeAs(Summary.of(everything(Mode.DETACH_NETNS, Health.RUNNING)).lines().toList());
        assertThat(de).startsWith("Netzwerk des rootless containerd, Detach-netns-Modus")
                .contains("Netzwerk-Namensraum des Hosts (RootlessKit-Elternprozess) net:[4026531840]. Prozesse: "
                        + "RootlessKit-Elternprozess (PID 3301)")
                .contains("nerdctl0 bridge, keine Adresse, MTU 1500, inaktiv")
                .contains("veth1a2b veth, keine Adresse, MTU 1500, aktiv, Port von nerdctl0")
                .contains("Container web (0123456789ab): läuft, PID 4100, net:[4026532246], Adressen 10.4.0.2/24, "
                        + "bypass4netns aus.")
                .contains("Container db: läuft nicht, bypass4netns eingerichtet, aber nicht aktiv.")
                .contains("Port tcp alle Adressen:8080 zu Child-Port 80 über den Port-Treiber von RootlessKit "
                        + "(builtin), dann CNI-portmap, Container web.")
                .contains("Port tcp 127.0.0.1:8083 zu Container-Port 80 über bypass4netns")
                .contains("Nicht gelesen: bypass4netnsd did not answer.");
        // none of the English sentence words is left
        for (String english : List.of("Processes", "Interfaces", "running", "Published", "through", "not running",
                "network namespace", "addresses", "Not read")) {
            assertThat(de).as(english).doesNotContain(english);
        }
    }
}
