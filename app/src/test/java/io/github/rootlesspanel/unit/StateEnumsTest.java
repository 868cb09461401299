package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.JobResult;
import io.github.rootlesspanel.systemd.LoadState;
import io.github.rootlesspanel.systemd.UnitFileState;

/** Wire values as documented in org.freedesktop.systemd1(5) and systemctl(1). */
class StateEnumsTest {

    static final List<String> ACTIVE_STATES =
            List.of("active", "reloading", "inactive", "failed", "activating", "deactivating", "maintenance");
    static final List<String> LOAD_STATES =
            List.of("stub", "loaded", "not-found", "bad-setting", "error", "merged", "masked");
    static final List<String> UNIT_FILE_STATES = List.of("enabled", "enabled-runtime", "linked", "linked-runtime",
            "alias", "masked", "masked-runtime", "static", "indirect", "disabled", "generated", "transient", "bad");
    static final List<String> JOB_RESULTS = List.of("done", "canceled", "timeout", "failed", "dependency", "skipped",
            "invalid", "assert", "unsupported", "collected", "once");

    /** Every documented value parses to a distinct known constant whose wire() is that value, and nothing is left over. */
    private static <E extends Enum<E>> void parsesEveryDocumentedValue(Class<E> type, List<String> documented,
            Function<String, E> parse, Function<E, String> wire, E unknown) {
        for (String v : documented) {
            E parsed = parse.apply(v);
            assertThat(parsed).as("parse(%s)", v).isNotEqualTo(unknown);
            assertThat(wire.apply(parsed)).as("wire of parse(%s)", v).isEqualTo(v);
        }
        Set<E> parsed = documented.stream().map(parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(type)));
        assertThat(parsed).as("distinct constants for distinct values").hasSize(documented.size());
        EnumSet<E> all = EnumSet.allOf(type);
        all.remove(unknown);
        all.remove(JobResult.LOST); // the panel's own, never on the wire (issue 11: the job's end was not seen)
        assertThat(parsed).as("every known constant is a documented value").isEqualTo(all);
    }

    @Test
    void activeStateParsesEveryDocumentedValue() {
        parsesEveryDocumentedValue(ActiveState.class, ACTIVE_STATES, ActiveState::parse, ActiveState::wire,
                ActiveState.UNKNOWN);
    }

    @Test
    void loadStateParsesEveryDocumentedValue() {
        parsesEveryDocumentedValue(LoadState.class, LOAD_STATES, LoadState::parse, LoadState::wire, LoadState.UNKNOWN);
    }

    @Test
    void unitFileStateParsesEveryDocumentedValue() {
        parsesEveryDocumentedValue(UnitFileState.class, UNIT_FILE_STATES, UnitFileState::parse, UnitFileState::wire,
                UnitFileState.UNKNOWN);
    }

    @Test
    void jobResultParsesEveryDocumentedValue() {
        parsesEveryDocumentedValue(JobResult.class, JOB_RESULTS, JobResult::parse, JobResult::wire, JobResult.OTHER);
    }

    @Test
    void namedConstantsMatchTheirWireValues() {
        assertThat(ActiveState.parse("failed")).isEqualTo(ActiveState.FAILED);
        assertThat(ActiveState.parse("activating")).isEqualTo(ActiveState.ACTIVATING);
        assertThat(LoadState.parse("not-found")).isEqualTo(LoadState.NOT_FOUND);
        assertThat(LoadState.parse("masked")).isEqualTo(LoadState.MASKED);
        assertThat(UnitFileState.parse("enabled-runtime")).isEqualTo(UnitFileState.ENABLED_RUNTIME);
        assertThat(UnitFileState.parse("static")).isEqualTo(UnitFileState.STATIC);
        assertThat(JobResult.parse("done")).isEqualTo(JobResult.DONE);
        assertThat(JobResult.parse("dependency")).isEqualTo(JobResult.DEPENDENCY);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"bogus", "running", " active", "enabled ", "not_found", "-"})
    void unknownValuesMapToUnknownWithoutThrowing(String value) {
        assertThatCode(() -> {
            assertThat(ActiveState.parse(value)).isEqualTo(ActiveState.UNKNOWN);
            assertThat(LoadState.parse(value)).isEqualTo(LoadState.UNKNOWN);
            assertThat(UnitFileState.parse(value)).isEqualTo(UnitFileState.UNKNOWN);
            assertThat(JobResult.parse(value)).isEqualTo(JobResult.OTHER);
        }).doesNotThrowAnyException();
    }

    @Test
    void wireRoundTripsForEveryKnownConstant() {
        Arrays.stream(ActiveState.values()).filter(s -> s != ActiveState.UNKNOWN)
                .forEach(s -> assertThat(ActiveState.parse(s.wire())).isEqualTo(s));
        Arrays.stream(LoadState.values()).filter(s -> s != LoadState.UNKNOWN)
                .forEach(s -> assertThat(LoadState.parse(s.wire())).isEqualTo(s));
        Arrays.stream(UnitFileState.values()).filter(s -> s != UnitFileState.UNKNOWN)
                .forEach(s -> assertThat(UnitFileState.parse(s.wire())).isEqualTo(s));
        Arrays.stream(JobResult.values()).filter(r -> r != JobResult.OTHER && r != JobResult.LOST)
                .forEach(r -> assertThat(JobResult.parse(r.wire())).isEqualTo(r));
    }

    @Test
    void jobResultDoneIsSuccess() {
        assertThat(JobResult.DONE.isSuccess()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JobResult.class, names = "DONE", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherJobResultIsAFailure(JobResult r) {
        assertThat(r.isSuccess()).isFalse();
    }
}
