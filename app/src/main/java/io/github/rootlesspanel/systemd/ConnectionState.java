package io.github.rootlesspanel.systemd;

/** Where the panel stands with the user manager's bus. */
public enum ConnectionState {
    /** Not tried yet, or trying for the first time. */
    CONNECTING,
    /** Connected and subscribed: signals flow. */
    CONNECTED,
    /** Lost (bus gone, user manager restarted); reconnecting with backoff. */
    DISCONNECTED,
    /** Closed by the panel. */
    CLOSED
}
