package io.github.rootlesspanel.ui.common;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A clock for texts that move on with time ("Up 5 seconds", "3 min ago"): runs an action on the FX thread every
 * period while started. Not a {@code Timeline}: a playing animation keeps JavaFX running a pulse (CSS, layout,
 * animations) 60 times a second even when its key frame comes every 5 s; this wakes once a period (issue 10's idle
 * cost). Start and stop on the FX thread.
 */
public final class FxTicker {

    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "panel-clock");
        t.setDaemon(true);
        return t;
    });

    private final Duration period;
    private final Runnable onFx;
    private ScheduledFuture<?> running;

    public FxTicker(Duration period, Runnable onFx) {
        this.period = period;
        this.onFx = onFx;
    }

    public void start() {
        if (running == null) {
            long ms = period.toMillis();
            running = CLOCK.scheduleAtFixedRate(() -> FxThread.EXECUTOR.execute(this::tick), ms, ms,
                    TimeUnit.MILLISECONDS);
        }
    }

    public void stop() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    public boolean running() {
        return running != null;
    }

    private void tick() {
        if (running != null) {   // a tick queued just before stop() is dropped
            onFx.run();
        }
    }
}
