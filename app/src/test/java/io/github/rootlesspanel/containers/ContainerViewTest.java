package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A container's state and nerdctl-ps-like status, from its task. */
class ContainerViewTest {

    static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");

    static ContainerView view(Optional<TaskInfo> task, Optional<Instant> startedAt, Map<String, String> labels) {
        ContainerInfo info = new ContainerInfo("3f1b6c0e9a2d", "default", "docker.io/library/nginx:alpine", labels,
                OciSpec.EMPTY, "overlayfs", NOW.minusSeconds(3600), task);
        return new ContainerView(info, NerdctlMeta.of(labels), Bypass4netnsConfig.OFF, List.of(), List.of(),
                startedAt, Optional.empty());
    }

    static Optional<TaskInfo> task(TaskInfo.Status status, long pid, long exit, Instant exitedAt) {
        return Optional.of(new TaskInfo(pid, status, exit, Optional.ofNullable(exitedAt)));
    }

    @Test
    void stateAndStatusText() {
        ContainerView up = view(task(TaskInfo.Status.RUNNING, 4242, 0, null), Optional.of(NOW.minusSeconds(300)), Map.of());
        assertThat(up.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(up.statusText(NOW)).isEqualTo("Up 5 minutes");
        assertThat(up.pid()).isEqualTo(4242);
        assertThat(up.uptime(NOW)).contains(Duration.ofMinutes(5));

        ContainerView upUnknownStart = view(task(TaskInfo.Status.RUNNING, 4242, 0, null), Optional.empty(), Map.of());
        assertThat(upUnknownStart.statusText(NOW)).isEqualTo("Up");

        ContainerView paused = view(task(TaskInfo.Status.PAUSED, 4242, 0, null), Optional.of(NOW), Map.of());
        assertThat(paused.state()).isEqualTo(ContainerState.PAUSED);
        assertThat(paused.statusText(NOW)).isEqualTo("Paused");
        assertThat(paused.pid()).isEqualTo(4242);
        assertThat(paused.uptime(NOW)).isEmpty();
        assertThat(view(task(TaskInfo.Status.PAUSING, 1, 0, null), Optional.empty(), Map.of()).state())
                .isEqualTo(ContainerState.PAUSED);

        ContainerView exited = view(task(TaskInfo.Status.STOPPED, 0, 137, NOW.minus(Duration.ofHours(2))),
                Optional.empty(), Map.of());
        assertThat(exited.state()).isEqualTo(ContainerState.EXITED);
        assertThat(exited.statusText(NOW)).isEqualTo("Exited (137) 2 hours ago");
        assertThat(exited.pid()).isZero();
        assertThat(view(task(TaskInfo.Status.STOPPED, 0, 0, null), Optional.empty(), Map.of()).statusText(NOW))
                .isEqualTo("Exited (0)");

        ContainerView created = view(Optional.empty(), Optional.empty(), Map.of());
        assertThat(created.state()).isEqualTo(ContainerState.CREATED);
        assertThat(created.statusText(NOW)).isEqualTo("Created");
        assertThat(created.pid()).isZero();
        assertThat(view(task(TaskInfo.Status.CREATED, 77, 0, null), Optional.empty(), Map.of()).statusText(NOW))
                .isEqualTo("Created");

        ContainerView unknown = view(task(TaskInfo.Status.UNKNOWN, 1, 0, null), Optional.empty(), Map.of());
        assertThat(unknown.state()).isEqualTo(ContainerState.UNKNOWN);
        assertThat(unknown.statusText(NOW)).isEqualTo("Unknown");
        assertThat(ContainerState.EXITED.word()).isEqualTo("exited");
    }

    @Test
    void nameIsNerdctlsNameElseTheId() {
        assertThat(view(Optional.empty(), Optional.empty(), Map.of("nerdctl/name", "web")).name()).isEqualTo("web");
        assertThat(view(Optional.empty(), Optional.empty(), Map.of()).name()).isEqualTo("3f1b6c0e9a2d");
    }

    /** go-units HumanDuration, which docker ps and nerdctl's "Exited (N) ... ago" use. */
    @Test
    void humanDurationsAsDockerSaysThem() {
        Object[][] table = {
                {Duration.ZERO, "Less than a second"},
                {Duration.ofMillis(999), "Less than a second"},
                {Duration.ofSeconds(1), "1 second"},
                {Duration.ofSeconds(59), "59 seconds"},
                {Duration.ofSeconds(60), "About a minute"},
                {Duration.ofSeconds(119), "About a minute"},
                {Duration.ofMinutes(2), "2 minutes"},
                {Duration.ofSeconds(3599), "59 minutes"},
                {Duration.ofMinutes(60), "About an hour"},
                {Duration.ofMinutes(89), "About an hour"},
                {Duration.ofMinutes(90), "2 hours"},
                {Duration.ofHours(47), "47 hours"},
                {Duration.ofMinutes(47 * 60 + 30), "2 days"},
                {Duration.ofDays(13), "13 days"},
                {Duration.ofDays(14), "2 weeks"},
                {Duration.ofDays(59), "8 weeks"},
                {Duration.ofDays(60), "2 months"},
                {Duration.ofDays(729), "24 months"},
                {Duration.ofDays(730), "2 years"},
                {Duration.ofSeconds(-5), "Less than a second"},
        };
        for (Object[] row : table) {
            assertThat(ContainerState.human((Duration) row[0])).as(row[0].toString()).isEqualTo(row[1]);
        }
    }
}
