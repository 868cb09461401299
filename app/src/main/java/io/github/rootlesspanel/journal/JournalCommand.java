package io.github.rootlesspanel.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.rootlesspanel.containers.Nerdctl;

/**
 * The {@code journalctl} argument list for one user unit (run as an argument list, never through a shell):
 * {@code journalctl --user -u UNIT -o json --no-pager -n N [-f] [--priority=P] [--boot[=ID]]}.
 *
 * @param unit      a user unit name (or a glob, as {@code -u} takes)
 * @param lines     how many past entries ({@code -n}), 0 or more
 * @param follow    keep running and print new entries ({@code -f})
 * @param priority  only entries this severe or more, or empty for all
 * @param boot      empty for every boot; {@code Optional.of("")} for the current boot; otherwise a 32-hex boot ID
 */
public record JournalCommand(String unit, int lines, boolean follow, Optional<Priority> priority,
        Optional<String> boot) {

    public static final String JOURNALCTL = "journalctl";
    public static final int DEFAULT_LINES = 500;

    public JournalCommand {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(boot, "boot");
        if (unit.isBlank() || unit.startsWith("-") || unit.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("not a unit name: '" + unit + "'");
        }
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be 0 or more: " + lines);
        }
        if (priority.isPresent() && priority.get() == Priority.UNKNOWN) {
            throw new IllegalArgumentException("UNKNOWN is not a priority filter");
        }
        if (boot.isPresent() && !boot.get().isEmpty() && !boot.get().matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a boot ID: '" + boot.get() + "'");
        }
    }

    /** The last {@link #DEFAULT_LINES} entries of {@code unit}, every priority and boot, not following. */
    public static JournalCommand forUnit(String unit) {
        return new JournalCommand(unit, DEFAULT_LINES, false, Optional.empty(), Optional.empty());
    }

    public JournalCommand withLines(int n) {
        return new JournalCommand(unit, n, follow, priority, boot);
    }

    public JournalCommand following(boolean f) {
        return new JournalCommand(unit, lines, f, priority, boot);
    }

    public JournalCommand withPriority(Priority p) {
        return new JournalCommand(unit, lines, follow, Optional.of(p), boot);
    }

    public JournalCommand currentBoot() {
        return new JournalCommand(unit, lines, follow, priority, Optional.of(""));
    }

    public JournalCommand withBoot(String bootId) {
        return new JournalCommand(unit, lines, follow, priority, Optional.of(bootId));
    }

    /** {@code --all}: without it journalctl leaves MESSAGE out (null) when it is longer than 4096 bytes. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(List.of(JOURNALCTL, "--user", "-u", unit, "-o", "json", "--no-pager", "--all",
                "-n", Integer.toString(lines)));
        if (follow) {
            argv.add("-f");
        }
        priority.ifPresent(p -> argv.add("--priority=" + p.word()));
        // with "=" for an ID, and last when bare: journalctl takes the word after a bare --boot as its argument
        // when it looks like a boot ID or offset
        boot.ifPresent(b -> argv.add(b.isEmpty() ? "--boot" : "--boot=" + b));
        return List.copyOf(argv);
    }

    /** What the user would type in a terminal: {@code -o json} becomes {@code -o short-iso} and follows. */
    public String terminalText() {
        List<String> argv = new ArrayList<>(argv());
        argv.set(argv.indexOf("-o") + 1, "short-iso"); // "-o" cannot be the unit, "json" can
        argv.remove("--no-pager");
        argv.remove("--all");
        if (!follow) {
            argv.add(argv.indexOf("-n") + 2, "-f");
        }
        return display(argv);
    }

    /** An argument list as shell-quoted text, for showing and copying only. */
    public static String display(List<String> argv) {
        return Nerdctl.display(argv);
    }
}
