package io.github.rootlesspanel.containerdconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

import io.github.rootlesspanel.config.containerd.ConfigMerge;
import io.github.rootlesspanel.config.containerd.Conflict;
import io.github.rootlesspanel.config.containerd.Snapshotter;
import io.github.rootlesspanel.config.containerd.SnapshotterStanza;

/**
 * The invariants of a merge, checked independently of the merge's own code: tomlj for what the file means, a
 * plain line scan for how many times a header is written, a line LCS for what changed.
 */
final class Checks {

    static final Set<Snapshotter> FUSE = EnumSet.of(Snapshotter.FUSE_OVERLAYFS);
    static final Set<Snapshotter> STARGZ = EnumSet.of(Snapshotter.STARGZ);
    static final Set<Snapshotter> BOTH = EnumSet.allOf(Snapshotter.class);
    static final List<Set<Snapshotter>> SETS = List.of(FUSE, STARGZ, BOTH);

    private Checks() {
    }

    static TomlParseResult parse(String text) {
        TomlParseResult r = Toml.parse(text, TomlParseOptions.sourceless().withVersion(TomlVersion.V1_0_0));
        assertThat(r.errors()).as("tomlj errors").isEmpty();
        return r;
    }

    static Object get(TomlTable t, List<String> path) {
        try {
            return t.get(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The header lines ({@code [a.b]} / {@code [[a.b]]}) with the given key path, skipping the insides of
     * multi-line strings (a line with an odd number of {@code """} or {@code '''} opens or closes one).
     */
    static int headerLines(String text, List<String> path) {
        int count = 0;
        boolean inString = false;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            boolean toggles = (occurrences(line, "\"\"\"") + occurrences(line, "'''")) % 2 == 1;
            if (!inString && line.startsWith("[")) {
                String inner = line.startsWith("[[") ? line.substring(2, line.indexOf("]]"))
                        : line.substring(1, closingBracket(line));
                if (Toml.parseDottedKey(inner.strip()).equals(path)) {
                    count++;
                }
            }
            if (toggles) {
                inString = !inString;
            }
        }
        return count;
    }

    private static int closingBracket(String line) {
        // the first ']' outside quotes
        boolean dq = false;
        boolean sq = false;
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && !sq) {
                dq = !dq;
            } else if (c == '\'' && !dq) {
                sq = !sq;
            } else if (c == ']' && !dq && !sq) {
                return i;
            }
        }
        throw new AssertionError("no ] in " + line);
    }

    private static int occurrences(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    /**
     * The lines only in {@code before} ('-') or only in {@code after} ('+'), by a longest common subsequence over
     * lines (split at '\n'; the empty string after a final line break is not a line, so a last line without one
     * compares equal to the same line with one).
     */
    static List<String> diffLines(String before, String after, char sign) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j >= m || i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
                if (sign == '-') {
                    out.add(a.get(i));
                }
                i++;
            } else {
                if (sign == '+') {
                    out.add(b.get(j));
                }
                j++;
            }
        }
        return out;
    }

    static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> l = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    static long unpackCount(TomlTable t, String snapshotter) {
        Object a = get(t, SnapshotterStanza.UNPACK_CONFIG);
        long n = 0;
        if (a instanceof TomlArray arr) {
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i) instanceof TomlTable el && snapshotter.equals(el.get("snapshotter"))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** What must hold after {@code enable(in, which)} gave {@code out} with {@code conflicts}. */
    static void enabled(String in, Set<Snapshotter> which, String out, List<Conflict> conflicts) {
        enabled(in, which, out, conflicts, Corpus.DIRS);
    }

    /** {@link #enabled(String, Set, String, List)} for a merge made with other directories. */
    static void enabled(String in, Set<Snapshotter> which, String out, List<Conflict> conflicts,
                        io.github.rootlesspanel.config.containerd.UserDirs dirs) {
        TomlParseResult before = parse(in);
        TomlParseResult after = parse(out);
        List<String> pp = List.of(SnapshotterStanza.PROXY_PLUGINS);
        // one [proxy_plugins]: tomlj has one table, the file at most one header, a new one only if there was none
        assertThat(headerLines(out, pp)).as("[proxy_plugins] header lines").isLessThanOrEqualTo(1);
        if (before.contains("proxy_plugins")) {
            assertThat(headerLines(out, pp)).as("[proxy_plugins] header lines").isEqualTo(headerLines(in, pp));
        } else if (after.contains("proxy_plugins")) {
            assertThat(after.isTable("proxy_plugins")).isTrue();
            assertThat(headerLines(out, pp)).as("a new [proxy_plugins]").isEqualTo(1);
        }
        // only added lines, each marked (a file that has the panel's lines may see their markers change)
        if (in.contains(ConfigMerge.MARK)) {
            assertThat(diffLines(in, out, '-')).as("removed lines").allMatch(l -> l.contains(ConfigMerge.MARK));
        } else {
            assertThat(diffLines(in, out, '-')).as("removed lines").isEmpty();
        }
        assertThat(diffLines(in, out, '+')).as("added lines").allMatch(l -> l.contains(ConfigMerge.MARK));
        for (Snapshotter s : which) {
            SnapshotterStanza st = SnapshotterStanza.of(s, dirs);
            assertThat(headerLines(out, st.pluginTable())).as("headers of " + st.pluginTable()).isLessThanOrEqualTo(1);
            assertThat(headerLines(out, st.exportsTable())).as("headers of " + st.exportsTable()).isLessThanOrEqualTo(1);
            for (SnapshotterStanza.Setting x : st.settings()) {
                Object now = get(after, x.path());
                boolean reported = conflicts.stream().anyMatch(c -> c.key().equals(x.dottedKey()));
                if (reported) {
                    assertThat(now).as("the user's " + x.dottedKey() + " is kept").isEqualTo(get(before, x.path()));
                } else {
                    assertThat(now).as(x.dottedKey()).isEqualTo(x.value());
                }
            }
        }
        if (!which.isEmpty()) {
            List<String> names = new ArrayList<>(which.stream().map(Snapshotter::pluginName).toList());
            names.add(SnapshotterStanza.OVERLAYFS);
            for (String n : names) {
                long b = unpackCount(before, n);
                long a = unpackCount(after, n);
                assertThat(a).as("unpack entries for " + n).isBetween(b, Math.max(b, 1));
                if (a == 0) {
                    assertThat(conflicts).as("why there is no unpack entry for " + n)
                            .anyMatch(c -> c.key().equals("plugins.\"io.containerd.transfer.v1.local\".unpack_config"));
                }
            }
        }
    }

    /** What must hold after {@code disable(in)} gave {@code out}: only marked lines went or had their marker changed. */
    static void disabled(String in, String out) {
        parse(out);
        assertThat(diffLines(in, out, '+')).as("added lines").allMatch(l -> l.contains(ConfigMerge.MARK));
        assertThat(diffLines(in, out, '-')).as("removed lines").allMatch(l -> l.contains(ConfigMerge.MARK));
        assertThat(headerLines(out, List.of("proxy_plugins"))).isLessThanOrEqualTo(1);
    }
}
