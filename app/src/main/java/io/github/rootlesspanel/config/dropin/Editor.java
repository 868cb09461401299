package io.github.rootlesspanel.config.dropin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One edit of a parsed drop-in: character edits inside physical lines, whole lines deleted and lines inserted.
 * Every line not named by an edit is copied unchanged, and lines are joined again with the file's own newline
 * convention, so the rest of the file stays byte for byte what it was.
 */
final class Editor {

    private record Edit(int from, int to, String replacement) { }

    private final Syntax syntax;
    private final Map<Integer, List<Edit>> edits = new HashMap<>();
    private final Set<Integer> deleted = new HashSet<>();
    private final Map<Integer, List<String>> insertedAfter = new HashMap<>();
    private final List<String> appended = new ArrayList<>();

    Editor(Syntax syntax) {
        this.syntax = syntax;
    }

    /** Replaces the characters of logical {@code [from, to)}; continuation backslashes in between stay. */
    void replace(Syntax.Logical l, int from, int to, String replacement) {
        List<int[]> runs = runs(l, from, to);
        for (int i = 0; i < runs.size(); i++) {
            edit(runs.get(i), i == 0 ? replacement : "");
        }
    }

    void delete(Syntax.Logical l, int from, int to) {
        for (int[] run : runs(l, from, to)) {
            edit(run, "");
        }
    }

    /** Deletes every non-comment line of a logical line; comment lines inside a continuation stay. */
    void deleteLogical(Syntax.Logical l) {
        deleted.addAll(l.segments);
    }

    void insertAfter(int line, String content) {
        insertedAfter.computeIfAbsent(line, k -> new ArrayList<>()).add(content);
    }

    void append(String content) {
        appended.add(content);
    }

    /**
     * After words were removed from a continued line: a later segment left with nothing but blanks (and its
     * continuation backslash) is deleted; if that was the last segment, the segment before it no longer
     * continues.
     */
    void tidy(Syntax.Logical l) {
        List<Integer> segs = l.segments;
        boolean lastGone = false;
        for (int k = segs.size() - 1; k >= 1; k--) {
            int li = segs.get(k);
            if (!edits.containsKey(li)) {
                continue;
            }
            String c = content(li);
            boolean last = k == segs.size() - 1;
            String body = last ? c : c.substring(0, c.length() - 1);
            if (body.chars().allMatch(ch -> Syntax.isBlank((char) ch))) {
                deleted.add(li);
                lastGone |= last;
            }
        }
        if (!lastGone) {
            return;
        }
        for (int k = segs.size() - 1; k >= 0; k--) {
            int li = segs.get(k);
            if (deleted.contains(li)) {
                continue;
            }
            String c = content(li);
            int end = c.length() - 1; // the continuation backslash
            while (end > 0 && Syntax.isBlank(c.charAt(end - 1))) {
                end--;
            }
            Syntax.Line line = syntax.lines.get(li);
            // one edit replacing the whole original line with its edited content, backslash and blanks dropped
            edits.put(li, new ArrayList<>(List.of(new Edit(0, line.end() - line.start(), c.substring(0, end)))));
            return;
        }
    }

    String result() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < syntax.lines.size(); i++) {
            if (!deleted.contains(i)) {
                out.add(content(i));
            }
            out.addAll(insertedAfter.getOrDefault(i, List.of()));
        }
        out.addAll(appended);
        if (out.isEmpty()) {
            return "";
        }
        boolean newline = syntax.lines.isEmpty() || syntax.trailingNewline;
        return String.join("\n", out) + (newline ? "\n" : "");
    }

    /** The current content of a physical line, with its edits applied. */
    private String content(int li) {
        Syntax.Line line = syntax.lines.get(li);
        String original = syntax.text.substring(line.start(), line.end());
        List<Edit> list = edits.get(li);
        if (list == null) {
            return original;
        }
        List<Edit> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(Edit::from).reversed());
        StringBuilder sb = new StringBuilder(original);
        int limit = Integer.MAX_VALUE;
        for (Edit e : sorted) {
            if (e.to() > limit) {
                throw new IllegalStateException("overlapping edits on line " + (li + 1));
            }
            sb.replace(e.from(), e.to(), e.replacement());
            limit = e.from();
        }
        return sb.toString();
    }

    private void edit(int[] run, String replacement) {
        int li = run[0];
        int start = syntax.lines.get(li).start();
        edits.computeIfAbsent(li, k -> new ArrayList<>()).add(new Edit(run[1] - start, run[2] - start, replacement));
    }

    /** The physical runs {line, from, to} (absolute offsets) of logical {@code [from, to)}, minus synthetic blanks. */
    private List<int[]> runs(Syntax.Logical l, int from, int to) {
        List<int[]> runs = new ArrayList<>();
        int i = from;
        while (i < to) {
            if (l.synthetic.get(i)) {
                i++;
                continue;
            }
            int a = l.map[i];
            int b = a + 1;
            i++;
            while (i < to && !l.synthetic.get(i) && l.map[i] == b) {
                b++;
                i++;
            }
            runs.add(new int[] {lineOf(a), a, b});
        }
        return runs;
    }

    private int lineOf(int offset) {
        return syntax.position(offset)[0] - 1;
    }
}
