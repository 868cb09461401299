package io.github.rootlesspanel.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javafx.geometry.Rectangle2D;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.config.prefs.Preferences.Theme;
import io.github.rootlesspanel.desktop.ColorScheme;

/** The pure parts of the window frame: which theme, and where a restored window goes. */
class ThemeAndPlacementTest {

    @Test
    void systemFollowsTheDesktopAndAManualChoiceWins() {
        assertThat(ThemeApplier.dark(Theme.SYSTEM, ColorScheme.PREFER_DARK)).isTrue();
        assertThat(ThemeApplier.dark(Theme.SYSTEM, ColorScheme.PREFER_LIGHT)).isFalse();
        assertThat(ThemeApplier.dark(Theme.SYSTEM, ColorScheme.NO_PREFERENCE)).isFalse();
        assertThat(ThemeApplier.dark(Theme.LIGHT, ColorScheme.PREFER_DARK)).isFalse();
        assertThat(ThemeApplier.dark(Theme.DARK, ColorScheme.PREFER_LIGHT)).isTrue();
    }

    static final Rectangle2D LEFT = new Rectangle2D(0, 0, 1920, 1050);
    static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1280, 1000);

    @Test
    void aWindowThatFitsStaysWhereItWas() {
        Rectangle2D r = WindowPlacement.clamp(new Rectangle2D(2000, 100, 1000, 700), List.of(LEFT, RIGHT), LEFT);
        assertThat(r).isEqualTo(new Rectangle2D(2000, 100, 1000, 700));
    }

    @Test
    void aWindowOnAMonitorThatIsGoneComesBackOnThePrimary() {
        Rectangle2D r = WindowPlacement.clamp(new Rectangle2D(4000, 300, 1000, 700), List.of(LEFT), LEFT);
        assertThat(r).isEqualTo(new Rectangle2D(920, 300, 1000, 700));
    }

    @Test
    void aWindowLargerThanItsScreenIsShrunkAndMovedIn() {
        Rectangle2D r = WindowPlacement.clamp(new Rectangle2D(1800, -40, 1600, 1200), List.of(LEFT, RIGHT), LEFT);
        assertThat(r).isEqualTo(new Rectangle2D(1920, 0, 1280, 1000));
    }
}
