package io.github.rootlesspanel.rootlesskit;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * Waits until rootless containerd really serves: RootlessKit's child_pid and api.sock, then
 * containerd's socket. Driven by file-system events (inotify) in the runtime directory and by
 * systemd's signals for the unit, so a unit that fails meanwhile ends the wait at once. No sleeps.
 */
public final class Readiness {

    private Readiness() {
    }

    /** Thrown when the wait ends without rootless containerd answering; the message says why. */
    public static final class NotReadyException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotReadyException(String message) {
            super(message);
        }
    }

    public static String awaitRootlessContainerd(UserManager manager, String unit, StateDir state, Path containerdSock,
                                          Duration timeout)
            throws NotReadyException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        AtomicReference<String> unitFailure = new AtomicReference<>();
        Path runtimeDir = state.dir().getParent();
        try (WatchService ws = FileSystems.getDefault().newWatchService();
             UserManager.Watch w = manager.watch(List.of(unit), ev -> {
                 if (ev instanceof UnitEvent.Changed c) {
                     var s = c.status();
                     // Restart=always turns an exit into "activating (auto-restart)": that is a failure too
                     if (s.activeState() == ActiveState.FAILED || s.activeState() == ActiveState.INACTIVE
                             || "auto-restart".equals(s.subState())) {
                         unitFailure.set(unit + " exited while starting (" + s.activeState().wire() + "/" + s.subState()
                                 + (s.hasFailureResult() ? ", result " + s.result() : "") + ").");
                     }
                 }
             })) {
            Set<Path> watched = new HashSet<>();
            while (true) {
                for (Path d : List.of(runtimeDir, state.dir(), containerdSock.getParent())) {
                    if (!watched.contains(d) && Files.isDirectory(d)) {
                        d.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                        watched.add(d);
                    }
                }
                String info = ready(state, containerdSock);
                if (info != null) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    return "RootlessKit and containerd answer (" + ms + " ms): " + info;
                }
                if (unitFailure.get() != null) {
                    throw new NotReadyException(unitFailure.get());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new NotReadyException("RootlessKit or containerd did not answer within "
                            + timeout.toSeconds() + " s (state dir " + state.dir() + ", socket " + containerdSock + ").");
                }
                // Wakes on a file event; the short bound only lets a unit failure end the wait promptly.
                WatchKey key = ws.poll(Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200), TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (ClosedWatchServiceException e) {
            throw new NotReadyException("Stopped waiting for RootlessKit.");
        } catch (IOException e) {
            throw new NotReadyException("Cannot watch " + runtimeDir + " for RootlessKit's files: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotReadyException("Interrupted while waiting for RootlessKit.");
        }
    }

    /** A short description of the running RootlessKit if both sockets answer, else null. */
    private static String ready(StateDir state, Path containerdSock) {
        if (state.liveChildPid().isEmpty()) {
            return null;
        }
        String info;
        try {
            info = state.info(Duration.ofSeconds(2));
        } catch (IOException e) {
            return null;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(containerdSock));
        } catch (IOException e) {
            return null;
        }
        return info.strip();
    }
}
