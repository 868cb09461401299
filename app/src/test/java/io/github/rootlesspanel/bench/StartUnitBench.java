package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Starting a unit through the panel's own client ({@link DbusUserManager}: StartUnit, then the JobRemoved signal,
 * then the unit's state read back — what a Start button does) against {@code systemctl --user start} of the same
 * unit, on the test user's real systemd user manager, alternating round by round; the unit is stopped between
 * starts (untimed). The unit is a stand-in: /bin/sleep under real systemd, so what is timed is systemd's job and
 * the way to it, not a daemon's start-up.
 */
@Tag("real-parts")
class StartUnitBench {

    static final String UNIT = "rp-bench-sleep.service";
    static final int ROUNDS = 21;

    @AfterEach
    void clean() {
        TestUser.removeUnit(UNIT);
    }

    @Test
    void startUnitAgainstSystemctlStart() throws Exception {
        TestUser.installUnit("static.service", UNIT);
        try (DbusUserManager m = DbusUserManager.connect(TestUser.busAddress())) {
            Paired.Task stop = () -> TestUser.systemctl("stop", UNIT);
            double[][] ms = Paired.measure(2, ROUNDS, List.of(
                    new Paired.Task() {
                        @Override
                        public void run() throws Exception {
                            JobOutcome o = m.run(JobKind.START, UNIT);
                            assertThat(o.succeeded()).as(o.message()).isTrue();
                        }

                        @Override
                        public void between() throws Exception {
                            stop.run();
                        }
                    },
                    new Paired.Task() {
                        @Override
                        public void run() {
                            Paired.process(List.of("systemctl", "--user", "start", UNIT));
                        }

                        @Override
                        public void between() throws Exception {
                            stop.run();
                        }
                    }));
            Bench.record(new Bench.Result("start-unit", "Operation latency",
                    new Bench.Series("start a unit: StartUnit → JobRemoved (the panel's client)", "ms", ms[0]))
                    .reference(new Bench.Series("systemctl --user start", "ms", ms[1]))
                    .note("one connection for all rounds, as the window keeps one; the unit is /bin/sleep (a "
                            + "stand-in under real systemd); systemctl's time includes starting its process")
                    .note("the panel's time includes reading the unit's state back after the job, as its cards do"));
        }
    }
}
