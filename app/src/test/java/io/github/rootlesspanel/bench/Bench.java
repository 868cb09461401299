package io.github.rootlesspanel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What every benchmark writes: one JSON file per measurement in the report directory ({@code rp.bench.out}, by
 * default target/bench), read by the report writer into the JSON report and the Markdown table. A measurement has
 * its samples (never only a mean), optionally a reference measured in the same run (the ratio is then what the
 * report shows first) and optionally the budget it is read against. Recording never fails a run over a budget:
 * benchmarks measure, the report says what was met.
 */
public final class Bench {

    /** How a budget is read: a limit on the median, the p99 or the ratio of medians to the reference. */
    public enum Statistic { MEDIAN, P99, MAX, RATIO }

    public record Budget(String text, Statistic statistic, double limit) {
    }

    public record Series(String title, String unit, double[] samples) {
        public Series {
            samples = samples.clone();
            if (samples.length == 0) {
                throw new IllegalArgumentException("no samples for " + title);
            }
        }

        public double median() {
            return percentile(50);
        }

        /** Nearest-rank percentile. */
        public double percentile(double p) {
            double[] s = samples.clone();
            Arrays.sort(s);
            int rank = (int) Math.ceil(p / 100.0 * s.length);
            return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
        }

        public double min() {
            return Arrays.stream(samples).min().orElseThrow();
        }

        public double max() {
            return Arrays.stream(samples).max().orElseThrow();
        }

        /** Interquartile range: the spread the report prints beside a median. */
        public double iqr() {
            return percentile(75) - percentile(25);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", title);
            m.put("unit", unit);
            m.put("n", samples.length);
            m.put("median", median());
            m.put("p99", percentile(99));
            m.put("min", min());
            m.put("max", max());
            m.put("iqr", iqr());
            m.put("samples", samples);
            return m;
        }
    }

    /**
     * One measurement. {@code id} names the file and is stable across runs (e.g. "cli-status"); {@code group} is
     * the report's section (Start-up, Operation latency, Event to screen, Idle cost, Memory, Diagram, containerd).
     */
    public static final class Result {
        private final String id;
        private final String group;
        private final Series measured;
        private Series reference;
        private Budget budget;
        private final List<String> notes = new ArrayList<>();

        public Result(String id, String group, Series measured) {
            this.id = id;
            this.group = group;
            this.measured = measured;
        }

        public Result reference(Series r) {
            this.reference = r;
            return this;
        }

        public Result budget(Budget b) {
            this.budget = b;
            return this;
        }

        public Result note(String n) {
            notes.add(n);
            return this;
        }

        public String id() {
            return id;
        }

        public Series measured() {
            return measured;
        }

        /** Median over the reference's median, or NaN without a reference. */
        public double ratio() {
            return reference == null ? Double.NaN : measured.median() / reference.median();
        }

        /** Null without a budget. */
        public Boolean met() {
            if (budget == null) {
                return null;
            }
            double v = switch (budget.statistic()) {
                case MEDIAN -> measured.median();
                case P99 -> measured.percentile(99);
                case MAX -> measured.max();
                case RATIO -> ratio();
            };
            return v <= budget.limit();
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("group", group);
            m.put("measured", measured.json());
            m.put("reference", reference == null ? null : reference.json());
            m.put("ratio", reference == null ? null : ratio());
            if (budget != null) {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("text", budget.text());
                b.put("statistic", budget.statistic().name().toLowerCase(java.util.Locale.ROOT));
                b.put("limit", budget.limit());
                b.put("met", met());
                m.put("budget", b);
            } else {
                m.put("budget", null);
            }
            m.put("notes", notes);
            return m;
        }
    }

    private Bench() {
    }

    public static Path outDir() {
        return Path.of(System.getProperty("rp.bench.out", "target/bench"));
    }

    /** Writes {@code <id>.json} into the report directory and prints one line, so a run's log says it too. */
    public static Path record(Result r) {
        try {
            Files.createDirectories(outDir());
            Path f = outDir().resolve(r.id() + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(f.toFile(), r.json());
            System.out.printf(java.util.Locale.ROOT, "[bench] %s: median %.3f %s (IQR %.3f, n=%d)%s%s%n", r.id(),
                    r.measured().median(), r.measured().unit(), r.measured().iqr(), r.measured().samples().length,
                    Double.isNaN(r.ratio()) ? "" : String.format(java.util.Locale.ROOT, ", ratio %.2f", r.ratio()),
                    r.met() == null ? "" : (r.met() ? ", budget met" : ", budget MISSED"));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
