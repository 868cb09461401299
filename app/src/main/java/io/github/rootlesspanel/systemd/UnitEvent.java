package io.github.rootlesspanel.systemd;

/** What a watcher of units hears. Delivered in order on one thread owned by the user-manager client. */
public sealed interface UnitEvent {

    /** A watched unit changed (state, enablement, or it was installed/removed); here is its new snapshot. */
    record Changed(UnitStatus status) implements UnitEvent { }

    /** The bus connection came (back) up and the subscription is active; every watched unit follows as {@link Changed}. */
    record Connected() implements UnitEvent { }

    /** The bus connection was lost; the client is reconnecting. {@code reason} is for the user. */
    record Disconnected(String reason) implements UnitEvent { }
}
