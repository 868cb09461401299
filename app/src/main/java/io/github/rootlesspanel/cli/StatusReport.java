package io.github.rootlesspanel.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.UnitStatus;

/** The two renderings of {@code status}: a table for people and a stable JSON document for scripts. */
public final class StatusReport {

    /** Bumped only on incompatible changes to the JSON below (README documents it). */
    public static final int JSON_VERSION = 1;

    /**
     * jackson-core's streaming writer, not databind's ObjectMapper: the same JSON (the same pretty printer), without
     * loading and initialising ~300 databind classes on the command line's most frequent path.
     */
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StatusReport() {
    }

    public static String json(List<UnitStatus> statuses) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeNumberField("version", JSON_VERSION);
            g.writeArrayFieldStart("components");
            for (UnitStatus s : statuses) {
                g.writeStartObject();
                g.writeStringField("component", Component.find(s.name()).map(Component::id).orElse(s.name()));
                g.writeStringField("unit", s.name());
                g.writeBooleanField("installed", s.installed());
                g.writeStringField("loadState", s.loadState().wire().isEmpty() ? "unknown" : s.loadState().wire());
                g.writeStringField("activeState",
                        s.activeState().wire().isEmpty() ? "unknown" : s.activeState().wire());
                g.writeStringField("subState", s.subState());
                String fileState = s.unitFileState().wire();
                g.writeStringField("unitFileState", fileState.isEmpty() ? null : fileState);
                g.writeFieldName("mainPid");
                if (s.mainPid() > 0) {
                    g.writeNumber(s.mainPid());
                } else {
                    g.writeNull();
                }
                Instant since = s.since();
                g.writeStringField("since", since == null ? null : since.toString());
                g.writeStringField("result", s.result().isEmpty() ? null : s.result());
                g.writeNumberField("restarts", s.restarts());
                g.writeFieldName("memoryBytes");
                if (s.memoryBytes().isPresent()) {
                    g.writeNumber(s.memoryBytes().getAsLong());
                } else {
                    g.writeNull();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + System.lineSeparator();
    }

    public static String table(List<UnitStatus> statuses, Clock clock) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-15s %-34s %-22s %-9s %-8s %s%n";
        sb.append(String.format(fmt, "COMPONENT", "UNIT", "STATE", "ENABLED", "PID", "SINCE"));
        for (UnitStatus s : statuses) {
            String component = Component.find(s.name()).map(Component::id).orElse(s.name());
            String state = stateText(s);
            String enabled = !s.installed() ? "-" : s.unitFileState().wire().isEmpty() ? "?" : s.unitFileState().wire();
            String pid = s.mainPid() > 0 ? Long.toString(s.mainPid()) : "-";
            Instant since = s.installed() ? s.since() : null;
            String when = since == null ? "-"
                    : LOCAL.format(since.atZone(clock.getZone())) + " (" + ago(since, clock.instant()) + ")";
            sb.append(String.format(fmt, component, s.name(), state, enabled, pid, when));
        }
        return sb.toString();
    }

    /** "active (running)", "failed (exit-code)", "not installed". */
    public static String stateText(UnitStatus s) {
        if (!s.installed()) {
            return "not installed";
        }
        String active = s.activeState().wire().isEmpty() ? "unknown" : s.activeState().wire();
        return switch (s.activeState()) {
            case FAILED -> active + (s.hasFailureResult() ? " (" + s.result() + ")" : "");
            default -> active + (s.subState().isEmpty() ? "" : " (" + s.subState() + ")");
        };
    }

    /** A short human duration: "12 s ago", "3 min ago", "2 h ago", "5 days ago". */
    public static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86400) {
            return s / 3600 + " h ago";
        }
        long days = s / 86400;
        return days + (days == 1 ? " day ago" : " days ago");
    }
}
