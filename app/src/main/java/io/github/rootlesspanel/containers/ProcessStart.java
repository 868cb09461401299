package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, from {@code /proc}: field 22 of {@code /proc/<pid>/stat} ({@code starttime}, clock
 * ticks since boot) plus {@code btime} of {@code /proc/stat} (the boot, in seconds since the epoch). containerd's
 * task has no start time; its init process's start is the container's "Up ..." (to the second).
 */
public final class ProcessStart {

    /**
     * The kernel's {@code USER_HZ}, what {@code sysconf(_SC_CLK_TCK)} answers: 100 on every architecture a
     * rootless containerd host runs (x86, arm, arm64, ppc64, s390x, riscv); Java cannot ask sysconf.
     */
    static final long TICKS_PER_SECOND = 100;

    private ProcessStart() {
    }

    /** When process {@code pid} started; empty when unreadable (gone, or no /proc). Blocking (two small reads). */
    public static Optional<Instant> of(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        return parse(stat, read(Path.of("/proc/stat")), TICKS_PER_SECOND);
    }

    /**
     * Pure. {@code procPidStat} is {@code pid (comm) state ppid ...}: comm may hold spaces and ')' (a process can
     * name itself {@code a) b}), so the fields are counted from the last ')'; field 3 is the first after it.
     */
    static Optional<Instant> parse(String procPidStat, String procStat, long ticksPerSecond) {
        if (procPidStat == null || procStat == null || ticksPerSecond <= 0) {
            return Optional.empty();
        }
        int close = procPidStat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = procPidStat.substring(close + 1).strip().split("\\s+");
        final int starttime = 22 - 3;   // index of field 22 when field 3 is at 0
        if (fields.length <= starttime) {
            return Optional.empty();
        }
        long ticks;
        try {
            ticks = Long.parseLong(fields[starttime]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<Long> btime = btime(procStat);
        if (btime.isEmpty() || ticks < 0) {
            return Optional.empty();
        }
        long seconds = ticks / ticksPerSecond;
        long nanos = (ticks % ticksPerSecond) * 1_000_000_000L / ticksPerSecond;
        return Optional.of(Instant.ofEpochSecond(btime.get() + seconds, nanos));
    }

    private static Optional<Long> btime(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("btime ")) {
                try {
                    return Optional.of(Long.parseLong(line.substring(6).strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
