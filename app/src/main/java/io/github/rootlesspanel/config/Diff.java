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

    public static String unified(String before, String after, String name) {
        List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
        List<String> b = after.isEmpty() ? List.of() : List.of(after.split("\n", -1));
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            return "(files too large to compare line by line)";
        }
        List<String[]> ops = ops(a, b); // each: {op, line} with op " ", "-", "+"
        StringBuilder sb = new StringBuilder("--- ").append(name).append(" (now)\n+++ ").append(name)
                .append(" (after)\n");
        boolean any = false;
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0].equals(" ")) {
                i++;
                continue;
            }
            any = true;
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are close together
            int lastChange = i;
            while (end < ops.size() && end - lastChange <= 2 * CONTEXT) {
                if (!ops.get(end)[0].equals(" ")) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            sb.append("@@\n");
            for (int k = start; k < end; k++) {
                sb.append(ops.get(k)[0]).append(ops.get(k)[1]).append('\n');
            }
            i = end;
        }
        return any ? sb.toString() : "(no changes)\n";
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
