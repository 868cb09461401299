package io.github.rootlesspanel.trace;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rootless-panel --trace-startup}: one line on stderr per start-up milestone, with the milliseconds since
 * the process started (so the JVM's own start is counted), e.g. {@code trace-startup: bus-connected 412 ms}.
 * Off unless {@link #enable} was called: then {@link #mark} is one volatile read, so the hooks stay in place.
 */
public final class StartupTrace {

    /** The milestones, in the order they normally come; each is logged once, the first time it is reached. */
    public enum Milestone {
        /** main() entered. */
        JVM_START("jvm-start"),
        /** JavaFX called Application.start. */
        FX_START("fx-start"),
        /** The user manager's client is connected and subscribed. */
        BUS_CONNECTED("bus-connected"),
        /** The first pulse after which every Overview card shows a state read from systemd. */
        FIRST_STATES_RENDERED("first-states-rendered"),
        /** The window closed or the process is shutting down (a signal). */
        EXIT("exit");

        private final String word;

        Milestone(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Optional<Milestone> of(String word) {
            for (Milestone m : values()) {
                if (m.word.equals(word)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** One parsed line. */
    public record Mark(Milestone milestone, long millis) {
    }

    private static final String PREFIX = "trace-startup: ";
    private static final Pattern LINE = Pattern.compile("^" + PREFIX + "([a-z-]+) (-?\\d+) ms$");
    private static volatile StartupTrace active;

    private final Instant processStart;
    private final Clock clock;
    private final PrintStream out;
    private final Set<Milestone> seen = EnumSet.noneOf(Milestone.class);

    StartupTrace(Instant processStart, Clock clock, PrintStream out) {
        this.processStart = processStart;
        this.clock = clock;
        this.out = out;
    }

    /**
     * Turns tracing on for this process, writing to {@code out}; "exit" is also logged when the JVM shuts down
     * on a signal. The process start is the kernel's (clock-tick resolution, 10 ms on most kernels).
     */
    public static void enable(PrintStream out) {
        Instant start = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        StartupTrace t = new StartupTrace(start, Clock.systemUTC(), out);
        active = t;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> t.record(Milestone.EXIT), "trace-startup-exit"));
    }

    public static boolean enabled() {
        return active != null;
    }

    /** Logs {@code m} if tracing is on and it was not logged before; from any thread. */
    public static void mark(Milestone m) {
        StartupTrace t = active;
        if (t != null) {
            t.record(m);
        }
    }

    /** Logs {@code m} the first time; false when it was logged before. */
    boolean record(Milestone m) {
        long ms = Duration.between(processStart, clock.instant()).toMillis();
        synchronized (seen) {
            if (!seen.add(m)) {
                return false;
            }
            out.println(line(m, ms));
            out.flush();
        }
        return true;
    }

    static String line(Milestone m, long millis) {
        return PREFIX + m.word() + " " + millis + " ms";
    }

    /** The milestone of one line of the panel's stderr; empty for any other line. */
    public static Optional<Mark> parse(String line) {
        Matcher x = LINE.matcher(line.strip());
        if (!x.matches()) {
            return Optional.empty();
        }
        return Milestone.of(x.group(1)).map(m -> new Mark(m, Long.parseLong(x.group(2))));
    }
}
