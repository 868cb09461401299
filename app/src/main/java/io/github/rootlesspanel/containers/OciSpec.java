package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a container's stored OCI runtime spec says, as far as the panel shows it or needs it to recreate the
 * container. containerd keeps the spec as JSON in {@code Container.spec}; keys are the OCI spec's lower-case ones.
 *
 * @param args                 {@code process.args}: entrypoint and command, resolved at create time
 * @param env                  {@code process.env}, {@code KEY=VALUE} in order
 * @param cwd                  {@code process.cwd}
 * @param uid                  {@code process.user.uid}
 * @param gid                  {@code process.user.gid}
 * @param additionalGids       {@code process.user.additionalGids}
 * @param terminal             {@code process.terminal}
 * @param hostname             {@code hostname}; "" when unset
 * @param mounts               {@code mounts}, in order
 * @param resources            the limits of {@code linux.resources}
 * @param annotations          {@code annotations}, sorted by key
 * @param seccompListenerPath  {@code linux.seccomp.listenerPath}: set by nerdctl when bypass4netns is on
 * @param networkNamespacePath the {@code path} of the {@code network} entry of {@code linux.namespaces}, when the
 *                             container joins an existing one; "" for a new one (or none listed)
 * @param sharesHostNetwork    no {@code network} entry in {@code linux.namespaces}: the container runs in the
 *                             network namespace of containerd (nerdctl's {@code --network host})
 * @param readonlyRootfs       {@code root.readonly}
 */
public record OciSpec(List<String> args, List<String> env, String cwd, long uid, long gid, List<Long> additionalGids,
                      boolean terminal, String hostname, List<Mount> mounts, Resources resources,
                      Map<String, String> annotations, Optional<String> seccompListenerPath,
                      String networkNamespacePath, boolean sharesHostNetwork, boolean readonlyRootfs) {

    /** A spec that said nothing (absent, or not JSON). */
    public static final OciSpec EMPTY = new OciSpec(List.of(), List.of(), "", 0, 0, List.of(), false, "", List.of(),
            Resources.NONE, Map.of(), Optional.empty(), "", false, false);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of {@code mounts}. */
    public record Mount(String destination, String type, String source, List<String> options) {
        public Mount {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(source, "source");
            options = List.copyOf(options);
        }

        /** Mounted read-only ({@code ro} among the options). */
        public boolean readOnly() {
            return options.contains("ro");
        }
    }

    /**
     * The limits nerdctl's {@code run} sets: memory ({@code --memory}), CPU quota and period ({@code --cpus},
     * {@code --cpu-quota}, {@code --cpu-period}), shares ({@code --cpu-shares}), cpuset ({@code --cpuset-cpus},
     * {@code --cpuset-mems}) and pids ({@code --pids-limit}). Absent = not limited.
     */
    public record Resources(OptionalLong memoryLimit, OptionalLong memorySwap, OptionalLong cpuQuota,
                            OptionalLong cpuPeriod, OptionalLong cpuShares, String cpusetCpus, String cpusetMems,
                            OptionalLong pidsLimit) {
        public static final Resources NONE = new Resources(OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), "", "", OptionalLong.empty());

        public Resources {
            Objects.requireNonNull(cpusetCpus, "cpusetCpus");
            Objects.requireNonNull(cpusetMems, "cpusetMems");
        }
    }

    public OciSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        Objects.requireNonNull(cwd, "cwd");
        additionalGids = List.copyOf(additionalGids);
        Objects.requireNonNull(hostname, "hostname");
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(resources, "resources");
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        Objects.requireNonNull(seccompListenerPath, "seccompListenerPath");
        Objects.requireNonNull(networkNamespacePath, "networkNamespacePath");
    }

    /** The value of one {@code KEY=VALUE} of {@link #env()}, if set. */
    public Optional<String> envValue(String key) {
        String prefix = key + "=";
        return env.stream().filter(e -> e.startsWith(prefix)).map(e -> e.substring(prefix.length())).findFirst();
    }

    /**
     * The spec from its JSON bytes. Lenient on purpose: a value of an unexpected type is skipped, junk gives
     * {@link #EMPTY}; one odd container must not hide the others.
     */
    public static OciSpec parse(byte[] json) {
        if (json == null || json.length == 0) {
            return EMPTY;
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return EMPTY;
        }
        if (root == null || !root.isObject()) {
            return EMPTY;
        }
        JsonNode process = root.path("process");
        JsonNode user = process.path("user");
        JsonNode linux = root.path("linux");
        JsonNode res = linux.path("resources");
        Resources resources = new Resources(number(res.path("memory").path("limit")),
                number(res.path("memory").path("swap")), number(res.path("cpu").path("quota")),
                number(res.path("cpu").path("period")), number(res.path("cpu").path("shares")),
                text(res.path("cpu").path("cpus")), text(res.path("cpu").path("mems")),
                number(res.path("pids").path("limit")));

        List<Mount> mounts = new ArrayList<>();
        for (JsonNode m : iterable(root.path("mounts"))) {
            if (m.isObject()) {
                mounts.add(new Mount(text(m.path("destination")), text(m.path("type")), text(m.path("source")),
                        strings(m.path("options"))));
            }
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode a = root.path("annotations");
        if (a.isObject()) {
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (e.getValue().isTextual()) {
                    annotations.put(e.getKey(), e.getValue().textValue());
                }
            }
        }
        String netnsPath = "";
        boolean hostNetwork = linux.isObject();
        for (JsonNode ns : iterable(linux.path("namespaces"))) {
            if ("network".equals(ns.path("type").asText())) {
                hostNetwork = false;
                netnsPath = text(ns.path("path"));
            }
        }
        List<Long> gids = new ArrayList<>();
        for (JsonNode g : iterable(user.path("additionalGids"))) {
            if (g.canConvertToLong()) {
                gids.add(g.longValue());
            }
        }
        String listener = text(linux.path("seccomp").path("listenerPath"));
        return new OciSpec(strings(process.path("args")), strings(process.path("env")), text(process.path("cwd")),
                number(user.path("uid")).orElse(0), number(user.path("gid")).orElse(0), gids,
                process.path("terminal").asBoolean(false), text(root.path("hostname")), mounts, resources,
                annotations, listener.isEmpty() ? Optional.empty() : Optional.of(listener), netnsPath, hostNetwork,
                root.path("root").path("readonly").asBoolean(false));
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        return n.isArray() ? n : List.of();
    }

    private static String text(JsonNode n) {
        return n.isTextual() ? n.textValue() : "";
    }

    private static OptionalLong number(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : iterable(n)) {
            if (s.isTextual()) {
                out.add(s.textValue());
            }
        }
        return out;
    }
}
