package io.github.rootlesspanel.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.desktop.ColorScheme;
import io.github.rootlesspanel.desktop.ColorSchemeSource;
import io.github.rootlesspanel.desktop.Notifier;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Light and dark on Xvfb: "follow the desktop" changes live when the desktop's scheme changes (here an in-test
 * source stands for the portal as the input; the real portal is the desktop package's own test), a manual choice
 * wins, and dialogs follow the main window.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class ThemeUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(10);
    static DbusUserManager manager;
    final Desktop desktop = new Desktop();
    MainWindow window;

    /** The desktop's scheme as the test sets it; the listener is called off the FX thread, as the portal's is. */
    static final class Desktop implements ColorSchemeSource {
        volatile ColorScheme scheme = ColorScheme.PREFER_LIGHT;
        volatile Consumer<ColorScheme> listener = s -> { };

        @Override
        public ColorScheme current() {
            return scheme;
        }

        @Override
        public void setListener(Consumer<ColorScheme> l) {
            listener = l;
        }

        @Override
        public void close() {
            signals.shutdown();
        }

        /** One signal thread, so changes arrive in order, as a bus connection delivers them. */
        final java.util.concurrent.ExecutorService signals = java.util.concurrent.Executors.newSingleThreadExecutor();

        void change(ColorScheme s) {
            scheme = s;
            signals.execute(() -> listener.accept(s));
        }
    }

    @BeforeAll
    static void connect() {
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void disconnect() {
        manager.close();
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager, new DesktopServices(Notifier.NONE, desktop, Optional.empty()));
    }

    @AfterEach
    void closeWindows(FxRobot robot) {
        Fx.closeAllWindows(robot);
        desktop.close();
    }

    static final String LIGHT = new PrimerLight().getUserAgentStylesheet();
    static final String DARK = new PrimerDark().getUserAgentStylesheet();

    /** How bright the title's text is drawn: the theme's foreground, light on dark. */
    double titleBrightness(FxRobot robot) {
        Label title = robot.lookup(".app-title").queryAs(Label.class);
        return Fx.read(() -> ((Color) title.getTextFill()).getBrightness());
    }

    @Test
    void followsTheDesktopLiveAndAManualChoiceWins(FxRobot robot) {
        assertThat(Fx.read(Application::getUserAgentStylesheet)).isEqualTo(LIGHT);
        assertThat(titleBrightness(robot)).isLessThan(0.5);

        desktop.change(ColorScheme.PREFER_DARK);
        Fx.await(PROMPTLY, () -> DARK.equals(Application.getUserAgentStylesheet()), () -> "still light");
        Fx.await(PROMPTLY, () -> titleBrightness(robot) > 0.5, () -> "title brightness " + titleBrightness(robot));

        robot.interact(() -> window.preferences().set(window.preferences().get().withTheme(Preferences.Theme.LIGHT)));
        assertThat(Fx.read(Application::getUserAgentStylesheet)).isEqualTo(LIGHT);
        desktop.change(ColorScheme.PREFER_DARK);
        desktop.change(ColorScheme.NO_PREFERENCE);
        robot.interact(() -> window.preferences().set(window.preferences().get().withTheme(Preferences.Theme.DARK)));
        assertThat(Fx.read(Application::getUserAgentStylesheet)).isEqualTo(DARK);

        robot.interact(() -> window.preferences().set(window.preferences().get().withTheme(Preferences.Theme.SYSTEM)));
        Fx.await(PROMPTLY, () -> LIGHT.equals(Application.getUserAgentStylesheet()), () -> "no preference is light");
    }

    @Test
    void dialogsFollowTheDarkTheme(FxRobot robot) {
        desktop.change(ColorScheme.PREFER_DARK);
        Fx.await(PROMPTLY, () -> window.theme().darkProperty().get(), () -> "not dark");
        robot.type(KeyCode.F1);
        Fx.await(PROMPTLY, () -> Window.getWindows().stream().anyMatch(w -> w != window.stage() && w instanceof Stage),
                () -> "no About");
        Parent about = Fx.read(() -> Window.getWindows().stream().filter(w -> w != window.stage())
                .filter(Stage.class::isInstance).findFirst().orElseThrow().getScene().getRoot());
        Fx.await(PROMPTLY, () -> about.lookup(".page-title") instanceof Label l
                && ((Color) l.getTextFill()).getBrightness() > 0.5, () -> "About title not light on dark");
        Color bg = Fx.read(() -> (Color) ((javafx.scene.layout.Region) about).getBackground().getFills().get(0).getFill());
        assertThat(bg.getBrightness()).isLessThan(0.3);
    }
}
