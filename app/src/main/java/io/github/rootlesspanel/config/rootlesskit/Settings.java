package io.github.rootlesspanel.config.rootlesskit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The RootlessKit variables that are explicitly set, as in the unit's environment or in the form; a variable that
 * is absent gets containerd-rootless.sh's default. An empty value counts as unset, because the script treats it
 * so ({@code : "${VAR:=default}"}, {@code [ -z "$net" ]}). Immutable and pure.
 *
 * @param values  the set variables, in {@link Variable} order
 * @param unknown other {@code CONTAINERD_ROOTLESS_ROOTLESSKIT_*} names found in the environment (typos, or
 *                variables of another script version), by name; kept so that they can be warned about
 */
public record Settings(Map<Variable, String> values, Map<String, String> unknown) {

    public Settings {
        EnumMap<Variable, String> v = new EnumMap<>(Variable.class);
        values.forEach((key, value) -> {
            if (!Objects.requireNonNull(value, key.name()).isEmpty()) {
                v.put(key, value);
            }
        });
        values = Collections.unmodifiableMap(v);
        unknown = Collections.unmodifiableMap(new TreeMap<>(unknown));
    }

    /** Nothing set: every variable at its default. */
    public static Settings empty() {
        return new Settings(Map.of(), Map.of());
    }

    /**
     * The {@code CONTAINERD_ROOTLESS_ROOTLESSKIT_*} entries of an environment (e.g. the unit's Environment=
     * assignments): known names become values, other names with that prefix go to {@link #unknown()}, everything
     * else is ignored.
     */
    public static Settings fromEnvironment(Map<String, String> env) {
        Map<Variable, String> values = new EnumMap<>(Variable.class);
        Map<String, String> unknown = new TreeMap<>();
        env.forEach((key, value) -> {
            if (key == null || value == null || !key.startsWith(Variable.PREFIX)) {
                return;
            }
            Optional<Variable> v = Variable.fromEnvName(key);
            if (v.isPresent()) {
                values.put(v.get(), value);
            } else {
                unknown.put(key, value);
            }
        });
        return new Settings(values, unknown);
    }

    /** A copy with the variable set to the value, or unset when the value is empty or absent. */
    public Settings with(Variable variable, Optional<String> value) {
        Objects.requireNonNull(variable, "variable");
        EnumMap<Variable, String> v = new EnumMap<>(Variable.class);
        v.putAll(values);
        if (value.isPresent() && !value.get().isEmpty()) {
            v.put(variable, value.get());
        } else {
            v.remove(variable);
        }
        return new Settings(v, unknown);
    }

    /** Shorthand for {@code with(variable, Optional.of(value))}. */
    public Settings with(Variable variable, String value) {
        return with(variable, Optional.of(value));
    }

    /** The explicitly set value; empty means "the script's default". */
    public Optional<String> get(Variable variable) {
        return Optional.ofNullable(values.get(variable));
    }

    public boolean isSet(Variable variable) {
        return values.containsKey(variable);
    }

    /** The set variables by environment name, in {@link Variable} order (unknown names left out). */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((k, v) -> env.put(k.envName(), v));
        return Collections.unmodifiableMap(env);
    }
}
