package io.github.rootlesspanel.ui.logs;

import java.util.Objects;

import io.github.rootlesspanel.journal.JournalEntry;

/**
 * One journal line as the Logs screen shows it.
 *
 * @param entry        what journald stored
 * @param time         the local time, to the millisecond
 * @param priorityText the priority in words (colour is never the only sign)
 * @param source       the program and its PID, {@code sh[1234]}
 * @param marked       the line is around the time the screen was opened for (a failure)
 */
public record LogRow(JournalEntry entry, String time, String priorityText, String source, boolean marked) {

    public LogRow {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(priorityText, "priorityText");
        Objects.requireNonNull(source, "source");
    }

    public String message() {
        return entry.message();
    }

    /** The line as it is copied: like {@code journalctl -o short-iso}, with the priority in words. */
    public String copyText() {
        return time + " " + priorityText + " " + source + ": " + entry.message();
    }
}
