package io.github.rootlesspanel.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.github.rootlesspanel.systemd.UnitEvent;

/** Collects unit events from a watch and waits for one that matches, failing with what was seen. */
public final class Events implements Consumer<UnitEvent> {

    private final LinkedBlockingQueue<UnitEvent> queue = new LinkedBlockingQueue<>();
    private final List<UnitEvent> seen = new ArrayList<>();

    @Override
    public void accept(UnitEvent e) {
        queue.add(e);
    }

    public UnitEvent await(Predicate<UnitEvent> match, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = end - System.nanoTime();
                UnitEvent e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no event " + what + " within " + timeout + "; seen: " + seen);
                }
                seen.add(e);
                if (match.test(e)) {
                    return e;
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    public static Predicate<UnitEvent> changed(String unit, Predicate<io.github.rootlesspanel.systemd.UnitStatus> p) {
        return e -> e instanceof UnitEvent.Changed c && c.status().name().equals(unit) && p.test(c.status());
    }
}
