package io.github.rootlesspanel.containerdconfig;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeded tries for the property tests (no jqwik): each try is a seed, its inputs come from one
 * {@link java.util.Random} made from it, and a failure names the seed and what the try did.
 * {@code -Drp.seed=<seed>} runs only that seed.
 */
final class Seeds {

    private Seeds() {
    }

    static Stream<Long> seeds(long base, int count) {
        String only = System.getProperty("rp.seed");
        if (only != null && !only.isBlank()) {
            return Stream.of(Long.parseLong(only.strip()));
        }
        return LongStream.range(base, base + count).boxed();
    }

    /** Neighbouring seeds give unrelated sequences (splitmix64 scramble). */
    static Random random(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    static void check(long seed, Supplier<String> log, Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            throw new AssertionError("try with seed " + seed + " (rerun with -Drp.seed=" + seed + ") failed after\n"
                    + log.get() + "\n" + t, t);
        }
    }
}
