package io.github.rootlesspanel.containerdconfig;

import static io.github.rootlesspanel.containerdconfig.Checks.BOTH;
import static io.github.rootlesspanel.containerdconfig.Corpus.DIRS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlVersion;

import io.github.rootlesspanel.config.containerd.ConfigMerge;
import io.github.rootlesspanel.config.containerd.ConfigMerge.Result;
import io.github.rootlesspanel.config.containerd.Snapshotter;
import io.github.rootlesspanel.config.containerd.SnapshotterStanza;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * Random sequences of enable and disable (random subsets, random order) over random corpus files, which are first
 * disturbed at random (comment and blank lines anywhere, even inside multi-line strings and arrays; the final line
 * break taken away). After every step the file is valid TOML, differs from the start only by marked lines, has
 * the panel's lines exactly for the snapshotters enabled so far, and enable/disable are idempotent; at the end
 * disabling both gives the starting file back byte for byte.
 *
 * <p>Each try is a seed ({@link Seeds}); a failure names it and the steps it took.
 */
class ConfigMergePropertiesTest {

    private static final int TRIES = 80;

    static Stream<Long> sequenceSeeds() {
        return Seeds.seeds(10_000, TRIES);
    }

    private static final List<String> NOISE = List.of("", "# a comment", "#", "   # indented comment",
            "# [proxy_plugins]", "#[[plugins.\"io.containerd.transfer.v1.local\".unpack_config]]",
            "# address = \"/run/user/1000/containerd-fuse-overlayfs.sock\" # rootless-panel:stargz", "\t", "  ");

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("sequenceSeeds")
    @Tried(kind = Tried.Kind.INPUT, what = "seeded random enable/disable sequences over disturbed config.toml files "
            + "(comment and blank lines anywhere, no final line break)", cases = TRIES,
            outcome = "valid TOML after every step, only marked lines changed; disabling both gives the file back")
    void randomSequencesKeepTheInvariants(long seed) {
        Random rnd = Seeds.random(seed);
        StringBuilder log = new StringBuilder();
        Seeds.check(seed, log::toString, () -> {
            List<String> names = Corpus.names();
            String file = names.get(rnd.nextInt(names.size()));
            String base = disturb(Corpus.text(file), rnd);
            log.append(file).append(", disturbed:\n").append(base).append("\n---\n");
            Checks.parse(base);
            Set<Snapshotter> model = EnumSet.noneOf(Snapshotter.class);
            String cur = base;
            int steps = 1 + rnd.nextInt(8);
            for (int i = 0; i < steps; i++) {
                boolean enable = rnd.nextInt(3) > 0;
                Set<Snapshotter> which = someOf(rnd);
                log.append(enable ? "enable " : "disable ").append(which).append('\n');
                Result r = enable ? ConfigMerge.enable(cur, which, DIRS) : ConfigMerge.disable(cur, which, DIRS);
                if (enable) {
                    Checks.enabled(cur, which, r.text(), r.conflicts());
                    model.addAll(which);
                } else {
                    Checks.disabled(cur, r.text());
                    model.removeAll(which);
                }
                assertThat(r.changed()).isEqualTo(!r.text().equals(cur));
                if (!enable) { // enable twice: see invariants, which enables each enabled snapshotter again
                    assertThat(ConfigMerge.disable(r.text(), which, DIRS).text()).as("disable twice").isEqualTo(r.text());
                }
                cur = r.text();
                invariants(base, cur, model);
            }
            log.append("disable both\n");
            Result end = ConfigMerge.disable(cur, BOTH, DIRS);
            assertThat(end.text()).as("everything taken out again").isEqualTo(base);
        });
    }

    /** What holds after any sequence, given the snapshotters enabled so far. */
    private static void invariants(String base, String cur, Set<Snapshotter> model) throws Exception {
        Checks.parse(cur);
        assertThat(Checks.diffLines(base, cur, '-')).as("lines of the file lost").isEmpty();
        assertThat(Checks.diffLines(base, cur, '+')).as("added lines").allMatch(l -> l.contains(ConfigMerge.MARK));
        assertThat(Checks.headerLines(cur, List.of("proxy_plugins"))).isLessThanOrEqualTo(1);
        for (Snapshotter s : Snapshotter.values()) {
            boolean hasLines = Checks.lines(cur).stream().anyMatch(l -> ownedBy(l, s));
            if (!model.contains(s)) {
                assertThat(hasLines).as("lines for " + s + ", which is not enabled").isFalse();
            } else {
                assertThat(ConfigMerge.enable(cur, Set.of(s), DIRS).text()).as(s + " is enabled already").isEqualTo(cur);
                SnapshotterStanza st = SnapshotterStanza.of(s, DIRS);
                assertThat(Checks.headerLines(cur, st.pluginTable())).isLessThanOrEqualTo(1);
            }
        }
    }

    private static boolean ownedBy(String line, Snapshotter s) {
        int at = line.lastIndexOf(ConfigMerge.MARK);
        if (at < 0) {
            return false;
        }
        String owners = line.substring(at + ConfigMerge.MARK.length()).strip();
        return List.of(owners.split(",")).contains(s.pluginName()) && !line.strip().startsWith("#");
    }

    private static Set<Snapshotter> someOf(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> EnumSet.of(Snapshotter.FUSE_OVERLAYFS);
            case 1 -> EnumSet.of(Snapshotter.STARGZ);
            default -> EnumSet.allOf(Snapshotter.class);
        };
    }

    /**
     * Comment and blank lines inserted at random line boundaries (valid TOML wherever they land: inside a
     * multi-line string they become part of it, inside an array they are comments), and sometimes the final line
     * break removed. Falls back to the file as it is if tomlj disagrees.
     */
    static String disturb(String text, Random rnd) {
        List<String> lines = new ArrayList<>(Checks.lines(text));
        int inserts = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(6);
        for (int k = 0; k < inserts; k++) {
            lines.add(rnd.nextInt(lines.size() + 1), NOISE.get(rnd.nextInt(NOISE.size())));
        }
        String out = String.join("\n", lines);
        if (!lines.isEmpty() && (rnd.nextInt(4) > 0 ? text.endsWith("\n") : !text.endsWith("\n"))) {
            out += "\n";
        }
        boolean valid = !Toml.parse(out, TomlParseOptions.sourceless().withVersion(TomlVersion.V1_0_0)).hasErrors();
        return valid ? out : text;
    }
}
