package io.github.rootlesspanel.config.containerd;

import java.util.ArrayList;
import java.util.List;

import org.tomlj.TomlParseResult;

import io.github.rootlesspanel.config.containerd.TomlLayout.Section;
import io.github.rootlesspanel.config.containerd.TomlLayout.Statement;

/**
 * The line-level TOML editing of this package for other packages (the panel's own settings file): set or remove
 * one key of one table, touching only that key's lines (a new key goes after the table's last statement, a new
 * table at the end of the file), every other byte as it was. Only for text {@link #parse} accepted. Pure.
 */
public final class TomlText {

    private TomlText() {
    }

    /** tomlj's TOML 1.0 parse, or every error with its line and column. */
    public static TomlParseResult parse(String text) throws ConfigParseException {
        return ConfigMerge.parse(text);
    }

    /** A TOML basic string: quotes, backslashes and control characters escaped. */
    public static String quote(String value) {
        return TomlLayout.quote(value);
    }

    /**
     * Sets {@code key = tomlValue} in the standard table {@code [table]} ({@code tomlValue} is TOML text the caller
     * built with {@link #quote} or from numbers and booleans). A value on one line is replaced in place, so its
     * comment stays; one over several lines is replaced by one line carrying its trailing comment.
     *
     * @throws IllegalArgumentException when the key exists but not as a line of its own under a {@code [table]}
     *         header or as {@code table.key} at the top (inside an inline table, say); the caller reports that
     */
    public static String set(String text, String table, String key, String tomlValue) {
        TomlLayout lay = TomlLayout.of(text);
        List<String> lines = new ArrayList<>(lay.lines());
        String cr = lay.lineEnd().equals("\r\n") ? "\r" : "";
        Statement st = find(lay, table, key);
        if (st != null) {
            if (st.singleLine() && st.valueStart() >= 0) {
                String l = lines.get(st.firstLine());
                lines.set(st.firstLine(), l.substring(0, st.valueStart()) + tomlValue + l.substring(st.valueEnd()));
            } else {
                String first = lines.get(st.firstLine());
                int eq = first.indexOf('=');
                String line = first.substring(0, eq + 1) + " " + tomlValue
                        + (st.comment() == null ? "" : " " + st.comment()) + cr;
                for (int i = st.lastLine(); i > st.firstLine(); i--) {
                    lines.remove(i);
                }
                lines.set(st.firstLine(), line);
            }
            return TomlLayout.join(lines, lay.trailingNewline());
        }
        requireAbsent(text, table, key);
        String keyLine = TomlLayout.keyText(List.of(key)) + " = " + tomlValue + cr;
        Section sec = standardTable(lay, table);
        if (sec != null) {
            String indent = sec.entries().isEmpty() ? "" : sec.entries().get(sec.entries().size() - 1).indent();
            int at = sec.lastStatementLine() + 1;
            boolean atEnd = at == lines.size();
            lines.add(at, indent + keyLine);
            return TomlLayout.join(lines, lay.trailingNewline() || atEnd);
        }
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).strip().isEmpty()) {
            lines.add(cr);
        }
        lines.add("[" + TomlLayout.keyText(List.of(table)) + "]" + cr);
        lines.add(keyLine);
        return TomlLayout.join(lines, true);
    }

    /** Removes the lines of {@code key} in {@code [table]}; the text as it is when the key is not there. */
    public static String remove(String text, String table, String key) {
        TomlLayout lay = TomlLayout.of(text);
        Statement st = find(lay, table, key);
        if (st == null) {
            requireAbsent(text, table, key);
            return text;
        }
        List<String> lines = new ArrayList<>(lay.lines());
        for (int i = st.lastLine(); i >= st.firstLine(); i--) {
            lines.remove(i);
        }
        return TomlLayout.join(lines, lay.trailingNewline());
    }

    private static Statement find(TomlLayout lay, String table, String key) {
        List<String> want = List.of(table, key);
        for (Statement s : lay.statements()) {
            if (!s.isHeader() && !lay.section(s).isArray() && lay.absoluteKey(s).equals(want)) {
                return s;
            }
        }
        return null;
    }

    private static Section standardTable(TomlLayout lay, String table) {
        for (Section s : lay.sections()) {
            if (s.header() != null && !s.isArray() && s.path().equals(List.of(table))) {
                return s;
            }
        }
        return null;
    }

    private static void requireAbsent(String text, String table, String key) {
        try {
            if (parse(text).get(List.of(table, key)) != null) {
                throw new IllegalArgumentException(table + "." + key
                        + " is written in a form the panel does not edit (an inline table?); change it by hand");
            }
        } catch (ConfigParseException e) {
            throw new IllegalArgumentException("not valid TOML: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // tomlj throws when the path crosses a non-table (panel = 3); the re-parse after the edit reports it
        }
    }
}
