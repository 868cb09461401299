package io.github.rootlesspanel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
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

import atlantafx.base.theme.PrimerDark;
import io.github.rootlesspanel.desktop.ColorSchemeSource;
import io.github.rootlesspanel.desktop.DbusNotifier;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestDesktop;
import io.github.rootlesspanel.testsupport.TestDesktop.Received;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.DesktopServices;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * Issue 8's acceptance: stopping containerd with {@code systemctl --user stop} while the panel runs gives exactly
 * one desktop notification on the real notification server (dunst on the user's bus), and the same notice in
 * the window. containerd is the real rootless one (RootlessKit + containerd), installed by the panel's
 * command line as the test user's unit.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class NotificationAcceptanceIT {

    static final Duration PROMPTLY = Duration.ofSeconds(20);
    static final String UNIT = "containerd.service";
    static DbusUserManager manager;
    static DbusNotifier notifier;
    static TestDesktop desktop;
    MainWindow window;

    @BeforeAll
    static void installContainerd() {
        desktop = TestDesktop.start();
        TestUser.removeUnit(UNIT);
        TestUser.Result r = TestUser.run(List.of(Path.of(System.getProperty("rp.project.dir", "."),
                "packaging/bin/rootless-panel").toString(), "install", "containerd"), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.output()).isZero();
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
        notifier = new DbusNotifier(TestUser.busAddress(), "Open");
    }

    @AfterAll
    static void cleanUp() {
        notifier.close();
        manager.close();
        TestUser.removeUnit(UNIT);
        desktop.close();
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager, new DesktopServices(notifier, ColorSchemeSource.NONE, Optional.empty()));
    }

    @AfterEach
    void closeWindows(FxRobot robot) {
        Fx.closeAllWindows(robot);
    }

    @Test
    void stoppingContainerdFromOutsideGivesExactlyOneNotification(FxRobot robot) throws Exception {
        TestUser.systemctl("start", UNIT);
        Fx.await(PROMPTLY, () -> {
            var s = window.overview().card(Component.CONTAINERD).statusProperty().get();
            return s != null && s.activeState() == ActiveState.ACTIVE;
        }, () -> "containerd card: " + window.overview().card(Component.CONTAINERD).statusProperty().get());
        int before = TestDesktop.notifications().size();
        // nothing else on screen, so the new notification is dunstctl's position 0 below
        TestDesktop.dunstctl("close-all");

        TestUser.systemctl("stop", UNIT);

        List<Received> got = TestDesktop.awaitNotifications(before + 1, PROMPTLY);
        assertThat(got.get(before)).extracting(Received::app, Received::summary, Received::urgency)
                .containsExactly("Rootless Panel", "containerd stopped", "NORMAL");
        // deactivating, inactive and the sub-state changes have all arrived by now; nothing more may follow
        Thread.sleep(4000);
        assertThat(TestDesktop.notifications()).as("still exactly one notification").hasSize(before + 1);

        // the same notice in the window
        HBox bar = robot.lookup("#noticeBar").queryAs(HBox.class);
        Label summary = robot.lookup("#noticeSummary").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> bar.isVisible() && "containerd stopped".equals(summary.getText()), summary::getText);
        assertThat(Fx.read(() -> Accessibility.unnamedControls(bar))).isEmpty();
        assertThat(Fx.read(bar::getAccessibleText)).startsWith("containerd stopped");
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "notice-light");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "notice-dark");

        // the desktop notification's action (a click on it) brings the window to the unit
        ToggleButton overviewNav = robot.lookup("#overviewNav").queryAs(ToggleButton.class);
        robot.clickOn("#setupNav");
        TestDesktop.dunstctl("action", "0");
        Fx.await(PROMPTLY, overviewNav::isSelected, () -> "the Overview is not shown after the notification's action");

        // Open, by keyboard: the notice's buttons are on the Tab path and named
        Button open = robot.lookup("#noticeOpen").queryAs(Button.class);
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, window.stage().getScene(), 60);
        assertThat(KeyboardWalk.unnamed(stops)).isEmpty();
        assertThat(stops).extracting(KeyboardWalk.Stop::node).contains((Node) open,
                robot.lookup("#noticeDismiss").queryAs(Button.class));
        robot.clickOn("#setupNav");
        robot.interact(open::requestFocus);
        robot.push(javafx.scene.input.KeyCode.SPACE);
        Fx.await(PROMPTLY, () -> overviewNav.isSelected() && !bar.isVisible(), () -> "overview selected "
                + overviewNav.isSelected() + ", notice shown " + bar.isVisible());
        assertThat(TestDesktop.notifications()).as("opening adds no notification").hasSize(before + 1);
    }

    @Test
    void aStopThePanelWasAskedForIsNoNews(FxRobot robot) throws Exception {
        TestUser.systemctl("start", UNIT);
        // "active" comes at once (Type=simple); a stop while RootlessKit still sets up makes it exit non-zero
        // (failed, rightly): stop it only once it serves, as a user would
        java.nio.file.Path runtime = java.nio.file.Path.of(System.getenv("XDG_RUNTIME_DIR"));
        io.github.rootlesspanel.rootlesskit.Readiness.awaitRootlessContainerd(manager, UNIT,
                io.github.rootlesspanel.rootlesskit.StateDir.forRuntimeDir(runtime),
                runtime.resolve("containerd/containerd.sock"), Duration.ofSeconds(60));
        var card = window.overview().card(Component.CONTAINERD);
        Fx.await(PROMPTLY, () -> card.statusProperty().get() != null
                && card.statusProperty().get().activeState() == ActiveState.ACTIVE, () -> "containerd card: "
                + card.statusProperty().get());
        int before = TestDesktop.notifications().size();

        robot.interact(card::stop);

        Fx.await(PROMPTLY, () -> card.statusProperty().get().activeState() == ActiveState.INACTIVE
                && card.runningJobProperty().get() == null, () -> "containerd card: " + card.statusProperty().get());
        // the unit's signals and the job's end have arrived; a notice would have followed within milliseconds
        Thread.sleep(3000);
        assertThat(TestDesktop.notifications()).as("no notification for the panel's own stop").hasSize(before);
        assertThat(Fx.read(() -> robot.lookup("#noticeBar").queryAs(HBox.class).isVisible())).isFalse();
    }
}
