package io.github.rootlesspanel.containers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Containers screen and {@code rootless-panel containers} show about one container: containerd's
 * record and task, what nerdctl keeps in labels and its data store, the addresses inside its network namespace,
 * and bypass4netns configured (from the spec) and live (listed by bypass4netnsd).
 *
 * @param info        containerd's container with its task
 * @param nerdctl     nerdctl's labels
 * @param bypass      bypass4netns as configured at create time
 * @param ports       published ports (network-config.json, else the older label)
 * @param addresses   addresses inside its network namespace (empty when it does not run, or has none but lo)
 * @param startedAt   when its running task's process started
 * @param bypassLive  whether bypass4netnsd lists it; empty when bypass4netnsd could not be asked
 */
public record ContainerView(ContainerInfo info, NerdctlMeta nerdctl, Bypass4netnsConfig bypass,
                            List<PortMapping> ports, List<InterfaceAddress> addresses, Optional<Instant> startedAt,
                            Optional<Boolean> bypassLive) {

    public ContainerView {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(nerdctl, "nerdctl");
        Objects.requireNonNull(bypass, "bypass");
        ports = List.copyOf(ports);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(bypassLive, "bypassLive");
    }

    public String id() {
        return info.id();
    }

    /** nerdctl's name, else the id (containers made by ctr have no name). */
    public String name() {
        return nerdctl.name().isEmpty() ? info.id() : nerdctl.name();
    }

    public String namespace() {
        return info.namespace();
    }

    public ContainerState state() {
        return ContainerState.of(info.task());
    }

    /** The task's PID while it runs (or is paused); 0 otherwise. */
    public long pid() {
        return state() == ContainerState.RUNNING || state() == ContainerState.PAUSED
                ? info.task().map(TaskInfo::pid).orElse(0L) : 0;
    }

    /** How long it has been running, when it runs and the start is known. */
    public Optional<Duration> uptime(Instant now) {
        return state() == ContainerState.RUNNING ? startedAt.map(s -> Duration.between(s, now)) : Optional.empty();
    }

    /** {@code nerdctl ps}-like status: {@code Up 5 minutes}, {@code Exited (137) 2 hours ago}, {@code Created}. */
    public String statusText(Instant now) {
        switch (state()) {
            case RUNNING:
                return uptime(now).map(d -> "Up " + ContainerState.human(d)).orElse("Up");
            case PAUSED:
                return "Paused";
            case EXITED: {
                TaskInfo t = info.task().orElseThrow();
                return "Exited (" + t.exitStatus() + ")"
                        + t.exitedAt().map(at -> " " + ContainerState.human(Duration.between(at, now)) + " ago").orElse("");
            }
            case CREATED:
                return "Created";
            default:
                return "Unknown";
        }
    }
}
