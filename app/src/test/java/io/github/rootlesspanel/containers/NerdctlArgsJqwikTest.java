package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.rootlesspanel.testsupport.Tried;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * jqwik properties of the nerdctl argument builders (the recreate planner's {@code nerdctl run} and the Run
 * dialog's): for generated containers — names, entrypoint and arguments, env, labels, ports and bind mounts full
 * of '-', '=', blanks, quotes, ',', ':' and line breaks — every value sits glued to its option
 * ({@code --opt=value}) or after {@code --}, so none can start an option where a value belongs; and the command
 * line, read back the way nerdctl's flag parser reads it, gives the same container.
 */
class NerdctlArgsJqwikTest {

    static final int TRIES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** nerdctl run's flags that take no value, as the planner writes them. */
    private static final Set<String> BOOLEAN_FLAGS = Set.of("-d", "-t", "--init", "--privileged", "--read-only");

    /** A container as a user could have made it. */
    record Made(String name, List<String> process, List<String> env, Map<String, String> labels,
                List<PortMapping> ports, List<String[]> binds) {
        @Override
        public String toString() {
            List<String> b = binds.stream().map(x -> x[0] + " -> " + x[1] + (x[2].isEmpty() ? "" : " (ro)")).toList();
            return "name " + name + ", process " + process + ", env " + env + ", labels " + labels + ", ports " + ports
                    + ", binds " + b;
        }
    }

    private static Arbitrary<String> hostile(int max) {
        return Arbitraries.strings().withChars("abcXYZ019_./").withChars('-', '=', ' ', '"', '\'', ',', ':', '\\',
                '$', '%', '\n', '\t', ';', '#', '&', '|', '*', 'ä').ofMaxLength(max);
    }

    @Provide
    Arbitrary<Made> containers() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcXYZ019_.-").ofMinLength(1).ofMaxLength(10)
                .map(s -> "a" + s);
        Arbitrary<List<String>> process = hostile(12).list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<String> envKeys = Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1)
                .ofMaxLength(6).filter(k -> !k.equals("HOSTNAME"));
        Arbitrary<List<String>> env = Combinators.combine(envKeys, hostile(12)).as((k, v) -> k + "=" + v).list()
                .ofMaxSize(5);
        Arbitrary<String> labelKeys = Arbitraries.strings().withChars("abcxyz.-/").ofMinLength(1).ofMaxLength(8)
                .map(k -> "org.example/" + k);
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(labelKeys, hostile(12)).ofMaxSize(4);
        Arbitrary<PortMapping> port = Combinators.combine(Arbitraries.of("", "127.0.0.1", "0.0.0.0"),
                Arbitraries.integers().between(1, 65535), Arbitraries.integers().between(1, 65535),
                Arbitraries.of("tcp", "udp")).as(PortMapping::new);
        Arbitrary<String> path = Arbitraries.strings().withChars("abc019_.").withChars('-', '=', ' ', ',', ':', '"',
                '\'', '$', 'ä').ofMinLength(1).ofMaxLength(8).map(s -> "/srv/" + s);
        Arbitrary<String[]> bind = Combinators.combine(path, path, Arbitraries.of("", "ro"))
                .as((s, d, ro) -> new String[] {s, d, ro});
        return Combinators.combine(names, process, env, labels, port.list().ofMaxSize(3), bind.list().ofMaxSize(3))
                .as(Made::new);
    }

    @Property(tries = TRIES)
    @Tried(kind = Tried.Kind.INPUT, what = "jqwik: nerdctl run command lines of the recreate planner for generated "
            + "names, entrypoints, arguments, env, labels, ports and bind mounts with '-', '=', blanks, quotes, ',', "
            + "':' and line breaks", cases = TRIES, outcome = "no value in an option position; read back as nerdctl "
                    + "reads it, the same container")
    void recreateCommandLinesReadBackAsTheContainer(@ForAll("containers") Made m) throws Exception {
        ContainerView c = view(m);
        List<String> argv = RecreatePlanner.runArgs(c, "docker.io/library/busybox:latest", true, true);
        Read r = read(argv);

        assertThat(r.image()).isEqualTo("docker.io/library/busybox:latest");
        assertThat(r.flags().get("--name")).containsExactly(m.name());
        assertThat(r.flags().get("--entrypoint")).containsExactly(m.process().get(0));
        assertThat(r.args()).isEqualTo(m.process().subList(1, m.process().size()));
        assertThat(r.flags().getOrDefault("--env", List.of())).isEqualTo(m.env());
        List<String> labels = new ArrayList<>();
        m.labels().forEach((k, v) -> labels.add(k + "=" + v));
        assertThat(r.flags().getOrDefault("--label", List.of())).containsExactlyInAnyOrderElementsOf(labels);
        assertThat(r.flags().getOrDefault("-p", List.of()))
                .isEqualTo(m.ports().stream().map(PortMapping::publishArgument).toList());
        assertThat(r.flags().get("--annotation")).contains(Bypass4netnsConfig.ANNOTATION + "=true");
        // each bind mount either comes back whole from -v / --mount, or is named among what is not carried
        List<String> mounts = new ArrayList<>(r.flags().getOrDefault("-v", List.of()));
        mounts.addAll(r.flags().getOrDefault("--mount", List.of()));
        for (String[] b : m.binds()) {
            boolean back = mounts.stream().anyMatch(x -> x.equals(b[0] + ":" + b[1] + (b[2].isEmpty() ? "" : ":ro"))
                    || x.equals("type=bind,source=" + b[0] + ",target=" + b[1] + (b[2].isEmpty() ? "" : ",readonly")));
            assertThat(back || RecreatePlanner.notCarried(c).stream().anyMatch(n -> n.contains(b[1])))
                    .as("bind %s -> %s in %s", b[0], b[1], mounts).isTrue();
        }
    }

    @Property(tries = TRIES)
    @Tried(kind = Tried.Kind.INPUT, what = "jqwik: the Run dialog's nerdctl run for generated images, names and ports "
            + "(including ones that start with '-')", cases = TRIES,
            outcome = "refused with a message, or the image only after -- and every value glued to its option")
    void runDialogCommandLinesKeepValuesInPlace(@ForAll("images") String image, @ForAll("names") String name,
                                                @ForAll("ports") List<PortMapping> ports) {
        RecreatePlanner p = RecreatePlannerTest.planner("nerdctl version 2.0.3");
        RunRequest request = new RunRequest(image, name, ports, true);
        try {
            p.runPlan(request);
        } catch (NerdctlException e) {
            assertThat(RecreatePlanner.validImage(image) && (name.isEmpty() || RecreatePlanner.validName(name)))
                    .as(e.getMessage()).isFalse();
            Statistics.label("run plan").collect("refused");
            return;
        } finally {
            Statistics.label("run plan").coverage(c -> {
                c.check("refused").percentage(x -> x > 10);
                c.check("planned").percentage(x -> x > 10);
            });
        }
        Statistics.label("run plan").collect("planned");
        Read r = read(p.runArgs(request));
        assertThat(r.image()).isEqualTo(image);
        assertThat(r.args()).isEmpty();
        assertThat(r.flags().getOrDefault("--name", List.of())).isEqualTo(name.isEmpty() ? List.of() : List.of(name));
        assertThat(r.flags().getOrDefault("-p", List.of()))
                .isEqualTo(ports.stream().map(PortMapping::publishArgument).toList());
    }

    @Provide
    Arbitrary<String> images() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("nginx", "docker.io/library/nginx:alpine", "-rf",
                "--help", "[::1]:5000/x:y", "registry.local/a/b@sha256:00ff")), Tuple.of(1, hostile(16)));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("", "site", "a-b.c_d", "-x", "--name=evil")),
                Tuple.of(1, hostile(10)));
    }

    @Provide
    Arbitrary<List<PortMapping>> ports() {
        return Combinators.combine(Arbitraries.of("", "127.0.0.1"), Arbitraries.integers().between(1, 65535),
                Arbitraries.integers().between(1, 65535), Arbitraries.of("tcp", "udp")).as(PortMapping::new).list()
                .ofMaxSize(3);
    }

    // --- reading a command line as nerdctl does ------------------------------------------------------------------

    /** What nerdctl's flag parser makes of {@code run FLAGS -- IMAGE ARGS}. */
    record Read(Map<String, List<String>> flags, String image, List<String> args) { }

    /**
     * Reads {@code run ...} as cobra/pflag does, and fails where a value could be taken for an option: before
     * {@code --} every word must be a known flag without a value or {@code -x=value} / {@code --name=value}, whose
     * name is cut at the first '='.
     */
    static Read read(List<String> argv) {
        assertThat(argv.get(0)).isEqualTo("run");
        Map<String, List<String>> flags = new LinkedHashMap<>();
        int i = 1;
        for (; i < argv.size() && !argv.get(i).equals("--"); i++) {
            String a = argv.get(i);
            assertThat(a).as("word %d of %s", i, argv).startsWith("-");
            int eq = a.indexOf('=');
            if (eq < 0) {
                assertThat(BOOLEAN_FLAGS).as("flag %s of %s", a, argv).contains(a);
                flags.computeIfAbsent(a, k -> new ArrayList<>());
            } else {
                String flag = a.substring(0, eq);
                assertThat(flag).as("word %d of %s", i, argv).matches("-[a-z]|--[a-z][a-z0-9-]+");
                flags.computeIfAbsent(flag, k -> new ArrayList<>()).add(a.substring(eq + 1));
            }
        }
        assertThat(i).as("%s has --", argv).isLessThan(argv.size() - 1);
        return new Read(flags, argv.get(i + 1), List.copyOf(argv.subList(i + 2, argv.size())));
    }

    /** The container nerdctl would have made for {@code m}: its OCI spec and its labels. */
    static ContainerView view(Made m) throws Exception {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("ociVersion", "1.1.0");
        ObjectNode process = spec.putObject("process");
        process.putObject("user").put("uid", 0).put("gid", 0);
        ArrayNode args = process.putArray("args");
        m.process().forEach(args::add);
        ArrayNode env = process.putArray("env");
        m.env().forEach(env::add);
        env.add("HOSTNAME=abc");
        process.put("cwd", "/");
        spec.putObject("root").put("path", "rootfs");
        ArrayNode mounts = spec.putArray("mounts");
        Map<String, String> labels = new LinkedHashMap<>(m.labels());
        labels.put("nerdctl/name", m.name());
        labels.put("nerdctl/namespace", "default");
        labels.put("nerdctl/networks", "[\"bridge\"]");
        for (int i = 0; i < m.binds().size(); i++) {
            String[] b = m.binds().get(i);
            ObjectNode mp = JSON.createObjectNode().put("Type", "bind").put("Source", b[0]).put("Destination", b[1])
                    .put("Mode", b[2]).put("RW", b[2].isEmpty()).put("Propagation", "");
            labels.put("nerdctl/mounts." + i, JSON.writeValueAsString(mp));
            ObjectNode om = mounts.addObject().put("destination", b[1]).put("type", "bind").put("source", b[0]);
            om.putArray("options").add("rbind").add(b[2].isEmpty() ? "rw" : "ro");
        }
        spec.putObject("annotations").put("nerdctl/name", m.name());
        OciSpec s = OciSpec.parse(JSON.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8));
        ContainerInfo info = new ContainerInfo(RecreatePlannerTest.ID, "default", "docker.io/library/busybox:latest",
                labels, s, "overlayfs", Instant.parse("2026-03-01T00:00:00Z"), RecreatePlannerTest.RUNNING);
        return new ContainerView(info, NerdctlMeta.of(labels), Bypass4netnsConfig.of(s.annotations(), labels),
                m.ports(), List.of(), Optional.empty(), Optional.empty());
    }
}
