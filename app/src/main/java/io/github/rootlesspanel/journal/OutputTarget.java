package io.github.rootlesspanel.journal;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one of a service's output streams goes, read from systemd's {@code StandardOutput}/{@code StandardError}.
 *
 * @param kind where it goes
 * @param path the file, for {@link Kind#FILE}, when the unit file names one
 */
public record OutputTarget(Kind kind, Optional<String> path) {

    public enum Kind {
        /** journald ({@code journal}, {@code kmsg}, {@code syslog} and their {@code +console} forms). */
        JOURNAL,
        /** a file ({@code file:}, {@code append:}, {@code truncate:}). */
        FILE,
        /** discarded ({@code null}). */
        NULL,
        /** a terminal ({@code tty}). */
        TTY,
        /** a socket or a file descriptor the unit was handed ({@code socket}, {@code fd:}). */
        SOCKET,
        /** systemd did not say (not a service, or an old manager). */
        UNKNOWN
    }

    public OutputTarget {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }

    /** systemd's word for the stream ({@code journal+console}, {@code append}, …) and the unit file's path. */
    public static OutputTarget of(String word, Optional<String> path) {
        String w = word == null ? "" : word.trim();
        int plus = w.indexOf('+');
        String base = plus < 0 ? w : w.substring(0, plus);
        return switch (base) {
            case "journal", "kmsg", "syslog" -> new OutputTarget(Kind.JOURNAL, Optional.empty());
            case "file", "append", "truncate" -> new OutputTarget(Kind.FILE, path);
            case "null" -> new OutputTarget(Kind.NULL, Optional.empty());
            case "tty" -> new OutputTarget(Kind.TTY, Optional.empty());
            case "socket", "fd" -> new OutputTarget(Kind.SOCKET, Optional.empty());
            default -> new OutputTarget(Kind.UNKNOWN, Optional.empty());
        };
    }

    public boolean toJournal() {
        return kind == Kind.JOURNAL;
    }
}
