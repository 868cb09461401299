package io.github.rootlesspanel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
import io.github.rootlesspanel.testsupport.Tried;
import io.github.rootlesspanel.testsupport.Tried.Kind;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * Issue 11 in the real window (Xvfb, the throwaway user's real systemd): the user manager is stopped and started
 * again while a Start clicked on a card is still running. buildkit.service here is slow-start.service, a stand-in
 * whose start takes ~5 s, so the restart lands inside the job. The card must not say the start worked: it shows
 * the honest outcome, the connection chip shows the loss and the recovery, and the card follows systemd again.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class SystemdFaultsUiIT {

    static final String UNIT = "buildkit.service";
    static final Duration PROMPTLY = Duration.ofSeconds(15);
    static final Duration BACK = Duration.ofSeconds(60);
    static DbusUserManager manager;
    MainWindow window;

    @BeforeAll
    static void connect() {
        TestUser.installUnit("slow-start.service", UNIT);
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void disconnect() {
        manager.close();
        TestUser.removeUnit(UNIT);
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(() -> window.stage().close());
    }

    @Test
    @Tried(kind = Kind.FAULT, what = "systemd --user stopped and started while a Start clicked in the window runs",
            cases = 1, outcome = "the card says the job was canceled or its result lost, never done; the chip shows "
                    + "the loss and the reconnection; the card then follows a change from outside")
    void aManagerRestartDuringAStartIsReportedHonestlyOnTheCard(FxRobot robot) throws Exception {
        Label badge = robot.lookup("#card-buildkit .status-badge").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> badge.getText().equals("Inactive"), () -> "badge " + badge.getText());
        Label chipLabel = (Label) robot.lookup(".connection-chip").queryAs(Node.class).lookup(".label");
        Node banner = robot.lookup(".banner").queryAs(Node.class);
        List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> {
            chipLabel.textProperty().addListener((o, was, now) -> shown.add(now));
            banner.visibleProperty().addListener((o, was, now) -> shown.add(now ? "banner shown" : "banner hidden"));
        });
        Button start = robot.lookup("#start-buildkit").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !start.isDisabled(), () -> "Start is disabled");

        robot.clickOn(start);
        Fx.await(PROMPTLY, () -> "activating".equals(TestUser.systemctl("show", "-P", "ActiveState", UNIT).trim()),
                () -> "the unit never started activating");
        long pid = TestUser.managerPid();
        TestUser.run(List.of("kill", "-TERM", Long.toString(pid)), Duration.ofSeconds(5));

        Node card = robot.lookup("#card-buildkit").queryAs(Node.class);
        Node message = card.lookup(".card-message");
        Fx.await(BACK, message::isVisible, () -> "no message on the card; badge " + badge.getText());
        String text = Fx.read(() -> ((Label) message.lookup(".label")).getText());
        assertThat(text).doesNotContain(": done").containsAnyOf("was lost while the job ran", "the job was canceled");
        Fx.await(BACK, () -> chipLabel.getText().equals("Connected") && !banner.isVisible(),
                () -> "chip " + chipLabel.getText() + ", shown " + shown);
        assertThat(shown).as("the loss was shown").contains("Disconnected", "banner shown");
        Fx.await(PROMPTLY, () -> badge.getText().equals("Inactive"), () -> "badge " + badge.getText());
        assertThat(TestUser.systemctl("show", "-P", "ActiveState", UNIT).trim()).isEqualTo("inactive");
        Path png = Fx.screenshot(robot, window.stage().getScene().getRoot(), "overview-manager-restarted-during-start");
        assertThat(png).exists();

        // subscribed again: a start from outside reaches the card
        TestUser.systemctl("start", "--no-block", UNIT);
        Fx.await(PROMPTLY, () -> !badge.getText().equals("Inactive"), () -> "badge " + badge.getText());
        TestUser.systemctlMayFail("stop", UNIT);  // stopped while activating: systemd calls that failed (signal)
        TestUser.systemctlMayFail("reset-failed", UNIT);
    }
}
