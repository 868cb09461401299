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
    public static final String IP6 = "nerdctl/ip6";
    public static final String DOMAINNAME = "nerdctl/domainname";
    /** The mounts as one JSON array (older nerdctl); newer ones split it over {@code nerdctl/mounts.0, .1, ...}. */
    public static final String MOUNTS = "nerdctl/mounts";
    public static final String ANONYMOUS_VOLUMES = "nerdctl/anonymous-volumes";
    public static final String USER = "nerdctl/user";
    public static final String DNS = "nerdctl/dns";
    public static final String LOG_URI = "nerdctl/log-uri";
    public static final String LOG_CONFIG = "nerdctl/log-config";
    public static final String PLATFORM = "nerdctl/platform";
    public static final String STOP_TIMEOUT = "nerdctl/stop-timeout";
    public static final String PID_FILE = "nerdctl/pid-file";
    public static final String PID_CONTAINER = "nerdctl/pid-container";
    public static final String IPC = "nerdctl/ipc";
    public static final String AUTO_REMOVE = "nerdctl/auto-remove";
    public static final String PRIVILEGED = "nerdctl/privileged";
    public static final String HOST_CONFIG = "nerdctl/host-config";
    public static final String HEALTHCHECK = "nerdctl/healthcheck";
    public static final String EXPOSED_PORTS = "nerdctl/exposed-ports";
    /** containerd's label of the signal that stops the container (from the image, or {@code --stop-signal}). */
    public static final String STOP_SIGNAL = "io.containerd.image.config.stop-signal";

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

    /**
     * One of the mounts nerdctl records for {@code -v}, {@code --mount}, {@code --tmpfs}, image {@code VOLUME}s
     * and {@code --volumes-from} (dockercompat {@code MountPoint}).
     *
     * @param type        {@code bind}, {@code volume}, {@code tmpfs}, {@code image}
     * @param name        the volume's name (an anonymous volume's generated name too); "" for others
     * @param source      the host path (a volume's mount point)
     * @param destination the path in the container
     * @param mode        the options as given ({@code ro}, {@code rw,rshared}; tmpfs: its mount options)
     * @param rw          writable
     * @param propagation e.g. {@code rshared}; "" for the default
     */
    public record MountPoint(String type, String name, String source, String destination, String mode, boolean rw,
                             String propagation) {
        public MountPoint {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(propagation, "propagation");
        }
    }

    /**
     * nerdctl's mounts label: the single {@value #MOUNTS} of older versions, else {@code nerdctl/mounts.0},
     * {@code .1}, ... in order (nerdctl {@code labels.GetMount}). Absent or malformed → empty.
     */
    public static List<MountPoint> mountPoints(Map<String, String> labels) {
        String json = labels.get(MOUNTS);
        if (json == null || json.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; labels.containsKey(MOUNTS + "." + i) && !labels.get(MOUNTS + "." + i).isEmpty(); i++) {
                parts.add(labels.get(MOUNTS + "." + i));
            }
            json = parts.isEmpty() ? null : "[" + String.join(",", parts) + "]";
        }
        List<MountPoint> out = new ArrayList<>();
        JsonNode root = tree(json);
        if (root == null || !root.isArray()) {
            return out;
        }
        for (JsonNode m : root) {
            if (m.isObject()) {
                out.add(new MountPoint(m.path("Type").asText(""), m.path("Name").asText(""),
                        m.path("Source").asText(""), m.path("Destination").asText(""), m.path("Mode").asText(""),
                        m.path("RW").asBoolean(true), m.path("Propagation").asText("")));
            }
        }
        return out;
    }

    /** {@value #ANONYMOUS_VOLUMES}: the names of the volumes nerdctl made for the container. */
    public static List<String> anonymousVolumes(Map<String, String> labels) {
        return strings(labels.get(ANONYMOUS_VOLUMES));
    }

    /** {@value #DNS} ({@code --dns}, {@code --dns-search}, {@code --dns-opt}); each empty when unset. */
    public record Dns(List<String> servers, List<String> searchDomains, List<String> options) {
        public Dns {
            servers = List.copyOf(servers);
            searchDomains = List.copyOf(searchDomains);
            options = List.copyOf(options);
        }
    }

    public static Dns dns(Map<String, String> labels) {
        JsonNode root = tree(labels.get(DNS));
        if (root == null || !root.isObject()) {
            return new Dns(List.of(), List.of(), List.of());
        }
        return new Dns(strings(root.path("DNSServers").toString()), strings(root.path("DNSSearchDomains").toString()),
                strings(root.path("DNSResolvConfOptions").toString()));
    }

    /** A JSON object label as a tree ({@value #LOG_CONFIG}, {@value #IPC}, {@value #HOST_CONFIG}); empty if none. */
    static Optional<JsonNode> object(Map<String, String> labels, String key) {
        JsonNode root = tree(labels.get(key));
        return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
    }

    /** {@value #EXPOSED_PORTS}: a JSON object whose keys are {@code 80/tcp}; sorted. */
    public static List<String> exposedPorts(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        object(labels, EXPOSED_PORTS).ifPresent(o -> o.fieldNames().forEachRemaining(out::add));
        out.sort(null);
        return out;
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
