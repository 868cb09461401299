package io.github.rootlesspanel.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code /etc/subuid} and {@code /etc/subgid}: one {@code OWNER:START:COUNT} per line, OWNER a user
 * name or a numeric uid (shadow's own rule: a line matches a user by name or by uid). Blank lines, comments
 * and malformed lines are skipped, as newuidmap skips them. Pure: no I/O.
 */
public final class SubIdParser {

    /** IDs newuidmap/newgidmap may map for a user; {@code count} ids starting at {@code start}. */
    public record Range(String owner, long start, long count) {
        /** Last id in the range (inclusive). */
        public long end() {
            return start + count - 1;
        }

        @Override
        public String toString() {
            return owner + ":" + start + ":" + count;
        }
    }

    /** Where {@link #nextFreeStart} begins when nothing is allocated: what useradd uses (SUB_UID_MIN). */
    public static final long DEFAULT_START = 100_000;

    private SubIdParser() {
    }

    /** Every well-formed line of the file, in order. */
    public static List<Range> parse(String content) {
        List<Range> out = new ArrayList<>();
        if (content == null) {
            return out;
        }
        for (String raw : content.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length != 3 || f[0].isEmpty()) {
                continue;
            }
            try {
                long start = Long.parseLong(f[1].strip());
                long count = Long.parseLong(f[2].strip());
                if (start < 0 || count <= 0) {
                    continue;
                }
                out.add(new Range(f[0].strip(), start, count));
            } catch (NumberFormatException e) {
                // not a range line: skipped, like newuidmap does
            }
        }
        return out;
    }

    /** The lines that belong to this user, by name or by uid. */
    public static List<Range> forUser(List<Range> all, String name, int uid) {
        String id = Integer.toString(uid);
        return all.stream().filter(r -> r.owner().equals(name) || r.owner().equals(id)).toList();
    }

    /** The first id after every allocated range (at least {@link #DEFAULT_START}): a free place for a new range. */
    public static long nextFreeStart(List<Range> all) {
        long next = DEFAULT_START;
        for (Range r : all) {
            next = Math.max(next, r.start() + r.count());
        }
        return next;
    }

    /** The largest single range (a user namespace maps one contiguous block per line). */
    public static long largestCount(List<Range> ranges) {
        return ranges.stream().mapToLong(Range::count).max().orElse(0);
    }
}
