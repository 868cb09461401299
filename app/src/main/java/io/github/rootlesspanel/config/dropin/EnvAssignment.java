package io.github.rootlesspanel.config.dropin;

import java.util.List;
import java.util.Objects;

/**
 * One {@code VAR=value} assignment of an {@code Environment=} line, as systemd reads it.
 *
 * @param key        the variable name
 * @param value      the value with quotes removed, C escapes decoded and {@code %%} decoded to {@code %}.
 *                   Other specifiers ({@code %h}, {@code %t}, …) are left as written, because only systemd knows
 *                   what they expand to; they are listed in {@code specifiers}
 * @param line       1-based line where the assignment starts
 * @param column     1-based column (code points) where the assignment starts
 * @param endLine    1-based line where the assignment ends (after {@code line} when it spans a line continuation)
 * @param written    the assignment as written in the file (quotes and escapes included; where it spans a line
 *                   continuation, the backslash-newline appears as the space systemd reads)
 * @param specifiers the specifiers systemd expands in this value, in order of appearance (e.g. {@code %h}); empty
 *                   when {@code value} is exactly what the process gets
 */
public record EnvAssignment(String key, String value, int line, int column, int endLine, String written,
        List<String> specifiers) {

    public EnvAssignment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(written, "written");
        specifiers = List.copyOf(specifiers);
    }

    /** Whether systemd replaces parts of the value (so {@link #value()} is not literally what the process gets). */
    public boolean usesSpecifiers() {
        return !specifiers.isEmpty();
    }
}
