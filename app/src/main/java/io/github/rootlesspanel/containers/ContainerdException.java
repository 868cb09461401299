package io.github.rootlesspanel.containers;

import java.util.Objects;

/**
 * Every failure of the containerd client, as one of a few {@link Kind kinds} with a sentence a user
 * understands as the message. {@link #detail()} keeps gRPC's own words (status code, description, the
 * socket error) for a details view and logs.
 */
public final class ContainerdException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely: enough for a screen to choose what to offer. */
    public enum Kind {
        /** Neither CONTAINERD_ADDRESS nor XDG_RUNTIME_DIR says where the socket is. */
        NO_ADDRESS,
        /** No socket at the path, or nothing listens on it: containerd is stopped. */
        NOT_RUNNING,
        /** The socket is there but we may not use it (another user's containerd). */
        ACCESS_DENIED,
        /** The connection broke or could not be made for another reason (containerd restarting, ...). */
        UNAVAILABLE,
        /** containerd did not answer within the call's time limit. */
        TIMEOUT,
        /** This containerd does not offer the call (an older version). */
        UNSUPPORTED,
        /** containerd answered with an error, or the path is not a containerd gRPC socket. */
        FAILED
    }

    private final Kind kind;
    private final String detail;

    ContainerdException(Kind kind, String message, String detail, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = detail == null ? "" : detail;
    }

    public Kind kind() {
        return kind;
    }

    /** gRPC's or the socket's own text, for "details"; may be empty. */
    public String detail() {
        return detail;
    }
}
