package io.github.rootlesspanel.setup.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.rootlesspanel.host.HostFacts;

/**
 * The checks of one machine with their two renderings: grouped text for people, and a stable JSON document
 * (version 1) for scripts:
 *
 * <pre>
 * { "version": 1,
 *   "system": { "distribution", "family", "kernel", "user", "uid" },
 *   "summary": { "failed": n, "warnings": n, "ok": n, "notApplicable": n },
 *   "checks": [ { "id", "title", "group", "state", "found", "why", "hint" } ] }
 * </pre>
 * {@code state} is one of ok, warning, failed, not-applicable; {@code hint} is "" when the state is ok.
 */
public record CheckReport(Subject subject, List<CheckResult> results) {

    /** Bumped only on incompatible changes to the JSON. */
    public static final int JSON_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What was checked: for the header line and the JSON's "system". */
    public record Subject(String distribution, DistroFamily family, String kernel, String user, int uid) {
    }

    public CheckReport {
        results = List.copyOf(results);
    }

    /** Evaluates every check against the facts. */
    public static CheckReport of(HostFacts facts) {
        Subject s = new Subject(facts.os().displayName(), DistroFamily.of(facts.os()), facts.kernelRelease(),
                facts.user().name(), facts.user().uid());
        return new CheckReport(s, Checks.evaluate(facts));
    }

    public long count(CheckState state) {
        return results.stream().filter(r -> r.state() == state).count();
    }

    public boolean anyFailed() {
        return count(CheckState.FAILED) > 0;
    }

    /** The results by group, groups in the order of their first check. */
    public Map<String, List<CheckResult>> byGroup() {
        Map<String, List<CheckResult>> m = new LinkedHashMap<>();
        for (CheckResult r : results) {
            m.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /** "2 failed, 5 warnings, 20 ok, 8 not applicable". */
    public String summaryLine() {
        long w = count(CheckState.WARNING);
        return count(CheckState.FAILED) + " failed, " + w + (w == 1 ? " warning, " : " warnings, ")
                + count(CheckState.OK) + " ok, " + count(CheckState.NOT_APPLICABLE) + " not applicable";
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", JSON_VERSION);
        ObjectNode sys = root.putObject("system");
        sys.put("distribution", subject.distribution());
        sys.put("family", subject.family().name().toLowerCase(Locale.ROOT));
        sys.put("kernel", subject.kernel());
        sys.put("user", subject.user());
        sys.put("uid", subject.uid());
        ObjectNode summary = root.putObject("summary");
        summary.put("failed", count(CheckState.FAILED));
        summary.put("warnings", count(CheckState.WARNING));
        summary.put("ok", count(CheckState.OK));
        summary.put("notApplicable", count(CheckState.NOT_APPLICABLE));
        ArrayNode list = root.putArray("checks");
        for (CheckResult r : results) {
            ObjectNode n = list.addObject();
            n.put("id", r.id());
            n.put("title", r.title());
            n.put("group", r.group());
            n.put("state", r.state().wire());
            n.put("found", r.found());
            n.put("why", r.why());
            n.put("hint", r.hint());
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * For people: a header, then per group one line per check (state word, title, what was found) with the
     * hint indented under every check that is not OK, then the summary.
     */
    public String text() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("Rootless containerd prerequisites on ").append(subject.distribution());
        if (!subject.kernel().isEmpty()) {
            sb.append(", kernel ").append(subject.kernel());
        }
        if (!subject.user().isEmpty()) {
            sb.append(", user ").append(subject.user()).append(" (uid ").append(subject.uid()).append(')');
        }
        sb.append(nl);
        String indent = " ".repeat(18);
        for (Map.Entry<String, List<CheckResult>> g : byGroup().entrySet()) {
            sb.append(nl).append(g.getKey()).append(nl);
            for (CheckResult r : g.getValue()) {
                sb.append(String.format("  %-15s %s: %s", r.state().wire(), r.title(), oneLine(r.found()))).append(nl);
                if (r.state() != CheckState.OK && !r.hint().isEmpty()) {
                    for (String line : r.hint().split("\\R")) {
                        sb.append(indent).append(line).append(nl);
                    }
                }
            }
        }
        sb.append(nl).append("Summary: ").append(summaryLine()).append(nl);
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " / ");
    }
}
