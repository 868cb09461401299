package io.github.rootlesspanel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
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

import io.github.rootlesspanel.rootlesskit.StateDir;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * Clicking through Setup on a real X server against the throwaway user's real systemd: the checks are
 * shown, containerd is installed (real RootlessKit + containerd, started by the test environment's
 * containerd-rootless.sh) with progress to active, then uninstalled.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class SetupUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(10);
    static DbusUserManager manager;
    MainWindow window;

    @BeforeAll
    static void connect() {
        TestUser.removeUnit("containerd.service");
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void disconnect() {
        manager.close();
        TestUser.removeUnit("containerd.service");
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
    void setupShowsTheChecksInstallsContainerdWithProgressAndUninstallsIt(FxRobot robot) throws Exception {
        robot.clickOn("#setupNav");
        robot.interact(() -> { });
        Fx.await(Duration.ofSeconds(60), () -> robot.lookup("#check-subuid").tryQuery().isPresent(),
                () -> "no check rows");
        Label summary = robot.lookup(".check-summary").queryAs(Label.class);
        String summaryText = Fx.read(summary::getText);
        assertThat(summaryText).contains("failed").contains("ok");
        assertThat(robot.lookup("#check-rootlesskit-trial").tryQuery()).isPresent();
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "setup");

        Button install = robot.lookup("#install-containerd").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !install.isDisabled(), () -> "Install is disabled");
        robot.clickOn(install);
        Fx.await(PROMPTLY, () -> robot.lookup(".plan-dialog").tryQuery().isPresent(), () -> "no plan dialog");
        Node dialog = robot.lookup(".plan-dialog").query();
        TextArea unit = (TextArea) dialog.lookup(".unit-text");
        String unitText = Fx.read(unit::getText);
        assertThat(unitText).contains("Description=containerd (Rootless)")
                .contains("ExecStart=" + TestUser.home().resolve(".local/bin/containerd-rootless.sh"));
        int rows = Fx.read(() -> dialog.lookupAll(".step-row").size());
        assertThat(rows).isEqualTo(6);
        Fx.screenshot(robot, dialog, "install-plan");

        robot.clickOn((Node) dialog.lookup("#runButton"));
        Label message = (Label) dialog.lookup(".plan-message");
        Fx.await(Duration.ofSeconds(60), () -> message.getText().contains("done"), message::getText);
        int done = Fx.read(() -> dialog.lookupAll(".step-done").size());
        assertThat(done).isEqualTo(6);
        assertThat(TestUser.systemctl("is-active", "containerd.service").trim()).isEqualTo("active");
        assertThat(StateDir.forRuntimeDir(java.nio.file.Path.of(System.getenv("XDG_RUNTIME_DIR")))
                .info(Duration.ofSeconds(5))).contains("childPID");
        Fx.screenshot(robot, dialog, "install-done");
        robot.clickOn((Node) dialog.lookup("#closeButton"));

        // the Overview card follows
        robot.clickOn("#overviewNav");
        Label badge = robot.lookup("#card-containerd .status-badge").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> badge.getText().startsWith("Active"), badge::getText);

        robot.clickOn("#setupNav");
        robot.interact(() -> robot.lookup(".overview-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0));
        Button uninstall = robot.lookup("#uninstall-containerd").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !uninstall.isDisabled(), () -> "Uninstall is disabled");
        robot.clickOn(uninstall);
        Fx.await(PROMPTLY, () -> robot.lookup(".plan-dialog").tryQuery().isPresent(), () -> "no uninstall dialog");
        Node second = robot.lookup(".plan-dialog").query();
        robot.clickOn((Node) second.lookup("#runButton"));
        Label secondMessage = (Label) second.lookup(".plan-message");
        Fx.await(Duration.ofSeconds(60), () -> secondMessage.getText().contains("done"), secondMessage::getText);
        assertThat(TestUser.unitDir().resolve("containerd.service")).doesNotExist();
        robot.clickOn((Node) second.lookup("#closeButton"));
        Label state = robot.lookup("#state-containerd").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> state.getText().equals("Not installed"), state::getText);
    }

    @Test
    void aChangedUnitIsOnlyReplacedAfterTheUserSawTheDiff(FxRobot robot) throws Exception {
        java.nio.file.Files.createDirectories(TestUser.unitDir());
        java.nio.file.Path unit = TestUser.unitDir().resolve("containerd.service");
        String mine = "[Unit]\nDescription=my own containerd\n\n[Service]\nExecStart=/bin/sleep infinity\n";
        java.nio.file.Files.writeString(unit, mine);
        TestUser.systemctl("daemon-reload");
        try {
            robot.clickOn("#setupNav");
            Button install = robot.lookup("#install-containerd").queryAs(Button.class);
            Fx.await(PROMPTLY, () -> !install.isDisabled(), () -> "Install is disabled");
            robot.clickOn(install);
            Fx.await(PROMPTLY, () -> robot.lookup(".dialog-pane").tryQuery().isPresent(), () -> "no question asked");
            javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
            assertThat(Fx.read(pane::getHeaderText)).contains("Replace your changed unit file");
            String diff = Fx.read(() -> ((TextArea) pane.getExpandableContent()).getText());
            assertThat(diff).contains("-Description=my own containerd").contains("+Description=containerd (Rootless)");
            Fx.screenshot(robot, pane, "replace-question");
            robot.clickOn("Cancel");
            Fx.await(PROMPTLY, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty(), () -> "question still open");
            assertThat(robot.lookup(".plan-dialog").tryQuery()).isEmpty();
            assertThat(java.nio.file.Files.readString(unit)).isEqualTo(mine);
        } finally {
            TestUser.removeUnit("containerd.service");
        }
    }

    @Test
    void lingeringWithoutLogindGivesTheCommandToRun(FxRobot robot) {
        // this machine has no system bus and no logind: the real attempt fails, and the user gets the command
        robot.clickOn("#setupNav");
        Fx.await(Duration.ofSeconds(60), () -> robot.lookup("#enable-linger").tryQuery().isPresent(),
                () -> "no linger button");
        robot.interact(() -> robot.lookup("#enable-linger").queryAs(Button.class).fire());
        Label error = robot.lookup(".inline-error").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> error.getText().contains("sudo loginctl enable-linger"), error::getText);
    }
}
