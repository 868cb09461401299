package io.github.rootlesspanel.containers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's task (its init process) as containerd's Tasks service reports it. A container without a task
 * (created, never started, or its task deleted) has none at all.
 *
 * @param pid        the init process's PID as the host sees it (0 once it has exited, or before it starts)
 * @param status     containerd's task status
 * @param exitStatus the exit status once stopped (137 = 128 + SIGKILL); 0 while running
 * @param exitedAt   when it exited; empty while it runs (containerd sends Go's zero time then)
 */
public record TaskInfo(long pid, Status status, long exitStatus, Optional<Instant> exitedAt) {

    /** containerd's task status (containerd.v1.types.Status). */
    public enum Status {
        CREATED,
        RUNNING,
        STOPPED,
        PAUSED,
        PAUSING,
        /** containerd's UNKNOWN, or a value newer than this panel knows. */
        UNKNOWN
    }

    public TaskInfo {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitedAt, "exitedAt");
    }

    public boolean running() {
        return status == Status.RUNNING;
    }
}
