package io.github.rootlesspanel.ui.preferences;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.github.rootlesspanel.config.ChangedOnDiskException;
import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.ui.common.CurrentPreferences;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * Reads settings.toml once at start and writes it when the user changes something, keeping
 * {@link CurrentPreferences} up to date. The file as last read or written (the base of the next write) belongs to
 * the writer thread: TASKS must run one task at a time, so writes keep their order and never race their own base.
 * A file another program changed since it was read is not overwritten without asking.
 */
public final class PreferencesStore {

    private final Optional<PreferencesFile> file;
    private final CurrentPreferences current;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    /** Touched only by tasks (one at a time); null before the first read and while the file is not TOML. */
    private PreferencesFile.Loaded base;

    /** @param serialTasks a runner whose background executor runs one task at a time */
    public PreferencesStore(Optional<PreferencesFile> file, CurrentPreferences current, TaskRunner serialTasks,
            DialogService dialogs) {
        this.file = file;
        this.current = current;
        this.tasks = serialTasks;
        this.dialogs = dialogs;
    }

    public CurrentPreferences current() {
        return current;
    }

    /**
     * Reads the file in the background; then CurrentPreferences holds its values and LOADED is called with them.
     * Values that could not be used, or a file that is not TOML, are shown once, and defaults used instead.
     */
    public void load(Consumer<Preferences> loaded) {
        if (file.isEmpty()) {
            loaded.accept(current.get());
            return;
        }
        PreferencesFile f = file.get();
        tasks.task(() -> {
            base = null;
            base = f.load();
            return base;
        }).onSuccess(l -> {
            current.set(l.preferences());
            loaded.accept(l.preferences());
            if (!l.problems().isEmpty()) {
                dialogs.showError(Messages.get("preferences.problems.title"),
                        Messages.get("preferences.problems.message", f.path()), String.join("\n", l.problems()));
            }
        }).onFailure(e -> {
            loaded.accept(current.get());
            dialogs.showError(Messages.get("preferences.problems.title"), unreadable(f, e), null);
        }).start();
    }

    /** Puts P in force now and writes it; asks before overwriting a file changed on disk. */
    public void save(Preferences p) {
        current.set(p);
        if (file.isEmpty()) {
            return;
        }
        PreferencesFile f = file.get();
        write(() -> f.save(requireBase(f), p), e -> {
            if (e instanceof ChangedOnDiskException) {
                askOverwrite(f, p);
            } else {
                dialogs.showError(Messages.get("preferences.save.failed"), message(f, e), null);
            }
        });
    }

    /**
     * Writes the window's geometry (at close, when nobody is left to ask): over a file changed on disk it is merged
     * in, as it touches only the [window] keys.
     */
    public void saveWindow(Optional<Preferences.WindowGeometry> geometry) {
        Preferences p = current.get().withWindow(geometry);
        current.set(p);
        if (file.isEmpty()) {
            return;
        }
        PreferencesFile f = file.get();
        write(() -> {
            try {
                return f.save(requireBase(f), p);
            } catch (ChangedOnDiskException changed) {
                PreferencesFile.Loaded fresh = f.load();
                return f.save(fresh, fresh.preferences().withWindow(geometry));
            }
        }, e -> { });
    }

    private void askOverwrite(PreferencesFile f, Preferences p) {
        if (dialogs.confirm(Messages.get("preferences.changed.title"), Messages.get("preferences.changed.question",
                f.path()), null, Messages.get("preferences.changed.overwrite"))) {
            write(() -> f.save(f.load(), p), e -> dialogs.showError(Messages.get("preferences.save.failed"),
                    message(f, e), null));
        } else {
            // keep the other program's file, and show what it says
            tasks.task(() -> {
                base = f.load();
                return base;
            }).onSuccess(l -> current.set(l.preferences()))
                    .onFailure(e -> dialogs.showError(Messages.get("preferences.problems.title"), unreadable(f, e),
                            null))
                    .start();
        }
    }

    private void write(Callable<PreferencesFile.Loaded> work, Consumer<Exception> failed) {
        tasks.task(() -> {
            base = work.call();
            return base;
        }).onFailure(failed).start();
    }

    private PreferencesFile.Loaded requireBase(PreferencesFile f) throws ConfigParseException, java.io.IOException {
        // not read yet (saved before the start-up read finished) or not TOML then: read now; a parse error stops here
        return base != null ? base : f.load();
    }

    private static String unreadable(PreferencesFile f, Exception e) {
        if (e instanceof ConfigParseException p) {
            return Messages.get("preferences.unreadable.syntax", f.path(), p.line(), p.column(), p.reason());
        }
        return Messages.get("preferences.unreadable.io", f.path(), String.valueOf(e.getMessage()));
    }

    private static String message(PreferencesFile f, Exception e) {
        if (e instanceof ConfigParseException) {
            return unreadable(f, e);
        }
        return String.valueOf(e.getMessage());
    }
}
