package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The monitor's rate limit on a hand-driven clock and scheduler. */
class CoalescerTest {

    static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(250);

    long now = 1_000_000_000L;
    final List<Runnable> pending = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
    int runs;
    Coalescer c;

    Coalescer coalescer(Runnable action) {
        return new Coalescer(INTERVAL, () -> now, (task, delay) -> {
            pending.add(task);
            delays.add(delay);
        }, action);
    }

    void runPending() {
        List<Runnable> due = new ArrayList<>(pending);
        pending.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void aBurstIsOneRunAndTheFirstIsImmediate() {
        c = coalescer(() -> runs++);
        for (int i = 0; i < 50; i++) {
            c.request();
        }
        assertThat(pending).hasSize(1);
        assertThat(delays).containsExactly(0L);
        runPending();
        assertThat(runs).isEqualTo(1);
    }

    @Test
    void requestsAfterARunWaitForTheIntervalAndEndInATrailingRun() {
        c = coalescer(() -> runs++);
        c.request();
        runPending();
        now += TimeUnit.MILLISECONDS.toNanos(100);
        c.request();
        c.request();
        assertThat(delays).containsExactly(0L, TimeUnit.MILLISECONDS.toNanos(150));
        now += TimeUnit.MILLISECONDS.toNanos(150);
        runPending();
        assertThat(runs).isEqualTo(2);
        assertThat(pending).isEmpty();
    }

    @Test
    void aRequestDuringARunSchedulesTheTrailingRun() {
        c = coalescer(() -> {
            runs++;
            if (runs == 1) {
                c.request();   // an event while the topology is being read
            }
        });
        c.request();
        runPending();
        assertThat(runs).isEqualTo(1);
        assertThat(pending).hasSize(1);
        assertThat(delays.get(1)).isEqualTo(INTERVAL);
        now += INTERVAL;
        runPending();
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void afterAQuietIntervalARequestRunsAtOnce() {
        c = coalescer(() -> runs++);
        c.request();
        runPending();
        now += INTERVAL * 3;
        c.request();
        assertThat(delays).containsExactly(0L, 0L);
    }
}
