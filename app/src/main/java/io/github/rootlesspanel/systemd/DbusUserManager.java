package io.github.rootlesspanel.systemd;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

import io.github.rootlesspanel.systemd.bus.EnableUnitFilesResult;
import io.github.rootlesspanel.systemd.bus.SystemdManager;

/**
 * {@link UserManager} over dbus-java. One connection at a time; when it goes away (bus daemon killed,
 * user manager restarted or gone from the bus) watchers hear {@link UnitEvent.Disconnected}, the client
 * reconnects with backoff, calls {@code Subscribe()} again and re-reads every watched unit.
 *
 * <p>Threads: dbus-java delivers signals on one signal thread (kept at one so they stay ordered); they
 * only mark units dirty. "systemd-client" re-reads dirty units (a burst of PropertiesChanged costs one
 * read); "systemd-connect" connects and reconnects; "systemd-events" calls the listeners, in order.
 * They are separate so that a call stuck on a dying bus never holds up the news that it died, nor the
 * reconnection.
 */
public final class DbusUserManager implements UserManager {

    private static final Logger LOG = System.getLogger(DbusUserManager.class.getName());
    private static final String UNIT_IFACE = "org.freedesktop.systemd1.Unit";
    private static final String SERVICE_IFACE = "org.freedesktop.systemd1.Service";
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long CALL_TIMEOUT_MS = 10_000;
    /**
     * How long {@link #close()} waits for the disconnect. Long enough for a live bus (a few ms), so dbus-java's
     * reader thread has left its native read before the JVM exits: the JVM's exit otherwise waits up to 300 ms
     * for a thread in native code, which was a third of {@code status}'s time. Short, because a bus that is
     * going away must not hold up closing.
     */
    private static final long CLOSE_WAIT_MS = 500;
    /**
     * How long a job whose connection was lost waits for the reconnection before it gives up and says the outcome is
     * unknown. A restarted manager is back in ~2 s; a killed bus usually in under 1 s (see TestUser.BUS_BACK for
     * this VM's occasional 90 s stall, which ends in the "unknown" answer).
     */
    static final long RECONNECT_WAIT_MS = 30_000;

    private final String address;
    private final ScheduledExecutorService worker;
    private final ScheduledExecutorService lifecycle;
    private final ScheduledExecutorService events;
    private final JobTracker jobs = new JobTracker();
    private final List<WatchImpl> watches = new CopyOnWriteArrayList<>();
    /** Object path of every watched unit, to pick its PropertiesChanged out of the bus traffic. */
    private final Map<String, String> watchedPaths = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    private Link link;                       // guarded by lock
    private boolean closed;                  // guarded by lock
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String lastProblem = "Connecting to the systemd user manager…";
    private volatile boolean reloading;
    /**
     * Whether links get systemd's signals (Subscribe() and seven match rules) as soon as they open: the window
     * wants them from the start; a one-shot command line only when it runs a job or watches, so
     * {@code status} pays for none of those round trips and classes.
     */
    private volatile boolean signalsWanted;
    private long backoffMs = FIRST_BACKOFF_MS; // lifecycle thread only
    private final Set<String> dirty = new LinkedHashSet<>(); // worker thread only
    private boolean flushQueued;             // worker thread only
    /** When the first signal arrived that made each dirty unit dirty (System.nanoTime()); worker thread only. */
    private final Map<String, Long> firstSignal = new java.util.HashMap<>();

    private record Link(DBusConnection connection, SystemdManager manager, List<AutoCloseable> handlers) { }

    private DbusUserManager(String address) {
        this.address = address;
        this.worker = singleThread("systemd-client");
        this.lifecycle = singleThread("systemd-connect");
        this.events = singleThread("systemd-events");
        // Calls to systemd are quick; one stuck on a bus that went away must not wait dbus-java's default.
        org.freedesktop.dbus.messages.MethodCall.setDefaultTimeout(CALL_TIMEOUT_MS);
    }

    private static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects now and fails with a clear message if the manager cannot be reached (for the command line). */
    public static DbusUserManager connect(String address) throws SystemdException {
        DbusUserManager m = new DbusUserManager(address);
        try {
            m.lifecycle.submit(() -> {
                m.connectOnce();
                return null;
            }).get();
            return m;
        } catch (ExecutionException e) {
            m.close();
            throw m.unreachable(e.getCause());
        } catch (InterruptedException e) {
            m.close();
            Thread.currentThread().interrupt();
            throw new SystemdException.BusUnavailable("Interrupted while connecting.", "", e);
        }
    }

    /** Returns at once and keeps trying in the background until connected (for the window). */
    public static DbusUserManager connectInBackground(String address) {
        DbusUserManager m = new DbusUserManager(address);
        m.signalsWanted = true;
        m.lifecycle.execute(m::tryConnect);
        return m;
    }

    public String address() {
        return address;
    }

    @Override
    public ConnectionState connectionState() {
        return state;
    }

    // ---------------------------------------------------------------- connection lifecycle

    private void tryConnect() {
        if (isClosed()) {
            return;
        }
        try {
            connectOnce();
        } catch (Exception e) {
            SystemdException why = unreachable(e);
            LOG.log(Level.DEBUG, "connect failed: " + why.getMessage());
            boolean changed = !why.getMessage().equals(lastProblem) || state != ConnectionState.DISCONNECTED;
            lastProblem = why.getMessage();
            if (state != ConnectionState.CLOSED) {
                state = ConnectionState.DISCONNECTED;
            }
            if (changed) {
                emitAll(new UnitEvent.Disconnected(lastProblem));
            }
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (isClosed()) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        try {
            lifecycle.schedule(this::tryConnect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    /** Runs on the lifecycle thread. */
    private void connectOnce() throws DBusException {
        Link fresh = openLink();
        synchronized (lock) {
            if (closed) {
                closeLink(fresh);
                return;
            }
            link = fresh;
            state = ConnectionState.CONNECTED;
            // a manager that re-executed sent Reloading(true) and its successor never sends the matching false:
            // left set, it would hold back every refresh on the new connection
            reloading = false;
            lock.notifyAll(); // jobs whose connection was lost wait for this (awaitLink)
        }
        backoffMs = FIRST_BACKOFF_MS;
        lastProblem = "";
        LOG.log(Level.DEBUG, "connected to " + address);
        emitAll(new UnitEvent.Connected());
        markAllDirty(UnitEvent.NO_SIGNAL);
    }

    private Link openLink() throws DBusException {
        // dbus-java spends ~10 s retrying a unix socket that is not there (an ssh or su session without a user
        // bus): say so at once; the window's background reconnect retries anyway
        if (address.startsWith("unix:path=")) {
            String path = address.substring("unix:path=".length()).split(",", 2)[0];
            if (!java.nio.file.Files.exists(java.nio.file.Path.of(path))) {
                throw new DBusException("there is no user bus socket at " + path);
            }
        }
        final Link[] self = new Link[1];
        IDisconnectCallback onDisconnect = new IDisconnectCallback() {
            @Override
            public void disconnectOnError(java.io.IOException e) {
                lost(self[0], "The user bus went away (" + e.getMessage() + ").");
            }

            @Override
            public void exceptionOnTerminate(java.io.IOException e) {
                lost(self[0], "The user bus connection ended (" + e.getMessage() + ").");
            }
        };
        DBusConnection c = DBusConnectionBuilder.forAddress(address)
                .withShared(false)
                .receivingThreadConfig().withSignalThreadCount(1).connectionConfig()
                .withDisconnectCallback(onDisconnect)
                .build();
        List<AutoCloseable> handlers = new ArrayList<>();
        try {
            DBus bus = c.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            // Ask before calling: a call to an absent systemd1 would try bus activation instead of failing fast.
            if (!bus.NameHasOwner(SystemdManager.BUS_NAME)) {
                throw new DBusException("the systemd user manager is not on the user bus (yet)");
            }
            SystemdManager manager = c.getRemoteObject(SystemdManager.BUS_NAME, SystemdManager.OBJECT_PATH,
                    SystemdManager.class);
            Link l = new Link(c, manager, handlers);
            self[0] = l;
            if (signalsWanted) {
                subscribe(l);
            }
            return l;
        } catch (DBusException | RuntimeException e) {
            closeQuietly(handlers);
            c.disconnect();
            throw e instanceof DBusException de ? de : new DBusException(e.getMessage(), e);
        }
    }

    /**
     * systemd's signals on a link, once: the handlers, then Subscribe(). A job must call this before it starts
     * (its JobRemoved must not be missed). On failure nothing is left half-registered, and a later call tries again.
     */
    private void subscribe(Link l) throws DBusException {
        synchronized (l.handlers()) {
            if (!l.handlers().isEmpty()) {
                return;
            }
            DBusConnection c = l.connection();
            SystemdManager manager = l.manager();
            List<AutoCloseable> handlers = new ArrayList<>();
            try {
                addHandlers(l, c, handlers);
                try {
                    manager.Subscribe();
                } catch (org.freedesktop.systemd1.AlreadySubscribed ignored) {
                    // a subscription that already exists is what we want
                }
            } catch (DBusException | RuntimeException e) {
                closeQuietly(handlers);
                throw e;
            }
            l.handlers().addAll(handlers);
        }
    }

    private void addHandlers(Link l, DBusConnection c, List<AutoCloseable> handlers) throws DBusException {
        // each handler notes when the signal arrived: the event it leads to carries it (UnitEvent.Changed)
        handlers.add(c.addSigHandler(SystemdManager.JobRemoved.class, s -> {
            long arrived = System.nanoTime();
            jobs.jobRemoved(s.jobPath(), s.result());
            unitSignal(s.unit(), arrived);
        }));
        // UnitNew and UnitRemoved are not followed: they say a unit was loaded or unloaded, which this client's
        // own reads cause (LoadUnit loads an unused unit, systemd unloads it again at once), so re-reading on
        // them read every unloaded or not-found unit in a loop, hundreds of times a second, for ever. What
        // the cards show changes with PropertiesChanged, JobRemoved, Reloading and UnitFilesChanged.
        handlers.add(c.addSigHandler(SystemdManager.Reloading.class, s -> {
            long arrived = System.nanoTime();
            reloading = s.active();
            if (!s.active()) {
                markAllDirty(arrived);
            }
        }));
        handlers.add(c.addSigHandler(SystemdManager.UnitFilesChanged.class, s -> markAllDirty(System.nanoTime())));
        handlers.add(c.addSigHandler(Properties.PropertiesChanged.class, s -> {
            long arrived = System.nanoTime();
            String unit = watchedPaths.get(s.getPath());
            if (unit != null) {
                markDirty(unit, arrived);
            }
        }));
        handlers.add(c.addSigHandler(DBus.NameOwnerChanged.class, s -> {
            // the manager we subscribed with is gone. On daemon-reexec the name may pass straight from the old
            // process's connection to the new one's (":1.12" -> ":1.15", never ""), so any change counts
            if (SystemdManager.BUS_NAME.equals(s.name) && !s.oldOwner.isEmpty()) {
                lost(l, "The systemd user manager left the bus (restarting or stopping).");
            }
        }));
    }

    /** The link died (from any thread). Only the first report for the current link counts. */
    private void lost(Link l, String reason) {
        synchronized (lock) {
            if (l == null || link != l || closed) {
                return;
            }
            link = null;
            state = ConnectionState.DISCONNECTED;
        }
        lastProblem = reason;
        LOG.log(Level.DEBUG, "lost connection: " + reason);
        jobs.failAll(new SystemdException.BusUnavailable(
                "The connection to the systemd user manager was lost while the job ran, so its outcome is unknown. "
                        + "The panel shows the unit's state again once it has reconnected.", reason, null));
        closeInBackground(l);
        emitAll(new UnitEvent.Disconnected(reason));
        submit(lifecycle, () -> {
            backoffMs = FIRST_BACKOFF_MS;
            scheduleReconnect();
        });
    }

    private SystemdException unreachable(Throwable e) {
        String why = e == null ? "unknown error" : e.getMessage();
        return new SystemdException.BusUnavailable("Cannot reach the systemd user manager on " + address + ": " + why
                + ". Is `systemctl --user` working in this session?", String.valueOf(e), e);
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private Link current(String unit) throws SystemdException {
        synchronized (lock) {
            if (closed) {
                throw new SystemdException.BusUnavailable("The panel's connection to systemd is closed.", "", null);
            }
            if (link == null) {
                throw new SystemdException.BusUnavailable("Not connected to the systemd user manager. " + lastProblem,
                        unit == null ? "" : unit, null);
            }
            return link;
        }
    }

    /**
     * Closes a dead link off the worker thread: on a bus that is going away, removing match rules
     * or disconnecting can wait a long time for replies that never come.
     */
    private static Thread closeInBackground(Link l) {
        if (l == null) {
            return null;
        }
        Thread t = new Thread(() -> closeLink(l), "systemd-close");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeLink(Link l) {
        if (l == null) {
            return;
        }
        try {
            l.connection().disconnect();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "disconnect: " + e);
        }
    }

    private static void closeQuietly(List<AutoCloseable> handlers) {
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception ignored) {
                // the connection is going away anyway
            }
        }
    }

    @Override
    public void close() {
        Link l;
        synchronized (lock) {
            closed = true;
            l = link;
            link = null;
            state = ConnectionState.CLOSED;
            lock.notifyAll();
        }
        jobs.failAll(new SystemdException.BusUnavailable("The panel closed its connection to systemd.", "", null));
        Thread closing = closeInBackground(l);
        worker.shutdownNow();
        lifecycle.shutdownNow();
        events.shutdownNow();
        if (closing != null) {
            try {
                closing.join(CLOSE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- reading units

    @Override
    public UnitStatus status(String unit) throws SystemdException {
        Link l = current(unit);
        try {
            return read(l, unit);
        } catch (RuntimeException | DBusException e) {
            throw failure(l, e, unit);
        }
    }

    @Override
    public List<UnitStatus> statuses(Collection<String> units) throws SystemdException {
        List<UnitStatus> out = new ArrayList<>(units.size());
        for (String u : units) {
            out.add(status(u));
        }
        return out;
    }

    @Override
    public UnitOutput output(String unit) throws SystemdException {
        if (!unit.endsWith(".service")) {
            return UnitOutput.UNKNOWN;
        }
        Link l = current(unit);
        try {
            DBusPath path = l.manager().LoadUnit(unit);
            Properties props = l.connection().getRemoteObject(SystemdManager.BUS_NAME, path.getPath(), Properties.class);
            Map<String, Variant<?>> s = props.GetAll(SERVICE_IFACE);
            return new UnitOutput(str(s, "StandardOutput"), str(s, "StandardError"));
        } catch (RuntimeException | DBusException e) {
            throw failure(l, e, unit);
        }
    }

    private UnitStatus read(Link l, String unit) throws DBusException {
        DBusPath path = l.manager().LoadUnit(unit);
        Properties props = l.connection().getRemoteObject(SystemdManager.BUS_NAME, path.getPath(), Properties.class);
        Map<String, Variant<?>> u = props.GetAll(UNIT_IFACE);
        LoadState load = LoadState.parse(str(u, "LoadState"));
        Map<String, Variant<?>> s = Map.of();
        if (unit.endsWith(".service") && load != LoadState.NOT_FOUND) {
            s = props.GetAll(SERVICE_IFACE);
        }
        Object[] job = u.get("Job") == null ? null : asStruct(u.get("Job").getValue());
        boolean jobRunning = job != null && job.length > 0 && job[0] instanceof UInt32 id && id.longValue() != 0;
        long memory = num(s, "MemoryCurrent", -1);
        return new UnitStatus(unit,
                str(u, "Description"),
                load,
                ActiveState.parse(str(u, "ActiveState")),
                str(u, "SubState"),
                UnitFileState.parse(str(u, "UnitFileState")),
                micros(u, "ActiveEnterTimestamp"),
                micros(u, "InactiveEnterTimestamp"),
                micros(u, "StateChangeTimestamp"),
                num(s, "MainPID", 0),
                memory == -1 ? OptionalLong.empty() : OptionalLong.of(memory),
                num(s, "NRestarts", 0),
                str(s, "Result"),
                str(u, "FragmentPath"),
                strings(u, "DropInPaths"),
                strings(s, "Environment"),
                jobRunning);
    }

    private static Object[] asStruct(Object v) {
        if (v instanceof Object[] a) {
            return a;
        }
        if (v instanceof org.freedesktop.dbus.Struct st) {
            return st.getParameters();
        }
        return null;
    }

    private static String str(Map<String, Variant<?>> m, String key) {
        Variant<?> v = m.get(key);
        return v == null || v.getValue() == null ? "" : v.getValue().toString();
    }

    /** Numbers of any D-Bus width; UINT64_MAX ("not available") comes back as -1. */
    private static long num(Map<String, Variant<?>> m, String key, long dflt) {
        Variant<?> v = m.get(key);
        if (v == null) {
            return dflt;
        }
        Object o = v.getValue();
        if (o instanceof UInt64 u) {
            return u.value().equals(UInt64.MAX_BIG_VALUE) ? -1 : u.longValue();
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        return dflt;
    }

    private static Instant micros(Map<String, Variant<?>> m, String key) {
        long us = num(m, key, 0);
        return us <= 0 ? null : Instant.EPOCH.plus(us, ChronoUnit.MICROS);
    }

    private static List<String> strings(Map<String, Variant<?>> m, String key) {
        Variant<?> v = m.get(key);
        if (v == null || v.getValue() == null) {
            return List.of();
        }
        Object o = v.getValue();
        List<String> out = new ArrayList<>();
        if (o instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else if (o instanceof Object[] a) {
            for (Object x : a) {
                out.add(String.valueOf(x));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public JobOutcome run(JobKind kind, String unit) throws SystemdException {
        Link l = current(unit);
        try {
            return switch (kind) {
                case START, STOP, RESTART -> runJob(l, kind, unit);
                case ENABLE -> enable(l, unit);
                case DISABLE -> disable(l, unit);
            };
        } catch (RuntimeException | DBusException e) {
            throw failure(l, e, unit);
        }
    }

    private JobOutcome runJob(Link l, JobKind kind, String unit) throws SystemdException, DBusException {
        // from now on every link gets the signals: a job that outlives its connection (daemon-reexec) hears its
        // JobRemoved on the new one
        signalsWanted = true;
        subscribe(l);
        DBusPath job = switch (kind) {
            case START -> l.manager().StartUnit(unit, "replace");
            case STOP -> l.manager().StopUnit(unit, "replace");
            default -> l.manager().RestartUnit(unit, "replace");
        };
        String wire;
        try {
            wire = awaitJob(job.getPath(), unit);
        } catch (SystemdException.BusUnavailable lostWhileRunning) {
            return afterLoss(l, kind, unit, job.getPath(), lostWhileRunning);
        }
        JobResult result = JobResult.parse(wire);
        UnitStatus after;
        try {
            after = read(l, unit);
        } catch (RuntimeException | DBusException e) {
            if (!(failure(l, e, unit) instanceof SystemdException.BusUnavailable)) {
                throw e;
            }
            // a stopping manager cancels the job and goes: its result came, the state after it did not
            Link back = awaitLink(l, RECONNECT_WAIT_MS);
            if (back == null) {
                throw new SystemdException.BusUnavailable(describe(kind, unit, result, null)
                        + " The connection to systemd was lost right after, so the unit's state is unknown.", "", e);
            }
            after = read(back, unit);
            return new JobOutcome(unit, kind, result, after, describe(kind, unit, result, after)
                    + " The connection to systemd was lost right after; after reconnecting, the unit is "
                    + stateText(after) + ".");
        }
        return new JobOutcome(unit, kind, result, after, describe(kind, unit, result, after));
    }

    private static String stateText(UnitStatus s) {
        return s.activeState().label().toLowerCase() + (s.subState().isEmpty() ? "" : " (" + s.subState() + ")");
    }

    private String awaitJob(String jobPath, String unit) throws SystemdException {
        try {
            return jobs.await(jobPath).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemdException.Failed("Interrupted while waiting for " + unit + ".", "", e);
        } catch (ExecutionException e) {
            throw SystemdErrors.map(e.getCause(), unit);
        }
    }

    /**
     * The connection died while the job ran. Rather than guess, wait for the reconnection and look: a job that
     * survived (daemon-reexec keeps jobs and their ids) is awaited on the new connection and its real result is
     * reported; otherwise the outcome is {@link JobResult#LOST} with the unit's true state now. Without a
     * reconnection in {@link #RECONNECT_WAIT_MS} the caller hears that the outcome is unknown.
     */
    private JobOutcome afterLoss(Link lostLink, JobKind kind, String unit, String jobPath,
            SystemdException.BusUnavailable lost) throws SystemdException {
        Link l = awaitLink(lostLink, RECONNECT_WAIT_MS);
        if (l == null) {
            throw lost;
        }
        try {
            if (jobPath.equals(jobPathOf(l, unit))) {
                String wire = awaitJob(jobPath, unit);
                JobResult result = JobResult.parse(wire);
                UnitStatus after = read(l, unit);
                return new JobOutcome(unit, kind, result, after, describe(kind, unit, result, after)
                        + " (The connection to systemd was lost and restored while the job ran.)");
            }
            UnitStatus after = read(l, unit);
            return new JobOutcome(unit, kind, JobResult.LOST, after, describe(kind, unit, JobResult.LOST, after));
        } catch (RuntimeException | DBusException e) {
            throw failure(l, e, unit);
        }
    }

    /**
     * Waits (no polling: connectOnce notifies) for a live connection other than {@code stale}, the one that failed;
     * null after the wait or when closed.
     */
    private Link awaitLink(Link stale, long waitMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        synchronized (lock) {
            while ((link == null || link == stale) && !closed) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return null;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return closed ? null : link;
        }
    }

    /** The object path of the job queued on the unit, or "" when none is. */
    private static String jobPathOf(Link l, String unit) throws DBusException {
        DBusPath path = l.manager().LoadUnit(unit);
        Properties props = l.connection().getRemoteObject(SystemdManager.BUS_NAME, path.getPath(), Properties.class);
        Variant<?> v = props.GetAll(UNIT_IFACE).get("Job");
        Object[] job = v == null ? null : asStruct(v.getValue());
        if (job != null && job.length > 1 && job[0] instanceof UInt32 id && id.longValue() != 0) {
            return job[1] instanceof DBusPath p ? p.getPath() : String.valueOf(job[1]);
        }
        return "";
    }

    /** The sentence for a job's end; {@code after} is null when the state after it could not be read. */
    static String describe(JobKind kind, String unit, JobResult result, UnitStatus after) {
        if (result.isSuccess() && after != null) {
            return kind.label() + " " + unit + ": done; it is now " + stateText(after) + ".";
        }
        if (result.isSuccess()) {
            return kind.label() + " " + unit + ": done.";
        }
        if (result == JobResult.LOST) {
            // say what is known (the state now), not a success nobody saw
            return kind.label() + " " + unit + ": " + result.sentence() + "; after reconnecting, the unit is "
                    + stateText(after) + ". Check that this is what you wanted.";
        }
        StringBuilder sb = new StringBuilder(kind.label() + " " + unit + " failed: " + result.sentence());
        if (after != null && after.hasFailureResult()) {
            sb.append("; systemd's result is '").append(after.result()).append("'");
        }
        sb.append(". See `journalctl --user -u ").append(unit).append("` for the unit's own messages.");
        return sb.toString();
    }

    private JobOutcome enable(Link l, String unit) throws DBusException, SystemdException {
        EnableUnitFilesResult r = l.manager().EnableUnitFiles(List.of(unit), false, false);
        l.manager().Reload();
        UnitStatus after = read(l, unit);
        if (!Boolean.TRUE.equals(r.carriesInstallInfo) && (r.changes == null || r.changes.isEmpty())
                && !after.unitFileState().isEnabled()) {
            throw new SystemdException.NotApplicable(unit + " has no [Install] section, so it cannot be enabled; "
                    + "it is started by the units that need it.", "carries_install_info=false", null);
        }
        return new JobOutcome(unit, JobKind.ENABLE, JobResult.DONE, after,
                "Enabled " + unit + ": it starts with your user session.");
    }

    private JobOutcome disable(Link l, String unit) throws DBusException {
        l.manager().DisableUnitFiles(List.of(unit), false);
        l.manager().Reload();
        UnitStatus after = read(l, unit);
        return new JobOutcome(unit, JobKind.DISABLE, JobResult.DONE, after,
                "Disabled " + unit + ": it no longer starts with your user session.");
    }

    @Override
    public void reload() throws SystemdException {
        Link l = current(null);
        try {
            l.manager().Reload();
        } catch (RuntimeException e) {
            throw failure(l, e, "");
        }
    }

    /** Maps an error; if the connection is what broke, treats it as lost so reconnection starts. */
    private SystemdException failure(Link l, Exception e, String unit) {
        SystemdException mapped = SystemdErrors.map(e, unit);
        if (mapped instanceof SystemdException.BusUnavailable && !l.connection().isConnected()) {
            lost(l, mapped.getMessage());
        }
        return mapped;
    }

    // ---------------------------------------------------------------- watching

    @Override
    public Watch watch(Collection<String> units, Consumer<UnitEvent> listener) {
        WatchImpl w = new WatchImpl(new LinkedHashSet<>(units), listener);
        for (String u : units) {
            watchedPaths.put(UnitPaths.pathOf(u), u);
        }
        watches.add(w);
        boolean subscribed = signalsWanted;
        signalsWanted = true;
        if (state == ConnectionState.CONNECTED) {
            submit(events, () -> w.deliver(new UnitEvent.Connected()));
            if (subscribed) {
                units.forEach(u -> markDirty(u, UnitEvent.NO_SIGNAL));
            } else {
                // a command line's link has no signals yet: subscribe (off the caller's thread), then read
                submit(lifecycle, () -> {
                    Link l;
                    synchronized (lock) {
                        l = link;
                    }
                    if (l != null) {
                        try {
                            subscribe(l);
                        } catch (DBusException | RuntimeException e) {
                            lost(l, "Subscribing to systemd's signals failed (" + e.getMessage() + ").");
                            return;
                        }
                    }
                    units.forEach(u -> markDirty(u, UnitEvent.NO_SIGNAL));
                });
            }
        } else {
            submit(events, () -> w.deliver(new UnitEvent.Disconnected(lastProblem)));
        }
        return w;
    }

    private void unitSignal(String unit, long arrived) {
        if (!reloading && unit != null && watchedPaths.containsValue(unit)) {
            markDirty(unit, arrived);
        }
    }

    private void markDirty(String unit, long arrived) {
        submit(worker, () -> dirtyOnWorker(unit, arrived));
    }

    private void markAllDirty(long arrived) {
        submit(worker, () -> watches.forEach(w -> w.units.forEach(u -> dirtyOnWorker(u, arrived))));
    }

    private static void submit(ScheduledExecutorService executor, Runnable r) {
        try {
            executor.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closing down
        }
    }

    private void dirtyOnWorker(String unit, long arrived) {
        dirty.add(unit);
        if (arrived != UnitEvent.NO_SIGNAL) {
            firstSignal.putIfAbsent(unit, arrived);
        }
        if (!flushQueued) {
            flushQueued = true;
            worker.execute(this::flush);
        }
    }

    private void flush() {
        flushQueued = false;
        if (reloading) {
            return; // Reloading(false) marks everything dirty again
        }
        List<String> units = new ArrayList<>(dirty);
        dirty.clear();
        Map<String, Long> arrivals = new java.util.HashMap<>(firstSignal);
        firstSignal.clear();
        Link l;
        synchronized (lock) {
            l = link;
        }
        if (l == null) {
            return;
        }
        for (String u : units) {
            UnitStatus s;
            try {
                s = read(l, u);
            } catch (RuntimeException | DBusException e) {
                SystemdException se = failure(l, e, u);
                LOG.log(Level.DEBUG, "refresh of " + u + " failed: " + se.getMessage());
                if (se instanceof SystemdException.BusUnavailable) {
                    return;
                }
                continue;
            }
            UnitEvent ev = new UnitEvent.Changed(s, arrivals.getOrDefault(u, UnitEvent.NO_SIGNAL));
            submit(events, () -> {
                // a read that finished after its connection died must not follow the news that it died
                if (isCurrent(l)) {
                    for (WatchImpl w : watches) {
                        if (w.units.contains(u)) {
                            w.deliver(ev);
                        }
                    }
                }
            });
        }
    }

    private boolean isCurrent(Link l) {
        synchronized (lock) {
            return link == l;
        }
    }

    private void emitAll(UnitEvent ev) {
        submit(events, () -> {
            for (WatchImpl w : watches) {
                w.deliver(ev);
            }
        });
    }

    private final class WatchImpl implements Watch {
        final Set<String> units;
        final Consumer<UnitEvent> listener;
        volatile boolean open = true;

        WatchImpl(Set<String> units, Consumer<UnitEvent> listener) {
            this.units = units;
            this.listener = listener;
        }

        void deliver(UnitEvent ev) {
            if (!open) {
                return;
            }
            try {
                listener.accept(ev);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unit listener failed", e);
            }
        }

        @Override
        public void close() {
            open = false;
            watches.remove(this);
        }
    }
}
