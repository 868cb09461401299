package io.github.rootlesspanel.ui.main;

import java.util.Objects;
import java.util.Optional;

import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.desktop.ColorSchemeSource;
import io.github.rootlesspanel.desktop.Notifier;

/**
 * What the window uses from the desktop session around it. The app passes the real ones (session bus,
 * ~/.config/rootless-panel/settings.toml); tests pass {@link #none()} or their own.
 *
 * @param preferences where settings are kept; empty = defaults in memory, nothing written
 */
public record DesktopServices(Notifier notifier, ColorSchemeSource colorScheme, Optional<PreferencesFile> preferences) {

    public DesktopServices {
        Objects.requireNonNull(notifier, "notifier");
        Objects.requireNonNull(colorScheme, "colorScheme");
        Objects.requireNonNull(preferences, "preferences");
    }

    public static DesktopServices none() {
        return new DesktopServices(Notifier.NONE, ColorSchemeSource.NONE, Optional.empty());
    }
}
