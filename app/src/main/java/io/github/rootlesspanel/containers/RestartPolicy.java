package io.github.rootlesspanel.containers;

import java.util.Objects;
import java.util.Optional;

/**
 * A container's restart policy as containerd's restart manager keeps it in the label {@value #LABEL}
 * ({@code always}, {@code unless-stopped}, {@code on-failure[:N]}); nerdctl's {@code --restart} writes it.
 *
 * @param name       {@code always}, {@code unless-stopped} or {@code on-failure}
 * @param maxRetries for {@code on-failure:N}, N; 0 = no limit
 */
public record RestartPolicy(String name, int maxRetries) {

    public static final String LABEL = "containerd.io/restart.policy";
    /** The state the restart manager keeps the container in ({@code running} or {@code stopped}). */
    public static final String STATUS_LABEL = "containerd.io/restart.status";

    public RestartPolicy {
        Objects.requireNonNull(name, "name");
    }

    /** The policy of a label value; empty for none, {@code no}, or a value containerd would not accept. */
    public static Optional<RestartPolicy> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String[] parts = value.trim().split(":", -1);
        switch (parts[0]) {
            case "always":
            case "unless-stopped":
                return parts.length == 1 ? Optional.of(new RestartPolicy(parts[0], 0)) : Optional.empty();
            case "on-failure":
                if (parts.length == 1) {
                    return Optional.of(new RestartPolicy("on-failure", 0));
                }
                if (parts.length == 2 && parts[1].matches("[0-9]{1,9}")) {
                    return Optional.of(new RestartPolicy("on-failure", Integer.parseInt(parts[1])));
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** The value of nerdctl's {@code --restart}. */
    public String flagValue() {
        return maxRetries > 0 ? name + ":" + maxRetries : name;
    }
}
