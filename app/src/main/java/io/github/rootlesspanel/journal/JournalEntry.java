package io.github.rootlesspanel.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One journal entry as the panel shows it.
 *
 * @param realtime   {@code __REALTIME_TIMESTAMP}, microsecond precision
 * @param priority   {@code PRIORITY}, {@link Priority#UNKNOWN} when absent
 * @param message    {@code MESSAGE} decoded as UTF-8 (invalid bytes become U+FFFD); empty when absent or when
 *                   journalctl left it out as too large
 * @param unit       the user unit the entry is about, see {@link JournalParser}
 * @param pid        {@code _PID}
 * @param identifier {@code SYSLOG_IDENTIFIER}
 * @param bootId     {@code _BOOT_ID}
 * @param cursor     {@code __CURSOR}, for {@code --after-cursor}
 */
public record JournalEntry(Instant realtime, Priority priority, String message, Optional<String> unit,
        OptionalInt pid, Optional<String> identifier, Optional<String> bootId, Optional<String> cursor) {

    public JournalEntry {
        Objects.requireNonNull(realtime, "realtime");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(cursor, "cursor");
    }
}
