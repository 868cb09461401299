package io.github.rootlesspanel.config.rootlesskit;

import java.util.Objects;
import java.util.Optional;

/**
 * One finding of {@link Rules#validate}: which variable it belongs to (none for unknown variable names), how bad
 * it is, and a message that says what goes wrong and how to fix it.
 *
 * @param field    the variable the form should mark; empty when the problem is about no single known variable
 * @param severity ERROR blocks Apply (the script or RootlessKit would stop, or the value cannot be written);
 *                 WARNING is shown but does not block
 * @param message  one or two sentences naming the fix
 */
public record Problem(Optional<Variable> field, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(Variable field, String message) {
        return new Problem(Optional.of(field), Severity.ERROR, message);
    }

    public static Problem warning(Variable field, String message) {
        return new Problem(Optional.of(field), Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + field.map(f -> " " + f.name()).orElse("") + ": " + message;
    }
}
