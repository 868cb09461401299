package io.github.rootlesspanel.setup.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted version number found in a tool's output: "1.1.5", "v0.13.2", "1.2.0-rc.1", "2.5.4",
 * "5.10.0-28-amd64", "1.6.20~ds1", "6.18.0". Compares by its numbers; a suffix counts only when it marks a
 * pre-release (rc, alpha, beta, pre, dev), so a kernel's "-28-amd64" or Debian's "+ds1" does not make a
 * version smaller. Pure.
 */
public record VersionNumber(List<Integer> parts, String suffix, String text) implements Comparable<VersionNumber> {

    /** Not preceded by a letter, digit or dot, so "fusermount3" or "containerd/v2" yield nothing. */
    private static final Pattern VERSION =
            Pattern.compile("(?<![\\w.])[vV]?(\\d+(?:\\.\\d+)+)([-+~][0-9A-Za-z.~+-]*)?");
    private static final Pattern PRE_RELEASE = Pattern.compile("^[-~.]?(rc|alpha|beta|pre|dev)", Pattern.CASE_INSENSITIVE);

    public VersionNumber {
        parts = List.copyOf(parts);
        suffix = suffix == null ? "" : suffix;
    }

    /** The first version number in the text, if any. */
    public static Optional<VersionNumber> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        List<Integer> parts = new ArrayList<>();
        for (String p : m.group(1).split("\\.")) {
            try {
                parts.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                parts.add(Integer.MAX_VALUE);
            }
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        return Optional.of(new VersionNumber(parts, suffix, m.group(1) + suffix));
    }

    /** A version of the given numbers, for comparisons: {@code VersionNumber.of(5, 13)}. */
    public static VersionNumber of(int... numbers) {
        List<Integer> parts = new ArrayList<>();
        for (int n : numbers) {
            parts.add(n);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < numbers.length; i++) {
            sb.append(i == 0 ? "" : ".").append(numbers[i]);
        }
        return new VersionNumber(parts, "", sb.toString());
    }

    public boolean preRelease() {
        return PRE_RELEASE.matcher(suffix).find();
    }

    public int major() {
        return part(0);
    }

    public int minor() {
        return part(1);
    }

    private int part(int i) {
        return i < parts.size() ? parts.get(i) : 0;
    }

    /** At least these numbers: {@code atLeast(1, 1)} is true for 1.1.0, 1.1.5, 1.2 and false for 1.1.0-rc.1. */
    public boolean atLeast(int... numbers) {
        return compareTo(of(numbers)) >= 0;
    }

    @Override
    public int compareTo(VersionNumber o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(part(i), o.part(i));
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(!preRelease(), !o.preRelease());
    }

    @Override
    public String toString() {
        return text;
    }

    /** The numbers alone: "1.1.5" for "v1.1.5+ds1". */
    public String numbers() {
        List<String> s = new ArrayList<>();
        parts.forEach(p -> s.add(Integer.toString(p)));
        return String.join(".", s);
    }
}
