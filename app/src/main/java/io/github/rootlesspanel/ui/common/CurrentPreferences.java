package io.github.rootlesspanel.ui.common;

import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import io.github.rootlesspanel.config.prefs.Preferences;

/**
 * The preferences in force, for every part of the window: an FX property to follow (theme, hidden cards) and
 * suppliers that any thread may call (the journal view's line count, the notifier's choice). Defaults until the
 * file has been read; set by the preferences store on the FX thread.
 */
public final class CurrentPreferences {

    private final ReadOnlyObjectWrapper<Preferences> value = new ReadOnlyObjectWrapper<>(Preferences.DEFAULTS);
    /** The same value for readers off the FX thread. */
    private volatile Preferences now = Preferences.DEFAULTS;

    public ReadOnlyObjectProperty<Preferences> property() {
        return value.getReadOnlyProperty();
    }

    /** The value now; any thread. */
    public Preferences get() {
        return now;
    }

    /** On the FX thread. */
    public void set(Preferences p) {
        now = Objects.requireNonNull(p);
        value.set(p);
    }

    /** How many journal lines a log view loads; any thread. */
    public IntSupplier journalLines() {
        return () -> now.journalLines();
    }

    /** Which desktop notifications the user wants; any thread. */
    public Supplier<Preferences.Notifications> notifications() {
        return () -> now.notifications();
    }
}
