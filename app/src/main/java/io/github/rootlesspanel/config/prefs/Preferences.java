package io.github.rootlesspanel.config.prefs;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.rootlesspanel.setup.Component;

/**
 * The panel's own settings (issue 8, "Appearance and preferences"), as kept in
 * {@code $XDG_CONFIG_HOME/rootless-panel/settings.toml} by {@link PreferencesFile}.
 *
 * @param hiddenComponents ids of {@link io.github.rootlesspanel.setup.Component}s the user hid
 * @param journalLines how many journal lines a log view loads, {@link #MIN_JOURNAL_LINES}..{@link #MAX_JOURNAL_LINES}
 * @param window the main window's last geometry; empty until the window has been closed once
 */
public record Preferences(Theme theme, List<String> hiddenComponents, Notifications notifications, int journalLines,
        Optional<WindowGeometry> window) {

    public enum Theme { SYSTEM, LIGHT, DARK }

    public enum Notifications { ALL, FAILURES_ONLY, OFF }

    /** Where the main window was; x and y may be negative on multi-monitor desktops. */
    public record WindowGeometry(int x, int y, int width, int height, boolean maximized) {
        public WindowGeometry {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("window size must be positive: " + width + "x" + height);
            }
        }
    }

    public static final int MIN_JOURNAL_LINES = 10;
    public static final int MAX_JOURNAL_LINES = 10_000;
    public static final int DEFAULT_JOURNAL_LINES = 500;

    public static final Preferences DEFAULTS = new Preferences(Theme.SYSTEM, List.of(), Notifications.ALL,
            DEFAULT_JOURNAL_LINES, Optional.empty());

    public Preferences {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(window, "window");
        // the file holds ids, not enum names, so a component renamed later still reads as hidden or not
        hiddenComponents = List.copyOf(new LinkedHashSet<>(hiddenComponents));
        for (String id : hiddenComponents) {
            if (Component.find(id).filter(c -> c.id().equals(id)).isEmpty()) {
                throw new IllegalArgumentException("not a component id: " + id);
            }
        }
        if (journalLines < MIN_JOURNAL_LINES || journalLines > MAX_JOURNAL_LINES) {
            throw new IllegalArgumentException("journal lines must be " + MIN_JOURNAL_LINES + ".." + MAX_JOURNAL_LINES
                    + ", not " + journalLines);
        }
    }

    public Preferences withTheme(Theme t) {
        return new Preferences(t, hiddenComponents, notifications, journalLines, window);
    }

    public Preferences withHiddenComponents(List<String> ids) {
        return new Preferences(theme, ids, notifications, journalLines, window);
    }

    public Preferences withNotifications(Notifications n) {
        return new Preferences(theme, hiddenComponents, n, journalLines, window);
    }

    public Preferences withJournalLines(int lines) {
        return new Preferences(theme, hiddenComponents, notifications, lines, window);
    }

    public Preferences withWindow(Optional<WindowGeometry> w) {
        return new Preferences(theme, hiddenComponents, notifications, journalLines, w);
    }
}
