package io.github.rootlesspanel.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.github.rootlesspanel.config.prefs.Preferences.Theme;
import io.github.rootlesspanel.desktop.ColorSchemeSource;
import io.github.rootlesspanel.desktop.Notifier;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Every screen of the main window (whatever the sidebar lists), Preferences and About, in light and dark, on Xvfb
 * and the test user's real systemd: target/screenshots/SCREEN-light.png and SCREEN-dark.png, for the README and
 * for looking at.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsUiTest {

    static DbusUserManager manager;
    MainWindow window;

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
        window = MainWindow.open(stage, manager, new DesktopServices(Notifier.NONE, ColorSchemeSource.NONE,
                Optional.empty()));
        stage.setWidth(1400);
        stage.setHeight(880);
    }

    /** Lets a page load what it shows first (background probes, first events); nothing to wait on in general. */
    static void settle() {
        WaitForAsyncUtils.sleep(2500, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    Stage other() {
        return Window.getWindows().stream().filter(w -> w != window.stage()).filter(Stage.class::isInstance)
                .map(Stage.class::cast).findFirst().orElseThrow();
    }

    @Test
    void everyScreenInLightAndDark(FxRobot robot) throws Exception {
        List<ToggleButton> nav = Fx.read(() -> window.stage().getScene().getRoot().lookupAll(".sidebar .nav-item")
                .stream().map(ToggleButton.class::cast).toList());
        assertThat(nav).hasSizeGreaterThanOrEqualTo(6);
        List<Path> written = new ArrayList<>();
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            String suffix = "-" + theme.name().toLowerCase(java.util.Locale.ROOT);
            robot.interact(() -> window.preferences().set(window.preferences().get().withTheme(theme)));
            for (ToggleButton b : nav) {
                robot.interact(b::fire);
                settle();
                String screen = b.getId().replace("Nav", "");
                written.add(Fx.screenshot(robot, window.stage().getScene().getRoot(), screen + suffix));
            }
            robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
            settle();
            Stage prefs = Fx.read(this::other);
            written.add(Fx.screenshot(robot, prefs.getScene().getRoot(), "preferences" + suffix));
            robot.interact(prefs::close);
            robot.type(KeyCode.F1);
            Fx.await(Duration.ofSeconds(30), () -> other().getScene().lookup("#copyButton")
                    instanceof javafx.scene.control.Button b && !b.isDisabled(), () -> "probing");
            settle();
            Stage about = Fx.read(this::other);
            Node root = about.getScene().getRoot();
            written.add(Fx.screenshot(robot, root, "about" + suffix));
            robot.interact(about::close);
        }
        for (Path p : written) {
            assertThat(Files.size(p)).as(p.toString()).isGreaterThan(10_000);
        }
        Fx.closeAllWindows(robot);
    }
}
