package io.github.rootlesspanel.config.containerd;

import static io.github.rootlesspanel.config.containerd.TomlLayout.concat;
import static io.github.rootlesspanel.config.containerd.TomlLayout.keyText;
import static io.github.rootlesspanel.config.containerd.TomlLayout.quote;
import static io.github.rootlesspanel.config.containerd.TomlLayout.startsWith;
import static io.github.rootlesspanel.config.containerd.TomlLayout.strictPrefix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseOptions;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

import io.github.rootlesspanel.config.containerd.TomlLayout.Section;
import io.github.rootlesspanel.config.containerd.TomlLayout.Statement;

/**
 * Merges the fuse-overlayfs and stargz stanzas ({@link SnapshotterStanza}) into the user's
 * {@code ~/.config/containerd/config.toml} and takes them out again. Pure: text in, text out.
 *
 * <p><b>How.</b> The merge works on the lines of the file: it inserts whole lines, and every line it inserts ends
 * in a marker comment naming the snapshotters it is there for, {@code # rootless-panel:fuse-overlayfs},
 * {@code # rootless-panel:stargz}, or both ({@code # rootless-panel:fuse-overlayfs,stargz}: the one
 * {@code overlayfs} unpack entry both rely on). Every other byte of the file stays as it was, comments and layout
 * included; the only existing lines it ever changes are its own markers, when a second snapshotter comes to rely
 * on a line the first one added. {@link #disable} takes the snapshotters out of the markers and removes the lines
 * no snapshotter is left on, so {@code disable(enable(x)) == x} byte for byte. The markers are what makes that
 * possible at all: a stanza the user pasted from the setup tool and the same stanza added by the panel would
 * otherwise be the same text, and disable could not both keep the one and remove the other.
 *
 * <p><b>Where.</b> tomlj (TOML 1.0, as containerd's go-toml) checks the input and the output and tells what is
 * already set; {@link TomlLayout} tells how and where each table is written:
 * <ul>
 * <li>a missing key of a table written with a {@code [header]} goes after that table's last key (same indentation);
 * <li>a missing key of a table made by dotted keys ({@code fuse-overlayfs.type = …}) is added as a dotted key after
 *     the last one, in the same section;
 * <li>a missing table gets a {@code [header]} block after the last section of its parent's family (so new
 *     {@code [proxy_plugins.X]} tables join the existing proxy plugins, {@code exports} follows its plugin), or at the
 *     end of the file when the parent has no sections; when there is no {@code proxy_plugins} at all, a
 *     {@code [proxy_plugins]} header comes first (one, never a second one);
 * <li>a new {@code unpack_config} element goes after the last existing one, or after the transfer plugin's own
 *     sections, or at the end of the file;
 * <li>tables written inline ({@code x = { … }}) or as a static array ({@code unpack_config = [ … ]}) are never
 *     rewritten: what is missing there is reported as {@link Conflict.Kind#CANNOT_ADD}; a snapshotter whose proxy
 *     plugin has no type or address after the merge gets no unpack entry (containerd's transfer service fails on an
 *     unpack entry for a snapshotter it does not have).
 * </ul>
 * A {@code [proxy_plugins]} header or {@code version} line the merge adds belongs to the snapshotter whose lines
 * came first; the {@code overlayfs} unpack entry to every snapshotter that relies on it.
 *
 * <p><b>Conflicts.</b> A key the user already set to another value (another {@code address}, a boolean
 * {@code enable_remote_snapshot_annotations}, an unpack entry for the snapshotter with another platform) is kept and
 * reported ({@link Conflict.Kind#DIFFERENT_VALUE}); keys set to the same value are left alone, so a file with the
 * setup tool's snippet already pasted gets nothing added.
 *
 * <p><b>Version.</b> The stanzas read the same in version 2 and 3 files (see {@link SnapshotterStanza}); a
 * {@code version} the file has is never touched. When the file has none, {@code version = 2} (which containerd 1.x
 * and 2.x both read) is added with the stanzas, before the first statement, but only when nothing else in the file
 * depends on the version-1 reading a file without {@code version} gets: not when a {@code plugins} key is a short
 * version-1 plugin ID ({@code [plugins.cri]}, {@code [plugins.opt]}; version 2 would stop recognising it), and not
 * when the file {@code imports} others (their version handling is theirs). Then the file stays without one and
 * {@link Result#notes()} says why.
 *
 * <p>After every merge the output is parsed again and checked (valid TOML, at most one {@code [proxy_plugins]}, the
 * stanza's values where no conflict was reported, each unpack entry once, only marked lines added or removed);
 * a failed check is a bug and throws {@link IllegalStateException}, nothing is returned.
 */
public final class ConfigMerge {

    /** Start of the comment that marks the lines the panel added; the snapshotters they are for follow. */
    public static final String MARK = "# rootless-panel:";

    /**
     * @param text      the file after the change (the input itself when nothing changed)
     * @param conflicts what was kept as the user has it instead, in the order met
     * @param changed   whether {@code text} differs from the input
     * @param notes     other things the user may want to know (why no {@code version} was added, imports)
     */
    public record Result(String text, List<Conflict> conflicts, boolean changed, List<String> notes) {
        public Result {
            conflicts = List.copyOf(conflicts);
            notes = List.copyOf(notes);
        }
    }

    private ConfigMerge() {
    }

    // --- enable -------------------------------------------------------------------------------------------------

    /** Adds what {@code which} needs and is missing, keeping everything the file has. */
    public static Result enable(String originalText, Set<Snapshotter> which, UserDirs dirs) throws ConfigParseException {
        TomlParseResult orig = parse(originalText);
        Editor e = new Editor(originalText, orig);
        List<Snapshotter> order = canonical(which);
        for (Snapshotter s : order) {
            SnapshotterStanza st = SnapshotterStanza.of(s, dirs);
            e.ensureTable(st.pluginTable(), st.pluginKeys(), s.pluginName());
            e.ensureTable(st.exportsTable(), st.exportsKeys(), s.pluginName());
        }
        for (Snapshotter s : order) {
            SnapshotterStanza st = SnapshotterStanza.of(s, dirs);
            if (!e.configured(st)) {
                // an unpack entry for a snapshotter containerd does not have breaks the transfer service
                e.conflicts.add(new Conflict(keyText(SnapshotterStanza.UNPACK_CONFIG), keyText(st.pluginTable())
                        + " could not be added", "{ platform = \"linux\", snapshotter = " + quote(s.pluginName()) + " }",
                        Conflict.Kind.CANNOT_ADD));
                continue;
            }
            // overlayfs right after the first remote one: enabling one then the other gives the same text as both
            e.ensureUnpack(s.pluginName(), s.pluginName());
            e.ensureUnpack(SnapshotterStanza.OVERLAYFS, s.pluginName());
        }
        if (!order.isEmpty()) {
            e.ensureVersion();
            if (e.inserted && imports(orig)) {
                e.notes.add("The file imports others: an imported file that has [proxy_plugins.NAME] or"
                        + " [plugins.\"" + SnapshotterStanza.TRANSFER_PLUGIN + "\"] replaces that whole section"
                        + " (containerd does not merge inside it). The panel does not read imported files.");
            }
        }
        String out = e.inserted ? e.text() : originalText;
        Verify.enabled(originalText, orig, out, order, dirs, e);
        // the overlayfs entry is checked once per snapshotter: say a conflict about it once
        return new Result(out, e.conflicts.stream().distinct().toList(), !out.equals(originalText), e.notes);
    }

    // --- disable ------------------------------------------------------------------------------------------------

    /**
     * Takes {@code which} out of the markers of the panel's lines and removes the lines no snapshotter is left on
     * (a line both rely on stays for the other one). A header goes only together with its whole section: if the
     * user added a key to one of the panel's tables, the header stays and that is reported. What the user wrote
     * stays, and is reported as {@link Conflict.Kind#NOT_REMOVED} when it still configures one of {@code which}.
     */
    public static Result disable(String text, Set<Snapshotter> which, UserDirs dirs) throws ConfigParseException {
        parse(text);
        List<Conflict> conflicts = new ArrayList<>();
        if (which.isEmpty()) {
            return new Result(text, conflicts, false, List.of());
        }
        TomlLayout lay = TomlLayout.of(text);
        Set<String> tags = new HashSet<>();
        which.forEach(s -> tags.add(s.pluginName()));
        boolean[] remove = new boolean[lay.lines().size()];
        List<String> lines = new ArrayList<>(lay.lines());
        List<Statement> keptHeaders = new ArrayList<>();
        for (Statement s : lay.statements()) {
            Set<String> owners = ownersOf(s);
            if (owners == null || !owners.removeAll(tags)) {
                continue;
            }
            if (owners.isEmpty()) {
                remove[s.firstLine()] = !s.isHeader();
            } else {
                lines.set(s.firstLine(), withOwners(lines.get(s.firstLine()), s, owners));
            }
        }
        for (Section sec : lay.sections()) {
            Statement h = sec.header();
            Set<String> owners = h == null ? null : ownersOf(h);
            if (owners == null || !owners.removeAll(tags) || !owners.isEmpty()) {
                continue;
            }
            // a header goes only with all of its section, else the user's keys would fall into the table above
            if (sec.entries().stream().allMatch(e -> e.singleLine() && remove[e.firstLine()])) {
                remove[h.firstLine()] = true;
            } else {
                keptHeaders.add(h);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < remove.length; i++) {
            if (!remove[i]) {
                out.add(lines.get(i));
            }
        }
        String outText = out.equals(lay.lines()) ? text : TomlLayout.join(out, lay.trailingNewline());
        for (Statement h : keptHeaders) {
            conflicts.add(new Conflict(keyText(h.key()), "added by Rootless Panel, but you added settings to this table", "",
                    Conflict.Kind.NOT_REMOVED));
        }
        TomlParseResult after = Verify.disabled(text, outText, remove, lay);
        for (Snapshotter s : canonical(which)) {
            SnapshotterStanza st = SnapshotterStanza.of(s, dirs);
            Object left = get(after, st.pluginTable());
            if (left != null && keptHeaders.stream().noneMatch(h -> startsWith(h.key(), st.pluginTable()))) {
                boolean pasted = st.settings().stream().allMatch(x -> x.value().equals(get(after, x.path())));
                conflicts.add(new Conflict(keyText(st.pluginTable()),
                        "not added by Rootless Panel: " + (pasted ? "the setup tool's stanza, written in by hand"
                                : "your own settings"), "",
                        Conflict.Kind.NOT_REMOVED));
            }
            for (String[] u : unpackEntries(after)) {
                if (s.pluginName().equals(u[1])) {
                    conflicts.add(new Conflict(keyText(SnapshotterStanza.UNPACK_CONFIG),
                            "not added by Rootless Panel: an entry for " + quote(u[1]), "", Conflict.Kind.NOT_REMOVED));
                    break;
                }
            }
        }
        return new Result(outText, conflicts, !outText.equals(text), List.of());
    }

    /**
     * The snapshotters a line the panel added is there for (a new, modifiable set), or null when the statement
     * does not carry the panel's marker.
     */
    static Set<String> ownersOf(Statement s) {
        String c = s.comment();
        if (c == null || !c.startsWith(MARK) || !s.singleLine()) {
            return null;
        }
        Set<String> owners = new HashSet<>();
        for (String o : c.substring(MARK.length()).strip().split(",")) {
            if (Arrays.stream(Snapshotter.values()).noneMatch(x -> x.pluginName().equals(o))) {
                return null;
            }
            owners.add(o);
        }
        return owners;
    }

    /** The marker comment, with a space before it: the owners in {@link Snapshotter} order. */
    static String marker(Collection<String> owners) {
        StringBuilder sb = new StringBuilder(" ").append(MARK);
        String sep = "";
        for (Snapshotter x : Snapshotter.values()) {
            if (owners.contains(x.pluginName())) {
                sb.append(sep).append(x.pluginName());
                sep = ",";
            }
        }
        return sb.toString();
    }

    static String marker(String owner) {
        return marker(List.of(owner));
    }

    /** {@code line} (the line of statement {@code s}) with its marker naming {@code owners} instead. */
    static String withOwners(String line, Statement s, Collection<String> owners) {
        int at = line.lastIndexOf(s.comment());
        return line.substring(0, at) + marker(owners).substring(1) + line.substring(at + s.comment().length());
    }

    // --- shared helpers -----------------------------------------------------------------------------------------

    static List<Snapshotter> canonical(Set<Snapshotter> which) {
        return which.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(which));
    }

    /** Parses as TOML 1.0 (containerd's and nerdctl's go-toml); errors become a {@link ConfigParseException}. */
    static TomlParseResult parse(String text) throws ConfigParseException {
        TomlParseResult r = Toml.parse(text, TomlParseOptions.sourceless().withVersion(TomlVersion.V1_0_0));
        if (r.hasErrors()) {
            List<ConfigParseException.Problem> problems = new ArrayList<>();
            for (TomlParseError e : r.errors()) {
                TomlPosition p = e.position();
                String msg = String.valueOf(e.getMessage()).replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", "");
                problems.add(new ConfigParseException.Problem(p == null ? 1 : p.line(), p == null ? 1 : p.column(), msg));
            }
            throw new ConfigParseException(problems);
        }
        return r;
    }

    /** Whether the file imports other files ({@code imports = []}, as containerd config default writes it, does not). */
    static boolean imports(TomlTable t) {
        Object i = get(t, List.of("imports"));
        return i != null && !(i instanceof TomlArray a && a.isEmpty());
    }

    /** tomlj's value at a path, or null when it is absent or the path crosses something that is not a table. */
    static Object get(TomlTable t, List<String> path) {
        try {
            return t.get(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code unpack_config} elements as {platform, snapshotter} (either may be null). */
    static List<String[]> unpackEntries(TomlTable t) {
        List<String[]> l = new ArrayList<>();
        Object a = get(t, SnapshotterStanza.UNPACK_CONFIG);
        if (a instanceof TomlArray arr) {
            for (int i = 0; i < arr.size(); i++) {
                Object el = arr.get(i);
                if (el instanceof TomlTable et) {
                    l.add(new String[] {asString(et.get("platform")), asString(et.get("snapshotter"))});
                } else {
                    l.add(new String[] {null, null});
                }
            }
        }
        return l;
    }

    private static String asString(Object o) {
        return o instanceof String s ? s : null;
    }

    /** A value as the user would recognise it in the file. */
    static String render(Object v) {
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof TomlTable) {
            return "a table";
        }
        if (v instanceof TomlArray) {
            return "an array";
        }
        return String.valueOf(v);
    }

    // --- the editor ---------------------------------------------------------------------------------------------

    /** How a table path is defined in the file, for deciding where its missing keys can go. */
    enum How {
        ABSENT, IMPLICIT, DOTTED, HEADER, ARRAY_OF_TABLES, INLINE, VALUE, INSIDE_VALUE, INSIDE_ARRAY;

        int rank() {
            return switch (this) {
                case ABSENT -> 0;
                case IMPLICIT -> 1;
                case DOTTED -> 2;
                case HEADER, ARRAY_OF_TABLES -> 3;
                default -> 4;
            };
        }

        boolean extensible() {
            return rank() < 4 && this != ARRAY_OF_TABLES;
        }
    }

    /** {@code section}: the table's own section (HEADER, ARRAY_OF_TABLES) or the one its dotted keys are in. */
    record Status(How how, Section section, Statement anchor) {
    }

    /** The working copy: lines, the layout of the current lines, and what was added. */
    static final class Editor {
        private final TomlParseResult orig;
        private final List<String> lines;
        private final boolean wasEmpty;
        private final String cr;
        private boolean trailingNewline;
        private TomlLayout layout;
        final Map<List<String>, String> added = new HashMap<>();
        final List<String> addedUnpack = new ArrayList<>();
        final Set<String> unpackWanted = new HashSet<>();
        final List<Conflict> conflicts = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        boolean inserted;
        /** The snapshotter of the first lines added: the version line is there for it. */
        String firstInserter;

        Editor(String text, TomlParseResult orig) {
            this.orig = orig;
            this.layout = TomlLayout.of(text);
            this.lines = new ArrayList<>(layout.lines());
            this.trailingNewline = layout.trailingNewline();
            this.wasEmpty = lines.isEmpty();
            this.cr = layout.lineEnd().equals("\r\n") ? "\r" : "";
        }

        String text() {
            return TomlLayout.join(lines, trailingNewline);
        }

        TomlLayout layout() {
            return layout;
        }

        private void insert(int at, List<String> newLines, String owner) {
            if (firstInserter == null) {
                firstInserter = owner;
            }
            for (int k = 0; k < newLines.size(); k++) {
                lines.add(at + k, newLines.get(k) + cr);
            }
            if (wasEmpty) {
                trailingNewline = true; // a file the panel starts ends in a line break
            }
            inserted = true;
            layout = TomlLayout.of(lines, trailingNewline);
        }

        private Optional<Object> lookup(List<String> full) {
            if (added.containsKey(full)) {
                return Optional.of(added.get(full));
            }
            return Optional.ofNullable(get(orig, full));
        }

        /** Whether the proxy plugin has a type and an address now (the user's or the stanza's). */
        boolean configured(SnapshotterStanza st) {
            return lookup(concat(st.pluginTable(), List.of("type"))).isPresent()
                    && lookup(concat(st.pluginTable(), List.of("address"))).isPresent();
        }

        /** Makes sure table {@code p} has the keys {@code kvs}; keys set otherwise are reported. */
        void ensureTable(List<String> p, Map<String, String> kvs, String tag) {
            List<String> missing = new ArrayList<>();
            kvs.forEach((k, v) -> {
                List<String> full = concat(p, List.of(k));
                Optional<Object> found = lookup(full);
                if (found.isEmpty()) {
                    missing.add(k);
                } else if (!v.equals(found.get())) {
                    conflicts.add(new Conflict(keyText(full), render(found.get()), quote(v), Conflict.Kind.DIFFERENT_VALUE));
                }
            });
            if (missing.isEmpty()) {
                return;
            }
            Status st = status(p);
            switch (st.how()) {
                case HEADER -> insertKeys(st.section(), p, missing, kvs, tag);
                case DOTTED -> insertDotted(st, p, missing, kvs, tag);
                case IMPLICIT -> insertHeaderBlock(p, missing, kvs, tag, afterFamily(p));
                case ABSENT -> createTable(p, missing, kvs, tag);
                default -> cannotAdd(p, missing, kvs, st);
            }
        }

        private void createTable(List<String> p, List<String> missing, Map<String, String> kvs, String tag) {
            List<String> parent = p.subList(0, p.size() - 1);
            Status ps = status(parent);
            switch (ps.how()) {
                case HEADER, IMPLICIT -> insertHeaderBlock(p, missing, kvs, tag, afterFamily(parent));
                case DOTTED -> insertDotted(ps, p, missing, kvs, tag);
                case ABSENT -> {
                    if (parent.size() == 1) {
                        insert(lines.size(), List.of("[" + keyText(parent) + "]" + marker(tag)), tag);
                        insertHeaderBlock(p, missing, kvs, tag, afterFamily(parent));
                    } else {
                        insertHeaderBlock(p, missing, kvs, tag, -1);
                    }
                }
                default -> cannotAdd(p, missing, kvs, ps);
            }
        }

        private void cannotAdd(List<String> p, List<String> missing, Map<String, String> kvs, Status st) {
            String why = switch (st.how()) {
                case INLINE -> keyText(p) + " is an inline table";
                case INSIDE_VALUE -> keyText(layout.absoluteKey(st.anchor())) + switch (st.anchor().valueKind()) {
                    case INLINE_TABLE -> " is an inline table";
                    case ARRAY -> " is an array";
                    default -> " is not a table";
                };
                case INSIDE_ARRAY, ARRAY_OF_TABLES -> "it is inside an array of tables";
                case VALUE -> keyText(p) + " is not a table";
                default -> keyText(p) + " cannot be extended";
            };
            for (String k : missing) {
                conflicts.add(new Conflict(keyText(concat(p, List.of(k))), why, k + " = " + quote(kvs.get(k)),
                        Conflict.Kind.CANNOT_ADD));
            }
        }

        private List<String> keyLines(String indent, List<String> rel, List<String> missing, Map<String, String> kvs,
                List<String> p, String tag) {
            List<String> out = new ArrayList<>();
            for (String k : missing) {
                out.add(indent + keyText(concat(rel, List.of(k))) + " = " + quote(kvs.get(k)) + marker(tag));
                added.put(concat(p, List.of(k)), kvs.get(k));
            }
            return out;
        }

        /** Into a table written with a header: after its last statement, indented like it. */
        private void insertKeys(Section sec, List<String> p, List<String> missing, Map<String, String> kvs, String tag) {
            String indent = sec.entries().isEmpty()
                    ? (sec.header() == null ? "" : sec.header().indent() + "  ")
                    : sec.entries().get(sec.entries().size() - 1).indent();
            insert(sec.lastStatementLine() + 1, keyLines(indent, List.of(), missing, kvs, p, tag), tag);
        }

        /**
         * Into a table made of dotted keys: as dotted keys after the last one that builds it, same section, with the
         * leading segments written as the user wrote them there ({@code fuse-overlayfs.exports.root}, not
         * {@code "fuse-overlayfs".exports.root}).
         */
        private void insertDotted(Status st, List<String> p, List<String> missing, Map<String, String> kvs, String tag) {
            Statement anchor = st.anchor();
            List<String> rel = p.subList(st.section().path().size(), p.size());
            List<String> out = new ArrayList<>();
            for (String line : keyLines(anchor.indent(), rel, missing, kvs, p, tag)) {
                out.add(line);
            }
            int same = 0;
            while (same < rel.size() && same < anchor.key().size() - 1 && rel.get(same).equals(anchor.key().get(same))) {
                same++;
            }
            if (same > 0) {
                String written = String.join(".", anchor.rawKey().subList(0, same));
                String ours = keyText(rel.subList(0, same));
                for (int k = 0; k < out.size(); k++) {
                    String l = out.get(k);
                    out.set(k, anchor.indent() + written + l.substring(anchor.indent().length() + ours.length()));
                }
            }
            insert(anchor.lastLine() + 1, out, tag);
        }

        /** A new [p] with its keys, after line {@code after} (-1: at the end of the file). */
        private void insertHeaderBlock(List<String> p, List<String> missing, Map<String, String> kvs, String tag,
                int after) {
            String headerIndent = "";
            String keyIndent = null;
            Statement like = null;
            for (Statement s : layout.statements()) {
                if (s.kind() == TomlLayout.Kind.TABLE && s.key().size() == p.size() && s.key().get(0).equals(p.get(0))
                        && !s.key().equals(p)) {
                    like = s;
                }
            }
            if (like != null) {
                headerIndent = like.indent();
                Section ls = layout.section(like);
                keyIndent = ls.entries().isEmpty() ? null : ls.entries().get(0).indent();
            } else {
                List<String> parent = p.subList(0, p.size() - 1);
                for (Statement s : layout.statements()) {
                    if (s.kind() == TomlLayout.Kind.TABLE && s.key().equals(parent)) {
                        // the setup tool writes exports at its plugin's indentation, sub-tables two deeper
                        headerIndent = s.indent() + ("exports".equals(p.get(p.size() - 1)) ? "" : "  ");
                    }
                }
            }
            if (keyIndent == null) {
                keyIndent = headerIndent + "  ";
            }
            List<String> block = new ArrayList<>();
            block.add(headerIndent + "[" + keyText(p) + "]" + marker(tag));
            block.addAll(keyLines(keyIndent, List.of(), missing, kvs, p, tag));
            insert(after < 0 ? lines.size() : after + 1, block, tag);
        }

        /** The last line of the last section whose path starts with {@code q}; -1 if there is none. */
        private int afterFamily(List<String> q) {
            int last = -1;
            for (Section sec : layout.sections()) {
                if (sec.header() != null && startsWith(sec.path(), q)) {
                    last = sec.lastStatementLine();
                }
            }
            return last;
        }

        /** How {@code p} is defined in the current lines. */
        Status status(List<String> p) {
            How how = How.ABSENT;
            Section section = null;
            Statement anchor = null;
            for (Statement s : layout.statements()) {
                List<String> ak = layout.absoluteKey(s);
                How h = null;
                Section sec = null;
                if (s.isHeader()) {
                    if (ak.equals(p)) {
                        h = s.kind() == TomlLayout.Kind.TABLE ? How.HEADER : How.ARRAY_OF_TABLES;
                        sec = layout.section(s);
                    } else if (strictPrefix(ak, p) && s.kind() == TomlLayout.Kind.ARRAY_TABLE) {
                        h = How.INSIDE_ARRAY;
                    } else if (strictPrefix(p, ak)) {
                        h = How.IMPLICIT;
                    }
                } else if (ak.equals(p)) {
                    h = s.valueKind() == TomlLayout.ValueKind.INLINE_TABLE ? How.INLINE : How.VALUE;
                } else if (strictPrefix(ak, p)) {
                    h = How.INSIDE_VALUE;
                } else if (strictPrefix(p, ak)) {
                    List<String> sp = layout.section(s).path();
                    if (sp.size() < p.size() && startsWith(p, sp)) {
                        h = How.DOTTED;
                        sec = layout.section(s);
                    } else {
                        h = How.IMPLICIT;
                    }
                }
                if (h == null) {
                    continue;
                }
                // the strongest reading wins; among equals the last one (last dotted key, last array element)
                if (h.rank() > how.rank() || h == how) {
                    how = h;
                    section = sec;
                    anchor = s;
                }
            }
            return new Status(how, section, anchor);
        }

        /** Makes sure {@code unpack_config} has an entry {platform = "linux", snapshotter = name}. */
        void ensureUnpack(String name, String tag) {
            unpackWanted.add(name);
            List<String[]> entries = unpackEntries(orig);
            for (String a : addedUnpack) {
                entries.add(new String[] {SnapshotterStanza.PLATFORM, a});
            }
            String otherPlatform = null;
            boolean otherFound = false;
            for (String[] en : entries) {
                if (name.equals(en[1])) {
                    if (SnapshotterStanza.PLATFORM.equals(en[0])) {
                        coOwnUnpackEntry(name, tag);
                        return;
                    }
                    otherFound = true;
                    otherPlatform = en[0];
                }
            }
            List<String> u = SnapshotterStanza.UNPACK_CONFIG;
            String wanted = "{ platform = \"linux\", snapshotter = " + quote(name) + " }";
            if (otherFound) {
                conflicts.add(new Conflict(keyText(u), "an entry for " + quote(name) + " with platform "
                        + (otherPlatform == null ? "unset" : quote(otherPlatform)), wanted, Conflict.Kind.DIFFERENT_VALUE));
                return;
            }
            Status st = status(u);
            int after;
            String headerIndent = "";
            String keyIndent = "  ";
            if (st.how() == How.ARRAY_OF_TABLES) {
                after = st.section().lastStatementLine();
                headerIndent = st.section().header().indent();
                keyIndent = st.section().entries().isEmpty() ? headerIndent + "  " : st.section().entries().get(0).indent();
            } else if (st.how() == How.ABSENT) {
                List<String> plugin = u.subList(0, 2);
                Status ps = status(plugin);
                if (!ps.how().extensible()) {
                    conflicts.add(new Conflict(keyText(u), keyText(plugin) + " is written as a single value", wanted,
                            Conflict.Kind.CANNOT_ADD));
                    return;
                }
                after = afterFamily(plugin);
            } else {
                String why = st.how() == How.VALUE ? keyText(u) + " is written as an array of inline tables"
                        : keyText(u) + " is not an array of tables";
                conflicts.add(new Conflict(keyText(u), why, wanted, Conflict.Kind.CANNOT_ADD));
                return;
            }
            List<String> block = List.of(
                    headerIndent + "[[" + keyText(u) + "]]" + marker(tag),
                    keyIndent + "platform = " + quote(SnapshotterStanza.PLATFORM) + marker(tag),
                    keyIndent + "snapshotter = " + quote(name) + marker(tag));
            addedUnpack.add(name);
            insert(after < 0 ? lines.size() : after + 1, block, tag);
        }

        /**
         * When the panel added the unpack entry for {@code name}, {@code owner} relies on it too from now on: its
         * lines name both, so taking one snapshotter out leaves the entry the other needs.
         */
        private void coOwnUnpackEntry(String name, String owner) {
            for (Section sec : layout.sections()) {
                if (!sec.isArray() || !sec.path().equals(SnapshotterStanza.UNPACK_CONFIG)) {
                    continue;
                }
                boolean match = sec.entries().stream().anyMatch(e -> e.key().equals(List.of("snapshotter"))
                        && name.equals(e.stringValue()));
                Set<String> owners = ownersOf(sec.header());
                if (!match || owners == null || owners.contains(owner)) {
                    continue;
                }
                List<Statement> all = new ArrayList<>(sec.entries());
                all.add(0, sec.header());
                for (Statement st : all) {
                    Set<String> o = ownersOf(st);
                    if (o != null) {
                        o.add(owner);
                        lines.set(st.firstLine(), withOwners(lines.get(st.firstLine()), st, o));
                    }
                }
                layout = TomlLayout.of(lines, trailingNewline);
                return;
            }
        }

        /** {@code version = 2} before the first statement, when the file has none and nothing depends on that. */
        void ensureVersion() {
            if (!inserted || orig.contains("version")) {
                return;
            }
            if (imports(orig)) {
                notes.add("No version was added: the file imports others, and a version here would not say how"
                        + " they are read. The stanzas read the same without one.");
                return;
            }
            Object plugins = get(orig, List.of("plugins"));
            if (plugins instanceof TomlTable pt) {
                for (String id : pt.keySet()) {
                    if (id.indexOf('.') < 0) {
                        notes.add("No version was added: [plugins." + keyText(List.of(id)) + "] is a version-1 short"
                                + " plugin ID, which version = 2 would stop recognising. The stanzas read the same"
                                + " without one.");
                        return;
                    }
                }
            }
            Statement first = layout.statements().get(0);
            int at = first.firstLine();
            while (ownersOf(first) == null && at > 0 && lines.get(at - 1).strip().startsWith("#")) {
                at--; // keep the user's comment with the statement it describes
            }
            insert(at, List.of("version = 2" + marker(firstInserter)), firstInserter);
            notes.add("Added version = 2: the file had no version (containerd reads such a file as version 1).");
        }
    }
}
