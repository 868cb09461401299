package io.github.rootlesspanel.topology;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.rootlesspanel.containers.Bypass4netnsdClient;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * Keeps a {@link Topology} current while someone looks at it. Rebuilds follow events only — systemd's signals for
 * containerd, buildkit and bypass4netnsd, containerd's event stream, inotify on the runtime dir, RootlessKit's
 * state dir and bypass4netnsd's runtime dir — coalesced to at most {@link #MAX_RATE_HZ} rebuilds a second, with a
 * trailing rebuild after a burst. Paused, it holds no subscription and probes nothing.
 */
public final class TopologyMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopologyMonitor.class.getName());
    public static final int MAX_RATE_HZ = 4;
    static final Duration MIN_INTERVAL = Duration.ofMillis(1000 / MAX_RATE_HZ);
    static final List<String> UNITS = List.of(TopologyProbe.CONTAINERD_UNIT, TopologyProbe.BUILDKIT_UNIT,
            Bypass4netnsdClient.UNIT);

    private final TopologyProbe probe;
    private final UserManager systemd;
    private final XdgDirs dirs;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "topology-monitor");
        t.setDaemon(true);
        return t;
    });

    // all below: only on the monitor's thread, except the volatile fields
    private volatile Consumer<Topology> listener = t -> { };
    private volatile Topology current;
    private volatile ContainersService.Snapshot snapshot;
    private volatile int generation;
    private boolean following;
    private boolean scheduled;
    private long lastBuild = Long.MIN_VALUE / 2;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private long rebuilds;

    public TopologyMonitor(TopologyProbe probe, UserManager systemd, XdgDirs dirs) {
        this.probe = probe;
        this.systemd = systemd;
        this.dirs = dirs;
    }

    /** For the user running the panel; {@code systemd} may be {@code null} (its units are not followed then). */
    public static TopologyMonitor forThisUser(Map<String, String> env, UserManager systemd) {
        return new TopologyMonitor(TopologyProbe.forThisUser(env, systemd), systemd, XdgDirs.from(env));
    }

    /** Hears every new topology, on the monitor's thread. */
    public void setListener(Consumer<Topology> listener) {
        this.listener = listener == null ? t -> { } : listener;
    }

    /** Starts following: builds now, then again on events. */
    public void resume() {
        thread.execute(() -> {
            if (following) {
                return;
            }
            following = true;
            generation++;
            subscribe(generation);
            request();
        });
    }

    /** Stops following: subscriptions closed, no rebuild, no probe until {@link #resume}. */
    public void pause() {
        thread.execute(this::unsubscribe);
    }

    /** The last topology built, or {@code null}. */
    public Topology current() {
        return current;
    }

    /** How many rebuilds ran so far (for tests and benchmarks). */
    public long rebuilds() {
        return rebuilds;
    }

    @Override
    public void close() {
        pause();
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An event: a rebuild soon, at most one per {@link #MIN_INTERVAL}; on the monitor's thread. */
    private void request() {
        if (!following || scheduled) {
            return;
        }
        scheduled = true;
        long wait = Math.max(0, lastBuild + MIN_INTERVAL.toNanos() - System.nanoTime());
        thread.schedule(this::rebuild, wait, TimeUnit.NANOSECONDS);
    }

    /** Events from other threads land here. */
    private void requestFrom(int gen) {
        try {
            thread.execute(() -> {
                if (gen == generation) {
                    request();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void rebuild() {
        scheduled = false;   // events during the build schedule the trailing rebuild
        if (!following) {
            return;
        }
        lastBuild = System.nanoTime();
        try {
            Topology t = probe.read(snapshot);
            rebuilds++;
            current = t;
            listener.accept(t);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "building the topology failed", e);
        }
    }

    private void subscribe(int gen) {
        if (systemd != null) {
            try {
                subscriptions.add(systemd.watch(UNITS, e -> requestFrom(gen)));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "no systemd watch", e);
            }
        }
        ContainersService.Watch w = probe.containers().watch(s -> {
            snapshot = s;
            requestFrom(gen);
        });
        subscriptions.add(w);
        try {
            WatchService ws = FileSystems.getDefault().newWatchService();
            subscriptions.add(ws);
            Thread t = new Thread(() -> watchFiles(ws, gen), "topology-inotify");
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            LOG.log(Level.FINE, "no inotify", e);
        }
    }

    private void unsubscribe() {
        following = false;
        generation++;
        snapshot = null;
        for (AutoCloseable c : subscriptions) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a subscription", e);
            }
        }
        subscriptions.clear();
    }

    /**
     * inotify: the runtime dir (the state dir and bypass4netnsd's socket come and go there), the state dir itself
     * (child_pid, api.sock, netns) and bypass4netnsd's runtime dir; the two sub-dirs are watched again when they
     * are created anew.
     */
    private void watchFiles(WatchService ws, int gen) {
        Path runtime = dirs.runtimeDir();
        Path state = probe.stateDir().dir();
        Path bypass = Bypass4netnsdClient.stateDir(dirs);
        try {
            register(ws, runtime);
            register(ws, state);
            register(ws, bypass);
            while (true) {
                WatchKey key = ws.take();
                Path dir = (Path) key.watchable();
                boolean relevant = !dir.equals(runtime);
                for (var ev : key.pollEvents()) {
                    Object ctx = ev.context();
                    if (dir.equals(runtime) && ctx instanceof Path) {
                        Path child = runtime.resolve((Path) ctx);
                        if (child.equals(state) || child.equals(bypass)) {
                            register(ws, child);
                            relevant = true;
                        } else if (child.getFileName().toString().startsWith("bypass4netnsd")
                                || child.getFileName().toString().startsWith("containerd")) {
                            relevant = true;
                        }
                    } else if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                    }
                }
                key.reset();
                if (relevant) {
                    requestFrom(gen);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // paused or closed
        }
    }

    private static void register(WatchService ws, Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            // gone meanwhile: its creation in the runtime dir registers it again
        }
    }
}
