package io.github.rootlesspanel.topology;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * iproute2's JSON ({@code ip -j -d link show} and {@code ip -j addr show}, iproute2 6.1) into {@link Topology.Iface}s.
 * Pure; the fields used: {@code ifindex}, {@code ifname}, {@code flags}, {@code mtu}, {@code link_type},
 * {@code linkinfo.info_kind} (+ {@code info_data.type} for tun/tap), {@code master}, {@code link_index} (a veth's
 * peer ifindex, in the peer's namespace), and {@code addr_info[].local/prefixlen/scope}.
 */
public final class IpJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IpJson() {
    }

    /**
     * The interfaces of one namespace, in index order.
     *
     * @param linkJson output of {@code ip -j -d link show}
     * @param addrJson output of {@code ip -j addr show} ("" when not read: no addresses then)
     * @throws IOException when the link output is not iproute2's JSON
     */
    public static List<Topology.Iface> parse(String linkJson, String addrJson) throws IOException {
        Map<Integer, List<String>> addresses = addrJson.isBlank() ? Map.of() : addresses(addrJson);
        JsonNode links = JSON.readTree(linkJson);
        if (links == null || !links.isArray()) {
            throw new IOException("not iproute2's JSON list of links");
        }
        List<Topology.Iface> out = new ArrayList<>();
        for (JsonNode l : links) {
            int index = l.path("ifindex").asInt();
            Topology.IfaceKind kind = kind(l);
            boolean up = false;
            for (JsonNode f : l.path("flags")) {
                up |= f.asText().equals("UP");
            }
            OptionalInt peer = kind == Topology.IfaceKind.VETH && l.has("link_index")
                    ? OptionalInt.of(l.path("link_index").asInt()) : OptionalInt.empty();
            out.add(new Topology.Iface(l.path("ifname").asText(), index, kind, l.path("mtu").asInt(), up,
                    l.path("master").asText(""), peer, addresses.getOrDefault(index, List.of())));
        }
        out.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return out;
    }

    static Topology.IfaceKind kind(JsonNode link) {
        if (link.path("link_type").asText().equals("loopback")) {
            return Topology.IfaceKind.LOOPBACK;
        }
        JsonNode info = link.path("linkinfo");
        switch (info.path("info_kind").asText()) {
            case "tun":
                // a tun device carries no ethernet frames; slirp4netns and pasta use a tap
                return info.path("info_data").path("type").asText("tap").equals("tun")
                        ? Topology.IfaceKind.OTHER : Topology.IfaceKind.TAP;
            case "bridge":
                return Topology.IfaceKind.BRIDGE;
            case "veth":
                return Topology.IfaceKind.VETH;
            case "":
                return link.path("link_type").asText().equals("ether") ? Topology.IfaceKind.ETHERNET
                        : Topology.IfaceKind.OTHER;
            default:
                return Topology.IfaceKind.OTHER;
        }
    }

    /** ifindex → CIDR addresses; link-local IPv6 ({@code fe80::/10}, scope link) left out, it says nothing here. */
    static Map<Integer, List<String>> addresses(String addrJson) throws IOException {
        JsonNode root = JSON.readTree(addrJson);
        if (root == null || !root.isArray()) {
            throw new IOException("not iproute2's JSON list of addresses");
        }
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (JsonNode l : root) {
            List<String> list = new ArrayList<>();
            for (JsonNode a : l.path("addr_info")) {
                if (a.path("scope").asText().equals("link") && a.path("family").asText().equals("inet6")) {
                    continue;
                }
                if (a.hasNonNull("local")) {
                    list.add(a.path("local").asText() + "/" + a.path("prefixlen").asInt());
                }
            }
            out.put(l.path("ifindex").asInt(), List.copyOf(list));
        }
        return out;
    }

    /** The inode in a namespace link's target, {@code net:[4026531833]} → 4026531833; 0 when it is not one. */
    public static long nsInode(String link) {
        if (link == null) {
            return 0;
        }
        int open = link.indexOf(":[");
        if (open < 0 || !link.endsWith("]")) {
            return 0;
        }
        try {
            return Long.parseLong(link.substring(open + 2, link.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
