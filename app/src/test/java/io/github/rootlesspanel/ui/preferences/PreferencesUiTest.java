package io.github.rootlesspanel.ui.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
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

import atlantafx.base.theme.PrimerDark;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.desktop.ColorSchemeSource;
import io.github.rootlesspanel.desktop.Notifier;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.DesktopServices;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The Preferences dialog on Xvfb, writing the test user's real ~/.config/rootless-panel/settings.toml (its
 * XDG_CONFIG_HOME): the comment in it kept, a backup made, a file changed behind the panel's back not overwritten
 * without asking, and the choices in force at once.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class PreferencesUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(10);
    static final String START = "# kept by hand: the panel must not drop this line\n[panel]\ntheme = \"light\"\n";
    static DbusUserManager manager;
    static Path file;
    MainWindow window;
    /** Every window the test opened, so their settings writes are done before the next test writes the file. */
    final List<MainWindow> windows = new java.util.ArrayList<>();

    @BeforeAll
    static void connect() throws Exception {
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
        file = PreferencesFile.of(XdgDirs.from(System.getenv())).path();
        assertThat(file.startsWith(TestUser.home())).as("%s in the test user's home", file).isTrue();
    }

    @AfterAll
    static void disconnect() throws Exception {
        manager.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling("settings.toml.bak"));
    }

    @Start
    void start(Stage stage) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, START);
        Files.deleteIfExists(file.resolveSibling("settings.toml.bak"));
        window = MainWindow.open(stage, manager, new DesktopServices(Notifier.NONE, ColorSchemeSource.NONE,
                Optional.of(new PreferencesFile(file))));
        windows.add(window);
    }

    @AfterEach
    void closeWindows(FxRobot robot) throws Exception {
        Fx.closeAllWindows(robot);
        for (MainWindow w : windows) {
            assertThat(w.awaitSettingsWritten(PROMPTLY)).isTrue();
        }
    }

    Stage dialog(String title) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && title.equals(s.getTitle()))
                .map(Stage.class::cast).findFirst().orElseThrow();
    }

    boolean open(String title) {
        return Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && title.equals(s.getTitle()));
    }

    Stage openPreferences(FxRobot robot) {
        // the file is read in the background at start
        Fx.await(PROMPTLY, () -> window.preferences().get().theme() == Preferences.Theme.LIGHT,
                () -> "preferences " + window.preferences().get());
        robot.press(KeyCode.CONTROL).type(KeyCode.COMMA).release(KeyCode.CONTROL);
        Fx.await(PROMPTLY, () -> open("Preferences"), () -> "no Preferences window");
        return Fx.read(() -> dialog("Preferences"));
    }

    @SuppressWarnings("unchecked")
    void chooseDark(FxRobot robot, Stage prefs) {
        ComboBox<Preferences.Theme> theme = Fx.read(() -> (ComboBox<Preferences.Theme>) prefs.getScene().lookup("#themeBox"));
        robot.interact(theme::requestFocus);
        // keyboard only: open the list, go to the last entry (Dark), take it
        robot.type(KeyCode.F4).type(KeyCode.END).type(KeyCode.ENTER);
        Fx.await(PROMPTLY, () -> theme.getValue() == Preferences.Theme.DARK, () -> "theme " + theme.getValue());
    }

    @Test
    void aNewThemeIsSavedWithTheCommentKeptAndABackupAndAppliedAtOnce(FxRobot robot) throws Exception {
        Stage prefs = openPreferences(robot);
        chooseDark(robot, prefs);
        robot.clickOn(Fx.read(() -> (Button) prefs.getScene().lookup("#saveButton")));

        Fx.await(PROMPTLY, () -> Files.readString(file).contains("theme = \"dark\""), () -> "file: " + read());
        assertThat(read()).startsWith("# kept by hand: the panel must not drop this line\n[panel]\n");
        assertThat(Files.readString(file.resolveSibling("settings.toml.bak"))).isEqualTo(START);
        assertThat(Fx.read(Application::getUserAgentStylesheet)).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        assertThat(Fx.read(() -> window.theme().darkProperty().get())).isTrue();
        assertThat(prefs.isShowing()).isFalse();
    }

    @Test
    void aFileChangedOnDiskIsNotOverwrittenWithoutAsking(FxRobot robot) throws Exception {
        Stage prefs = openPreferences(robot);
        // another program (the user's editor) writes the file while the dialog is open
        Files.writeString(file, START + "journal_lines = 250\n# added in the editor\n");
        chooseDark(robot, prefs);
        robot.clickOn(Fx.read(() -> (Button) prefs.getScene().lookup("#saveButton")));

        Fx.await(PROMPTLY, () -> open("Settings changed on disk"), () -> "no question; file: " + read());
        assertThat(read()).contains("theme = \"light\"");
        DialogPane pane = Fx.read(() -> (DialogPane) dialog("Settings changed on disk").getScene().getRoot());
        robot.clickOn(Fx.read(() -> (Button) pane.lookupButton(pane.getButtonTypes().get(0))));

        Fx.await(PROMPTLY, () -> read().contains("theme = \"dark\""), () -> "file: " + read());
        assertThat(read()).contains("# added in the editor", "# kept by hand");
    }

    @Test
    void aHiddenComponentsCardDisappearsFromTheOverview(FxRobot robot) throws Exception {
        Fx.await(PROMPTLY, () -> robot.lookup("#card-buildkit").tryQuery().isPresent(), () -> "no buildkit card");
        Stage prefs = openPreferences(robot);
        CheckBox buildkit = Fx.read(() -> (CheckBox) prefs.getScene().lookup("#show-buildkit"));
        robot.clickOn(buildkit);
        robot.clickOn(Fx.read(() -> (Button) prefs.getScene().lookup("#saveButton")));

        Fx.await(PROMPTLY, () -> read().contains("hidden_components = [\"buildkit\"]"), () -> "file: " + read());
        assertThat(Fx.read(() -> window.overview().hiddenComponentsProperty().get())).containsExactly("buildkit");
        Fx.await(PROMPTLY, () -> robot.lookup("#card-buildkit").tryQuery().isEmpty(), () -> "buildkit card still shown");
        assertThat(robot.lookup("#card-containerd").tryQuery()).isPresent();
    }

    @Test
    void theWindowsPlaceIsSavedAtCloseAndRestoredAtTheNextStart(FxRobot robot) throws Exception {
        Fx.await(PROMPTLY, () -> window.preferences().get().theme() == Preferences.Theme.LIGHT,
                () -> "preferences " + window.preferences().get());
        robot.interact(() -> {
            window.stage().setX(40);
            window.stage().setY(50);
            window.stage().setWidth(1000);
            window.stage().setHeight(700);
        });
        robot.interact(() -> window.stage().close());

        Fx.await(PROMPTLY, () -> read().contains("height = 700"), () -> "file: " + read());
        assertThat(read()).contains("# kept by hand", "[window]", "x = 40", "y = 50", "width = 1000");

        MainWindow again = Fx.read(() -> MainWindow.open(new Stage(), manager, new DesktopServices(Notifier.NONE,
                ColorSchemeSource.NONE, Optional.of(new PreferencesFile(file)))));
        windows.add(again);
        Fx.await(PROMPTLY, () -> again.stage().getWidth() == 1000 && again.stage().getHeight() == 700
                && again.stage().getX() == 40 && again.stage().getY() == 50,
                () -> "stage at " + again.stage().getX() + "," + again.stage().getY() + " " + again.stage().getWidth()
                        + "x" + again.stage().getHeight());
    }

    @Test
    void keyboardOnlyEveryStopNamed(FxRobot robot) {
        Stage prefs = openPreferences(robot);
        // the first field has the focus when the dialog opens; Tab goes round to it again
        assertThat(Fx.read(() -> prefs.getScene().getFocusOwner().getId())).isEqualTo("themeBox");
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, prefs.getScene(), 40);
        assertThat(KeyboardWalk.unnamed(stops)).as("%s", stops).isEmpty();
        assertThat(stops).extracting(s -> s.node().getId()).contains("show-containerd", "show-bypass4netnsd",
                "notificationsBox", "saveButton", "cancelButton");
        assertThat(Fx.read(() -> Accessibility.unnamedControls(prefs.getScene().getRoot()))).isEmpty();
        robot.type(KeyCode.ESCAPE);
        Fx.await(PROMPTLY, () -> !prefs.isShowing(), () -> "Preferences still open");
    }

    static String read() {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
