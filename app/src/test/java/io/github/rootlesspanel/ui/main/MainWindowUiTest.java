package io.github.rootlesspanel.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
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

import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestUser;

/** The window frame on Xvfb and the test user's real systemd: keyboard only, every stop named, the shortcuts. */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(10);
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
        window = MainWindow.open(stage, manager);
    }

    @AfterEach
    void closeWindows(FxRobot robot) {
        Fx.closeAllWindows(robot);
    }

    static boolean inside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Test
    void tabReachesEveryFrameControlAndEachIsNamed(FxRobot robot) {
        Label chip = robot.lookup(".connection-chip .label").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> chip.getText().equals("Connected"), chip::getText);
        ToggleButton overview = robot.lookup("#overviewNav").queryAs(ToggleButton.class);
        robot.interact(overview::requestFocus);

        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, window.stage().getScene(), 300);

        Node content = robot.lookup("#content").query();
        List<KeyboardWalk.Stop> frame = stops.stream().filter(s -> !inside(s.node(), content)).toList();
        assertThat(KeyboardWalk.unnamed(frame)).as("unnamed stops in %s", frame).isEmpty();
        // Tab stops at the selected screen's button (where it started) and the header's buttons; the arrow keys move
        // within the sidebar, as in any group of toggles
        assertThat(frame).extracting(s -> s.node().getId()).contains("preferencesButton", "aboutButton");
        assertThat(frame).extracting(KeyboardWalk.Stop::name).contains("Preferences", "About Rootless Panel");
        assertThat(Fx.read(() -> window.stage().getScene().getFocusOwner())).isSameAs(overview);
        for (String next : List.of("setupNav", "rootlesskitNav", "snapshottersNav", "containersNav", "networkNav")) {
            robot.push(KeyCode.DOWN);
            Node focused = Fx.read(() -> window.stage().getScene().getFocusOwner());
            assertThat(focused.getId()).isEqualTo(next);
            assertThat(Fx.read(() -> Accessibility.accessibleName(focused))).isNotBlank();
            assertThat(Fx.read(focused::getAccessibleHelp)).contains("Ctrl+");
        }
        for (String frameParts : List.of(".header", ".sidebar")) {
            Parent p = robot.lookup(frameParts).queryAs(Parent.class);
            assertThat(Fx.read(() -> Accessibility.unnamedControls(p))).as(frameParts).isEmpty();
        }
        assertThat(Fx.read(chip.getParent()::getAccessibleText))
                .isEqualTo("Connection to the systemd user manager: Connected");
        assertThat(Fx.read(overview::getAccessibleHelp)).contains("Ctrl+1");
    }

    @Test
    void navigationHasAVisibleFocusRing(FxRobot robot) {
        ToggleButton setup = robot.lookup("#setupNav").queryAs(ToggleButton.class);
        ToggleButton overview = robot.lookup("#overviewNav").queryAs(ToggleButton.class);
        robot.interact(overview::requestFocus);
        robot.push(KeyCode.DOWN);
        Fx.await(PROMPTLY, setup::isFocused, () -> "focus on " + window.stage().getScene().getFocusOwner());
        // the ring is the theme's accent colour drawn around the item: its first background fill
        Fx.await(PROMPTLY, () -> setup.getBackground() != null && setup.getBackground().getFills().size() == 2,
                () -> "backgrounds " + setup.getBackground());
    }

    @Test
    void shortcutsOpenScreensAboutAndPreferences(FxRobot robot) {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        ToggleButton setup = robot.lookup("#setupNav").queryAs(ToggleButton.class);
        Fx.await(PROMPTLY, setup::isSelected, () -> "Setup not selected");
        // F5 runs the shown page's checks again
        Fx.await(Duration.ofSeconds(60), () -> !window.setup().checkingProperty().get(), () -> "first checks running");
        java.util.concurrent.atomic.AtomicBoolean rechecked = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> window.setup().checkingProperty().addListener((o, was, now) -> rechecked.compareAndSet(
                false, now)));
        robot.type(KeyCode.F5);
        Fx.await(PROMPTLY, rechecked::get, () -> "F5 did not run the checks");

        robot.type(KeyCode.F1);
        Fx.await(PROMPTLY, () -> title().equals("About Rootless Panel"), this::title);
        robot.type(KeyCode.ESCAPE);
        Fx.await(PROMPTLY, () -> title().isEmpty(), this::title);

        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        Fx.await(PROMPTLY, () -> title().equals("Preferences"), this::title);
        robot.type(KeyCode.ESCAPE);
        Fx.await(PROMPTLY, () -> title().isEmpty(), this::title);
    }

    /** The title of the newest window besides the main window ("" when there is none). */
    String title() {
        return Window.getWindows().stream().filter(w -> w != window.stage()).filter(Stage.class::isInstance)
                .map(w -> ((Stage) w).getTitle()).reduce((a, b) -> b).orElse("");
    }
}
