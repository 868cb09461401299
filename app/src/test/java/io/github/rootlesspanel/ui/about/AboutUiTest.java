package io.github.rootlesspanel.ui.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
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
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The About dialog on Xvfb: the versions of the real containerd, RootlessKit, slirp4netns and runc (Debian's), the
 * kernel's, and nerdctl's and buildkitd's from the project's stand-ins in ~/.local/bin (no package exists here).
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class AboutUiTest {

    static final Duration PROBED = Duration.ofSeconds(30);
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

    Stage about() {
        return Window.getWindows().stream().filter(w -> w != window.stage()).filter(Stage.class::isInstance)
                .map(Stage.class::cast).findFirst().orElseThrow();
    }

    /** The dialog's rows, name to value, once the probe is done. */
    Map<String, String> rows(FxRobot robot) {
        robot.type(KeyCode.F1);
        Fx.await(PROBED, () -> Window.getWindows().stream().anyMatch(w -> w != window.stage() && w instanceof Stage s
                && s.getScene().lookup("#copyButton") instanceof Button b && !b.isDisabled()), () -> "still probing");
        return Fx.read(() -> {
            Parent grid = (Parent) about().getScene().lookup(".about-versions");
            List<Label> labels = grid.getChildrenUnmodifiable().stream().map(Label.class::cast).toList();
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i + 1 < labels.size(); i += 2) {
                out.put(labels.get(i).getText(), labels.get(i + 1).getText());
            }
            return out;
        });
    }

    /** What the real program says it is: the first line of PROGRAM --version as the test user runs it. */
    static String firstLine(String program) {
        return TestUser.run(List.of(program, "--version"), Duration.ofSeconds(10)).output().lines().findFirst()
                .orElse("");
    }

    @Test
    void showsTheVersionsOfTheInstalledPartsAndTheKernel(FxRobot robot) throws Exception {
        Map<String, String> rows = rows(robot);

        assertThat(rows.keySet()).containsExactly("containerd", "RootlessKit", "slirp4netns", "nerdctl", "BuildKit",
                "runc", "Linux kernel");
        // Debian bookworm's packages: the version each prints, with the path it was found at
        assertThat(firstLine("containerd")).contains(" 1.6.20~ds1 ");
        assertThat(rows.get("containerd")).startsWith("1.6.20~ds1  (").contains("/containerd)");
        assertThat(firstLine("rootlesskit")).isEqualTo("rootlesskit version 1.1.0");
        assertThat(rows.get("RootlessKit")).startsWith("1.1.0  (");
        assertThat(firstLine("slirp4netns")).isEqualTo("slirp4netns version 1.2.0");
        assertThat(rows.get("slirp4netns")).startsWith("1.2.0  (");
        assertThat(firstLine("/usr/sbin/runc")).isEqualTo("runc version 1.1.5+ds1");
        assertThat(rows.get("runc")).isEqualTo("1.1.5+ds1  (/usr/sbin/runc)");
        // the stand-ins, found first on the test user's PATH
        Path bin = TestUser.home().resolve(".local/bin");
        assertThat(rows.get("nerdctl")).isEqualTo("2.0.3  (" + bin.resolve("nerdctl") + ")");
        assertThat(rows.get("BuildKit")).isEqualTo("0.31.2  (" + bin.resolve("buildkitd") + ")");
        assertThat(rows.get("Linux kernel")).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
    }

    @Test
    void copyPutsABugReportOnTheClipboard(FxRobot robot) {
        Map<String, String> rows = rows(robot);
        Button copy = Fx.read(() -> (Button) about().getScene().lookup("#copyButton"));
        robot.clickOn(copy);

        String clip = Fx.read(() -> Clipboard.getSystemClipboard().getString());
        assertThat(clip).startsWith("Rootless Panel ").contains("Java ", "JavaFX ");
        assertThat(clip.lines().skip(2).collect(Collectors.toList()))
                .containsExactlyElementsOf(rows.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
    }

    @Test
    void keyboardOnlyEveryStopNamedAndEscapeCloses(FxRobot robot) {
        Map<String, String> rows = rows(robot);
        assertThat(rows).isNotEmpty();
        Stage about = about();
        // Close (the default button) has the focus when the dialog opens; Tab goes round to it again
        assertThat(Fx.read(() -> about.getScene().getFocusOwner().getId())).isEqualTo("closeButton");
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, about.getScene(), 20);
        assertThat(KeyboardWalk.unnamed(stops)).isEmpty();
        assertThat(stops).extracting(s -> s.node().getId()).contains("copyButton");
        assertThat(Fx.read(() -> Accessibility.unnamedControls(about.getScene().getRoot()))).isEmpty();

        robot.type(KeyCode.ESCAPE);
        Fx.await(Duration.ofSeconds(5), () -> !about.isShowing(), () -> "About still open");
    }
}
