package io.github.rootlesspanel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the kernel says about this JVM: CPU time (utime+stime, in clock ticks of 10 ms) of the whole process from
 * /proc/self/stat and of each thread from /proc/self/task/TID/stat, context switches (voluntary + nonvoluntary:
 * each one a wake-up or a preemption) from /proc/self/task/TID/status, and VmRSS. Threads that end between two
 * readings drop out of the per-thread numbers but not of the process's CPU time.
 */
final class ProcSelf {

    static final double TICK_MS = 10.0;   // USER_HZ is 100 on Linux

    record ThreadTimes(long tid, String name, long ticks, long switches) {
    }

    record Reading(long nanos, long processTicks, Map<Long, ThreadTimes> threads) {
        long switches() {
            return threads.values().stream().mapToLong(ThreadTimes::switches).sum();
        }
    }

    private ProcSelf() {
    }

    static Reading read() {
        long now = System.nanoTime();
        long process = ticks(readOrEmpty(Path.of("/proc/self/stat")));
        Map<Long, ThreadTimes> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                String stat = readOrEmpty(t.resolve("stat"));
                String status = readOrEmpty(t.resolve("status"));
                if (stat.isEmpty() || status.isEmpty()) {
                    continue;   // ended meanwhile
                }
                long tid = Long.parseLong(t.getFileName().toString());
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                threads.put(tid, new ThreadTimes(tid, name, ticks(stat),
                        field(status, "voluntary_ctxt_switches:") + field(status, "nonvoluntary_ctxt_switches:")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reading(now, process, threads);
    }

    /** Percent of one core between two readings. */
    static double cpuPercent(Reading a, Reading b) {
        double ms = (b.processTicks() - a.processTicks()) * TICK_MS;
        return 100.0 * ms / ((b.nanos() - a.nanos()) / 1e6);
    }

    /** Context switches per second summed over the threads alive at both readings. */
    static double wakeupsPerSecond(Reading a, Reading b) {
        long n = 0;
        for (ThreadTimes t : b.threads().values()) {
            ThreadTimes was = a.threads().get(t.tid());
            n += t.switches() - (was == null ? 0 : was.switches());
        }
        return n / ((b.nanos() - a.nanos()) / 1e9);
    }

    /** The threads that used most CPU and woke most between two readings, as one line for a report's note. */
    static String topThreads(Reading a, Reading b, int count) {
        record Delta(String name, long ticks, long switches) {
        }
        List<Delta> d = new ArrayList<>();
        for (ThreadTimes t : b.threads().values()) {
            ThreadTimes was = a.threads().get(t.tid());
            long ticks = t.ticks() - (was == null ? 0 : was.ticks());
            long sw = t.switches() - (was == null ? 0 : was.switches());
            if (ticks > 0 || sw > 0) {
                d.add(new Delta(t.name() + (was == null ? " (new)" : ""), ticks, sw));
            }
        }
        double secs = (b.nanos() - a.nanos()) / 1e9;
        d.sort((x, y) -> x.ticks() != y.ticks() ? Long.compare(y.ticks(), x.ticks())
                : Long.compare(y.switches(), x.switches()));
        StringBuilder s = new StringBuilder();
        for (Delta x : d.subList(0, Math.min(count, d.size()))) {
            s.append(s.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %.0f ms CPU, %.1f wake-ups/s",
                    x.name(), x.ticks() * TICK_MS, x.switches() / secs));
        }
        return s.length() == 0 ? "no thread ran" : s.toString();
    }

    /** VmRSS in MiB. */
    static double rssMiB() {
        return field(readOrEmpty(Path.of("/proc/self/status")), "VmRSS:") / 1024.0;
    }

    private static long ticks(String stat) {
        if (stat.isEmpty()) {
            return 0;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long field(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            // a thread that ended while read
            return "";
        }
    }
}
