package io.github.rootlesspanel.desktop;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Desktop notifications (org.freedesktop.Notifications on the session bus). */
public interface Notifier extends AutoCloseable {

    /**
     * One notification. UNIT, when present, is what the notification's "Open" action shows; CRITICAL ones
     * (a unit failed) stay until dismissed on most servers.
     */
    record Notice(String summary, String body, boolean critical, Optional<String> unit) {
        public Notice {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** Shows NOTICE; false when no notification server answered (the in-app notice still shows). */
    boolean show(Notice notice);

    /** Called (on a background thread) with the unit when the user picks a notification's "Open" action. */
    void setOpenListener(Consumer<String> listener);

    @Override
    void close();

    /** No notification server: nothing is shown on the desktop. */
    Notifier NONE = new Notifier() {
        @Override
        public boolean show(Notice notice) {
            return false;
        }

        @Override
        public void setOpenListener(Consumer<String> listener) {
        }

        @Override
        public void close() {
        }
    };
}
