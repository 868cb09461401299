package io.github.rootlesspanel.notices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.rootlesspanel.systemd.ConnectionState;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * The user manager as the window's screens use it, remembering which units the panel itself is changing:
 * a stop the panel asked for is the user's own doing, not news. Every screen gets this one instead of the
 * plain manager. Jobs count as the panel's until {@link #GRACE} after they end, because the unit's state
 * signals may reach the watcher after the job's end reached the caller.
 */
public final class PanelJobs implements UserManager {

    public static final Duration GRACE = Duration.ofSeconds(5);

    /** A job the panel ran: whether it succeeded (not when it failed or systemd refused it), why, and how long it took. */
    public record Finished(JobKind kind, String unit, boolean ok, String message, Duration took) { }

    private final UserManager delegate;
    private final Clock clock;
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Instant> endedAt = new HashMap<>();
    private volatile Consumer<Finished> listener = f -> { };

    public PanelJobs(UserManager delegate, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Hears every finished job, on the thread that ran it. */
    public void setListener(Consumer<Finished> l) {
        listener = Objects.requireNonNull(l, "listener");
    }

    /** Whether the panel runs a job on UNIT now or ended one less than {@link #GRACE} ago. */
    public synchronized boolean busy(String unit) {
        if (running.getOrDefault(unit, 0) > 0) {
            return true;
        }
        Instant end = endedAt.get(unit);
        return end != null && Duration.between(end, clock.instant()).compareTo(GRACE) < 0;
    }

    @Override
    public JobOutcome run(JobKind kind, String unit) throws SystemdException {
        synchronized (this) {
            running.merge(unit, 1, Integer::sum);
        }
        Instant start = clock.instant();
        try {
            JobOutcome o = delegate.run(kind, unit);
            listener.accept(new Finished(kind, unit, o.succeeded(), o.message(), Duration.between(start, clock.instant())));
            return o;
        } catch (SystemdException e) {
            listener.accept(new Finished(kind, unit, false, e.getMessage(), Duration.between(start, clock.instant())));
            throw e;
        } finally {
            synchronized (this) {
                running.merge(unit, -1, Integer::sum);
                endedAt.put(unit, clock.instant());
            }
        }
    }

    @Override
    public ConnectionState connectionState() {
        return delegate.connectionState();
    }

    @Override
    public io.github.rootlesspanel.systemd.UnitOutput output(String unit) throws SystemdException {
        return delegate.output(unit);
    }

    @Override
    public UnitStatus status(String unit) throws SystemdException {
        return delegate.status(unit);
    }

    @Override
    public List<UnitStatus> statuses(Collection<String> units) throws SystemdException {
        return delegate.statuses(units);
    }

    @Override
    public void reload() throws SystemdException {
        delegate.reload();
    }

    @Override
    public Watch watch(Collection<String> units, Consumer<UnitEvent> l) {
        return delegate.watch(units, l);
    }

    /** The plain manager belongs to whoever made it: closing the window's view of it leaves it open. */
    @Override
    public void close() {
    }
}
