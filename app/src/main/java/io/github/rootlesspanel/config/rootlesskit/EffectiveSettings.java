package io.github.rootlesspanel.config.rootlesskit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What containerd-rootless.sh would do with a {@link Settings} on a host: one {@link Resolved} value per
 * {@link Variable}, the FLAGS words as the script assembles them, and the RootlessKit arguments in the script's
 * exact order (rootless-setup.md §2.3). Made by {@link Effective#resolve}; immutable.
 *
 * <p>Where a value depends on a host that is not known, the arguments hold a placeholder:
 * {@code --net=<auto>}, {@code --mtu=<auto>} and {@code [--detach-netns]}; {@link #complete()} is then false.
 *
 * @param values          one entry per variable, in {@link Variable} order
 * @param flagWords       the words the script puts after its own flags: {@code [--ipv6] [--detach-netns]} then
 *                        FLAGS split at blanks
 * @param rootlesskitArgs the arguments after {@code rootlesskit} and before the script's own path
 * @param scriptFailure   the message with which containerd-rootless.sh exits 1 before starting RootlessKit (an
 *                        unknown DETACH_NETNS or IPV6 value); the arguments then show what it would have built
 */
public record EffectiveSettings(Map<Variable, Resolved> values, List<String> flagWords, List<String> rootlesskitArgs,
        Optional<String> scriptFailure) {

    /** Placeholder for an auto value that depends on an unknown host. */
    public static final String AUTO_PLACEHOLDER = "<auto>";
    /** Placeholder for a --detach-netns that depends on an unknown host. */
    public static final String MAYBE_DETACH_NETNS = "[--detach-netns]";

    public EffectiveSettings {
        if (values.size() != Variable.values().length) {
            throw new IllegalArgumentException("one value per variable expected, got " + values.keySet());
        }
        values = Collections.unmodifiableMap(new EnumMap<>(values));
        flagWords = List.copyOf(flagWords);
        rootlesskitArgs = List.copyOf(rootlesskitArgs);
        Objects.requireNonNull(scriptFailure, "scriptFailure");
    }

    public Resolved get(Variable variable) {
        return values.get(variable);
    }

    /** Whether every value is decided (no placeholder in the arguments). */
    public boolean complete() {
        return values.values().stream().allMatch(Resolved::known);
    }

    /**
     * The whole command the script {@code exec}s: {@code rootlesskit}, {@link #rootlesskitArgs()}, then the script's
     * path as it was invoked ({@code $0}) and its own arguments.
     */
    public List<String> commandLine(String scriptPath, List<String> scriptArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add("rootlesskit");
        cmd.addAll(rootlesskitArgs);
        cmd.add(scriptPath);
        cmd.addAll(scriptArgs);
        return List.copyOf(cmd);
    }
}
