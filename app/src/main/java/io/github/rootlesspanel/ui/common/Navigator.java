package io.github.rootlesspanel.ui.common;

import java.time.Instant;
import java.util.Optional;

/**
 * Jumps between screens on the user's behalf (a failed install's "Show log", a notification's action), so
 * a screen does not need to know the window that holds it. Implemented by the main window.
 */
public interface Navigator {

    /** Opens the Logs screen on UNIT's journal; with AROUND, scrolled to and marking the lines around it. */
    void showLogs(String unit, Optional<Instant> around);

    /** Opens the Overview with UNIT's card in view and focused (a notification's "Open" action). */
    void showUnit(String unit);

    /** Does nothing; for view-model tests that do not navigate. */
    Navigator NONE = new Navigator() {
        @Override
        public void showLogs(String unit, Optional<Instant> around) {
        }

        @Override
        public void showUnit(String unit) {
        }
    };
}
