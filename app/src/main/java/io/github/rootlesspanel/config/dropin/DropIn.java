package io.github.rootlesspanel.config.dropin;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.github.rootlesspanel.config.SystemdQuoting;

/**
 * A systemd drop-in such as {@code ~/.config/systemd/user/containerd.service.d/override.conf} (what
 * {@code systemctl --user edit containerd.service} makes), read the way systemd reads it and changed without
 * disturbing anything the panel does not own. Pure and immutable: no I/O (read and write the file with
 * {@link io.github.rootlesspanel.config.FileSnapshot} and {@link io.github.rootlesspanel.config.AtomicFile}).
 *
 * <p>{@link #text()} of an unchanged drop-in is exactly the text it was parsed from. The {@code with…} methods
 * return a drop-in whose text differs only where an assignment changed: comments, blank lines, other sections,
 * other directives, other assignments on the same line, indentation, quoting style and the trailing-newline
 * convention all stay as they were.
 *
 * <p>Semantics (systemd.exec(5), {@code Environment=}): the assignments of every {@code Environment=} line of
 * every section with the given name count in file order; an empty {@code Environment=} resets the list (the
 * unit file's assignments and the earlier ones of this file); a later assignment of a variable wins and keeps
 * the position of the first. What systemd would only warn about and ignore (a word without {@code =}, a bad
 * variable name, an unknown escape, an unterminated quote, …) is reported by {@link #parse} as a
 * {@link DropInParseException} with line and column, so the panel never edits a file it does not fully
 * understand.
 *
 * <p>How changes are written: see {@link #withEnvironment(String, Optional)}.
 */
public final class DropIn {

    /** The section {@code Environment=} of a service belongs to. */
    public static final String SERVICE = "Service";

    /**
     * Longest {@code NAME=value} (UTF-8 bytes) the panel writes: Linux refuses a single environment string of
     * 128 KiB or more when starting a process (MAX_ARG_STRLEN).
     */
    public static final int MAX_ASSIGNMENT_BYTES = 128 * 1024 - 1;

    private final Syntax syntax;

    private DropIn(Syntax syntax) {
        this.syntax = syntax;
    }

    /** Parses the text of a drop-in. Throws with line and column when systemd would not read it as written. */
    public static DropIn parse(String text) throws DropInParseException {
        return new DropIn(Syntax.parse(text));
    }

    /** Parses the bytes of a drop-in file, which must be valid UTF-8 (systemd rejects lines that are not). */
    public static DropIn parse(byte[] content) throws DropInParseException {
        Objects.requireNonNull(content, "content");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (content[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(content, lineStart, bad - lineStart, StandardCharsets.UTF_8);
            throw new DropInParseException(line, before.codePointCount(0, before.length()) + 1,
                    "not valid UTF-8; systemd ignores such lines");
        }
        decoder.flush(out);
        out.flip();
        return parse(out.toString());
    }

    /** A drop-in that does not exist yet (an empty file). */
    public static DropIn empty() {
        try {
            return parse("");
        } catch (DropInParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text; exactly what was parsed as long as nothing was changed. */
    public String text() {
        return syntax.text;
    }

    /** The section names in the order their headers appear (a name appears once per header). */
    public List<String> sections() {
        List<String> names = new ArrayList<>();
        for (Syntax.Logical l : syntax.logicals) {
            if (l.kind == Syntax.Kind.SECTION) {
                names.add(l.section);
            }
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Every assignment of the {@code Environment=} lines of that section, in file order, including ones a later
     * assignment or a reset overrides.
     */
    public List<EnvAssignment> assignments(String section) {
        List<EnvAssignment> all = new ArrayList<>();
        for (Syntax.Logical l : syntax.logicals) {
            if (l.isEnvironment() && l.section.equals(section)) {
                l.words.forEach(w -> all.add(w.assignment()));
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * The assignments in effect after this file (as far as this file decides): one per variable, in systemd's
     * order (where the variable was first assigned after the last reset), with the value of its last assignment.
     */
    public List<EnvAssignment> environment(String section) {
        return List.copyOf(effective(section).values());
    }

    /** {@link #environment(String)} as name → value ({@code %%} decoded, other specifiers as written). */
    public Map<String, String> environmentMap(String section) {
        Map<String, String> map = new LinkedHashMap<>();
        effective(section).forEach((k, a) -> map.put(k, a.value()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * Whether the section has an empty {@code Environment=}, which discards every assignment before it — those
     * of the unit file too.
     */
    public boolean resetsEnvironment(String section) {
        for (Syntax.Logical l : syntax.logicals) {
            if (l.isEnvironment() && l.section.equals(section) && l.reset) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets ({@code value} present, an empty string included) or removes ({@code Optional.empty()}) one variable of
     * the {@code [Service]} environment, changing the text only where needed:
     * <ul>
     * <li>Nothing changes when the variable already has exactly that value (and the value uses no specifiers).</li>
     * <li>If the variable is assigned after the last reset, the last such assignment is rewritten in place (the
     * other assignments of its line, the indentation and line continuations stay); earlier assignments of it
     * after the last reset are deleted, so exactly one remains. Assignments before a reset have no effect and are
     * left alone.</li>
     * <li>Removing deletes every assignment of the variable after the last reset, with the blank that separated
     * it; a line left with no assignment is deleted (an empty {@code Environment=} would reset the list).
     * Comment lines are never touched, also inside a continued line. Removing only affects this file: a value
     * from the unit file applies again.</li>
     * <li>A variable not yet assigned gets a new line {@code Environment=NAME=value} after the last
     * {@code Environment=} line of the last {@code [Service]} section (with that line's indentation), else after
     * the last directive of that section, else after its header; without a {@code [Service]} section one is
     * added at the end, after a blank line unless the file ends with one.</li>
     * </ul>
     * The value is written with {@link SystemdQuoting#environment(String, String)}: quoted when needed, {@code \}
     * and {@code "} escaped, {@code %} doubled, so systemd reads back exactly {@code value} — a {@code %h} in it
     * stays literally {@code %h}. Values that cannot be written that way are rejected before anything is
     * done, see {@link #requireWritable(String, String)}.
     *
     * @throws IllegalArgumentException for an invalid name or a value that cannot be written
     * @throws IllegalStateException      if the edited text would not mean exactly what was asked (a bug: every
     *                                    result is parsed again and checked; the caller gets no result)
     */
    public DropIn withEnvironment(String key, Optional<String> value) {
        Map<String, Optional<String>> one = new LinkedHashMap<>();
        one.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return withEnvironment(one);
    }

    /**
     * Several changes of {@link #withEnvironment(String, Optional)}, in the map's order. Every name and value is
     * checked first, so an invalid one means no change at all (the exception; this drop-in is immutable).
     */
    public DropIn withEnvironment(Map<String, Optional<String>> changes) {
        Objects.requireNonNull(changes, "changes");
        Map<String, Optional<String>> checked = new LinkedHashMap<>();
        changes.forEach((k, v) -> {
            Objects.requireNonNull(k, "key");
            Objects.requireNonNull(v, () -> "value of " + k);
            if (v.isPresent()) {
                requireWritable(k, v.get());
            } else if (!Syntax.validName(k)) {
                throw new IllegalArgumentException("not a valid environment variable name: " + k);
            }
            checked.put(k, v);
        });
        DropIn result = this;
        for (Map.Entry<String, Optional<String>> e : checked.entrySet()) {
            result = result.change(e.getKey(), e.getValue());
        }
        verify(result, checked);
        return result;
    }

    /**
     * Checks that a value can be written for systemd to read back exactly, and returns the assignment as it
     * would be written ({@link SystemdQuoting#environment}). Rejected: an invalid name; a line break or NUL
     * (which would end the line and let the rest become a directive of its own); other control characters
     * except tab (older systemd versions ignore such assignments); unpaired surrogates and Unicode
     * non-characters (not valid UTF-8 for systemd, which then refuses the whole file); an assignment longer than
     * {@link #MAX_ASSIGNMENT_BYTES}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static String requireWritable(String key, String value) {
        String written = SystemdQuoting.environment(key, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(String.format("%s must not contain the control character U+%04X",
                        key, (int) c));
            }
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                int cp = value.codePointAt(i);
                if (!Syntax.unicharIsValid(cp)) {
                    throw new IllegalArgumentException(String.format("%s must not contain U+%04X", key, cp));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(key + " is not valid Unicode (an unpaired surrogate)");
            } else if (!Syntax.unicharIsValid(c)) {
                throw new IllegalArgumentException(String.format("%s must not contain U+%04X (a Unicode "
                        + "non-character systemd refuses)", key, (int) c));
            }
        }
        int bytes = (key + "=" + value).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ASSIGNMENT_BYTES) {
            throw new IllegalArgumentException(key + " is too long (" + bytes + " bytes; at most "
                    + MAX_ASSIGNMENT_BYTES + ")");
        }
        return written;
    }

    // ------------------------------------------------------------------------------------------------------------

    private DropIn change(String key, Optional<String> value) {
        DropIn cur = this;
        List<Syntax.Word> live = cur.live(SERVICE, key);
        if (value.isEmpty()) {
            while (!live.isEmpty()) {
                cur = cur.edit(removing(cur, live.get(0)));
                live = cur.live(SERVICE, key);
            }
            return cur;
        }
        String written = requireWritable(key, value.get());
        if (!live.isEmpty()) {
            EnvAssignment last = live.get(live.size() - 1).assignment();
            if (last.specifiers().isEmpty() && last.value().equals(value.get())) {
                return this;
            }
            while (live.size() > 1) {
                cur = cur.edit(removing(cur, live.get(0)));
                live = cur.live(SERVICE, key);
            }
            DropIn base = cur;
            Syntax.Word w = live.get(0);
            Syntax.Logical l = base.logicalOf(w);
            return base.edit(e -> e.replace(l, w.from(), w.to(), written));
        }
        return edit(e -> insertNew(e, "Environment=" + written));
    }

    private static Consumer<Editor> removing(DropIn in, Syntax.Word w) {
        Syntax.Logical l = in.logicalOf(w);
        List<Syntax.Word> words = l.words;
        int i = words.indexOf(w);
        if (words.size() == 1) {
            return e -> e.deleteLogical(l);
        }
        Syntax.Word prev = i > 0 ? words.get(i - 1) : null;
        Syntax.Word next = i + 1 < words.size() ? words.get(i + 1) : null;
        int from;
        int to;
        if (prev != null && !l.hasSyntheticIn(prev.to(), w.from())) {
            from = prev.to();
            to = w.to();
        } else if (next != null && !l.hasSyntheticIn(w.to(), next.from())) {
            from = w.from();
            to = next.from();
        } else {
            from = w.from();
            to = w.to();
        }
        return e -> {
            e.delete(l, from, to);
            e.tidy(l);
        };
    }

    private void insertNew(Editor e, String line) {
        Syntax.Logical service = null;
        for (Syntax.Logical l : syntax.logicals) {
            if (l.kind == Syntax.Kind.SECTION && SERVICE.equals(l.section)) {
                service = l;
            }
        }
        if (service == null) {
            if (!syntax.lines.isEmpty()) {
                Syntax.Line last = syntax.lines.get(syntax.lines.size() - 1);
                if (!syntax.text.substring(last.start(), last.end()).replace("\uFEFF", "").isBlank()) {
                    e.append("");
                }
            }
            e.append("[" + SERVICE + "]");
            e.append(line);
            return;
        }
        Syntax.Logical lastEnv = null;
        Syntax.Logical lastDirective = null;
        for (int i = service.index + 1; i < syntax.logicals.size(); i++) {
            Syntax.Logical l = syntax.logicals.get(i);
            if (l.kind == Syntax.Kind.SECTION) {
                break;
            }
            if (l.kind == Syntax.Kind.ASSIGNMENT) {
                lastDirective = l;
                if (l.isEnvironment()) {
                    lastEnv = l;
                }
            }
        }
        Syntax.Logical anchor = lastEnv != null ? lastEnv : lastDirective != null ? lastDirective : service;
        String indent = "";
        if (lastEnv != null) {
            int li = lastEnv.firstSegment();
            Syntax.Line first = syntax.lines.get(li);
            int p = first.start() + (li == 0 ? syntax.bom : 0);
            int q = p;
            while (q < first.end() && Syntax.isBlank(syntax.text.charAt(q))) {
                q++;
            }
            indent = syntax.text.substring(p, q);
        }
        e.insertAfter(anchor.lastSegment(), indent + line);
    }

    private DropIn edit(Consumer<Editor> change) {
        Editor editor = new Editor(syntax);
        change.accept(editor);
        String text = editor.result();
        try {
            return parse(text);
        } catch (DropInParseException ex) {
            throw new IllegalStateException("internal error: the edited drop-in does not parse (" + ex.getMessage()
                    + "); nothing was changed", ex);
        }
    }

    private Syntax.Logical logicalOf(Syntax.Word w) {
        for (Syntax.Logical l : syntax.logicals) {
            if (l.words.contains(w)) {
                return l;
            }
        }
        throw new IllegalStateException("word not in this drop-in");
    }

    /** The words in effect (after the last reset) assigning {@code key}, in file order. */
    private List<Syntax.Word> live(String section, String key) {
        List<Syntax.Word> live = new ArrayList<>();
        for (Syntax.Logical l : syntax.logicals) {
            if (l.isEnvironment() && l.section.equals(section)) {
                if (l.reset) {
                    live.clear();
                }
                for (Syntax.Word w : l.words) {
                    if (w.assignment().key().equals(key)) {
                        live.add(w);
                    }
                }
            }
        }
        return live;
    }

    private Map<String, EnvAssignment> effective(String section) {
        Map<String, EnvAssignment> map = new LinkedHashMap<>();
        for (Syntax.Logical l : syntax.logicals) {
            if (l.isEnvironment() && l.section.equals(section)) {
                if (l.reset) {
                    map.clear();
                }
                for (Syntax.Word w : l.words) {
                    map.put(w.assignment().key(), w.assignment());
                }
            }
        }
        return map;
    }

    /**
     * A safety net under the editing: the result must mean exactly what was asked — the changed variables have
     * their new values, every other one and everything outside [Service] Environment= lines is untouched, and
     * every comment line is still there.
     */
    private void verify(DropIn after, Map<String, Optional<String>> changes) {
        Map<String, EnvAssignment> was = effective(SERVICE);
        Map<String, EnvAssignment> now = after.effective(SERVICE);
        Set<String> keys = new HashSet<>(was.keySet());
        keys.addAll(now.keySet());
        keys.addAll(changes.keySet());
        for (String k : keys) {
            EnvAssignment a = was.get(k);
            EnvAssignment b = now.get(k);
            boolean ok;
            if (changes.containsKey(k)) {
                Optional<String> v = changes.get(k);
                ok = v.isEmpty() ? b == null : b != null && b.value().equals(v.get()) && b.specifiers().isEmpty();
            } else {
                ok = a == null ? b == null
                        : b != null && a.written().equals(b.written()) && a.value().equals(b.value());
            }
            if (!ok) {
                throw new IllegalStateException("internal error: editing the drop-in would change " + k
                        + " wrongly; nothing was changed");
            }
        }
        long services = sections().stream().filter(SERVICE::equals).count();
        long servicesAfter = after.sections().stream().filter(SERVICE::equals).count();
        boolean sectionsOk = servicesAfter == services || (services == 0 && servicesAfter == 1);
        if (!sectionsOk || resetsEnvironment(SERVICE) != after.resetsEnvironment(SERVICE)
                || !after.comments().equals(comments()) || !after.untouchable().equals(untouchable())) {
            throw new IllegalStateException("internal error: editing the drop-in would change more than the "
                    + "environment; nothing was changed");
        }
    }

    private List<String> comments() {
        List<String> out = new ArrayList<>();
        for (Syntax.Line line : syntax.lines) {
            if (line.comment()) {
                out.add(syntax.text.substring(line.start(), line.end()));
            }
        }
        return out;
    }

    /** Every logical line except blank ones, [Service] headers and [Service] Environment= lines, as read. */
    private List<String> untouchable() {
        List<String> out = new ArrayList<>();
        for (Syntax.Logical l : syntax.logicals) {
            if (l.kind != Syntax.Kind.BLANK && !SERVICE.equals(l.section)
                    || l.kind == Syntax.Kind.ASSIGNMENT && !l.isEnvironment()) {
                out.add(l.kind + "|" + l.section + "|" + l.chars.toString().strip());
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DropIn d && d.syntax.text.equals(syntax.text);
    }

    @Override
    public int hashCode() {
        return syntax.text.hashCode();
    }

    @Override
    public String toString() {
        return "DropIn[" + syntax.lines.size() + " lines, sections " + sections() + "]";
    }
}
