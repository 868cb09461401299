package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class IpJsonTest {

    @Test
    void childNetnsHasLoTapBridgeAndTheHostEndOfAVeth() {
        List<Topology.Iface> child = Captures.ifaces("child");
        assertThat(child).extracting(Topology.Iface::name).containsExactly("lo", "tap0", "nerdctl0", "veth2dcf9d22");
        assertThat(child.get(0).kind()).isEqualTo(Topology.IfaceKind.LOOPBACK);
        assertThat(child.get(0).addresses()).containsExactly("127.0.0.1/8", "::1/128");
        Topology.Iface tap = child.get(1);
        assertThat(tap.kind()).isEqualTo(Topology.IfaceKind.TAP);
        assertThat(tap.mtu()).isEqualTo(65520);
        assertThat(tap.up()).isTrue();
        // link-local IPv6 left out
        assertThat(tap.addresses()).containsExactly("10.0.2.100/24");
        Topology.Iface bridge = child.get(2);
        assertThat(bridge.kind()).isEqualTo(Topology.IfaceKind.BRIDGE);
        assertThat(bridge.addresses()).containsExactly("10.4.0.1/24");
        Topology.Iface veth = child.get(3);
        assertThat(veth.kind()).isEqualTo(Topology.IfaceKind.VETH);
        assertThat(veth.index()).isEqualTo(4);
        assertThat(veth.master()).isEqualTo("nerdctl0");
        assertThat(veth.peerIndex()).isEqualTo(OptionalInt.of(2));
        assertThat(veth.addresses()).isEmpty();
        assertThat(bridge.master()).isEmpty();
        assertThat(bridge.peerIndex()).isEmpty();
    }

    @Test
    void containerNetnsHasADownLoAndEth0WithItsAddress() {
        List<Topology.Iface> c = Captures.ifaces("container");
        assertThat(c).extracting(Topology.Iface::name).containsExactly("lo", "eth0");
        assertThat(c.get(0).up()).isFalse();
        Topology.Iface eth0 = c.get(1);
        assertThat(eth0.kind()).isEqualTo(Topology.IfaceKind.VETH);
        assertThat(eth0.peerIndex()).isEqualTo(OptionalInt.of(4));
        assertThat(eth0.mtu()).isEqualTo(1500);
        assertThat(eth0.addresses()).containsExactly("10.4.0.2/24");
        assertThat(Captures.ifaces("container2").get(1).addresses()).containsExactly("10.4.0.3/24");
    }

    @Test
    void detachedNetnsLooksLikeTheChildOne() {
        List<Topology.Iface> d = Captures.ifaces("detached");
        assertThat(d).extracting(Topology.Iface::kind).containsExactly(Topology.IfaceKind.LOOPBACK,
                Topology.IfaceKind.TAP, Topology.IfaceKind.BRIDGE, Topology.IfaceKind.VETH);
        assertThat(d.get(3).name()).isEqualTo("vethe798b73f");
        assertThat(d.get(3).master()).isEqualTo("nerdctl0");
    }

    @Test
    void hostNicIsEthernetAndOtherDevicesAreOther() {
        List<Topology.Iface> h = Captures.ifaces("host");
        assertThat(h).extracting(Topology.Iface::name).containsExactly("lo", "ifb0", "ifb1", "eth0");
        assertThat(h.get(1).kind()).isEqualTo(Topology.IfaceKind.OTHER);
        assertThat(h.get(1).up()).isFalse();
        Topology.Iface nic = h.get(3);
        assertThat(nic.kind()).isEqualTo(Topology.IfaceKind.ETHERNET);
        assertThat(nic.mtu()).isEqualTo(1400);
        assertThat(nic.addresses()).containsExactly("192.0.2.2/24", "fd00::2/64");
    }

    @Test
    void linksWithoutAddressOutputHaveNoAddresses() throws IOException {
        assertThat(IpJson.parse(Captures.text("child-link.json"), "")).allSatisfy(i ->
                assertThat(i.addresses()).isEmpty());
    }

    @Test
    void notIproute2JsonIsAnError() {
        assertThatThrownBy(() -> IpJson.parse("{\"a\":1}", "")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> IpJson.parse("Object \"link\" is unknown", "")).isInstanceOf(IOException.class);
    }

    @Test
    void namespaceLinkTargetsGiveTheirInode() {
        assertThat(IpJson.nsInode("net:[4026531833]")).isEqualTo(4026531833L);
        assertThat(IpJson.nsInode("user:[4026532175]")).isEqualTo(4026532175L);
        assertThat(IpJson.nsInode("/run/netns/x")).isZero();
        assertThat(IpJson.nsInode("net:[x]")).isZero();
        assertThat(IpJson.nsInode(null)).isZero();
    }
}
