package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * The containers of the user's rootless containerd, kept current: containerd's event stream (create, start,
 * exit, delete), bypass4netnsd's runtime files (inotify) and the systemd units of containerd and bypass4netnsd
 * (D-Bus signals) say when to read again; nothing is polled. Also the nerdctl actions on them (start, stop, run,
 * recreate with bypass4netns switched). Blocking methods say so; call them off the FX thread.
 */
public final class ContainersService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ContainersService.class.getName());

    /** containerd's socket as nerdctl names it inside RootlessKit; its hash names nerdctl's data store. */
    static final String CHILD_ADDRESS = "/run/containerd/containerd.sock";
    static final String CONTAINERD_UNIT = "containerd.service";
    /** Events arriving together (create, start) make one reading. */
    static final Duration COALESCE = Duration.ofMillis(40);
    /** systemd signals a unit's start as several property changes. */
    static final Duration READINESS_COALESCE = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration START_STOP_TIMEOUT = Duration.ofMinutes(2);

    /** Whether containerd answers. */
    public enum Connection { CONNECTING, CONNECTED, UNAVAILABLE }

    /**
     * One reading.
     *
     * @param connection whether containerd answered
     * @param problem    why not, as a sentence ("" when connected)
     * @param containers every container of every namespace, newest first
     * @param readiness  whether bypass4netns can be switched on this host
     */
    public record Snapshot(Connection connection, String problem, List<ContainerView> containers,
                           Bypass4netnsReadiness readiness) {
        public Snapshot {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(problem, "problem");
            containers = List.copyOf(containers);
            Objects.requireNonNull(readiness, "readiness");
        }
    }

    /** A running watch; closing it ends the subscription. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private final XdgDirs dirs;
    private final ProcessRunner runner;
    private final UserManager systemd;
    private final Path socket;
    private final Clock clock;

    /**
     * @param systemd the user manager, for the state of bypass4netnsd's and containerd's units; {@code null} when
     *                it cannot be reached (then those are not watched, and bypass4netnsd's unit counts as unknown)
     * @param socket  containerd's socket ({@link ContainerdClient#defaultSocket})
     */
    public ContainersService(XdgDirs dirs, ProcessRunner runner, UserManager systemd, Path socket, Clock clock) {
        this.dirs = Objects.requireNonNull(dirs, "dirs");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.systemd = systemd;
        this.socket = Objects.requireNonNull(socket, "socket");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the user running the panel: its environment, directories and containerd socket. */
    public static ContainersService forThisUser(Map<String, String> env, UserManager systemd) {
        Path socket;
        try {
            socket = ContainerdClient.defaultSocket(env);
        } catch (ContainerdException e) {
            socket = XdgDirs.from(env).runtimeDir().resolve("containerd/containerd.sock");
        }
        return new ContainersService(XdgDirs.from(env), new ProcessRunner(env), systemd, socket, Clock.systemUTC());
    }

    public Path socket() {
        return socket;
    }

    /** Reads everything once: containers, bypass4netnsd's list, the host's readiness. Blocking. */
    public Snapshot read() {
        Bypass4netnsReadiness readiness = readiness();
        try (ContainerdClient client = ContainerdClient.connect(socket)) {
            return new Snapshot(Connection.CONNECTED, "", views(client), readiness);
        } catch (ContainerdException e) {
            return new Snapshot(Connection.UNAVAILABLE, e.getMessage(), List.of(), readiness);
        }
    }

    /** bypass4netns's requirements on this host. Blocking (asks systemd, bypass4netnsd, the host, nerdctl). */
    public Bypass4netnsReadiness readiness() {
        return Bypass4netnsRequirements.probe(systemd, dirs, runner);
    }

    /** Every container of every namespace with what nerdctl and bypass4netnsd know, newest first. */
    List<ContainerView> views(ContainerdClient client) throws ContainerdException {
        Optional<List<Bypass4netnsdClient.BypassStatus>> live;
        try {
            live = Optional.of(new Bypass4netnsdClient(Bypass4netnsdClient.defaultSocket(dirs)).list());
        } catch (IOException e) {
            live = Optional.empty();
        }
        List<ContainerView> out = new ArrayList<>();
        for (String ns : client.namespaces()) {
            for (ContainerInfo c : client.containers(ns)) {
                out.add(view(c, live));
            }
        }
        out.sort(Comparator.comparing((ContainerView v) -> v.info().createdAt()).reversed()
                .thenComparing(ContainerView::name));
        return out;
    }

    private ContainerView view(ContainerInfo c, Optional<List<Bypass4netnsdClient.BypassStatus>> live) {
        NerdctlMeta meta = NerdctlMeta.of(c.labels());
        long pid = c.task().filter(t -> t.status() == TaskInfo.Status.RUNNING || t.status() == TaskInfo.Status.PAUSED)
                .map(TaskInfo::pid).orElse(0L);
        List<InterfaceAddress> addresses = pid > 0 ? NetnsAddresses.read(pid) : List.of();
        return new ContainerView(c, meta, Bypass4netnsConfig.of(c.annotations(), c.labels()), ports(c, meta),
                addresses, pid > 0 ? ProcessStart.of(pid) : Optional.empty(),
                live.map(l -> Bypass4netnsdClient.lists(l, c.id())));
    }

    /**
     * Published ports: nerdctl's per-container {@code network-config.json} (in the state dir its label names, else
     * in the data store of the default address), else the older {@code nerdctl/ports} label.
     */
    List<PortMapping> ports(ContainerInfo c, NerdctlMeta meta) {
        Path file = meta.stateDir().isEmpty()
                ? dataStore().resolve("containers").resolve(c.namespace()).resolve(c.id()).resolve("network-config.json")
                : Path.of(meta.stateDir()).resolve("network-config.json");
        try {
            if (Files.isRegularFile(file)) {
                List<PortMapping> ports = NerdctlMeta.networkConfigPorts(Files.readString(file));
                if (!ports.isEmpty()) {
                    return ports;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: fall back to the label
        }
        return meta.legacyPorts();
    }

    /**
     * nerdctl's data store: {@code $XDG_DATA_HOME/nerdctl/<first 8 hex of sha256 of the address>} (rootless-setup.md
     * §4.4); the address is the in-namespace default unless CONTAINERD_ADDRESS says otherwise.
     */
    Path dataStore() {
        String address = runner.environment().getOrDefault("CONTAINERD_ADDRESS", CHILD_ADDRESS);
        if (address.isBlank()) {
            address = CHILD_ADDRESS;
        }
        if (address.startsWith("unix://")) {
            address = address.substring("unix://".length());
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
            return dirs.dataHome().resolve("nerdctl").resolve(HexFormat.of().formatHex(d).substring(0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Follows containerd and bypass4netnsd: the listener hears a snapshot at once and after every change, on a
     * thread of the service; when containerd goes away it hears {@link Connection#UNAVAILABLE} and the service
     * reconnects when containerd's socket or unit comes back (and, as a fallback, with backoff).
     */
    public Watch watch(Consumer<Snapshot> listener) {
        Watcher w = new Watcher(listener);
        w.start();
        return w;
    }

    /** The plan that recreates the container with bypass4netns switched. Blocking (finds nerdctl). */
    public RecreatePlan planBypass(ContainerView container, boolean enable, boolean commitFirst)
            throws NerdctlException {
        return planner().plan(container, enable, commitFirst);
    }

    /** {@code nerdctl start} of one container; waits for it. Blocking. */
    public void start(ContainerView container) throws NerdctlException {
        carryOut(planner().startPlan(container));
    }

    /** {@code nerdctl stop} of one container; waits for it. Blocking. */
    public void stop(ContainerView container) throws NerdctlException {
        carryOut(planner().stopPlan(container));
    }

    /** The plan of a new container ({@code nerdctl run -d ...}). Blocking (finds nerdctl). */
    public Plan runPlan(RunRequest request) throws NerdctlException {
        return planner().runPlan(request);
    }

    private RecreatePlanner planner() throws NerdctlException {
        Nerdctl nerdctl = Nerdctl.locate(runner).orElseThrow(() -> new NerdctlException(
                "nerdctl is not installed (not found on PATH): the panel switches, starts and stops containers "
                        + "through nerdctl.", "PATH=" + runner.environment().getOrDefault("PATH", "")));
        return new RecreatePlanner(nerdctl, clock);
    }

    private static void carryOut(Plan plan) throws NerdctlException {
        PlanRunner.Outcome o = new PlanRunner().run(plan, PlanRunner.Listener.NONE);
        if (!o.succeeded()) {
            Exception e = o.failure().get();
            throw new NerdctlException(String.valueOf(e.getMessage()),
                    e instanceof io.github.rootlesspanel.setup.install.StepFailedException sf ? sf.details() : "");
        }
    }

    @Override
    public void close() {
        // watches are closed by their owners; nothing is held between calls
    }

    /** One watch: its own threads, client and file-system watch. */
    private final class Watcher implements Watch {
        private final Consumer<Snapshot> listener;
        private final ScheduledExecutorService worker;
        private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
        private volatile boolean closed;
        private ContainerdClient client;
        private EventSubscription subscription;
        private ScheduledFuture<?> pending;
        private ScheduledFuture<?> retry;
        private ScheduledFuture<?> pendingReadiness;
        private Bypass4netnsReadiness readiness = new Bypass4netnsReadiness(List.of(), Optional.empty(), true);
        private boolean readinessKnown;
        private long backoffMillis = 500;
        private Connection lastConnection = Connection.CONNECTING;

        Watcher(Consumer<Snapshot> listener) {
            this.listener = listener;
            this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "containers-watch");
                t.setDaemon(true);
                return t;
            });
        }

        void start() {
            listener.accept(new Snapshot(Connection.CONNECTING, "", List.of(), readiness));
            worker.execute(() -> {
                watchFiles();
                watchUnits();
                readiness = readiness();
                readinessKnown = true;
                connect();
            });
        }

        /** On the worker: (re)connects, subscribes, reads. */
        private void connect() {
            if (closed) {
                return;
            }
            closeClient();
            try {
                client = ContainerdClient.connect(socket);
                ContainerdClient current = client;
                subscription = client.subscribeEvents(List.of("topic~=\"^/(tasks|containers)/\""),
                        e -> refreshSoon(), err -> worker.execute(() -> lost(current, err.getMessage())));
                // events are not replayed: read after subscribing (apis.md pitfall 13)
                publish(Connection.CONNECTED, "", views(client));
                backoffMillis = 500;
            } catch (ContainerdException e) {
                lost(client, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reading containers failed", e);
                lost(client, String.valueOf(e.getMessage()));
            }
        }

        /** On the worker: containerd went away; say so and try again later. */
        private void lost(ContainerdClient which, String why) {
            if (closed || which != client) {
                return;   // an old client's stream ending after a reconnect
            }
            closeClient();
            publish(Connection.UNAVAILABLE, why, List.of());
            scheduleRetry(Duration.ofMillis(backoffMillis));
            backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }

        private void scheduleRetry(Duration after) {
            if (retry != null) {
                retry.cancel(false);
            }
            retry = worker.schedule(this::connect, after.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Any thread: something changed; read once after a short pause that gathers related events. */
        void refreshSoon() {
            if (closed) {
                return;
            }
            worker.execute(() -> {
                if (pending == null || pending.isDone()) {
                    pending = worker.schedule(this::refresh, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }

        private void refresh() {
            if (closed) {
                return;
            }
            if (client == null) {
                // not connected: a change on disk or in systemd may mean containerd is back
                if (Files.exists(socket)) {
                    scheduleRetry(Duration.ZERO);
                }
                return;
            }
            try {
                publish(Connection.CONNECTED, "", views(client));
            } catch (ContainerdException e) {
                lost(client, e.getMessage());
            }
        }

        /** Any thread: bypass4netnsd's unit or socket changed; ask again (once for a burst of signals). */
        private void readinessChanged() {
            if (closed) {
                return;
            }
            worker.execute(() -> {
                if (pendingReadiness == null || pendingReadiness.isDone()) {
                    pendingReadiness = worker.schedule(() -> {
                        readiness = readiness();
                        if (client == null) {
                            publish(lastConnection, "", List.of());
                        } else {
                            refresh();
                        }
                    }, READINESS_COALESCE.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }

        private String lastProblem = "";

        private void publish(Connection connection, String problem, List<ContainerView> views) {
            if (closed) {
                return;
            }
            lastConnection = connection;
            if (!problem.isEmpty() || connection != Connection.UNAVAILABLE) {
                lastProblem = problem;
            }
            try {
                listener.accept(new Snapshot(connection, connection == Connection.UNAVAILABLE ? lastProblem : "",
                        views, readiness));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "containers listener failed", e);
            }
        }

        /**
         * inotify on the runtime dir (containerd's socket dir, bypass4netnsd's socket) and bypass4netns's per-container
         * dir (pid and socket files come and go as nerdctl's hook starts and stops bypass4netns).
         */
        private void watchFiles() {
            try {
                WatchService ws = FileSystems.getDefault().newWatchService();
                resources.add(ws);
                register(ws, dirs.runtimeDir());
                register(ws, socket.getParent());
                register(ws, Bypass4netnsdClient.stateDir(dirs));
                Thread t = new Thread(() -> take(ws), "containers-files");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                LOG.log(Level.INFO, "no file-system watch: " + e.getMessage());
            }
        }

        private void register(WatchService ws, Path dir) {
            if (dir == null || !Files.isDirectory(dir)) {
                return;
            }
            try {
                dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot watch " + dir, e);
            }
        }

        private void take(WatchService ws) {
            Path b4nSocket = Bypass4netnsdClient.defaultSocket(dirs);
            Path b4nDir = Bypass4netnsdClient.stateDir(dirs);
            Path socketDir = socket.getParent();
            try {
                while (!closed) {
                    WatchKey key = ws.take();
                    Path dir = (Path) key.watchable();
                    boolean bypassd = false;
                    boolean containers = false;
                    for (var ev : key.pollEvents()) {
                        if (!(ev.context() instanceof Path p)) {
                            containers = true;   // overflow: read again to be sure
                            continue;
                        }
                        Path full = dir.resolve(p);
                        if (full.equals(b4nSocket)) {
                            bypassd = true;
                        } else if (full.equals(b4nDir) || full.equals(socketDir)) {
                            register(ws, full);   // created after the watch began
                            containers = true;
                        } else if (dir.equals(b4nDir) || full.equals(socket)) {
                            containers = true;   // bypass4netns started/stopped for a container; containerd's socket
                        }
                        // anything else in the runtime dir is none of our business
                    }
                    key.reset();
                    if (bypassd) {
                        readinessChanged();
                    } else if (containers) {
                        refreshSoon();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed
            }
        }

        /** systemd's signals for containerd (reconnect when it is back) and bypass4netnsd (readiness). */
        private void watchUnits() {
            if (systemd == null) {
                return;
            }
            try {
                UserManager.Watch w = systemd.watch(List.of(CONTAINERD_UNIT, Bypass4netnsdClient.UNIT), ev -> {
                    if (ev instanceof UnitEvent.Changed c) {
                        if (c.status().name().equals(Bypass4netnsdClient.UNIT)) {
                            readinessChanged();
                        } else if (c.status().activeState() == ActiveState.ACTIVE) {
                            worker.execute(() -> {
                                if (client == null) {
                                    scheduleRetry(Duration.ofMillis(100));
                                }
                            });
                        }
                    }
                });
                resources.add(w::close);
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "no unit watch: " + e.getMessage());
            }
        }

        private void closeClient() {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            if (client != null) {
                client.close();
                client = null;
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    // closing anyway
                }
            }
            worker.execute(this::closeClient);
            worker.shutdown();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
