package io.github.rootlesspanel.ui.main;

import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableValue;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.desktop.ColorScheme;
import io.github.rootlesspanel.desktop.ColorSchemeSource;
import io.github.rootlesspanel.ui.common.FxThread;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * Light or dark, from the preference (System / Light / Dark) and, for System, the desktop's colour scheme; changes
 * live when either changes. The theme is the application's user-agent stylesheet, so every window (the main
 * window, plan windows, dialogs) follows at once.
 */
public final class ThemeApplier {

    private static final String LIGHT = new PrimerLight().getUserAgentStylesheet();
    private static final String DARK = new PrimerDark().getUserAgentStylesheet();

    private final ObservableValue<Preferences.Theme> choice;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private ColorScheme desktop = ColorScheme.NO_PREFERENCE;

    /**
     * Applies CHOICE now (System counts as light until the desktop's scheme is read in the background) and
     * follows it and SOURCE from then on.
     */
    public ThemeApplier(ObservableValue<Preferences.Theme> choice, ColorSchemeSource source, TaskRunner tasks) {
        this.choice = choice;
        choice.addListener((o, was, now) -> apply());
        // the portal may be slow to answer (subscribing and reading both go over the bus): never on the FX thread
        tasks.task(() -> {
            source.setListener(s -> FxThread.EXECUTOR.execute(() -> desktopChanged(s)));
            return source.current();
        }).onSuccess(this::desktopChanged).start();
        apply();
    }

    /** Whether the dark theme is in force. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /** Dark for DARK; for SYSTEM, dark only when the desktop prefers dark (no preference means light). Pure. */
    public static boolean dark(Preferences.Theme theme, ColorScheme desktop) {
        return switch (theme) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> desktop == ColorScheme.PREFER_DARK;
        };
    }

    private void desktopChanged(ColorScheme s) {
        desktop = s;
        apply();
    }

    private void apply() {
        boolean d = dark(choice.getValue(), desktop);
        String sheet = d ? DARK : LIGHT;
        if (!sheet.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(sheet);
        }
        dark.set(d);
    }
}
