package io.github.rootlesspanel.ui.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one way the UI runs blocking work (D-Bus calls, file and process I/O): off the FX thread,
 * with the outcome delivered on the UI executor. Tests pass {@link #direct()} and get both on
 * the calling thread, so view models are tested without timing.
 */
public final class TaskRunner {

    private final Executor background;
    private final Executor ui;

    public TaskRunner(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    /** Runs everything on the calling thread. */
    public static TaskRunner direct() {
        return new TaskRunner(Runnable::run, Runnable::run);
    }

    public <T> Task<T> task(Callable<T> work) {
        return new Task<>(work);
    }

    /** A unit of background work and what to do with its result on the UI thread. */
    public final class Task<T> {
        private final Callable<T> work;
        private Consumer<? super T> onSuccess = t -> { };
        private Consumer<? super Exception> onFailure = e -> { };
        private Runnable onFinally = () -> { };

        private Task(Callable<T> work) {
            this.work = Objects.requireNonNull(work);
        }

        public Task<T> onSuccess(Consumer<? super T> c) {
            this.onSuccess = c;
            return this;
        }

        public Task<T> onFailure(Consumer<? super Exception> c) {
            this.onFailure = c;
            return this;
        }

        public Task<T> andFinally(Runnable r) {
            this.onFinally = r;
            return this;
        }

        /** Starts the work; does nothing once the runner's executor has been shut down (window closing). */
        public void start() {
            try {
                background.execute(this::execute);
            } catch (RejectedExecutionException closing) {
                // the window is closing; nobody is left to show the result
            }
        }

        private void execute() {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                ui.execute(() -> {
                    try {
                        onFailure.accept(e);
                    } finally {
                        onFinally.run();
                    }
                });
                return;
            }
            ui.execute(() -> {
                try {
                    onSuccess.accept(result);
                } finally {
                    onFinally.run();
                }
            });
        }
    }
}
