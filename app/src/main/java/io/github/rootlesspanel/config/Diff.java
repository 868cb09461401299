package io.github.rootlesspanel.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff for showing what a write would change, in unified form ({@code -} old, {@code +} new,
 * three lines of context). Longest-common-subsequence over lines; the panel's files are small. Pure.
 */
public final class Diff {

    private static final int CONTEXT = 3;
    private static final int MAX_LINES = 5_000;

    private Diff() {
    }

    /**
     * A unified diff that {@code patch(1)} applies: {@code --- name}, {@code +++ name} and hunks with
     * {@code @@ -start,count +start,count @@} headers. Texts are compared line by line; a missing final
     * newline is written as patch expects ("\\ No newline at end of file").
     */
    public static String unified(String before, String after, String name) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            return "(files too large to compare line by line)";
        }
        List<String[]> ops = ops(a, b); // each: {op, line} with op " ", "-", "+"
        int n = ops.size();
        int[] oldNo = new int[n + 1];
        int[] newNo = new int[n + 1];
        for (int i = 0, o = 0, w = 0; i < n; i++) {
            oldNo[i] = o;
            newNo[i] = w;
            if (!ops.get(i)[0].equals("+")) {
                o++;
            }
            if (!ops.get(i)[0].equals("-")) {
                w++;
            }
            oldNo[i + 1] = o;
            newNo[i + 1] = w;
        }
        StringBuilder sb = new StringBuilder("--- ").append(name).append("\n+++ ").append(name).append('\n');
        boolean any = false;
        int i = 0;
        while (i < n) {
            if (ops.get(i)[0].equals(" ")) {
                i++;
                continue;
            }
            any = true;
            int start = Math.max(0, i - CONTEXT);
            int lastChange = i;
            int k = i;
            while (k < n && k - lastChange <= 2 * CONTEXT) {
                if (!ops.get(k)[0].equals(" ")) {
                    lastChange = k;
                }
                k++;
            }
            int end = Math.min(n, lastChange + CONTEXT + 1);
            int oldCount = oldNo[end] - oldNo[start];
            int newCount = newNo[end] - newNo[start];
            sb.append("@@ -").append(range(oldNo[start], oldCount)).append(" +").append(range(newNo[start], newCount))
                    .append(" @@\n");
            for (int j = start; j < end; j++) {
                String[] op = ops.get(j);
                sb.append(op[0]).append(op[1].endsWith(NO_EOL) ? op[1].substring(0, op[1].length() - NO_EOL.length())
                        : op[1]).append('\n');
                if (op[1].endsWith(NO_EOL)) {
                    sb.append("\\ No newline at end of file\n");
                }
            }
            i = end;
        }
        return any ? sb.toString() : "(no changes)\n";
    }

    /** Marks the last line of a text without a final newline, so "a" and "a\n" differ as patch sees it. */
    private static final String NO_EOL = "\u0000noeol";

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        } else {
            out.set(out.size() - 1, out.get(out.size() - 1) + NO_EOL);
        }
        return out;
    }

    private static String range(int zeroBasedStart, int count) {
        // unified format: 1-based start; an empty range names the line before it
        int start = count == 0 ? zeroBasedStart : zeroBasedStart + 1;
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<String[]> ops(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new String[] {" ", a.get(i)});
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new String[] {"-", a.get(i++)});
            } else {
                out.add(new String[] {"+", b.get(j++)});
            }
        }
        while (i < n) {
            out.add(new String[] {"-", a.get(i++)});
        }
        while (j < m) {
            out.add(new String[] {"+", b.get(j++)});
        }
        return out;
    }
}
