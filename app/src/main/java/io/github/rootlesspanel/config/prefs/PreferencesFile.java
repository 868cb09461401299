package io.github.rootlesspanel.config.prefs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.FileSnapshot;
import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.config.containerd.TomlText;
import io.github.rootlesspanel.config.prefs.Preferences.Notifications;
import io.github.rootlesspanel.config.prefs.Preferences.Theme;
import io.github.rootlesspanel.config.prefs.Preferences.WindowGeometry;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.setup.Component;

/**
 * {@code $XDG_CONFIG_HOME/rootless-panel/settings.toml}: the {@link Preferences} in a {@code [panel]} and a
 * {@code [window]} table. The file is the user's as much as the panel's, so reading forgives (unknown keys are kept
 * and ignored, a wrong value is a problem sentence and that key's default) and writing edits only the lines of the
 * keys whose value changed; comments, blank lines and unknown keys stay byte for byte. A file that is not TOML is a
 * {@link ConfigParseException} and is never overwritten.
 */
public final class PreferencesFile {

    public static final String RELATIVE_PATH = "rootless-panel/settings.toml";

    static final String PANEL = "panel";
    static final String WINDOW = "window";

    /** What was read: the preferences, one sentence per value that was not used, and the file as read (for saving). */
    public record Loaded(Preferences preferences, List<String> problems, FileSnapshot snapshot) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    private final Path path;

    public PreferencesFile(Path path) {
        this.path = path;
    }

    public static PreferencesFile of(XdgDirs dirs) {
        return new PreferencesFile(dirs.configHome().resolve(RELATIVE_PATH));
    }

    public Path path() {
        return path;
    }

    /** Reads the file; an absent file gives {@link Preferences#DEFAULTS} and no problems. */
    public Loaded load() throws IOException, ConfigParseException {
        return parse(FileSnapshot.read(path));
    }

    /**
     * Writes {@code prefs} over the file read as {@code base}, changing only the lines of changed keys, keeping the
     * previous file as {@code settings.toml.bak}.
     *
     * @throws io.github.rootlesspanel.config.ChangedOnDiskException when the file changed since {@code base} was read
     * @throws ConfigParseException when {@code base} is not valid TOML (nothing is written)
     */
    public Loaded save(Loaded base, Preferences prefs) throws IOException, ConfigParseException {
        FileSnapshot read = base.snapshot();
        if (!read.path().equals(path)) {
            throw new IllegalArgumentException(read.path() + " is not " + path);
        }
        String out = edit(read.text(), prefs);
        if (read.exists() && out.equals(read.text())) {
            return base;
        }
        FileSnapshot written = AtomicFile.write(read, out.getBytes(StandardCharsets.UTF_8), AtomicFile.REGULAR);
        return parse(written);
    }

    // --- reading ------------------------------------------------------------------------------------------------

    /** The preferences in a file as read. Pure. */
    public static Loaded parse(FileSnapshot file) throws ConfigParseException {
        Values v = values(file.text());
        return new Loaded(v.prefs, v.problems, file);
    }

    /** The valid values by "table.key", the preferences they make (defaults elsewhere) and the problems. */
    private static final class Values {
        final Map<String, Object> valid = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        Preferences prefs;
    }

    private static Values values(String text) throws ConfigParseException {
        TomlText.parse(text); // errors with positions; the parse below keeps positions for problem sentences
        TomlParseResult r = Toml.parse(text);
        Values v = new Values();
        Preferences d = Preferences.DEFAULTS;
        TomlTable panel = table(r, PANEL, v);
        TomlTable window = table(r, WINDOW, v);

        Theme theme = enumValue(r, panel, "theme", Theme.class, d.theme(), v);
        Notifications notifications = enumValue(r, panel, "notifications", Notifications.class, d.notifications(), v);

        List<String> hidden = new ArrayList<>();
        Object h = panel == null ? null : panel.get("hidden_components");
        if (h != null) {
            boolean clean = h instanceof TomlArray;
            if (h instanceof TomlArray a) {
                for (int i = 0; i < a.size(); i++) {
                    Object e = a.get(i);
                    if (e instanceof String s && Component.find(s).isPresent() && Component.find(s).get().id().equals(s)) {
                        if (!hidden.contains(s)) {
                            hidden.add(s);
                        }
                    } else {
                        clean = false;
                        v.problems.add(at(r, PANEL, "hidden_components") + "hidden_components: " + show(e)
                                + " is not a component id (" + ids() + "); it is ignored.");
                    }
                }
            } else {
                v.problems.add(at(r, PANEL, "hidden_components") + "hidden_components must be a list of component ids, not "
                        + show(h) + "; no component is hidden.");
            }
            if (clean && hidden.size() == ((TomlArray) h).size()) {
                v.valid.put(PANEL + ".hidden_components", List.copyOf(hidden));
            }
        }

        int journal = d.journalLines();
        Object j = panel == null ? null : panel.get("journal_lines");
        if (j != null) {
            if (j instanceof Long n && n >= Preferences.MIN_JOURNAL_LINES && n <= Preferences.MAX_JOURNAL_LINES) {
                journal = n.intValue();
                v.valid.put(PANEL + ".journal_lines", n);
            } else {
                v.problems.add(at(r, PANEL, "journal_lines") + "journal_lines must be a whole number from "
                        + Preferences.MIN_JOURNAL_LINES + " to " + Preferences.MAX_JOURNAL_LINES + ", not " + show(j)
                        + "; using " + d.journalLines() + ".");
            }
        }

        Optional<WindowGeometry> geometry = Optional.empty();
        if (window != null) {
            Long x = integer(r, window, "x", v);
            Long y = integer(r, window, "y", v);
            Long w = integer(r, window, "width", v);
            Long ht = integer(r, window, "height", v);
            boolean maximized = false;
            Object m = window.get("maximized");
            if (m instanceof Boolean b) {
                maximized = b;
                v.valid.put(WINDOW + ".maximized", b);
            } else if (m != null) {
                v.problems.add(at(r, WINDOW, "maximized") + "maximized must be true or false, not " + show(m)
                        + "; using false.");
            }
            if (x != null && y != null && w != null && ht != null) {
                if (w > 0 && ht > 0 && fitsInt(x) && fitsInt(y) && fitsInt(w) && fitsInt(ht)) {
                    geometry = Optional.of(new WindowGeometry(x.intValue(), y.intValue(), w.intValue(), ht.intValue(),
                            maximized));
                } else {
                    v.problems.add("window: the size " + w + "x" + ht + " at " + x + "," + y
                            + " is not a usable window geometry; the window opens at its default place.");
                }
            } else if (x != null || y != null || w != null || ht != null || m != null) {
                v.problems.add("window: x, y, width and height are all needed; the window opens at its default place.");
            }
        }
        v.prefs = new Preferences(theme, hidden, notifications, journal, geometry);
        return v;
    }

    private static TomlTable table(TomlParseResult r, String name, Values v) {
        Object t = r.get(List.of(name));
        if (t == null) {
            return null;
        }
        if (t instanceof TomlTable tt) {
            return tt;
        }
        v.problems.add(name + " must be a table ([" + name + "]), not " + show(t) + "; its settings are the defaults.");
        return null;
    }

    private static <E extends Enum<E>> E enumValue(TomlParseResult r, TomlTable panel, String key, Class<E> type, E def,
            Values v) {
        Object o = panel == null ? null : panel.get(key);
        if (o == null) {
            return def;
        }
        if (o instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (text(e).equals(s)) {
                    v.valid.put(PANEL + "." + key, s);
                    return e;
                }
            }
        }
        v.problems.add(at(r, PANEL, key) + key + " " + show(o) + " is not one of "
                + Arrays.stream(type.getEnumConstants()).map(PreferencesFile::text).collect(Collectors.joining(", "))
                + "; using " + text(def) + ".");
        return def;
    }

    private static Long integer(TomlParseResult r, TomlTable window, String key, Values v) {
        Object o = window.get(key);
        if (o instanceof Long n) {
            v.valid.put(WINDOW + "." + key, n);
            return n;
        }
        if (o != null) {
            v.problems.add(at(r, WINDOW, key) + key + " must be a whole number, not " + show(o) + ".");
        }
        return null;
    }

    private static boolean fitsInt(long n) {
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
    }

    /** How an enum constant is written: {@code FAILURES_ONLY} as {@code failures-only}. */
    static String text(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String ids() {
        return Arrays.stream(Component.values()).map(Component::id).collect(Collectors.joining(", "));
    }

    private static String at(TomlParseResult r, String table, String key) {
        TomlPosition p = r.inputPositionOf(List.of(table, key));
        return p == null ? "" : "line " + p.line() + ": ";
    }

    private static String show(Object o) {
        if (o instanceof String s) {
            return TomlText.quote(s);
        }
        if (o instanceof TomlTable) {
            return "a table";
        }
        if (o instanceof TomlArray) {
            return "a list";
        }
        return String.valueOf(o);
    }

    // --- writing ------------------------------------------------------------------------------------------------

    /**
     * {@code text} with the lines of every key whose value differs from {@code prefs} rewritten (a key the file does
     * not have is added only when its value is not the default), checked by parsing it again. Pure.
     */
    public static String edit(String text, Preferences prefs) throws ConfigParseException {
        Values now = values(text);
        TomlParseResult r = Toml.parse(text);
        Map<String, Object> want = new LinkedHashMap<>();
        want.put(PANEL + ".theme", text(prefs.theme()));
        want.put(PANEL + ".hidden_components", prefs.hiddenComponents());
        want.put(PANEL + ".notifications", text(prefs.notifications()));
        want.put(PANEL + ".journal_lines", (long) prefs.journalLines());
        Optional<WindowGeometry> g = prefs.window();
        want.put(WINDOW + ".x", g.map(w -> (Object) (long) w.x()).orElse(null));
        want.put(WINDOW + ".y", g.map(w -> (Object) (long) w.y()).orElse(null));
        want.put(WINDOW + ".width", g.map(w -> (Object) (long) w.width()).orElse(null));
        want.put(WINDOW + ".height", g.map(w -> (Object) (long) w.height()).orElse(null));
        want.put(WINDOW + ".maximized", g.map(w -> (Object) w.maximized()).orElse(null));
        Map<String, Object> defaults = Map.of(PANEL + ".theme", text(Preferences.DEFAULTS.theme()),
                PANEL + ".hidden_components", List.of(),
                PANEL + ".notifications", text(Preferences.DEFAULTS.notifications()),
                PANEL + ".journal_lines", (long) Preferences.DEFAULTS.journalLines(),
                WINDOW + ".maximized", false);

        String out = text;
        for (Map.Entry<String, Object> e : want.entrySet()) {
            String[] tk = e.getKey().split("\\.", 2);
            boolean present = r.get(List.of(tk[0], tk[1])) != null;
            Object value = e.getValue();
            if (value == null) {
                if (present) {
                    out = TomlText.remove(out, tk[0], tk[1]);
                }
            } else if (!value.equals(now.valid.get(e.getKey())) && (present || !value.equals(defaults.get(e.getKey())))) {
                out = TomlText.set(out, tk[0], tk[1], toml(value));
            }
        }
        Values check;
        try {
            check = values(out);
        } catch (ConfigParseException ex) {
            throw new IllegalStateException("settings edit is not valid TOML: " + ex.getMessage(), ex);
        }
        if (!check.prefs.equals(prefs)) {
            throw new IllegalStateException("settings edit reads back as " + check.prefs + ", not " + prefs);
        }
        return out;
    }

    private static String toml(Object value) {
        if (value instanceof String s) {
            return TomlText.quote(s);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(o -> TomlText.quote((String) o)).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
