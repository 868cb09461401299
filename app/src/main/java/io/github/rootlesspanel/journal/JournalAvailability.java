package io.github.rootlesspanel.journal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitOutput;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * Answers "does this unit have a journal, and if not, where does its output go?": systemd's StandardOutput and
 * StandardError of the unit, the file path from its unit file and drop-ins (systemd 252 does not put it on the bus),
 * and whether journald listens at all. Blocking: run it off the UI thread.
 */
public final class JournalAvailability {

    /** journald's stream socket, where systemd connects a unit's stdout; present only while journald runs. */
    public static final Path STDOUT_SOCKET = Path.of("/run/systemd/journal/stdout");

    private final UserManager manager;
    private final Path socket;

    public JournalAvailability(UserManager manager) {
        this(manager, STDOUT_SOCKET);
    }

    /** With another socket path: tests use one where nothing listens for "no journald". */
    public JournalAvailability(UserManager manager, Path socket) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    public UnitLogging check(String unit) throws SystemdException {
        UnitOutput out = manager.output(unit);
        UnitStatus status = manager.status(unit);
        List<Path> files = new ArrayList<>();
        if (!status.fragmentPath().isEmpty()) {
            files.add(Path.of(status.fragmentPath()));
        }
        status.dropInPaths().forEach(p -> files.add(Path.of(p)));
        OutputTarget stdout = OutputTarget.of(out.standardOutput(), fileOf(files, "StandardOutput").map(p -> expand(p, unit)));
        OutputTarget stderr = "inherit".equals(out.standardError()) ? stdout
                : OutputTarget.of(out.standardError(), fileOf(files, "StandardError").map(p -> expand(p, unit)));
        return new UnitLogging(journaldListens(), stdout, stderr);
    }

    /** A stale socket file stays when journald is killed: only a connection that is accepted counts. */
    boolean journaldListens() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The path of the last {@code KEY=file:…}/{@code append:}/{@code truncate:} in the [Service] sections of the unit
     * file and its drop-ins, in systemd's order (the last assignment wins, an empty one resets).
     */
    static Optional<String> fileOf(List<Path> files, String key) {
        Optional<String> found = Optional.empty();
        for (Path f : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue; // an unreadable file says nothing; systemd's word still stands
            }
            boolean service = false;
            for (String raw : lines) {
                String line = raw.strip();
                if (line.startsWith("[")) {
                    service = line.equals("[Service]");
                } else if (service && line.startsWith(key)) {
                    String rest = line.substring(key.length()).stripLeading();
                    if (rest.startsWith("=")) {
                        found = path(rest.substring(1).strip());
                    }
                }
            }
        }
        return found;
    }

    /**
     * The specifiers a user unit's file path commonly holds ({@code %h}, {@code %t}, {@code %u}, {@code %n},
     * {@code %N}, {@code %%}), as systemd resolves them for this user; others are left as written.
     */
    static String expand(String path, String unit) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%' || i + 1 == path.length()) {
                out.append(c);
                continue;
            }
            char s = path.charAt(++i);
            String home = System.getProperty("user.home");
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            switch (s) {
                case 'h' -> out.append(home);
                case 't' -> out.append(runtime != null ? runtime : "%t");
                case 'u' -> out.append(System.getProperty("user.name"));
                case 'n' -> out.append(unit);
                case 'N' -> out.append(unit.contains(".") ? unit.substring(0, unit.lastIndexOf('.')) : unit);
                case '%' -> out.append('%');
                default -> out.append('%').append(s);
            }
        }
        return out.toString();
    }

    private static Optional<String> path(String value) {
        for (String prefix : List.of("file:", "append:", "truncate:")) {
            if (value.startsWith(prefix)) {
                return Optional.of(value.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
