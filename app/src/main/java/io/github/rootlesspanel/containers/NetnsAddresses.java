package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The addresses inside a process's network namespace, read from {@code /proc/<pid>/net} as any process of the
 * same user may: no {@code nsenter}, no {@code ip}, nothing run inside the container (its image may have no
 * shell). IPv4 from {@code fib_trie} (the kernel's local routes: {@code /32 host LOCAL} leaves) with prefix and
 * interface from {@code route}; IPv6 from {@code if_inet6}. Loopback ({@code lo}, 127/8, ::1) and link-local
 * IPv6 (fe80::/10) are left out: every namespace has them.
 */
public final class NetnsAddresses {

    private static final int MAX_READ = 1 << 20;

    private NetnsAddresses() {
    }

    /**
     * The IPv4 and IPv6 addresses inside the network namespace of process {@code pid}; empty when unreadable
     * (the process is gone, or belongs to someone else). Blocking (reads three small files).
     */
    public static List<InterfaceAddress> read(long pid) {
        if (pid <= 0) {
            return List.of();
        }
        Path net = Path.of("/proc", Long.toString(pid), "net");
        String fibTrie = read(net.resolve("fib_trie"));
        String route = read(net.resolve("route"));
        String ifInet6 = read(net.resolve("if_inet6"));   // absent when IPv6 is switched off
        return parse(fibTrie, route, ifInet6);
    }

    /** Pure: the addresses of the three files' contents ("" for a file that could not be read). */
    static List<InterfaceAddress> parse(String fibTrie, String route, String ifInet6) {
        List<InterfaceAddress> out = new ArrayList<>();
        List<Route> routes = routes(route);
        for (String ip : localIpv4(fibTrie)) {
            int addr = ipv4(ip);
            if ((addr >>> 24) == 127) {
                continue;
            }
            // the most specific directly connected route holding the address names the interface and prefix
            Route best = null;
            for (Route r : routes) {
                if (!r.gateway && (addr & r.mask) == r.destination && r.mask != 0
                        && (best == null || Integer.bitCount(r.mask) > Integer.bitCount(best.mask))) {
                    best = r;
                }
            }
            if (best != null && best.iface.equals("lo")) {
                continue;
            }
            out.add(new InterfaceAddress(best == null ? "" : best.iface, ip,
                    best == null ? 32 : Integer.bitCount(best.mask)));
        }
        out.addAll(ipv6(ifInet6));
        return List.copyOf(out);
    }

    /**
     * The addresses of the leaves followed by a {@code /32 host LOCAL} line, e.g.
     * <pre>
     *           |-- 10.4.0.5
     *              /32 host LOCAL
     * </pre>
     * The trie is listed per table (Main, Local), so an address can appear twice.
     */
    static Set<String> localIpv4(String fibTrie) {
        Set<String> out = new LinkedHashSet<>();
        String leaf = null;
        for (String raw : fibTrie.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("|-- ")) {
                leaf = line.substring(4).strip();
            } else if (line.startsWith("+-- ")) {
                leaf = null;
            } else if (leaf != null && line.startsWith("/32 ") && line.endsWith(" LOCAL")
                    && line.contains(" host ")) {
                out.add(leaf);
            }
        }
        out.removeIf(ip -> !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}"));
        return out;
    }

    private record Route(String iface, int destination, int mask, boolean gateway) { }

    /** {@code /proc/net/route}: hex words in the kernel's byte order (little-endian on x86 and arm64). */
    private static List<Route> routes(String route) {
        List<Route> out = new ArrayList<>();
        String[] lines = route.split("\n");
        for (int i = 1; i < lines.length; i++) {   // line 0 is the header
            String[] f = lines[i].strip().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                int dest = hostOrder(Long.parseLong(f[1], 16));
                int flags = Integer.parseInt(f[3], 16);
                int mask = hostOrder(Long.parseLong(f[7], 16));
                out.add(new Route(f[0], dest, mask, (flags & 0x2) != 0));   // RTF_GATEWAY
            } catch (NumberFormatException e) {
                // a line this parser does not know: skipped
            }
        }
        return out;
    }

    private static int hostOrder(long word) {
        int v = (int) word;
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(v) : v;
    }

    private static int ipv4(String dotted) {
        String[] p = dotted.split("\\.");
        int v = 0;
        for (String s : p) {
            v = (v << 8) | (Integer.parseInt(s) & 0xff);
        }
        return v;
    }

    /** {@code if_inet6}: {@code <32 hex digits> <ifindex> <prefix len> <scope> <flags> <name>}, all hex. */
    private static List<InterfaceAddress> ipv6(String ifInet6) {
        List<InterfaceAddress> out = new ArrayList<>();
        for (String raw : ifInet6.split("\n")) {
            String[] f = raw.strip().split("\\s+");
            if (f.length < 6 || !f[0].matches("[0-9a-fA-F]{32}")) {
                continue;
            }
            String hex = f[0].toLowerCase(Locale.ROOT);
            boolean loopback = hex.equals("00000000000000000000000000000001");
            int first = Integer.parseInt(hex.substring(0, 4), 16);
            boolean linkLocal = (first & 0xffc0) == 0xfe80;
            if (loopback || linkLocal || f[5].equals("lo")) {
                continue;
            }
            try {
                out.add(new InterfaceAddress(f[5], compress(hex), Integer.parseInt(f[2], 16)));
            } catch (NumberFormatException e) {
                // skipped
            }
        }
        return out;
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String compress(String hex32) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = Integer.parseInt(hex32.substring(i * 4, i * 4 + 4), 16);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static String read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
