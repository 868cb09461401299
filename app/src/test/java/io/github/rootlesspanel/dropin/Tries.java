package io.github.rootlesspanel.dropin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Deterministic random tries for the property tests: each try is a seed, its inputs come from one
 * {@link java.util.Random} made from that seed, and a failing try names its seed and its inputs.
 *
 * <p>To run a single try again: {@code -Drp.seed=<seed>} (the seed from the failure message or the test's display
 * name); every property then runs just that seed.
 */
final class Tries {

    private Tries() {
    }

    /** The seeds {@code base, base + 1, ..., base + count - 1}, or only the one given with -Drp.seed. */
    static Stream<Long> seeds(long base, int count) {
        String only = System.getProperty("rp.seed");
        if (only != null && !only.isBlank()) {
            return Stream.of(Long.parseLong(only.strip()));
        }
        return LongStream.range(base, base + count).boxed();
    }

    /** The random source of one try. The seed is scrambled first: neighbouring seeds give unrelated sequences. */
    static Random random(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /** What one try does with its inputs. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** Runs a try; a failure is reported with the seed and the inputs, and the original failure as its cause. */
    static void check(long seed, Supplier<String> inputs, Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            throw new AssertionError("try with seed " + seed + " (rerun with -Drp.seed=" + seed + ") failed for\n"
                    + inputs.get() + "\n" + t, t);
        }
    }

    /** A string with line breaks, tabs and other invisible characters spelt out, in double quotes. */
    static String show(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (c < ' ' || c == 0x7f || c == 0x2028 || c == 0x00a0 || c == 0x200b || c == 0xFEFF) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    static String show(Optional<String> s) {
        return s.map(Tries::show).orElse("(removed)");
    }

    // --- generators ----------------------------------------------------------------------------------------------

    /** Makes a value from a random source. */
    @FunctionalInterface
    interface Gen<T> {

        T next(Random r);

        default <U> Gen<U> map(Function<? super T, ? extends U> f) {
            return r -> f.apply(next(r));
        }

        /** A list of {@code min} to {@code max} values, each size equally likely. */
        default Gen<List<T>> list(int min, int max) {
            return r -> {
                int n = min + r.nextInt(max - min + 1);
                List<T> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(next(r));
                }
                return l;
            };
        }

        /** A value with the given probability, otherwise empty. */
        default Gen<Optional<T>> optional(double present) {
            return r -> r.nextDouble() < present ? Optional.of(next(r)) : Optional.empty();
        }

        /** One of the values, each equally likely (a value listed twice is twice as likely). */
        @SafeVarargs
        static <T> Gen<T> of(T... values) {
            List<T> l = new ArrayList<>(values.length);
            for (T v : values) { // not List.of(values): handing a generic varargs array on is what -Xlint warns about
                l.add(v);
            }
            return of(l);
        }

        static <T> Gen<T> of(Collection<T> values) {
            List<T> l = List.copyOf(values);
            return r -> l.get(r.nextInt(l.size()));
        }

        /** A one-code-point string from the range {@code from..to} (inclusive), each equally likely. */
        static Gen<String> codePointIn(int from, int to) {
            return r -> Character.toString(from + r.nextInt(to - from + 1));
        }

        /** A string of {@code min} to {@code max} characters from the alphabet, each equally likely. */
        static Gen<String> stringOf(String alphabet, int min, int max) {
            return of(alphabet.chars().mapToObj(c -> (char) c).toList()).list(min, max).map(l -> {
                StringBuilder sb = new StringBuilder();
                l.forEach(sb::append);
                return sb.toString();
            });
        }

        /** Each generator equally likely. */
        @SafeVarargs
        static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
            List<Gen<? extends T>> l = new ArrayList<>(gens.length);
            for (Gen<? extends T> g : gens) {
                l.add(g);
            }
            return r -> l.get(r.nextInt(l.size())).next(r);
        }

        /** Each generator with its weight. */
        @SafeVarargs
        static <T> Gen<T> frequency(Weighted<? extends T>... parts) {
            List<Weighted<? extends T>> l = new ArrayList<>(parts.length);
            for (Weighted<? extends T> w : parts) {
                l.add(w);
            }
            return frequency(l);
        }

        static <T> Gen<T> frequency(List<? extends Weighted<? extends T>> parts) {
            List<Weighted<? extends T>> l = List.copyOf(parts);
            int total = l.stream().mapToInt(Weighted::weight).sum();
            return r -> {
                int x = r.nextInt(total);
                for (Weighted<? extends T> w : l) {
                    x -= w.weight();
                    if (x < 0) {
                        return w.gen().next(r);
                    }
                }
                throw new IllegalStateException("weights");
            };
        }

        static <T> Weighted<T> weighted(int weight, Gen<T> gen) {
            return new Weighted<>(weight, gen);
        }
    }

    record Weighted<T>(int weight, Gen<T> gen) { }

    /** A string of all the characters from {@code from} to {@code to}, for {@link Gen#stringOf}. */
    static String range(char from, char to) {
        StringBuilder sb = new StringBuilder();
        for (char c = from; c <= to; c++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
