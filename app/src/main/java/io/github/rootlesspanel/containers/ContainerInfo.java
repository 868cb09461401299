package io.github.rootlesspanel.containers;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One container of a containerd namespace, with its task if it has one.
 *
 * @param id          the container id (nerdctl: a 64-hex id; the name is the {@value #NERDCTL_NAME} label)
 * @param namespace   the containerd namespace it belongs to
 * @param image       the image reference it was created from, e.g. {@code docker.io/library/nginx:latest}
 * @param labels      containerd's labels of the container; sorted by key, unmodifiable
 * @param spec        what its stored OCI runtime spec says ({@link OciSpec#EMPTY} when it has none or it cannot
 *                    be read)
 * @param snapshotter the snapshotter of its root filesystem, e.g. {@code overlayfs}
 * @param createdAt   when it was created ({@link Instant#EPOCH} if containerd did not say)
 * @param task        its task; empty when it has none (never started, or its task was deleted)
 */
public record ContainerInfo(String id, String namespace, String image, Map<String, String> labels,
                            OciSpec spec, String snapshotter, Instant createdAt,
                            Optional<TaskInfo> task) {

    /** The label under which nerdctl keeps a container's name. */
    public static final String NERDCTL_NAME = "nerdctl/name";

    public ContainerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(image, "image");
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(snapshotter, "snapshotter");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(task, "task");
    }

    /** The spec's {@code annotations}, sorted by key. */
    public Map<String, String> annotations() {
        return spec.annotations();
    }

    /** nerdctl's name for it ({@value #NERDCTL_NAME}), if it has one. */
    public Optional<String> nerdctlName() {
        return Optional.ofNullable(labels.get(NERDCTL_NAME)).filter(s -> !s.isEmpty());
    }
}
