package io.github.rootlesspanel.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.UnitStatus;

/** The two renderings of {@code status}: a table for people and a stable JSON document for scripts. */
public final class StatusReport {

    /** Bumped only on incompatible changes to the JSON below (README documents it). */
    public static final int JSON_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StatusReport() {
    }

    public static String json(List<UnitStatus> statuses) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", JSON_VERSION);
        ArrayNode list = root.putArray("components");
        for (UnitStatus s : statuses) {
            ObjectNode n = list.addObject();
            n.put("component", Component.find(s.name()).map(Component::id).orElse(s.name()));
            n.put("unit", s.name());
            n.put("installed", s.installed());
            n.put("loadState", s.loadState().wire().isEmpty() ? "unknown" : s.loadState().wire());
            n.put("activeState", s.activeState().wire().isEmpty() ? "unknown" : s.activeState().wire());
            n.put("subState", s.subState());
            if (s.unitFileState().wire().isEmpty()) {
                n.putNull("unitFileState");
            } else {
                n.put("unitFileState", s.unitFileState().wire());
            }
            if (s.mainPid() > 0) {
                n.put("mainPid", s.mainPid());
            } else {
                n.putNull("mainPid");
            }
            Instant since = s.since();
            if (since != null) {
                n.put("since", since.toString());
            } else {
                n.putNull("since");
            }
            n.put("result", s.result().isEmpty() ? null : s.result());
            n.put("restarts", s.restarts());
            if (s.memoryBytes().isPresent()) {
                n.put("memoryBytes", s.memoryBytes().getAsLong());
            } else {
                n.putNull("memoryBytes");
            }
        }
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
