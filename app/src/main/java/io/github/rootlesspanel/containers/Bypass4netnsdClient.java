package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.rootlesskit.UnixHttp;

/**
 * A client of bypass4netnsd's REST API on its unix socket (rootless-setup.md §3.4, apis.md §8): which containers
 * it accelerates right now. nerdctl's OCI hook posts a container there when the container starts and deletes it
 * when it stops, so the list is the live side of bypass4netns; the spec annotation is the configured side.
 */
public final class Bypass4netnsdClient {

    public static final String UNIT = "bypass4netnsd.service";
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path socket;

    public Bypass4netnsdClient(Path socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    /** {@code $XDG_RUNTIME_DIR/bypass4netnsd.sock}, where the unit's daemon (no flags) listens. */
    public static Path defaultSocket(XdgDirs dirs) {
        return dirs.runtimeDir().resolve("bypass4netnsd.sock");
    }

    /**
     * {@code $XDG_RUNTIME_DIR/bypass4netns}: nerdctl puts each accelerated container's {@code <id15>.sock}
     * (seccomp listener) and {@code <id15>.pid} there, so a change in it means bypass4netnsd's list changed.
     */
    public static Path stateDir(XdgDirs dirs) {
        return dirs.runtimeDir().resolve("bypass4netns");
    }

    public Path socket() {
        return socket;
    }

    /** One entry of {@code GET /v1/bypass}: the container, its bypass4netns process and the spec nerdctl posted. */
    public record BypassStatus(String id, long pid, String socketPath, List<String> ignoreSubnets, boolean ignoreBind,
                               List<PortSpec> portMapping) {
        public BypassStatus {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(socketPath, "socketPath");
            ignoreSubnets = List.copyOf(ignoreSubnets);
            portMapping = List.copyOf(portMapping);
        }
    }

    /** A published port bypass4netns handles itself ({@code bind(2)} accelerated). */
    public record PortSpec(List<String> protos, String parentIP, int parentPort, String childIP, int childPort) {
        public PortSpec {
            protos = List.copyOf(protos);
            Objects.requireNonNull(parentIP, "parentIP");
            Objects.requireNonNull(childIP, "childIP");
        }
    }

    /**
     * {@code GET /v1/bypass}. Blocking, at most {@link #TIMEOUT}.
     *
     * @throws IOException with a sentence for the user: no socket, nothing listening, no answer in time, an error
     *                     status (with bypass4netnsd's {@code message}), or an answer that is not its JSON
     */
    public List<BypassStatus> list() throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("bypass4netnsd is not running: no socket at " + socket);
        }
        UnixHttp.Response r;
        try {
            r = UnixHttp.get(socket, "/v1/bypass", TIMEOUT);
        } catch (SocketException e) {
            // a unix-socket connect reports ECONNREFUSED, ENOENT, EACCES only in the message
            String m = String.valueOf(e.getMessage());
            if (e instanceof ConnectException || m.contains("refused")) {
                throw new IOException("bypass4netnsd is not running: nothing listens on " + socket
                        + " (connection refused)", e);
            }
            if (m.contains("No such file")) {
                throw new IOException("bypass4netnsd is not running: no socket at " + socket, e);
            }
            throw new IOException("Cannot connect to bypass4netnsd at " + socket + ": " + m, e);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith("no answer")) {
                throw new IOException("bypass4netnsd did not answer within " + TIMEOUT.toSeconds() + " s (" + socket
                        + ")", e);
            }
            throw new IOException("Cannot talk to bypass4netnsd at " + socket + ": " + m, e);
        }
        if (r.status() != 200) {
            throw new IOException("bypass4netnsd answered " + r.status() + ": " + message(r.body()));
        }
        try {
            return parseList(r.body());
        } catch (IOException e) {
            throw new IOException("bypass4netnsd's answer is not its JSON list: " + e.getMessage(), e);
        }
    }

    /** Whether a status lists the container (full id match; nerdctl posts the full id). */
    public static boolean lists(List<BypassStatus> statuses, String containerId) {
        return statuses.stream().anyMatch(s -> s.id().equals(containerId));
    }

    /** The body of {@code GET /v1/bypass}: a JSON array of {@code {id, pid, spec}}; Go writes nil slices as null. */
    static List<BypassStatus> parseList(String body) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException("empty body");
        }
        List<BypassStatus> out = new ArrayList<>();
        if (root.isNull()) {
            return out;
        }
        if (!root.isArray()) {
            throw new IOException("expected a JSON array, got " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (JsonNode s : root) {
            if (!s.isObject() || !s.path("id").isTextual()) {
                throw new IOException("an entry without an id: " + s);
            }
            JsonNode spec = s.path("spec");
            List<PortSpec> ports = new ArrayList<>();
            for (JsonNode p : array(spec.path("portMapping"))) {
                ports.add(new PortSpec(strings(p.path("protos")), p.path("parentIP").asText(""),
                        p.path("parentPort").asInt(0), p.path("childIP").asText(""), p.path("childPort").asInt(0)));
            }
            out.add(new BypassStatus(s.path("id").textValue(), s.path("pid").asLong(0),
                    spec.path("socketPath").asText(""), strings(spec.path("ignoreSubnets")),
                    spec.path("ignoreBind").asBoolean(false), ports));
        }
        return out;
    }

    /** bypass4netnsd's {@code {"message": ...}}, else the body's first line, else "no message". */
    static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            if (n != null && n.path("message").isTextual() && !n.path("message").textValue().isBlank()) {
                return n.path("message").textValue();
            }
        } catch (JsonProcessingException e) {
            // not JSON: the text itself
        }
        String text = body == null ? "" : body.strip();
        return text.isEmpty() ? "no message" : text.lines().findFirst().orElse(text);
    }

    private static Iterable<JsonNode> array(JsonNode n) {
        return n.isArray() ? n : List.of();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array(n)) {
            if (s.isTextual()) {
                out.add(s.textValue());
            }
        }
        return out;
    }
}
