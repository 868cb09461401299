package io.github.rootlesspanel.config.containerd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.tomlj.TomlParseResult;

import io.github.rootlesspanel.config.containerd.TomlLayout.Statement;

/**
 * The {@code snapshotter} key of {@code ~/.config/nerdctl/nerdctl.toml}: which snapshotter nerdctl uses when neither
 * {@code --snapshotter} nor {@code CONTAINERD_SNAPSHOTTER} says otherwise. Read, set and unset on the lines of the
 * file like {@link ConfigMerge}: the key's value is replaced in place (its comment stays), a new key goes after the
 * last top-level key (before the first table when there are none), and unset removes the key's lines only; every
 * other byte stays. nerdctl's decoder rejects unknown keys, so nothing else is ever written. Pure.
 */
public final class NerdctlToml {

    public static final String KEY = "snapshotter";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** @param text the file after the change; {@code changed}: whether it differs from the input */
    public record Edit(String text, boolean changed) {
    }

    private NerdctlToml() {
    }

    /** The top-level {@code snapshotter}, if the file sets one. */
    public static Optional<String> snapshotter(String text) throws ConfigParseException {
        TomlParseResult r = ConfigMerge.parse(text);
        Object v = r.get(List.of(KEY));
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            // positions need the source, which the quick parse does not keep
            var p = org.tomlj.Toml.parse(text).inputPositionOf(List.of(KEY));
            throw new ConfigParseException(List.of(new ConfigParseException.Problem(p == null ? 1 : p.line(),
                    p == null ? 1 : p.column(), "snapshotter must be a string, not " + ConfigMerge.render(v))));
        }
        return Optional.of(s);
    }

    /** Sets {@code snapshotter = "name"} at the top level. */
    public static Edit setSnapshotter(String text, String name) throws ConfigParseException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a snapshotter name: " + name);
        }
        Optional<String> now = snapshotter(text);
        if (now.isPresent() && now.get().equals(name)) {
            return new Edit(text, false);
        }
        TomlLayout lay = TomlLayout.of(text);
        List<String> lines = new ArrayList<>(lay.lines());
        String cr = lay.lineEnd().equals("\r\n") ? "\r" : "";
        Statement st = find(lay);
        boolean trailing = lay.trailingNewline() || lines.isEmpty();
        if (st != null) {
            if (st.singleLine() && st.valueStart() >= 0) {
                String l = lines.get(st.firstLine());
                lines.set(st.firstLine(), l.substring(0, st.valueStart()) + TomlLayout.quote(name) + l.substring(st.valueEnd()));
            } else {
                String line = st.indent() + KEY + " = " + TomlLayout.quote(name)
                        + (st.comment() == null ? "" : " " + st.comment()) + cr;
                for (int i = st.lastLine(); i > st.firstLine(); i--) {
                    lines.remove(i);
                }
                lines.set(st.firstLine(), line);
            }
        } else {
            TomlLayout.Section root = lay.sections().get(0);
            int at;
            String indent = "";
            if (!root.entries().isEmpty()) {
                Statement last = root.entries().get(root.entries().size() - 1);
                at = last.lastLine() + 1;
                indent = last.indent();
            } else if (lay.sections().size() > 1) {
                at = lay.sections().get(1).header().firstLine();
                while (at > 0 && lines.get(at - 1).strip().startsWith("#")) {
                    at--;
                }
            } else {
                at = lines.size();
            }
            lines.add(at, indent + KEY + " = " + TomlLayout.quote(name) + cr);
        }
        String out = TomlLayout.join(lines, trailing);
        check(out, Optional.of(name));
        return new Edit(out, !out.equals(text));
    }

    /** Removes the top-level {@code snapshotter} (nerdctl then uses its default, overlayfs). */
    public static Edit unsetSnapshotter(String text) throws ConfigParseException {
        ConfigMerge.parse(text);
        TomlLayout lay = TomlLayout.of(text);
        Statement st = find(lay);
        if (st == null) {
            return new Edit(text, false);
        }
        List<String> lines = new ArrayList<>(lay.lines());
        for (int i = st.lastLine(); i >= st.firstLine(); i--) {
            lines.remove(i);
        }
        String out = TomlLayout.join(lines, lay.trailingNewline());
        check(out, Optional.empty());
        return new Edit(out, !out.equals(text));
    }

    private static Statement find(TomlLayout lay) {
        for (Statement s : lay.sections().get(0).entries()) {
            if (s.key().equals(List.of(KEY))) {
                return s;
            }
        }
        return null;
    }

    private static void check(String out, Optional<String> expected) {
        try {
            Optional<String> got = snapshotter(out);
            if (!got.equals(expected)) {
                throw new IllegalStateException("nerdctl.toml edit gave snapshotter " + got + ", not " + expected);
            }
        } catch (ConfigParseException e) {
            throw new IllegalStateException("nerdctl.toml edit is not valid TOML: " + e.getMessage(), e);
        }
    }
}
