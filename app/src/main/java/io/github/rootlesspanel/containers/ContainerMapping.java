package io.github.rootlesspanel.containers;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;

import io.github.rootlesspanel.containers.api.containers.Container;
import io.github.rootlesspanel.containers.api.events.ContainerRef;
import io.github.rootlesspanel.containers.api.events.Envelope;
import io.github.rootlesspanel.containers.api.events.TaskDelete;
import io.github.rootlesspanel.containers.api.events.TaskExit;
import io.github.rootlesspanel.containers.api.tasks.Process;

/**
 * From containerd's protobuf messages to the records the rest of the panel sees. Pure functions, so they are
 * tested without a daemon. containerd's {@code Any} type URLs have no {@code type.googleapis.com/} prefix
 * (protobuf-java's {@code Any.is/unpack} fail on them): payloads are told apart by the bare type URL.
 */
final class ContainerMapping {

    /** Go's zero time.Time, 0001-01-01T00:00:00Z, which containerd sends as exited_at of a running task. */
    static final long GO_ZERO_TIME_SECONDS = -62135596800L;
    /** The type URL of the OCI runtime spec in Container.spec; its value is the spec as JSON. */
    static final String OCI_SPEC_TYPE_URL = "types.containerd.io/opencontainers/runtime-spec/1/Spec";

    private ContainerMapping() {
    }

    /** A timestamp that means something: empty when unset, Go's zero time (or earlier), or the Unix epoch. */
    static Optional<Instant> instant(boolean present, Timestamp t) {
        if (!present || t.getSeconds() <= GO_ZERO_TIME_SECONDS || (t.getSeconds() == 0 && t.getNanos() == 0)) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
    }

    static TaskInfo.Status status(Process p) {
        switch (p.getStatus()) {
            case CREATED: return TaskInfo.Status.CREATED;
            case RUNNING: return TaskInfo.Status.RUNNING;
            case STOPPED: return TaskInfo.Status.STOPPED;
            case PAUSED: return TaskInfo.Status.PAUSED;
            case PAUSING: return TaskInfo.Status.PAUSING;
            default: return TaskInfo.Status.UNKNOWN;   // UNKNOWN, and UNRECOGNIZED (a newer value)
        }
    }

    static TaskInfo task(Process p) {
        return new TaskInfo(Integer.toUnsignedLong(p.getPid()), status(p), Integer.toUnsignedLong(p.getExitStatus()),
                instant(p.hasExitedAt(), p.getExitedAt()));
    }

    /**
     * The container id a Tasks.List entry belongs to: {@code Process.id} (List leaves {@code container_id}
     * empty; for the init process, the only one List returns, id = the container id).
     */
    static String containerIdOf(Process p) {
        return p.getId().isEmpty() ? p.getContainerId() : p.getId();
    }

    /** Tasks by container id. */
    static Map<String, TaskInfo> tasksById(List<Process> tasks) {
        Map<String, TaskInfo> out = new HashMap<>();
        for (Process p : tasks) {
            String id = containerIdOf(p);
            if (!id.isEmpty()) {
                out.put(id, task(p));
            }
        }
        return out;
    }

    static ContainerInfo container(String namespace, Container c, Map<String, TaskInfo> tasks) {
        return new ContainerInfo(c.getId(), namespace, c.getImage(), c.getLabelsMap(),
                c.hasSpec() ? spec(c.getSpec()) : OciSpec.EMPTY, c.getSnapshotter(),
                instant(c.hasCreatedAt(), c.getCreatedAt()).orElse(Instant.EPOCH),
                Optional.ofNullable(tasks.get(c.getId())));
    }

    /**
     * The OCI runtime spec of a {@code Container.spec} {@code Any} (JSON bytes); {@link OciSpec#EMPTY} when it is
     * not the OCI JSON spec or not valid JSON: one odd container must not hide the others.
     */
    static OciSpec spec(Any spec) {
        if (spec.getValue().isEmpty() || !spec.getTypeUrl().endsWith("opencontainers/runtime-spec/1/Spec")) {
            return OciSpec.EMPTY;
        }
        return OciSpec.parse(spec.getValue().toByteArray());
    }

    static ContainerEvent event(Envelope e) {
        String topic = e.getTopic();
        Optional<String> containerId = Optional.empty();
        OptionalLong exitStatus = OptionalLong.empty();
        if (e.hasEvent() && (topic.startsWith("/tasks/") || topic.startsWith("/containers/"))) {
            Any payload = e.getEvent();
            try {
                if (payload.getTypeUrl().equals("containerd.events.TaskExit")) {
                    TaskExit exit = TaskExit.parseFrom(payload.getValue());
                    containerId = nonEmpty(exit.getContainerId());
                    exitStatus = OptionalLong.of(Integer.toUnsignedLong(exit.getExitStatus()));
                } else if (payload.getTypeUrl().equals("containerd.events.TaskDelete")) {
                    TaskDelete delete = TaskDelete.parseFrom(payload.getValue());
                    containerId = nonEmpty(delete.getContainerId());
                    exitStatus = OptionalLong.of(Integer.toUnsignedLong(delete.getExitStatus()));
                } else if (payload.getTypeUrl().startsWith("containerd.events.Task")
                        || payload.getTypeUrl().startsWith("containerd.events.Container")) {
                    // field 1 is the container id (string) in every one of them
                    containerId = nonEmpty(ContainerRef.parseFrom(payload.getValue()).getContainerId());
                }
            } catch (InvalidProtocolBufferException ignored) {
                // an unexpected payload: topic and namespace still tell the caller to re-read
            }
        }
        return new ContainerEvent(instant(e.hasTimestamp(), e.getTimestamp()).orElse(Instant.EPOCH),
                e.getNamespace(), topic, containerId, exitStatus);
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
