package io.github.rootlesspanel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark report, run by packaging/bench/run-benchmarks.sh after the benchmarks: reads every measurement
 * {@link Bench#record} wrote and the machine's description (key=value lines the script gathered), writes
 * {@code report.json} and {@code report.md} (a table per group), and with {@code --readme FILE} puts the tables
 * between README's markers. Pure: files in, files out, nothing measured or probed here.
 *
 * <pre>ReportWriter --in DIR --machine FILE --out DIR [--readme FILE]</pre>
 */
public final class ReportWriter {

    public static final String BEGIN = "<!-- bench:begin -->";
    public static final String END = "<!-- bench:end -->";

    /** The report's sections in reading order; groups not listed follow, by name. */
    static final List<String> GROUP_ORDER = List.of("Start-up", "Operation latency", "Event to screen", "Idle cost",
            "Memory", "Diagram", "containerd listing");

    /** What the script's keys mean, in the order they are printed; other keys follow as they are. */
    static final Map<String, String> MACHINE_LABELS = labels();

    private ReportWriter() {
    }

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("date", "Date");
        m.put("cpu", "CPU");
        m.put("cores", "Cores");
        m.put("ram", "RAM");
        m.put("kernel", "Kernel");
        m.put("debian", "Debian");
        m.put("java", "Java");
        m.put("systemd", "systemd");
        m.put("containerd", "containerd");
        m.put("rootlesskit", "RootlessKit");
        m.put("load_before", "Load average before");
        m.put("load_after", "Load average after");
        return m;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0 || !opts.containsKey("--in") || !opts.containsKey("--machine")
                || !opts.containsKey("--out")) {
            System.err.println("usage: ReportWriter --in DIR --machine FILE --out DIR [--readme FILE]");
            System.exit(2);
        }
        List<JsonNode> results = readResults(Path.of(opts.get("--in")));
        if (results.isEmpty()) {
            System.err.println("ReportWriter: no measurements in " + opts.get("--in"));
            System.exit(3);
        }
        Map<String, String> machine = parseMachine(Files.readString(Path.of(opts.get("--machine"))));
        Path out = Files.createDirectories(Path.of(opts.get("--out")));
        Files.writeString(out.resolve("report.json"), json(machine, results));
        Files.writeString(out.resolve("report.md"), markdown(machine, results));
        System.out.println("ReportWriter: " + results.size() + " measurements → " + out.resolve("report.md"));
        if (opts.containsKey("--readme")) {
            Path readme = Path.of(opts.get("--readme"));
            Files.writeString(readme, replaceBetweenMarkers(Files.readString(readme), readmeTable(machine, results)));
            System.out.println("ReportWriter: table replaced in " + readme);
        }
    }

    /** Every {@code *.json} of the directory, ordered by group (the report's order) and id. */
    static List<JsonNode> readResults(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.add(mapper.readTree(f.toFile()));
            }
        }
        out.sort(Comparator.comparingInt((JsonNode n) -> groupRank(n.path("group").asText()))
                .thenComparing(n -> n.path("group").asText()).thenComparing(n -> n.path("id").asText()));
        return out;
    }

    static int groupRank(String group) {
        int i = GROUP_ORDER.indexOf(group);
        return i < 0 ? GROUP_ORDER.size() : i;
    }

    /** {@code key=value} lines; blank lines and {@code #} comments skipped; the order kept. */
    static Map<String, String> parseMachine(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            m.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return m;
    }

    static String json(Map<String, String> machine, List<JsonNode> results) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("date", machine.getOrDefault("date", ""));
        ObjectNode m = root.putObject("machine");
        machine.forEach(m::put);
        ArrayNode r = root.putArray("results");
        results.forEach(r::add);
        return mapper.writeValueAsString(root) + "\n";
    }

    static String markdown(Map<String, String> machine, List<JsonNode> results) {
        StringBuilder sb = new StringBuilder("# Rootless Panel benchmarks\n\n");
        for (Map.Entry<String, String> e : orderedMachine(machine).entrySet()) {
            sb.append("- ").append(e.getKey()).append(": ").append(cell(e.getValue())).append('\n');
        }
        sb.append('\n').append(tables(results, "##"));
        return sb.toString();
    }

    /** What goes between README's markers: where and when, then the tables. */
    static String readmeTable(Map<String, String> machine, List<JsonNode> results) {
        return "Measured " + machine.getOrDefault("date", "(no date)") + " on " + machineLine(machine) + ".\n\n"
                + tables(results, "####");
    }

    /** The machine in one sentence, for README. */
    static String machineLine(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        String cpu = m.getOrDefault("cpu", "an unknown CPU");
        String cores = m.containsKey("cores") ? m.get("cores") + " cores" : "";
        String ram = m.containsKey("ram") ? m.get("ram") + " RAM" : "";
        parts.add(cpu + (cores.isEmpty() && ram.isEmpty() ? ""
                : " (" + String.join(", ", Stream.of(cores, ram).filter(s -> !s.isEmpty()).toList()) + ")"));
        for (String k : List.of("debian", "kernel", "java", "systemd", "containerd", "rootlesskit")) {
            if (m.containsKey(k)) {
                String label = MACHINE_LABELS.get(k);
                parts.add(k.equals("kernel") ? "Linux " + m.get(k) : label + " " + m.get(k));
            }
        }
        if (m.containsKey("load_before") || m.containsKey("load_after")) {
            parts.add("load average " + m.getOrDefault("load_before", "?") + " before, "
                    + m.getOrDefault("load_after", "?") + " after");
        }
        return cell(String.join(", ", parts));
    }

    static Map<String, String> orderedMachine(Map<String, String> machine) {
        Map<String, String> out = new LinkedHashMap<>();
        MACHINE_LABELS.forEach((k, label) -> {
            if (machine.containsKey(k)) {
                out.put(label, machine.get(k));
            }
        });
        machine.forEach((k, v) -> {
            if (!MACHINE_LABELS.containsKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    static String tables(List<JsonNode> results, String heading) {
        StringBuilder sb = new StringBuilder();
        String group = null;
        for (JsonNode r : results) {
            String g = r.path("group").asText();
            if (!g.equals(group)) {
                group = g;
                sb.append(sb.length() == 0 ? "" : "\n").append(heading).append(' ').append(cell(g)).append("\n\n");
                sb.append("| what | median | spread (IQR; min–max; n) | reference (median) | ratio | budget | "
                        + "met | notes |\n|---|---:|---|---|---:|---|---|---|\n");
            }
            sb.append(row(r));
        }
        return sb.toString();
    }

    static String row(JsonNode r) {
        JsonNode m = r.path("measured");
        String unit = m.path("unit").asText();
        JsonNode ref = r.path("reference");
        JsonNode budget = r.path("budget");
        String met = budget.isObject() ? (budget.path("met").asBoolean() ? "met" : "**missed**") : "—";
        List<String> notes = new ArrayList<>();
        r.path("notes").forEach(n -> notes.add(n.asText()));
        return "| " + String.join(" | ",
                cell(m.path("title").asText()) + " (`" + cell(r.path("id").asText()) + "`)",
                value(m.path("median").asDouble(), unit),
                "IQR " + value(m.path("iqr").asDouble(), unit) + "; " + number(m.path("min").asDouble()) + "–"
                        + value(m.path("max").asDouble(), unit) + "; n=" + m.path("n").asInt(),
                ref.isObject() ? cell(ref.path("title").asText()) + ": "
                        + value(ref.path("median").asDouble(), ref.path("unit").asText()) : "—",
                r.path("ratio").isNumber() ? String.format(Locale.ROOT, "%.2f×", r.path("ratio").asDouble()) : "—",
                budget.isObject() ? cell(budget.path("text").asText()) : "—",
                met,
                notes.isEmpty() ? "" : cell(String.join("; ", notes))) + " |\n";
    }

    /** Three significant figures or whole numbers: 0.412, 4.12, 41.2, 412. */
    static String number(double v) {
        double a = Math.abs(v);
        String f = a >= 100 || v == Math.rint(v) && a >= 10 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String value(double v, String unit) {
        return number(v) + (unit.isEmpty() ? "" : " " + unit);
    }

    /** A table cell: no line breaks, and a literal | does not end the cell. */
    static String cell(String s) {
        return s.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }

    /** README with the text between the markers replaced; the markers stay. */
    static String replaceBetweenMarkers(String readme, String table) {
        int b = readme.indexOf(BEGIN);
        int e = readme.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("README has no " + BEGIN + " … " + END + " pair");
        }
        return readme.substring(0, b + BEGIN.length()) + "\n" + table + readme.substring(e);
    }
}
