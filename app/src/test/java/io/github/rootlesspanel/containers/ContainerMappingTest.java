package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;

import io.github.rootlesspanel.containers.api.containers.Container;
import io.github.rootlesspanel.containers.api.events.Envelope;
import io.github.rootlesspanel.containers.api.events.TaskExit;
import io.github.rootlesspanel.containers.api.tasks.Process;
import io.github.rootlesspanel.containers.api.tasks.TaskStatus;

/** From containerd's messages (as containerd 1.6 sends them, apis.md §7.3/7.4) to the panel's records. */
class ContainerMappingTest {

    private static final Timestamp GO_ZERO = Timestamp.newBuilder().setSeconds(-62135596800L).build();

    private static Any spec(String json) {
        return Any.newBuilder().setTypeUrl(ContainerMapping.OCI_SPEC_TYPE_URL)
                .setValue(ByteString.copyFrom(json, StandardCharsets.UTF_8)).build();
    }

    @Test
    void goZeroTimeUnsetAndEpochAreNoTime() {
        assertThat(ContainerMapping.instant(true, GO_ZERO)).isEmpty();
        assertThat(ContainerMapping.instant(false, Timestamp.getDefaultInstance())).isEmpty();
        assertThat(ContainerMapping.instant(true, Timestamp.getDefaultInstance())).isEmpty();
        assertThat(ContainerMapping.instant(true, Timestamp.newBuilder().setSeconds(1_780_000_000L).setNanos(5).build()))
                .contains(Instant.ofEpochSecond(1_780_000_000L, 5));
    }

    @Test
    void runningTaskHasNoExitTime() {
        Process running = Process.newBuilder().setId("web").setPid(4242).setStatus(TaskStatus.RUNNING)
                .setExitedAt(GO_ZERO).build();
        assertThat(ContainerMapping.task(running))
                .isEqualTo(new TaskInfo(4242, TaskInfo.Status.RUNNING, 0, Optional.empty()));

        Timestamp at = Timestamp.newBuilder().setSeconds(1_780_000_000L).build();
        Process killed = Process.newBuilder().setId("web").setStatus(TaskStatus.STOPPED).setExitStatus(137)
                .setExitedAt(at).build();
        assertThat(ContainerMapping.task(killed)).isEqualTo(new TaskInfo(0, TaskInfo.Status.STOPPED, 137,
                Optional.of(Instant.ofEpochSecond(1_780_000_000L))));
    }

    @Test
    void everyStatusMapsAndUnknownValuesAreUnknown() {
        assertThat(List.of(TaskStatus.UNKNOWN, TaskStatus.CREATED, TaskStatus.RUNNING, TaskStatus.STOPPED,
                TaskStatus.PAUSED, TaskStatus.PAUSING).stream()
                .map(s -> ContainerMapping.status(Process.newBuilder().setStatus(s).build())).toList())
                .containsExactly(TaskInfo.Status.UNKNOWN, TaskInfo.Status.CREATED, TaskInfo.Status.RUNNING,
                        TaskInfo.Status.STOPPED, TaskInfo.Status.PAUSED, TaskInfo.Status.PAUSING);
        assertThat(ContainerMapping.status(Process.newBuilder().setStatusValue(17).build()))
                .isEqualTo(TaskInfo.Status.UNKNOWN);
    }

    @Test
    void tasksAreJoinedByProcessIdBecauseListLeavesContainerIdEmpty() {
        Map<String, TaskInfo> byId = ContainerMapping.tasksById(List.of(
                Process.newBuilder().setId("a").setPid(10).setStatus(TaskStatus.RUNNING).build(),
                Process.newBuilder().setContainerId("b").setPid(11).setStatus(TaskStatus.CREATED).build(),
                Process.newBuilder().setPid(12).build()));
        assertThat(byId).containsOnlyKeys("a", "b");
        assertThat(byId.get("a").pid()).isEqualTo(10);
    }

    @Test
    void annotationsComeFromTheJsonSpec() {
        Any any = spec("{\"ociVersion\":\"1.0.2-dev\",\"process\":{\"args\":[\"sleep\",\"300\"]},"
                + "\"annotations\":{\"org.example/role\":\"web\",\"n\":3,\"empty\":\"\"}}");
        assertThat(ContainerMapping.spec(any).annotations()).containsExactlyInAnyOrderEntriesOf(
                Map.of("org.example/role", "web", "empty", ""));
        assertThat(ContainerMapping.spec(spec("{\"ociVersion\":\"1.0.2-dev\"}"))).isEqualTo(OciSpec.EMPTY);
        assertThat(ContainerMapping.spec(spec("{\"annotations\":null}"))).isEqualTo(OciSpec.EMPTY);
        assertThat(ContainerMapping.spec(spec("not json {"))).isEqualTo(OciSpec.EMPTY);
        assertThat(ContainerMapping.spec(Any.getDefaultInstance())).isEqualTo(OciSpec.EMPTY);
        assertThat(ContainerMapping.spec(Any.newBuilder().setTypeUrl("containerd.runc.v1.Options")
                .setValue(ByteString.copyFromUtf8("{\"annotations\":{\"a\":\"b\"}}")).build())).isEqualTo(OciSpec.EMPTY);
    }

    @Test
    void containerWithAndWithoutTask() {
        Container c = Container.newBuilder().setId("web").setImage("localhost/busybox:test")
                .putLabels("nerdctl/name", "web").setSnapshotter("overlayfs")
                .setSpec(spec("{\"annotations\":{\"k\":\"v\"}}"))
                .setCreatedAt(Timestamp.newBuilder().setSeconds(1_780_000_000L)).build();
        TaskInfo t = new TaskInfo(5, TaskInfo.Status.RUNNING, 0, Optional.empty());
        ContainerInfo info = ContainerMapping.container("default", c, Map.of("web", t));
        assertThat(info).isEqualTo(new ContainerInfo("web", "default", "localhost/busybox:test",
                Map.of("nerdctl/name", "web"), OciSpec.parse("{\"annotations\":{\"k\":\"v\"}}".getBytes()), "overlayfs",
                Instant.ofEpochSecond(1_780_000_000L), Optional.of(t)));
        assertThat(info.annotations()).containsExactly(Map.entry("k", "v"));
        assertThat(info.nerdctlName()).contains("web");

        ContainerInfo bare = ContainerMapping.container("ns", Container.newBuilder().setId("x").build(), Map.of("web", t));
        assertThat(bare.task()).isEmpty();
        assertThat(bare.createdAt()).isEqualTo(Instant.EPOCH);
        assertThat(bare.annotations()).isEmpty();
        assertThat(bare.nerdctlName()).isEmpty();
    }

    @Test
    void eventsCarryTheContainerIdOfKnownPayloads() {
        Timestamp ts = Timestamp.newBuilder().setSeconds(1_780_000_000L).build();
        TaskExit exit = TaskExit.newBuilder().setContainerId("web").setId("web").setPid(77).setExitStatus(137)
                .setExitedAt(ts).build();
        ContainerEvent e = ContainerMapping.event(Envelope.newBuilder().setTimestamp(ts).setNamespace("default")
                .setTopic("/tasks/exit").setEvent(Any.newBuilder().setTypeUrl("containerd.events.TaskExit")
                        .setValue(exit.toByteString())).build());
        assertThat(e).isEqualTo(new ContainerEvent(Instant.ofEpochSecond(1_780_000_000L), "default", "/tasks/exit",
                Optional.of("web"), OptionalLong.of(137)));

        // ContainerCreate: id = 1, image = 2 (written by hand: we have no message for it)
        ByteString create = ByteString.copyFrom(new byte[] {0x0a, 0x02, 'c', '1', 0x12, 0x01, 'i'});
        ContainerEvent c = ContainerMapping.event(Envelope.newBuilder().setNamespace("default")
                .setTopic("/containers/create").setEvent(Any.newBuilder()
                        .setTypeUrl("containerd.events.ContainerCreate").setValue(create)).build());
        assertThat(c.containerId()).contains("c1");
        assertThat(c.exitStatus()).isEmpty();
        assertThat(c.timestamp()).isEqualTo(Instant.EPOCH);
        assertThat(c.aboutContainers()).isTrue();

        ContainerEvent image = ContainerMapping.event(Envelope.newBuilder().setNamespace("default")
                .setTopic("/images/create").setEvent(Any.newBuilder()
                        .setTypeUrl("containerd.services.images.v1.ImageCreate").setValue(create)).build());
        assertThat(image.containerId()).isEmpty();
        assertThat(image.aboutContainers()).isFalse();

        ContainerEvent garbage = ContainerMapping.event(Envelope.newBuilder().setNamespace("default")
                .setTopic("/tasks/start").setEvent(Any.newBuilder().setTypeUrl("containerd.events.TaskStart")
                        .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff}))).build());
        assertThat(garbage.topic()).isEqualTo("/tasks/start");
        assertThat(garbage.containerId()).isEmpty();
    }
}
