package io.github.rootlesspanel.containerdconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.config.containerd.NerdctlToml;
import io.github.rootlesspanel.config.containerd.NerdctlToml.Edit;

/** nerdctl.toml's snapshotter: read, set in place, added after the top-level keys, removed; nothing else moves. */
class NerdctlTomlTest {

    /** nerdctl's docs/config.md example, as users copy it. */
    private static final String DOCS = """
            # This is an example of /etc/nerdctl/nerdctl.toml .
            # Unrelated to the daemon's /etc/containerd/config.toml .

            debug          = false
            debug_full     = false
            address        = "unix:///run/k3s/containerd/containerd.sock"
            namespace      = "k8s.io"
            snapshotter    = "stargz"
            cgroup_manager = "cgroupfs"
            hosts_dir      = ["/etc/containerd/certs.d", "/etc/docker/certs.d"]
            experimental   = true
            """;

    @Test
    void readsTheTopLevelSnapshotter() throws Exception {
        assertThat(NerdctlToml.snapshotter(DOCS)).contains("stargz");
        assertThat(NerdctlToml.snapshotter("")).isEmpty();
        assertThat(NerdctlToml.snapshotter("namespace = \"default\"\n")).isEmpty();
        assertThat(NerdctlToml.snapshotter("\"snapshotter\" = 'native'\n")).contains("native");
    }

    @Test
    void setReplacesTheValueInPlace() throws Exception {
        Edit e = NerdctlToml.setSnapshotter(DOCS, "fuse-overlayfs");
        assertThat(e.changed()).isTrue();
        assertThat(e.text()).isEqualTo(DOCS.replace("snapshotter    = \"stargz\"", "snapshotter    = \"fuse-overlayfs\""));
        assertThat(NerdctlToml.setSnapshotter(DOCS, "stargz").changed()).isFalse();

        e = NerdctlToml.setSnapshotter("snapshotter = 'native'   # old kernel, no overlay in a userns\n", "stargz");
        assertThat(e.text()).isEqualTo("snapshotter = \"stargz\"   # old kernel, no overlay in a userns\n");
    }

    @Test
    void setAddsTheKeyAfterTheLastTopLevelKey() throws Exception {
        String without = DOCS.replace("snapshotter    = \"stargz\"\n", "");
        Edit e = NerdctlToml.setSnapshotter(without, "stargz");
        assertThat(e.text()).isEqualTo(without + "snapshotter = \"stargz\"\n");
        assertThat(NerdctlToml.unsetSnapshotter(e.text()).text()).isEqualTo(without);

        e = NerdctlToml.setSnapshotter("", "fuse-overlayfs");
        assertThat(e.text()).isEqualTo("snapshotter = \"fuse-overlayfs\"\n");
        assertThat(NerdctlToml.unsetSnapshotter(e.text()).text()).isEmpty();

        e = NerdctlToml.setSnapshotter("# settings\n\n# a table\n[x]\n  a = 1\n", "native");
        assertThat(e.text()).isEqualTo("# settings\n\nsnapshotter = \"native\"\n# a table\n[x]\n  a = 1\n");

        e = NerdctlToml.setSnapshotter("debug = true", "stargz");
        assertThat(e.text()).isEqualTo("debug = true\nsnapshotter = \"stargz\"");
    }

    @Test
    void unsetRemovesOnlyTheKey() throws Exception {
        Edit e = NerdctlToml.unsetSnapshotter(DOCS);
        assertThat(e.text()).isEqualTo(DOCS.replace("snapshotter    = \"stargz\"\n", ""));
        assertThat(NerdctlToml.unsetSnapshotter(e.text()).changed()).isFalse();
    }

    @Test
    void refusesWhatItCannotReadOrWrite() {
        assertThatThrownBy(() -> NerdctlToml.setSnapshotter("debug = \n", "stargz"))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> assertThat(e.line()).isEqualTo(1));
        assertThatThrownBy(() -> NerdctlToml.snapshotter("debug = true\nsnapshotter = 3\n"))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).contains("string");
                });
        for (String bad : new String[] {"", " stargz", "a\"b", "x\ny", "-x"}) {
            assertThatThrownBy(() -> NerdctlToml.setSnapshotter(DOCS, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // --- random files and edits -------------------------------------------------------------------------------

    static Stream<Long> seeds() {
        return Seeds.seeds(20_000, 100);
    }

    private static final List<String> KEYS = List.of("debug = false", "debug_full = true   # noisy",
            "address = \"unix:///run/user/1001/containerd/containerd.sock\"", "namespace = 'default'",
            "cgroup_manager = \"systemd\"", "hosts_dir = [\n  \"/home/rptest/.config/containerd/certs.d\", # mine\n]",
            "experimental = true", "cni_path = \"\"\"/home/rptest/.local/libexec/cni\"\"\"",
            "data_root = \"/home/rptest/.local/share/nerdctl\"");
    private static final List<String> FILLER = List.of("", "# comment", "# snapshotter = \"native\"", "  # indented");
    private static final List<String> NAMES = List.of("overlayfs", "fuse-overlayfs", "stargz", "native");

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomEditsTouchOnlyTheSnapshotterLine(long seed) {
        Random rnd = Seeds.random(seed);
        StringBuilder log = new StringBuilder();
        Seeds.check(seed, log::toString, () -> {
            List<String> parts = new ArrayList<>();
            for (int i = rnd.nextInt(7); i > 0; i--) {
                parts.add(rnd.nextBoolean() ? KEYS.get(rnd.nextInt(KEYS.size())) : FILLER.get(rnd.nextInt(FILLER.size())));
            }
            List<String> distinct = new ArrayList<>();
            for (String p : parts) {
                if (!p.contains("=") || p.startsWith("#") || p.strip().startsWith("#") || !distinct.contains(p)) {
                    distinct.add(p);
                }
            }
            String text = String.join("\n", distinct) + (rnd.nextBoolean() ? "\n" : "");
            String base = text;
            log.append(base).append("\n---\n");
            Optional<String> model = NerdctlToml.snapshotter(text);
            for (int step = rnd.nextInt(6); step >= 0; step--) {
                Edit e;
                if (rnd.nextInt(3) == 0) {
                    log.append("unset\n");
                    e = NerdctlToml.unsetSnapshotter(text);
                    model = Optional.empty();
                } else {
                    String n = NAMES.get(rnd.nextInt(NAMES.size()));
                    log.append("set ").append(n).append('\n');
                    e = NerdctlToml.setSnapshotter(text, n);
                    model = Optional.of(n);
                }
                assertThat(NerdctlToml.snapshotter(e.text())).isEqualTo(model);
                assertThat(e.changed()).isEqualTo(!e.text().equals(text));
                Checks.parse(e.text());
                assertThat(Checks.diffLines(text, e.text(), '-')).allMatch(l -> l.startsWith("snapshotter"));
                assertThat(Checks.diffLines(text, e.text(), '+')).allMatch(l -> l.startsWith("snapshotter"));
                text = e.text();
            }
            if (NerdctlToml.snapshotter(base).isEmpty()) {
                assertThat(NerdctlToml.unsetSnapshotter(text).text()).as("unset gives the file back").isEqualTo(base);
            }
        });
    }
}
