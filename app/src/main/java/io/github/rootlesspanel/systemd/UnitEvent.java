package io.github.rootlesspanel.systemd;

/** What a watcher of units hears. Delivered in order on one thread owned by the user-manager client. */
public sealed interface UnitEvent {

    /** {@link Changed#signalNanos()} of a read no signal asked for (the first read after connecting). */
    long NO_SIGNAL = 0L;

    /**
     * A watched unit changed (state, enablement, or it was installed/removed); here is its new snapshot.
     * {@code signalNanos} is {@link System#nanoTime()} when the first of the signals that led to this read arrived
     * in the client's signal handler, or {@link #NO_SIGNAL}: what the event-to-screen benchmark measures from.
     */
    record Changed(UnitStatus status, long signalNanos) implements UnitEvent {
        public Changed(UnitStatus status) {
            this(status, NO_SIGNAL);
        }
    }

    /** The bus connection came (back) up and the subscription is active; every watched unit follows as {@link Changed}. */
    record Connected() implements UnitEvent { }

    /** The bus connection was lost; the client is reconnecting. {@code reason} is for the user. */
    record Disconnected(String reason) implements UnitEvent { }
}
