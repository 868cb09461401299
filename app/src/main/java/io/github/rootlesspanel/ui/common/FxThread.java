package io.github.rootlesspanel.ui.common;

import java.util.concurrent.Executor;

import javafx.application.Platform;

/**
 * The one place where work crosses from library threads (dbus-java signals, the task runner's
 * workers) to the JavaFX application thread.
 */
public final class FxThread {

    private FxThread() {
    }

    /** Runs on the FX thread: now if already there, else later. */
    public static final Executor EXECUTOR = command -> {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    };

    /** Runs on the FX thread after what is queued now (e.g. once a page just put on screen has been laid out). */
    public static void later(Runnable command) {
        Platform.runLater(command);
    }
}
