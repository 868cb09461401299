package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A process's start from /proc/PID/stat and /proc/stat, captured on a 6.18 kernel (USER_HZ 100). */
class ProcessStartTest {

    /** /proc/stat's first lines and btime as captured. */
    static final String PROC_STAT = "cpu  616128 0 116925 1447438 2825 0 790 237 0 0\n"
            + "cpu0 304136 0 56380 730791 449 0 149 116 0 0\n"
            + "cpu1 311992 0 60545 716646 2375 0 640 121 0 0\n"
            + "intr 1 0 0\nctxt 123456\nbtime 1796402936\nprocesses 2290\nprocs_running 1\nprocs_blocked 0\n";

    /** cat reading its own stat. */
    static final String CAT = "2251 (cat) R 2249 2249 30244 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 1099395 3133440 362 "
            + "18446744073709551615 94906406223872 94906406243753 140727961707760 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 "
            + "94906406259760 94906406261376 94907186069504 140727961713378 140727961713398 140727961713398 "
            + "140727961714667 0\n";

    /** A copy of sleep named "we) ird (x y": spaces and parentheses in comm, which the kernel does not escape. */
    static final String ODD_NAME = "2284 (we) ird (x y) S 2283 2280 30244 0 -1 4194304 139 0 0 0 0 0 0 0 20 0 1 0 "
            + "1099623 2990080 429 18446744073709551615 93957188870144 93957188888073 140731267480144 0 0 0 0 6 0 1 0 0 "
            + "17 0 0 0 0 0 0 93957188902160 93957188903424 93957597663232 140731267484372 140731267484393 "
            + "140731267484393 140731267485670 0\n";

    @Test
    void bootTimePlusStartTicks() {
        // 1099395 ticks = 10993.95 s after the boot
        assertThat(ProcessStart.parse(CAT, PROC_STAT, 100))
                .contains(Instant.ofEpochSecond(1796402936L + 10993, 950_000_000));
    }

    @Test
    void fieldsAreCountedFromTheLastParenthesis() {
        assertThat(ProcessStart.parse(ODD_NAME, PROC_STAT, 100))
                .contains(Instant.ofEpochSecond(1796402936L + 10996, 230_000_000));
    }

    @Test
    void otherTickRates() {
        // 1099395 / 1024 = 1073 s and 643 ticks of 1/1024 s
        assertThat(ProcessStart.parse(CAT, PROC_STAT, 1024))
                .contains(Instant.ofEpochSecond(1796402936L + 1073, 627_929_687L));
    }

    @Test
    void unreadableOrTruncatedIsEmpty() {
        assertThat(ProcessStart.parse("", PROC_STAT, 100)).isEmpty();
        assertThat(ProcessStart.parse("2251 (cat) R 2249 2249", PROC_STAT, 100)).isEmpty();
        assertThat(ProcessStart.parse("2251 cat R 2249", PROC_STAT, 100)).isEmpty();
        assertThat(ProcessStart.parse(CAT, "cpu 1 2 3\n", 100)).isEmpty();
        assertThat(ProcessStart.parse(CAT.replace(" 1099395 ", " x "), PROC_STAT, 100)).isEmpty();
        assertThat(ProcessStart.of(0)).isEmpty();
        assertThat(ProcessStart.of(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void thisProcessStartedBeforeNowAndAfterTheJvmSaysItDid() {
        Optional<Instant> start = ProcessStart.of(ProcessHandle.current().pid());
        Instant jvm = ProcessHandle.current().info().startInstant().orElseThrow();
        // both come from the same two /proc values; btime is whole seconds and Java truncates differently
        assertThat(start).hasValueSatisfying(s -> assertThat(s)
                .isBetween(jvm.minusSeconds(1), jvm.plusSeconds(1))
                .isBefore(Instant.now()));
    }
}
