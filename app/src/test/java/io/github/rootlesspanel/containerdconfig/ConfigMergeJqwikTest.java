package io.github.rootlesspanel.containerdconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.tomlj.TomlParseResult;

import io.github.rootlesspanel.config.containerd.ConfigMerge;
import io.github.rootlesspanel.config.containerd.ConfigMerge.Result;
import io.github.rootlesspanel.config.containerd.Snapshotter;
import io.github.rootlesspanel.config.containerd.SnapshotterStanza;
import io.github.rootlesspanel.config.containerd.UserDirs;
import io.github.rootlesspanel.testsupport.Tried;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jqwik properties of the config.toml merge over the corpus (every file in src/test/resources/containerd-config),
 * any set of snapshotters, and generated XDG directories — with blanks, quotes, backslashes, '#', brackets, '=',
 * dots, '%' and non-ASCII — whose paths the merge writes as TOML strings: merging then unmerging gives the
 * original bytes; only marked lines are added and comments and other tables stay; tomlj reads back exactly the
 * generated paths and no table the merge did not mean to add. ConfigMergePropertiesTest (random enable/disable
 * sequences over disturbed files) stays beside these.
 */
class ConfigMergeJqwikTest {

    static final int TRIES = 1000;

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(Corpus.names());
    }

    @Provide
    Arbitrary<Set<Snapshotter>> sets() {
        return Arbitraries.of(Snapshotter.class).set().ofMinSize(1).map(s -> (Set<Snapshotter>) EnumSet.copyOf(s));
    }

    /** One directory name: letters, and everything a TOML string or key has to escape or could be fooled by. */
    private static Arbitrary<String> segment() {
        return Arbitraries.strings().withChars("abcXYZ019_-.")
                .withChars(' ', '"', '\'', '\\', '#', '[', ']', '=', '%', '$', '\t', 'ä', '☕', '{', '}', ',')
                .ofMinLength(1).ofMaxLength(12).filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Provide
    Arbitrary<UserDirs> dirs() {
        Arbitrary<Path> paths = segment().list().ofMinSize(1).ofMaxSize(4)
                .map(l -> Path.of("/", l.toArray(String[]::new)));
        return Combinators.combine(paths, paths).as(UserDirs::new);
    }

    @Property(tries = TRIES)
    @Tried(kind = Tried.Kind.INPUT, what = "jqwik: containerd config.toml merge then unmerge over the corpus, any set "
            + "of snapshotters, generated XDG paths", cases = TRIES,
            outcome = "the original bytes back; only marked lines added, comments and other tables untouched")
    void mergeThenUnmergeGivesTheOriginalBytes(@ForAll("files") String file, @ForAll("sets") Set<Snapshotter> which,
                                               @ForAll("dirs") UserDirs dirs) throws Exception {
        String original = Corpus.text(file);
        Result merged = ConfigMerge.enable(original, which, dirs);
        Checks.enabled(original, which, merged.text(), merged.conflicts(), dirs);
        Result unmerged = ConfigMerge.disable(merged.text(), which, dirs);
        Checks.disabled(merged.text(), unmerged.text());
        if (!original.contains(ConfigMerge.MARK)) {
            assertThat(unmerged.text()).isEqualTo(original);
        }
    }

    @Property(tries = TRIES)
    @Tried(kind = Tried.Kind.INPUT, what = "jqwik: generated XDG paths with quotes, \\, #, brackets, = and blanks "
            + "merged into config.toml as proxy plugin addresses and roots", cases = TRIES,
            outcome = "tomlj reads exactly the generated paths; no table or key added besides the stanzas")
    void generatedPathsAreStringsAndNothingElse(@ForAll("files") String file, @ForAll("sets") Set<Snapshotter> which,
                                                @ForAll("dirs") UserDirs dirs) throws Exception {
        String original = Corpus.text(file);
        Result merged = ConfigMerge.enable(original, which, dirs);
        TomlParseResult before = Checks.parse(original);
        TomlParseResult after = Checks.parse(merged.text());
        for (Snapshotter s : which) {
            SnapshotterStanza st = SnapshotterStanza.of(s, dirs);
            for (SnapshotterStanza.Setting x : st.settings()) {
                boolean reported = merged.conflicts().stream().anyMatch(c -> c.key().equals(x.dottedKey()));
                if (!reported) {
                    assertThat(Checks.get(after, x.path())).as(x.dottedKey()).isEqualTo(x.value());
                }
            }
            assertThat(st.address()).contains(dirs.xdgRuntimeDir().toString());
        }
        // the top level gains at most the tables the stanzas live in (and the version a new file needs)
        Set<String> added = new java.util.TreeSet<>(after.keySet());
        added.removeAll(before.keySet());
        assertThat(added).isSubsetOf(List.of(SnapshotterStanza.PROXY_PLUGINS, "plugins", "version"));
        // every key under proxy_plugins is a snapshotter the merge knows
        if (after.isTable(SnapshotterStanza.PROXY_PLUGINS)) {
            Set<String> plugins = new java.util.TreeSet<>(after.getTable(SnapshotterStanza.PROXY_PLUGINS).keySet());
            if (before.isTable(SnapshotterStanza.PROXY_PLUGINS)) {
                plugins.removeAll(before.getTable(SnapshotterStanza.PROXY_PLUGINS).keySet());
            }
            assertThat(plugins).isSubsetOf(which.stream().map(Snapshotter::pluginName).toList());
        }
    }
}
