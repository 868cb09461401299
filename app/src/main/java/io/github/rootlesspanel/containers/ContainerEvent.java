package io.github.rootlesspanel.containers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One event from containerd's event stream.
 *
 * @param timestamp   when containerd published it ({@link Instant#EPOCH} if it did not say)
 * @param namespace   the containerd namespace it happened in
 * @param topic       e.g. {@code /tasks/exit}, {@code /containers/create}, {@code /images/delete}
 * @param containerId the container it concerns, for the {@code /containers/*} and {@code /tasks/*} topics;
 *                    empty for others
 * @param exitStatus  the exit status, for {@code /tasks/exit} and {@code /tasks/delete}
 */
public record ContainerEvent(Instant timestamp, String namespace, String topic, Optional<String> containerId,
                             OptionalLong exitStatus) {

    public static final String TASK_EXIT = "/tasks/exit";

    public ContainerEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(exitStatus, "exitStatus");
    }

    /** Whether it is about a container or its task (then {@link #containerId()} is usually set). */
    public boolean aboutContainers() {
        return topic.startsWith("/containers/") || topic.startsWith("/tasks/");
    }
}
