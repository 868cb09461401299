package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Addresses from /proc/PID/net, on files captured as they are: a busybox container on nerdctl's CNI bridge and
 * RootlessKit's child namespace with slirp4netns's tap0 and the bridge nerdctl0 (ContainerNetworkIT's output,
 * Debian 12 containerd 1.6.20, kernel 6.18), and a development VM with IPv6.
 */
class NetnsAddressesTest {

    static final String CONTAINER_TABLE = "  +-- 0.0.0.0/1 2 0 2\n"
            + "     +-- 0.0.0.0/4 2 0 2\n"
            + "        |-- 0.0.0.0\n"
            + "           /0 universe UNICAST\n"
            + "        +-- 10.4.0.0/24 2 0 2\n"
            + "           +-- 10.4.0.0/30 2 0 2\n"
            + "              |-- 10.4.0.0\n"
            + "                 /24 link UNICAST\n"
            + "              |-- 10.4.0.2\n"
            + "                 /32 host LOCAL\n"
            + "           |-- 10.4.0.255\n"
            + "              /32 link BROADCAST\n"
            + "     +-- 127.0.0.0/8 2 0 2\n"
            + "        +-- 127.0.0.0/31 1 0 0\n"
            + "           |-- 127.0.0.0\n"
            + "              /8 host LOCAL\n"
            + "           |-- 127.0.0.1\n"
            + "              /32 host LOCAL\n"
            + "        |-- 127.255.255.255\n"
            + "           /32 link BROADCAST\n";
    static final String CONTAINER_FIB_TRIE = "Main:\n" + CONTAINER_TABLE + "Local:\n" + CONTAINER_TABLE;
    static final String CONTAINER_ROUTE = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT"
            + "                                                       \n"
            + "eth0\t00000000\t0100040A\t0003\t0\t0\t0\t00000000\t0\t0\t0"
            + "                                                                               \n"
            + "eth0\t0000040A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"
            + "                                                                               \n";
    static final String CONTAINER_IF_INET6 = "00000000000000000000000000000001 01 80 10 80       lo\n"
            + "fe800000000000002c7e63fffea6ce0e 02 40 20 80     eth0\n";

    static final String CHILD_TABLE = "  +-- 0.0.0.0/1 2 0 2\n"
            + "     +-- 0.0.0.0/4 2 0 2\n"
            + "        |-- 0.0.0.0\n"
            + "           /0 universe UNICAST\n"
            + "        +-- 10.0.0.0/13 2 0 2\n"
            + "           +-- 10.0.2.0/24 2 0 1\n"
            + "              |-- 10.0.2.0\n"
            + "                 /24 link UNICAST\n"
            + "              |-- 10.0.2.100\n"
            + "                 /32 host LOCAL\n"
            + "              |-- 10.0.2.255\n"
            + "                 /32 link BROADCAST\n"
            + "           +-- 10.4.0.0/24 2 0 2\n"
            + "              +-- 10.4.0.0/31 1 0 0\n"
            + "                 |-- 10.4.0.0\n"
            + "                    /24 link UNICAST\n"
            + "                 |-- 10.4.0.1\n"
            + "                    /32 host LOCAL\n"
            + "              |-- 10.4.0.255\n"
            + "                 /32 link BROADCAST\n"
            + "     +-- 127.0.0.0/8 2 0 2\n"
            + "        +-- 127.0.0.0/31 1 0 0\n"
            + "           |-- 127.0.0.0\n"
            + "              /8 host LOCAL\n"
            + "           |-- 127.0.0.1\n"
            + "              /32 host LOCAL\n"
            + "        |-- 127.255.255.255\n"
            + "           /32 link BROADCAST\n";
    static final String CHILD_FIB_TRIE = "Main:\n" + CHILD_TABLE + "Local:\n" + CHILD_TABLE;
    static final String CHILD_ROUTE = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "tap0\t00000000\t0202000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
            + "tap0\t0002000A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
            + "nerdctl0\t0000040A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
    static final String CHILD_IF_INET6 = "fe800000000000009c42a2fffe891110 04 40 20 80 vethbd48fdf9\n"
            + "00000000000000000000000000000001 01 80 10 80       lo\n"
            + "fe800000000000007c2a11fffe309beb 02 40 20 80     tap0\n"
            + "fe80000000000000e88b71fffec8e4c9 03 40 20 c0 nerdctl0\n";

    static final String VM_TABLE = "  +-- 0.0.0.0/0 3 0 5\n"
            + "     |-- 0.0.0.0\n"
            + "        /0 universe UNICAST\n"
            + "     +-- 127.0.0.0/8 2 0 2\n"
            + "        +-- 127.0.0.0/31 1 0 0\n"
            + "           |-- 127.0.0.0\n"
            + "              /8 host LOCAL\n"
            + "           |-- 127.0.0.1\n"
            + "              /32 host LOCAL\n"
            + "        |-- 127.255.255.255\n"
            + "           /32 link BROADCAST\n"
            + "     +-- 192.0.2.0/24 2 0 2\n"
            + "        +-- 192.0.2.0/30 2 0 2\n"
            + "           |-- 192.0.2.0\n"
            + "              /24 link UNICAST\n"
            + "           |-- 192.0.2.2\n"
            + "              /32 host LOCAL\n"
            + "        |-- 192.0.2.255\n"
            + "           /32 link BROADCAST\n";
    static final String VM_ROUTE = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
            + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
            + "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
    static final String VM_IF_INET6 = "fd000000000000000000000000000002 04 40 00 82     eth0\n"
            + "fe8000000000000000fc00fffe000001 04 40 20 80     eth0\n"
            + "00000000000000000000000000000001 01 80 10 80       lo\n";

    @Test
    void containerOnTheBridge() {
        assertThat(NetnsAddresses.parse(CONTAINER_FIB_TRIE, CONTAINER_ROUTE, CONTAINER_IF_INET6))
                .containsExactly(new InterfaceAddress("eth0", "10.4.0.2", 24));
    }

    @Test
    void rootlessKitsChildWithTapAndBridge() {
        assertThat(NetnsAddresses.parse(CHILD_FIB_TRIE, CHILD_ROUTE, CHILD_IF_INET6)).containsExactly(
                new InterfaceAddress("tap0", "10.0.2.100", 24), new InterfaceAddress("nerdctl0", "10.4.0.1", 24));
    }

    @Test
    void ipv6WithoutLoopbackAndLinkLocal() {
        assertThat(NetnsAddresses.parse("Main:\n" + VM_TABLE + "Local:\n" + VM_TABLE, VM_ROUTE, VM_IF_INET6))
                .containsExactly(new InterfaceAddress("eth0", "192.0.2.2", 24),
                        new InterfaceAddress("eth0", "fd00::2", 64));
    }

    @Test
    void onlyLoopbackOrNothingReadableIsEmpty() {
        String lo = "Main:\n  +-- 127.0.0.0/8 2 0 2\n     +-- 127.0.0.0/31 1 0 0\n        |-- 127.0.0.0\n"
                + "           /8 host LOCAL\n        |-- 127.0.0.1\n           /32 host LOCAL\n";
        assertThat(NetnsAddresses.parse(lo, "Iface\tDestination\n", "00000000000000000000000000000001 01 80 10 80 lo\n"))
                .isEmpty();
        assertThat(NetnsAddresses.parse("", "", "")).isEmpty();
        assertThat(NetnsAddresses.read(0)).isEmpty();
        assertThat(NetnsAddresses.read(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void anAddressWithoutItsSubnetRouteIsAHostAddress() {
        String trie = "Local:\n  +-- 0.0.0.0/0 3 0 5\n     |-- 203.0.113.7\n        /32 host LOCAL\n";
        assertThat(NetnsAddresses.parse(trie, VM_ROUTE, "")).containsExactly(new InterfaceAddress("", "203.0.113.7", 32));
    }

    @Test
    void ipv6TextIsCompressed() {
        assertThat(NetnsAddresses.compress("fd000000000000000000000000000002")).isEqualTo("fd00::2");
        assertThat(NetnsAddresses.compress("20010db8000000010000000000000001")).isEqualTo("2001:db8:0:1::1");
        assertThat(NetnsAddresses.compress("20010db8000100000000000100000001")).isEqualTo("2001:db8:1::1:0:1");
        // the longest run of zero groups; of two as long, the first
        assertThat(NetnsAddresses.compress("20010db8000000000001000000000000")).isEqualTo("2001:db8:0:0:1::");
        assertThat(NetnsAddresses.compress("20010db8000000000001000000000001")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(NetnsAddresses.compress("20010db8000100020003000400050006")).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(NetnsAddresses.compress("20010db8000000010001000100010001")).isEqualTo("2001:db8:0:1:1:1:1:1");
    }

    /** Our own namespace read through /proc/PID/net, against what the JDK lists (netlink, not /proc). */
    @Test
    void thisProcessSeesTheHostsAddressesWithoutLoopback() throws Exception {
        List<InterfaceAddress> read = NetnsAddresses.read(ProcessHandle.current().pid());
        List<String> expected = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (java.net.InterfaceAddress a : ni.getInterfaceAddresses()) {
                InetAddress ip = a.getAddress();
                if (!ip.isLoopbackAddress() && !ip.isLinkLocalAddress()) {
                    expected.add(ni.getName() + " " + InetAddress.getByName(ip.getHostAddress().replaceAll("%.*", ""))
                            .getHostAddress() + "/" + a.getNetworkPrefixLength());
                }
            }
        }
        List<String> got = new ArrayList<>();
        for (InterfaceAddress a : read) {
            got.add(a.interfaceName() + " " + InetAddress.getByName(a.address()).getHostAddress() + "/" + a.prefixLength());
        }
        System.out.println("this host: " + read + "; the JDK: " + expected);
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(read).noneMatch(a -> a.interfaceName().equals("lo"));
    }
}
