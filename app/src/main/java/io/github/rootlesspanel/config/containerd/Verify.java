package io.github.rootlesspanel.config.containerd;

import static io.github.rootlesspanel.config.containerd.TomlLayout.keyText;

import java.util.List;
import java.util.regex.Pattern;

import org.tomlj.Toml;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

import io.github.rootlesspanel.config.containerd.TomlLayout.Statement;

/**
 * The checks every merge passes before its text is returned. A failure is a bug in the merge, never the user's
 * doing (their file was valid TOML), so it throws {@link IllegalStateException} and nothing is written.
 */
final class Verify {

    private static final Pattern MARKED_LINE = Pattern.compile(".*\\s" + Pattern.quote(ConfigMerge.MARK) + "[a-z-]+(,[a-z-]+)*\r?");

    private Verify() {
    }

    static boolean isMarked(String line) {
        return MARKED_LINE.matcher(line).matches();
    }

    static void enabled(String in, TomlParseResult orig, String out, List<Snapshotter> order, UserDirs dirs,
            ConfigMerge.Editor e) {
        TomlParseResult after = parseOrFail(out);
        TomlLayout lay = TomlLayout.of(out);
        oneProxyPlugins(lay);
        onlyMarkedLines(TomlLayout.splitLines(in), TomlLayout.splitLines(out), "added");
        if (!in.isEmpty() && in.endsWith("\n") != out.endsWith("\n")) {
            throw new IllegalStateException("merge changed the file's final line break");
        }
        for (Snapshotter s : order) {
            for (SnapshotterStanza.Setting st : SnapshotterStanza.of(s, dirs).settings()) {
                boolean reported = e.conflicts.stream().anyMatch(c -> c.key().equals(st.dottedKey()));
                if (!reported && !st.value().equals(ConfigMerge.get(after, st.path()))) {
                    throw new IllegalStateException("after the merge " + st.dottedKey() + " is "
                            + ConfigMerge.get(after, st.path()) + ", not " + st.value());
                }
            }
        }
        if (!order.isEmpty()) {
            List<String> names = new java.util.ArrayList<>(order.stream().map(Snapshotter::pluginName).toList());
            names.add(SnapshotterStanza.OVERLAYFS);
            String u = keyText(SnapshotterStanza.UNPACK_CONFIG);
            for (String name : names) {
                long before = ConfigMerge.unpackEntries(orig).stream().filter(x -> name.equals(x[1])).count();
                long now = ConfigMerge.unpackEntries(after).stream().filter(x -> name.equals(x[1])).count();
                long added = e.addedUnpack.stream().filter(name::equals).count();
                if (now != before + added || added > 1) {
                    throw new IllegalStateException("unpack_config has " + now + " entries for " + name + ", expected "
                            + (before + added));
                }
                boolean reported = e.conflicts.stream().anyMatch(c -> c.key().equals(u) && c.wanted().contains('"' + name + '"'));
                if (now == 0 && !reported && e.unpackWanted.contains(name)) {
                    throw new IllegalStateException("unpack_config has no entry for " + name);
                }
            }
        }
    }

    static TomlParseResult disabled(String in, String out, boolean[] removed, TomlLayout before) {
        TomlParseResult after = parseOrFail(out);
        oneProxyPlugins(TomlLayout.of(out));
        for (int i = 0; i < removed.length; i++) {
            if (removed[i] && !isMarked(before.lines().get(i))) {
                throw new IllegalStateException("disable would remove line " + (i + 1) + ", which the panel did not add");
            }
        }
        onlyMarkedLines(TomlLayout.splitLines(out), TomlLayout.splitLines(in), "removed");
        return after;
    }

    private static TomlParseResult parseOrFail(String out) {
        TomlParseResult r = Toml.parse(out, TomlParseOptions.sourceless().withVersion(TomlVersion.V1_0_0));
        if (r.hasErrors()) {
            throw new IllegalStateException("the merged file is not valid TOML: " + r.errors());
        }
        return r;
    }

    /** At most one definition of proxy_plugins: one [proxy_plugins] header or one proxy_plugins = {…}. */
    private static void oneProxyPlugins(TomlLayout lay) {
        int defs = 0;
        for (Statement s : lay.statements()) {
            if ((s.kind() == TomlLayout.Kind.TABLE || s.kind() == TomlLayout.Kind.KEY_VALUE)
                    && lay.absoluteKey(s).equals(List.of(SnapshotterStanza.PROXY_PLUGINS))) {
                defs++;
            }
        }
        if (defs > 1) {
            throw new IllegalStateException("proxy_plugins is defined " + defs + " times");
        }
    }

    /**
     * {@code small} is {@code big} without some lines, and each of those carries the panel's marker. Marked lines
     * are compared without their marker (the owners in it may change), never equal to an unmarked line.
     */
    private static void onlyMarkedLines(List<String> small, List<String> big, String verb) {
        int j = 0;
        for (String line : big) {
            if (j < small.size() && norm(line).equals(norm(small.get(j)))) {
                j++;
            } else if (!isMarked(line)) {
                throw new IllegalStateException("merge " + verb + " a line without the panel's marker: " + line);
            }
        }
        if (j != small.size()) {
            throw new IllegalStateException("merge lost line " + (j + 1) + " of the file: " + small.get(j));
        }
    }

    private static String norm(String line) {
        if (!isMarked(line)) {
            return line;
        }
        return "\u0000" + line.substring(0, line.lastIndexOf(ConfigMerge.MARK));
    }
}
