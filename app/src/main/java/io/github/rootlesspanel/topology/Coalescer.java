package io.github.rootlesspanel.topology;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns bursts of requests into runs at most once per interval, always with a trailing run after the last request
 * of a burst (so the final state is never missed). Not thread-safe: request and the scheduled runs happen on one
 * thread (the monitor's).
 */
final class Coalescer {

    /** Runs a task after a delay, on the same thread as {@link #request}. */
    @FunctionalInterface
    interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private final Scheduler scheduler;
    private final Runnable action;
    private boolean scheduled;
    private boolean ran;
    private long lastRun;

    Coalescer(long minIntervalNanos, LongSupplier nanoTime, Scheduler scheduler, Runnable action) {
        this.minIntervalNanos = minIntervalNanos;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Something changed: a run soon — now if the last run is an interval ago, else when it will be. */
    void request() {
        if (scheduled) {
            return;   // the pending run will see this change too
        }
        scheduled = true;
        long wait = ran ? Math.max(0, lastRun + minIntervalNanos - nanoTime.getAsLong()) : 0;
        scheduler.schedule(this::fire, wait);
    }

    private void fire() {
        // cleared first: a request during the run schedules the trailing one
        scheduled = false;
        ran = true;
        lastRun = nanoTime.getAsLong();
        action.run();
    }
}
