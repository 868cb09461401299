package io.github.rootlesspanel.systemd;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The systemd user manager, as the rest of the panel sees it: units in, records out.
 * The one port behind which D-Bus lives. Calls block (run them off the FX thread);
 * jobs return when systemd's {@code JobRemoved} says they are finished, never after a sleep.
 */
public interface UserManager extends AutoCloseable {

    ConnectionState connectionState();

    /** One unit's current state; a unit without a file comes back as {@link UnitStatus#notFound}. */
    UnitStatus status(String unit) throws SystemdException;

    /** Several units in the order given. */
    List<UnitStatus> statuses(Collection<String> units) throws SystemdException;

    /**
     * Where the unit's stdout and stderr go (the Logs screen's "no journal" answer). Managers that cannot tell
     * answer {@link UnitOutput#UNKNOWN}.
     */
    UnitOutput output(String unit) throws SystemdException;

    /** Runs a start/stop/restart job (mode {@code replace}) and waits for its end. */
    JobOutcome run(JobKind kind, String unit) throws SystemdException;

    /** {@code daemon-reload}: makes systemd read unit files and drop-ins again. */
    void reload() throws SystemdException;

    /**
     * Watches units: the listener first hears {@link UnitEvent.Connected} (or {@link UnitEvent.Disconnected})
     * and a {@link UnitEvent.Changed} per unit, then every change as systemd signals it, and the
     * connection coming and going. Events arrive in order on one thread owned by the client.
     */
    Watch watch(Collection<String> units, Consumer<UnitEvent> listener);

    @Override
    void close();

    /** An active watch; closing it stops the events. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
