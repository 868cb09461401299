package io.github.rootlesspanel.containers;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.rootlesspanel.setup.install.Plan;

/**
 * The containers of the user's rootless containerd, kept current: containerd's event stream (create, start,
 * exit, delete) and bypass4netnsd's state directory say when to read again; nothing is polled. Also the
 * nerdctl actions on them (start, stop, run, recreate with bypass4netns switched). Blocking methods say so;
 * call them off the FX thread.
 */
public final class ContainersService implements AutoCloseable {

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

    /** Reads everything once. Blocking. */
    public Snapshot read() {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Follows containerd and bypass4netnsd: the listener hears a snapshot at once and after every change, on a
     * thread of the service; when containerd goes away it hears {@link Connection#UNAVAILABLE} and the service
     * reconnects with backoff.
     */
    public Watch watch(Consumer<Snapshot> listener) {
        throw new UnsupportedOperationException("being written");
    }

    /** The plan that recreates the container with bypass4netns switched. Blocking (reads nerdctl's files). */
    public RecreatePlan planBypass(ContainerView container, boolean enable, boolean commitFirst)
            throws NerdctlException {
        throw new UnsupportedOperationException("being written");
    }

    /** {@code nerdctl start}/{@code stop} of one container. Blocking. */
    public void start(ContainerView container) throws NerdctlException {
        throw new UnsupportedOperationException("being written");
    }

    public void stop(ContainerView container) throws NerdctlException {
        throw new UnsupportedOperationException("being written");
    }

    /** The plan of a new container ({@code nerdctl run -d ...}). */
    public Plan runPlan(RunRequest request) throws NerdctlException {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
