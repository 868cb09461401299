package io.github.rootlesspanel.journal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads {@code journalctl -o json} output: one JSON object per line. journalctl writes every field value as a
 * string, as an array of byte values when the value is not printable UTF-8, as {@code null} when it is larger than
 * 4096 bytes (without {@code --all}), and as an array of such values when the entry has the field more than once.
 */
public final class JournalParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalParser() {
    }

    /** One line; empty for a blank or malformed line or one without {@code __REALTIME_TIMESTAMP}. Never throws. */
    public static Optional<JournalEntry> parseLine(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            Optional<Instant> realtime = text(node, "__REALTIME_TIMESTAMP").flatMap(JournalParser::micros);
            if (realtime.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new JournalEntry(
                    realtime.get(),
                    Priority.of(text(node, "PRIORITY").orElse(null)),
                    text(node, "MESSAGE").orElse(""),
                    unit(node),
                    pid(node),
                    text(node, "SYSLOG_IDENTIFIER"),
                    text(node, "_BOOT_ID"),
                    text(node, "__CURSOR")));
        } catch (JsonProcessingException | RuntimeException e) {
            // a half-written or foreign line must not stop a live view
            return Optional.empty();
        }
    }

    /** Every line of {@code many} that parses, in order; the others are skipped. */
    public static List<JournalEntry> parse(String many) {
        List<JournalEntry> entries = new ArrayList<>();
        if (many == null) {
            return entries;
        }
        for (String line : many.split("\r?\n")) {
            parseLine(line).ifPresent(entries::add);
        }
        return entries;
    }

    /**
     * USER_UNIT first: the user manager logs "Started x.service" under its own {@code _SYSTEMD_USER_UNIT}
     * ({@code init.scope}) and names the unit it is about in {@code USER_UNIT}; a service's own output has only
     * {@code _SYSTEMD_USER_UNIT}. {@code _SYSTEMD_UNIT} is the last resort (system units, {@code user@UID.service}).
     */
    private static Optional<String> unit(JsonNode node) {
        Optional<String> unit = text(node, "USER_UNIT");
        if (unit.isEmpty()) {
            unit = text(node, "_SYSTEMD_USER_UNIT");
        }
        if (unit.isEmpty()) {
            unit = text(node, "_SYSTEMD_UNIT");
        }
        return unit;
    }

    private static OptionalInt pid(JsonNode node) {
        Optional<String> pid = text(node, "_PID");
        if (pid.isPresent()) {
            try {
                return OptionalInt.of(Integer.parseInt(pid.get().trim()));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    private static Optional<Instant> micros(String value) {
        try {
            return Optional.of(Instant.EPOCH.plus(Long.parseLong(value.trim()), ChronoUnit.MICROS));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A field's value as text: a string, decoded bytes, or the first of several values; empty when absent/null. */
    static Optional<String> text(JsonNode node, String field) {
        return value(node.get(field), true);
    }

    private static Optional<String> value(JsonNode v, boolean mayHoldSeveral) {
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isTextual()) {
            return Optional.of(v.textValue());
        }
        if (v.isNumber()) {
            return Optional.of(v.asText());
        }
        if (v.isArray()) {
            if (v.isEmpty()) {
                return Optional.of("");
            }
            if (v.get(0).isNumber()) {
                return bytes(v);
            }
            // a field that occurs several times: the first value, as sd_journal_get_data returns it
            return mayHoldSeveral ? value(v.get(0), false) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> bytes(JsonNode array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(array.size());
        for (JsonNode b : array) {
            if (!b.canConvertToInt() || b.intValue() < 0 || b.intValue() > 255) {
                return Optional.empty();
            }
            out.write(b.intValue());
        }
        // new String replaces malformed UTF-8 with U+FFFD, which is what a log view wants
        return Optional.of(new String(out.toByteArray(), StandardCharsets.UTF_8));
    }
}
