package io.github.rootlesspanel.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.cli.Usage;
import io.github.rootlesspanel.trace.StartupTrace.Mark;
import io.github.rootlesspanel.trace.StartupTrace.Milestone;

/** The --trace-startup lines: milliseconds since the process start, each milestone once, read back by the bench. */
class StartupTraceTest {

    static final Instant START = Instant.parse("2026-12-05T01:00:00Z");

    @Test
    void eachMilestoneIsOneLineWithTheMillisecondsSinceTheProcessStartedAndOnlyTheFirstCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        StartupTrace t = new StartupTrace(START, Clock.fixed(START.plusMillis(412), ZoneOffset.UTC), out);
        assertThat(t.record(Milestone.BUS_CONNECTED)).isTrue();
        assertThat(t.record(Milestone.BUS_CONNECTED)).isFalse();
        StartupTrace later = new StartupTrace(START, Clock.fixed(START.plusMillis(1_234), ZoneOffset.UTC), out);
        later.record(Milestone.FIRST_STATES_RENDERED);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "trace-startup: bus-connected 412 ms", "trace-startup: first-states-rendered 1234 ms");
    }

    @Test
    void linesParseBackAndOtherOutputIsIgnored() {
        for (Milestone m : Milestone.values()) {
            assertThat(StartupTrace.parse(StartupTrace.line(m, 987))).contains(new Mark(m, 987));
        }
        assertThat(StartupTrace.parse("trace-startup: warp-drive 12 ms")).isEmpty();
        assertThat(StartupTrace.parse("WARNING: Unsupported JavaFX configuration")).isEmpty();
        assertThat(StartupTrace.parse("trace-startup: fx-start twelve ms")).isEmpty();
    }

    @Test
    void offByDefaultMarkingDoesNothing() {
        // this JVM never called enable(): mark is a no-op (no output, no exception)
        assertThat(StartupTrace.enabled()).isFalse();
        StartupTrace.mark(Milestone.FX_START);
    }

    @Test
    void onlyNoArgumentsOrTheTraceFlagAloneOpenTheWindow() {
        assertThat(Usage.opensWindow()).isTrue();
        assertThat(Usage.opensWindow("--trace-startup")).isTrue();
        assertThat(Usage.opensWindow("--trace-startup", "status")).isFalse();
        assertThat(Usage.opensWindow("status")).isFalse();
        assertThat(Usage.opensWindow("--help")).isFalse();
    }
}
