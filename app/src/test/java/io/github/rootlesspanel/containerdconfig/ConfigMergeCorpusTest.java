package io.github.rootlesspanel.containerdconfig;

import static io.github.rootlesspanel.containerdconfig.Checks.BOTH;
import static io.github.rootlesspanel.containerdconfig.Checks.FUSE;
import static io.github.rootlesspanel.containerdconfig.Checks.STARGZ;
import static io.github.rootlesspanel.containerdconfig.Corpus.DIRS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.containerd.ConfigMerge;
import io.github.rootlesspanel.config.containerd.ConfigMerge.Result;
import io.github.rootlesspanel.config.containerd.Conflict;
import io.github.rootlesspanel.config.containerd.Snapshotter;

/**
 * Every corpus file with fuse-overlayfs, stargz and both: the result is valid TOML with one [proxy_plugins] and
 * each stanza once, only marked lines are added, enable is idempotent, disable gives the file back byte for byte,
 * and enabling one then the other is enabling both.
 */
class ConfigMergeCorpusTest {

    static Stream<Arguments> filesAndSets() {
        return files().flatMap(f -> Checks.SETS.stream().map(w -> Arguments.of(f, w)));
    }

    static Stream<String> files() {
        return Corpus.names().stream();
    }

    @Test
    void theCorpusIsThere() {
        assertThat(Corpus.names()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(Corpus.heldBack()).hasSize(4);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("filesAndSets")
    void enableKeepsTheInvariants(String file, Set<Snapshotter> which) throws Exception {
        enableAndBack(Corpus.text(file), which);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void oneThenTheOtherIsBoth(String file) throws Exception {
        oneThenTheOther(Corpus.text(file));
    }

    /** enable → invariants; enable again → same text; disable → the input, byte for byte. */
    static void enableAndBack(String in, Set<Snapshotter> which) throws Exception {
        Result r = ConfigMerge.enable(in, which, DIRS);
        Checks.enabled(in, which, r.text(), r.conflicts());
        assertThat(r.changed()).isEqualTo(!r.text().equals(in));

        Result again = ConfigMerge.enable(r.text(), which, DIRS);
        assertThat(again.text()).as("enable twice").isEqualTo(r.text());
        assertThat(again.changed()).isFalse();
        assertThat(again.conflicts()).as("the same conflicts the second time").isEqualTo(r.conflicts());

        Result back = ConfigMerge.disable(r.text(), which, DIRS);
        Checks.disabled(r.text(), back.text());
        assertThat(back.text()).as("disable(enable(x))").isEqualTo(in);
        assertThat(back.changed()).isEqualTo(r.changed());
    }

    static void oneThenTheOther(String in) throws Exception {
        Result both = ConfigMerge.enable(in, BOTH, DIRS);

        Result fuse = ConfigMerge.enable(in, FUSE, DIRS);
        Result fuseThenStargz = ConfigMerge.enable(fuse.text(), STARGZ, DIRS);
        assertThat(fuseThenStargz.text()).as("fuse-overlayfs, then stargz").isEqualTo(both.text());

        Result stargz = ConfigMerge.enable(in, STARGZ, DIRS);
        Result stargzThenFuse = ConfigMerge.enable(stargz.text(), FUSE, DIRS);
        List<Conflict> conflicts = new ArrayList<>(stargz.conflicts());
        conflicts.addAll(stargzThenFuse.conflicts());
        Checks.enabled(in, BOTH, stargzThenFuse.text(), conflicts);

        // taking them out in either order, one by one or together, gives the file back
        assertThat(ConfigMerge.disable(both.text(), BOTH, DIRS).text()).isEqualTo(in);
        String t = ConfigMerge.disable(stargzThenFuse.text(), FUSE, DIRS).text();
        Checks.disabled(stargzThenFuse.text(), t);
        assertThat(ConfigMerge.disable(t, STARGZ, DIRS).text()).isEqualTo(in);
        t = ConfigMerge.disable(fuseThenStargz.text(), STARGZ, DIRS).text();
        assertThat(t).as("stargz taken out again").isEqualTo(fuse.text());
        assertThat(ConfigMerge.disable(t, FUSE, DIRS).text()).isEqualTo(in);
    }
}
