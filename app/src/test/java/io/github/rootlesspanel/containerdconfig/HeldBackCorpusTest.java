package io.github.rootlesspanel.containerdconfig;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.containerd.Snapshotter;

/**
 * The acceptance check: the same invariants as {@link ConfigMergeCorpusTest} on the four files in
 * containerd-config/heldback, which were written after the merge was finished and never looked at while it was
 * developed.
 */
class HeldBackCorpusTest {

    static Stream<Arguments> filesAndSets() {
        return files().flatMap(f -> Checks.SETS.stream().map(w -> Arguments.of(f, w)));
    }

    static Stream<String> files() {
        return Corpus.heldBack().stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("filesAndSets")
    void enableKeepsTheInvariants(String file, Set<Snapshotter> which) throws Exception {
        ConfigMergeCorpusTest.enableAndBack(Corpus.text(file), which);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void oneThenTheOtherIsBoth(String file) throws Exception {
        ConfigMergeCorpusTest.oneThenTheOther(Corpus.text(file));
    }
}
