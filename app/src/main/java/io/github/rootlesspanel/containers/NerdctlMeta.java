package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What nerdctl keeps about a container in its containerd labels (nerdctl {@code pkg/labels}): the name, the
 * networks, the state dir, the older port label, and the restart policy containerd's restart manager keeps.
 * Values nerdctl writes as JSON are decoded; a malformed one reads as absent.
 *
 * @param name        {@code nerdctl/name}; "" when the container was not made by nerdctl
 * @param networks    {@code nerdctl/networks} (JSON array), e.g. {@code [bridge]}, {@code [host]}
 * @param hostname    {@code nerdctl/hostname}
 * @param stateDir    {@code nerdctl/state-dir}: {@code <data store>/containers/<namespace>/<id>}
 * @param legacyPorts {@code nerdctl/ports} (JSON array of go-cni port mappings; deprecated, still read)
 * @param extraHosts  {@code nerdctl/extraHosts} (JSON array of {@code host:ip})
 * @param ipAddress   {@code nerdctl/ip}: a fixed address asked for with {@code --ip}
 * @param macAddress  {@code nerdctl/mac-address}
 * @param restart     {@value RestartPolicy#LABEL}
 */
public record NerdctlMeta(String name, List<String> networks, String hostname, String stateDir,
                          List<PortMapping> legacyPorts, List<String> extraHosts, String ipAddress,
                          String macAddress, Optional<RestartPolicy> restart) {

    public static final String PREFIX = "nerdctl/";
    public static final String NAME = "nerdctl/name";
    public static final String NETWORKS = "nerdctl/networks";
    public static final String HOSTNAME = "nerdctl/hostname";
    public static final String STATE_DIR = "nerdctl/state-dir";
    public static final String PORTS = "nerdctl/ports";
    public static final String EXTRA_HOSTS = "nerdctl/extraHosts";
    public static final String IP = "nerdctl/ip";
    public static final String MAC = "nerdctl/mac-address";

    private static final ObjectMapper JSON = new ObjectMapper();

    public NerdctlMeta {
        Objects.requireNonNull(name, "name");
        networks = List.copyOf(networks);
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(stateDir, "stateDir");
        legacyPorts = List.copyOf(legacyPorts);
        extraHosts = List.copyOf(extraHosts);
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(restart, "restart");
    }

    public static NerdctlMeta of(Map<String, String> labels) {
        return new NerdctlMeta(labels.getOrDefault(NAME, ""), strings(labels.get(NETWORKS)),
                labels.getOrDefault(HOSTNAME, ""), labels.getOrDefault(STATE_DIR, ""),
                ports(labels.get(PORTS)), strings(labels.get(EXTRA_HOSTS)), labels.getOrDefault(IP, ""),
                labels.getOrDefault(MAC, ""), RestartPolicy.parse(labels.get(RestartPolicy.LABEL)));
    }

    /**
     * Whether the container is on a CNI network: nerdctl made it (it has networks) and none of them is
     * {@code host}, {@code none} or {@code container:...}. bypass4netns only works there.
     */
    public boolean usesCniNetwork() {
        return !networks.isEmpty() && networks.stream().noneMatch(
                n -> n.equals("host") || n.equals("none") || n.startsWith("container:") || n.startsWith("ns:"));
    }

    /** go-cni port mappings as nerdctl marshals them (Go field names, no JSON tags); malformed → empty. */
    static List<PortMapping> ports(String json) {
        List<PortMapping> out = new ArrayList<>();
        JsonNode root = tree(json);
        if (root == null || !root.isArray()) {
            return out;
        }
        for (JsonNode p : root) {
            int host = p.path("HostPort").asInt(0);
            int container = p.path("ContainerPort").asInt(0);
            if (host > 0 && host < 65536 && container > 0 && container < 65536) {
                out.add(new PortMapping(p.path("HostIP").asText(""), host, container, p.path("Protocol").asText("tcp")));
            }
        }
        return out;
    }

    /** The {@code portMappings} of nerdctl's {@code network-config.json}; malformed → empty. */
    public static List<PortMapping> networkConfigPorts(String json) {
        JsonNode root = tree(json);
        return root == null ? List.of() : ports(root.path("portMappings").toString());
    }

    private static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        JsonNode root = tree(json);
        if (root != null && root.isArray()) {
            for (JsonNode s : root) {
                if (s.isTextual()) {
                    out.add(s.textValue());
                }
            }
        }
        return out;
    }

    private static JsonNode tree(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
