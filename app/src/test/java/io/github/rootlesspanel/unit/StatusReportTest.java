package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.cli.StatusReport;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.LoadState;
import io.github.rootlesspanel.systemd.UnitFileState;
import io.github.rootlesspanel.systemd.UnitStatus;

class StatusReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant STARTED = Instant.parse("2025-03-10T09:15:42.123456Z");

    static UnitStatus status(String name, LoadState load, ActiveState active, String sub, UnitFileState file,
            Instant activeEnter, Instant inactiveEnter, long pid, OptionalLong memory, long restarts, String result) {
        return new UnitStatus(name, "desc", load, active, sub, file, activeEnter, inactiveEnter, null, pid, memory,
                restarts, result, "/home/u/.config/systemd/user/" + name, List.of(), List.of(), false);
    }

    static UnitStatus running(String name, OptionalLong memory) {
        return status(name, LoadState.LOADED, ActiveState.ACTIVE, "running", UnitFileState.ENABLED, STARTED, null,
                4242, memory, 1, "success");
    }

    static UnitStatus failed(String name) {
        return status(name, LoadState.LOADED, ActiveState.FAILED, "failed", UnitFileState.DISABLED, null,
                NOW.minusSeconds(30), 0, OptionalLong.empty(), 3, "exit-code");
    }

    private static JsonNode parse(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void jsonHasVersionOneAndComponentsInTheGivenOrder() throws Exception {
        JsonNode root = parse(StatusReport.json(List.of(
                UnitStatus.notFound("stargz-snapshotter.service"),
                running("containerd.service", OptionalLong.empty()),
                failed("buildkit.service"))));

        assertThat(keys(root)).containsExactlyInAnyOrder("version", "components");
        assertThat(root.get("version").isIntegralNumber()).isTrue();
        assertThat(root.get("version").asInt()).isEqualTo(1);
        assertThat(root.get("components").isArray()).isTrue();
        List<String> units = new ArrayList<>();
        root.get("components").forEach(c -> units.add(c.get("unit").asText()));
        assertThat(units).containsExactly("stargz-snapshotter.service", "containerd.service", "buildkit.service");
    }

    @Test
    void everyComponentHasExactlyTheDocumentedKeys() throws Exception {
        JsonNode root = parse(StatusReport.json(List.of(
                UnitStatus.notFound("bypass4netnsd.service"),
                running("containerd.service", OptionalLong.of(1234)),
                failed("buildkit.service"))));

        assertThat(root.get("components")).hasSize(3);
        for (JsonNode c : root.get("components")) {
            assertThat(keys(c)).containsExactlyInAnyOrder("component", "unit", "installed", "loadState",
                    "activeState", "subState", "unitFileState", "mainPid", "since", "result", "restarts",
                    "memoryBytes");
        }
    }

    @Test
    void componentIsTheShortIdOfTheUnit() throws Exception {
        JsonNode c = parse(StatusReport.json(List.of(running("containerd-fuse-overlayfs.service",
                OptionalLong.empty())))).get("components").get(0);
        assertThat(c.get("component").asText()).isEqualTo("fuse-overlayfs");
        assertThat(c.get("unit").asText()).isEqualTo("containerd-fuse-overlayfs.service");
    }

    @Test
    void notInstalledUnitHasNullsWhereThereIsNothingToSay() throws Exception {
        JsonNode c = parse(StatusReport.json(List.of(UnitStatus.notFound("stargz-snapshotter.service"))))
                .get("components").get(0);
        assertThat(c.get("installed").isBoolean()).isTrue();
        assertThat(c.get("installed").booleanValue()).isFalse();
        assertThat(c.get("loadState").asText()).isEqualTo("not-found");
        assertThat(c.get("mainPid").isNull()).isTrue();
        assertThat(c.get("since").isNull()).isTrue();
        assertThat(c.get("unitFileState").isNull()).isTrue();
        assertThat(c.get("memoryBytes").isNull()).isTrue();
    }

    @Test
    void activeUnitReportsSinceAsIsoInstantAndPidAsNumber() throws Exception {
        JsonNode c = parse(StatusReport.json(List.of(running("containerd.service", OptionalLong.empty()))))
                .get("components").get(0);
        assertThat(c.get("installed").booleanValue()).isTrue();
        assertThat(c.get("activeState").asText()).isEqualTo("active");
        assertThat(c.get("subState").asText()).isEqualTo("running");
        assertThat(c.get("unitFileState").asText()).isEqualTo("enabled");
        assertThat(c.get("since").isTextual()).isTrue();
        assertThat(Instant.parse(c.get("since").asText())).isEqualTo(STARTED);
        assertThat(c.get("mainPid").isIntegralNumber()).isTrue();
        assertThat(c.get("mainPid").asLong()).isEqualTo(4242);
        assertThat(c.get("restarts").isIntegralNumber()).isTrue();
        assertThat(c.get("restarts").asLong()).isEqualTo(1);
    }

    @Test
    void memoryBytesIsNullWhenUnmeasuredAndANumberWhenMeasured() throws Exception {
        long tenMiB = 10L * 1024 * 1024;
        JsonNode list = parse(StatusReport.json(List.of(
                running("containerd.service", OptionalLong.empty()),
                running("buildkit.service", OptionalLong.of(tenMiB))))).get("components");
        assertThat(list.get(0).get("memoryBytes").isNull()).isTrue();
        assertThat(list.get(1).get("memoryBytes").isIntegralNumber()).isTrue();
        assertThat(list.get(1).get("memoryBytes").asLong()).isEqualTo(tenMiB);
    }

    @Test
    void failedUnitReportsItsResult() throws Exception {
        JsonNode c = parse(StatusReport.json(List.of(failed("buildkit.service")))).get("components").get(0);
        assertThat(c.get("activeState").asText()).isEqualTo("failed");
        assertThat(c.get("result").asText()).isEqualTo("exit-code");
        assertThat(c.get("mainPid").isNull()).isTrue();
    }

    @Test
    void tableHasAHeaderAndOneLinePerUnit() {
        List<UnitStatus> statuses = List.of(
                running("containerd.service", OptionalLong.empty()),
                UnitStatus.notFound("stargz-snapshotter.service"),
                failed("buildkit.service"));
        String[] lines = StatusReport.table(statuses, CLOCK).split("\\R");

        assertThat(lines).hasSize(1 + statuses.size());
        assertThat(lines[0]).contains("UNIT").contains("STATE")
                .doesNotContain("containerd.service", "stargz-snapshotter.service", "buildkit.service");
        assertThat(lines[1]).contains("containerd.service").contains("4242");
        assertThat(lines[2]).contains("stargz-snapshotter.service");
        assertThat(lines[3]).contains("buildkit.service");
    }

    @Test
    void tableSaysNotInstalledForMissingUnits() {
        String[] lines = StatusReport.table(List.of(UnitStatus.notFound("stargz-snapshotter.service")), CLOCK)
                .split("\\R");
        assertThat(lines[1]).contains("not installed");
    }

    @Test
    void tableShowsTheResultOfAFailedUnit() {
        String[] lines = StatusReport.table(List.of(failed("buildkit.service")), CLOCK).split("\\R");
        assertThat(lines[1]).contains("failed (exit-code)");
    }

    @Test
    void tableShowsHowLongAgoAnActiveUnitStarted() {
        // started 2 h 44 min 17.9 s before NOW
        String[] lines = StatusReport.table(List.of(running("containerd.service", OptionalLong.empty())), CLOCK)
                .split("\\R");
        assertThat(lines[1]).contains("2 h ago");
    }

    @Test
    void agoUsesSecondsBelowAMinute() {
        assertThat(StatusReport.ago(NOW.minusSeconds(5), NOW)).isEqualTo("5 s ago");
        assertThat(StatusReport.ago(NOW.minusSeconds(59), NOW)).isEqualTo("59 s ago");
    }

    @Test
    void agoUsesWholeMinutesBelowAnHour() {
        assertThat(StatusReport.ago(NOW.minusSeconds(125), NOW)).isEqualTo("2 min ago");
        assertThat(StatusReport.ago(NOW.minusSeconds(60), NOW)).isEqualTo("1 min ago");
    }

    @Test
    void agoUsesWholeHoursBelowADay() {
        assertThat(StatusReport.ago(NOW.minus(Duration.ofHours(2)), NOW)).isEqualTo("2 h ago");
        assertThat(StatusReport.ago(NOW.minus(Duration.ofHours(2).plusMinutes(59)), NOW)).isEqualTo("2 h ago");
    }

    @Test
    void agoUsesSingularForOneDayAndPluralForMore() {
        assertThat(StatusReport.ago(NOW.minus(Duration.ofDays(1)), NOW)).isEqualTo("1 day ago");
        assertThat(StatusReport.ago(NOW.minus(Duration.ofDays(2)), NOW)).isEqualTo("2 days ago");
    }

    @Test
    void agoNeverReportsANegativeDuration() {
        assertThat(StatusReport.ago(NOW.plusSeconds(30), NOW)).doesNotContain("-");
    }
}
