package io.github.rootlesspanel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

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
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The Snapshotters screen on a real X server with real RootlessKit + containerd; the fuse-overlayfs
 * snapshotter daemon is the project's stand-in (no package ships it here).
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class SnapshottersUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(30);
    static DbusUserManager manager;
    static String original;
    MainWindow window;

    static Path config() {
        return TestUser.home().resolve(".config/containerd/config.toml");
    }

    @BeforeAll
    static void installContainerd() throws Exception {
        TestUser.removeUnit("containerd-fuse-overlayfs.service");
        TestUser.removeUnit("containerd.service");
        original = Files.readString(config());
        TestUser.Result r = TestUser.run(List.of(Path.of(System.getProperty("rp.project.dir", "."),
                "packaging/bin/rootless-panel").toString(), "install", "containerd"), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.output()).isZero();
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        manager.close();
        TestUser.removeUnit("containerd-fuse-overlayfs.service");
        TestUser.removeUnit("containerd.service");
        Files.writeString(config(), original);
        Files.deleteIfExists(Path.of(config() + ".bak"));
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager);
    }

    @AfterEach
    void closeWindows(FxRobot robot) {
        Fx.closeAllWindows(robot);
    }

    @Test
    void enablingFuseOverlayfsShowsTheDiffRunsThePlanAndContainerdLoadsIt(FxRobot robot) throws Exception {
        robot.clickOn("#snapshottersNav");
        Fx.await(PROMPTLY, () -> robot.lookup("#loaded-overlayfs").tryQuery().isPresent(), () -> "no rows");
        assertThat(Fx.read(() -> robot.lookup("#loaded-overlayfs").queryAs(Label.class).getText()))
                .isEqualTo("Loaded by containerd");
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "snapshotters");

        robot.clickOn("#enable-fuse-overlayfs");
        Fx.await(PROMPTLY, () -> robot.lookup(".dialog-pane").tryQuery().isPresent(), () -> "no diff shown");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        String diff = Fx.read(() -> ((TextArea) pane.getExpandableContent()).getText());
        assertThat(diff).contains("+  [proxy_plugins.\"fuse-overlayfs\"]");
        robot.clickOn("Continue");

        Fx.await(PROMPTLY, () -> robot.lookup(".plan-dialog").tryQuery().isPresent(), () -> "no plan");
        Node dialog = robot.lookup(".plan-dialog").query();
        robot.clickOn((Node) dialog.lookup("#runButton"));
        Label message = (Label) dialog.lookup(".plan-message");
        Fx.await(Duration.ofSeconds(90), () -> message.getText().contains("done"), message::getText);
        robot.clickOn((Node) dialog.lookup("#closeButton"));

        Fx.await(PROMPTLY, () -> robot.lookup("#loaded-fuse-overlayfs").tryQuery()
                .map(n -> ((Label) n).getText().equals("Loaded by containerd")).orElse(false), () -> "not loaded");
        assertThat(Files.readString(config())).contains("[proxy_plugins.\"fuse-overlayfs\"]");
    }
}
