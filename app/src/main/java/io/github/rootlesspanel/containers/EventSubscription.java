package io.github.rootlesspanel.containers;

/**
 * A running subscription to containerd's events ({@link ContainerdClient#subscribeEvents}). Closing it ends the
 * stream without calling the error handler. Idempotent; callable from any thread.
 */
public interface EventSubscription extends AutoCloseable {

    @Override
    void close();
}
