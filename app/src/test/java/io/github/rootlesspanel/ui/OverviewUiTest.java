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
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The Overview window on a real X server (Xvfb, GTK glass) against the throwaway user's real systemd.
 * containerd.service is a harmless stand-in unit.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class OverviewUiTest {

    static final String CONTAINERD = "containerd.service";
    static final Duration PROMPTLY = Duration.ofSeconds(10);
    static DbusUserManager manager;
    MainWindow window;

    @BeforeAll
    static void connect() {
        for (String u : List.of("buildkit.service", "containerd-fuse-overlayfs.service", "stargz-snapshotter.service",
                "bypass4netnsd.service")) {
            TestUser.removeUnit(u);
        }
        TestUser.installUnit("containerd.service", CONTAINERD);
        TestUser.systemctlMayFail("stop", CONTAINERD);
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void disconnect() {
        manager.close();
        TestUser.removeUnit(CONTAINERD);
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager);
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        robot.interact(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        robot.interact(() -> window.stage().close());
        TestUser.systemctlMayFail("stop", CONTAINERD);
    }

    Label badge(FxRobot robot, String component) {
        return robot.lookup("#card-" + component + " .status-badge").queryAs(Label.class);
    }

    void awaitBadge(FxRobot robot, String component, String text) {
        Label badge = badge(robot, component);
        Fx.await(PROMPTLY, () -> badge.getText().equals(text), () -> component + " badge '" + badge.getText() + "'");
    }

    @Test
    void clickingStartOnTheContainerdCardStartsTheUnit(FxRobot robot) {
        awaitBadge(robot, "containerd", "Inactive");
        Button start = robot.lookup("#start-containerd").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !start.isDisabled(), () -> "Start is disabled");
        assertThat(start.getTooltip().getText()).isEqualTo("systemctl --user start containerd.service");

        robot.clickOn(start);

        awaitBadge(robot, "containerd", "Active · running");
        assertThat(TestUser.systemctl("is-active", CONTAINERD).trim()).isEqualTo("active");
        long pid = TestUser.mainPid(CONTAINERD);
        Label pidLabel = robot.lookup("#card-containerd").queryAs(Node.class).lookupAll(".fact-value").stream()
                .map(Label.class::cast).filter(l -> l.getText().equals(Long.toString(pid))).findFirst().orElse(null);
        assertThat(pidLabel).as("the card shows main PID %d", pid).isNotNull();
        Fx.await(PROMPTLY, () -> start.isDisabled(), () -> "Start still enabled while active");
        assertThat(robot.lookup("#stop-containerd").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void aStopFromOutsideThePanelShowsOnTheCard(FxRobot robot) {
        TestUser.systemctl("start", CONTAINERD);
        awaitBadge(robot, "containerd", "Active · running");

        TestUser.systemctl("stop", CONTAINERD);

        awaitBadge(robot, "containerd", "Inactive");
        assertThat(robot.lookup("#start-containerd").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void aFailedStartShowsSystemdsReasonOnTheCardWithDetails(FxRobot robot) {
        TestUser.installUnit("failing.service", "buildkit.service");
        try {
            awaitBadge(robot, "buildkit", "Inactive");
            Button start = robot.lookup("#start-buildkit").queryAs(Button.class);
            Fx.await(PROMPTLY, () -> !start.isDisabled(), () -> "Start is disabled");
            robot.clickOn(start);

            awaitBadge(robot, "buildkit", "Failed · exit-code");
            Node card = robot.lookup("#card-buildkit").queryAs(Node.class);
            Node message = card.lookup(".card-message");
            Fx.await(PROMPTLY, message::isVisible, () -> "no failure message");
            String text = Fx.read(() -> ((Label) message.lookup(".label")).getText());
            assertThat(text).contains("Start buildkit.service failed").contains("exit-code");

            robot.clickOn(card.lookup(".card-details-link"));
            Fx.await(PROMPTLY, () -> robot.lookup(".dialog-pane").tryQuery().isPresent(), () -> "no details dialog");
            javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
            assertThat(Fx.read(pane::getHeaderText)).contains("BuildKit");
            assertThat(Fx.read(() -> ((javafx.scene.control.TextArea) pane.getExpandableContent()).getText()))
                    .contains("exit-code");
            robot.type(javafx.scene.input.KeyCode.ESCAPE);
            Fx.await(PROMPTLY, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty(), () -> "dialog still open");
        } finally {
            TestUser.removeUnit("buildkit.service");
        }
    }

    @Test
    void notInstalledComponentsSayHowToInstallThem(FxRobot robot) {
        awaitBadge(robot, "bypass4netnsd", "Not installed");
        Node card = robot.lookup("#card-bypass4netnsd").queryAs(Node.class);
        Label hint = (Label) card.lookup(".card-not-installed");
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).contains("Setup").contains("containerd-rootless-setuptool.sh install-bypass4netnsd");
        assertThat(card.lookup(".card-actions").isVisible()).isFalse();
    }

    @Test
    void theWindowShowsTheLostBusAndRecovers(FxRobot robot) {
        awaitBadge(robot, "containerd", "Inactive");
        Node chip = robot.lookup(".connection-chip").queryAs(Node.class);
        Label chipLabel = (Label) chip.lookup(".label");
        Fx.await(PROMPTLY, () -> chipLabel.getText().equals("Connected"), chipLabel::getText);

        // the window may reconnect faster than a poll could look: record every state the chip and banner show
        List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        Node banner = robot.lookup(".banner").queryAs(Node.class);
        robot.interact(() -> {
            chipLabel.textProperty().addListener((o, was, now) -> shown.add(now));
            banner.visibleProperty().addListener((o, was, now) -> shown.add(now ? "banner shown" : "banner hidden"));
        });

        long busPid = TestUser.mainPid("dbus.service");
        TestUser.run(List.of("kill", "-KILL", Long.toString(busPid)), Duration.ofSeconds(5));

        Fx.await(PROMPTLY, () -> shown.contains("Disconnected") && shown.contains("banner shown"),
                () -> "states shown: " + shown);
        Fx.await(TestUser.BUS_BACK, () -> chipLabel.getText().equals("Connected") && !banner.isVisible(),
                () -> "chip " + chipLabel.getText() + ", banner visible " + banner.isVisible() + ", shown " + shown);

        // and it is live again
        TestUser.systemctl("start", CONTAINERD);
        awaitBadge(robot, "containerd", "Active · running");
    }

    @Test
    void keyboardReachesTheCardActionsInReadingOrder(FxRobot robot) {
        TestUser.systemctl("start", CONTAINERD);
        awaitBadge(robot, "containerd", "Active · running");
        Button stop = robot.lookup("#stop-containerd").queryAs(Button.class);
        robot.interact(stop::requestFocus);
        robot.type(javafx.scene.input.KeyCode.TAB);
        Node focused = Fx.read(() -> stop.getScene().getFocusOwner());
        assertThat(focused.getId()).isEqualTo("restart-containerd");
        robot.type(javafx.scene.input.KeyCode.SPACE);
        Fx.await(PROMPTLY, () -> TestUser.mainPid(CONTAINERD) > 0, () -> "restarted");
        awaitBadge(robot, "containerd", "Active · running");
    }

    @Test
    void screenshotForTheReadme(FxRobot robot) throws Exception {
        // a scene with each kind of state: running and enabled, failed, stopped, not installed
        TestUser.installUnit("failing.service", "buildkit.service");
        TestUser.installUnit("containerd.service", "bypass4netnsd.service");
        try {
            TestUser.systemctl("enable", "--now", CONTAINERD);
            TestUser.systemctlMayFail("start", "buildkit.service");
            awaitBadge(robot, "containerd", "Active · running");
            awaitBadge(robot, "buildkit", "Failed · exit-code");
            awaitBadge(robot, "bypass4netnsd", "Inactive");
            Path png = Fx.screenshot(robot, window.stage().getScene().getRoot(), "overview");
            assertThat(png).exists();
            assertThat(png.toFile().length()).isGreaterThan(10_000);
            robot.interact(() -> javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()));
            Path dark = Fx.screenshot(robot, window.stage().getScene().getRoot(), "overview-dark");
            assertThat(dark.toFile().length()).isGreaterThan(10_000);
        } finally {
            TestUser.systemctlMayFail("disable", CONTAINERD);
            TestUser.removeUnit("buildkit.service");
            TestUser.removeUnit("bypass4netnsd.service");
        }
    }

    @Test
    void theKeyboardWalksEveryCardActionAndEachStopIsNamed(FxRobot robot) {
        TestUser.systemctl("start", CONTAINERD);
        awaitBadge(robot, "containerd", "Active · running");
        robot.interact(() -> window.stage().requestFocus());

        Node first = Fx.read(() -> window.stage().getScene().getFocusOwner());
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, window.stage().getScene(), 80);

        assertThat(KeyboardWalk.unnamed(stops)).as("stops without a name: %s", stops).isEmpty();
        assertThat(Fx.read(() -> io.github.rootlesspanel.testsupport.Accessibility.accessibleName(first))).isNotBlank();
        List<String> ids = stops.stream().map(s -> s.node().getId()).filter(java.util.Objects::nonNull).toList();
        // the running containerd's actions (the other components are not installed here: no actions, no journal)
        assertThat(ids).as("stops %s", stops).containsSubsequence("stop-containerd", "restart-containerd",
                "enable-containerd", "logs-containerd");
        assertThat(ids).doesNotContain("start-containerd"); // disabled while it runs
        javafx.scene.Parent overview = robot.lookup(".overview").queryAs(javafx.scene.Parent.class);
        assertThat(Fx.read(() -> io.github.rootlesspanel.testsupport.Accessibility.unnamedControls(overview))).isEmpty();
        // the state badge is read as words, with the component's name
        assertThat(Fx.read(() -> badge(robot, "containerd").getAccessibleText()))
                .isEqualTo("containerd state: Active · running");
        Button logs = robot.lookup("#logs-containerd").queryAs(Button.class);
        assertThat(logs.getAccessibleText()).isEqualTo("Open the journal of containerd");
    }

    @Test
    void theLogsButtonOpensTheJournalOfThatUnit(FxRobot robot) {
        awaitBadge(robot, "containerd", "Inactive");
        robot.clickOn("#logs-containerd");
        Fx.await(PROMPTLY, () -> window.controller().logs().map(l -> CONTAINERD.equals(l.unitProperty().get()))
                .orElse(false), () -> "Logs not on " + CONTAINERD);
        assertThat(robot.lookup(".logs").tryQuery()).isPresent();
    }

    @Test
    void aFailedUnitLinksToTheJournalLinesAroundItsFailure(FxRobot robot) throws Exception {
        TestUser.installUnit("failing.service", "buildkit.service");
        try {
            awaitBadge(robot, "buildkit", "Inactive");
            Node link = robot.lookup("#failure-log-buildkit").query();
            assertThat(Fx.read(link::isVisible)).isFalse();
            TestUser.systemctlMayFail("start", "buildkit.service");
            awaitBadge(robot, "buildkit", "Failed · exit-code");
            Fx.await(PROMPTLY, link::isVisible, () -> "no Show log link");

            robot.clickOn(link);

            Fx.await(PROMPTLY, () -> window.controller().logs().isPresent(), () -> "Logs not opened");
            var vm = window.controller().logs().orElseThrow();
            Fx.await(PROMPTLY, () -> vm.rows().stream().anyMatch(r -> r.marked() && r.message().equals("about-to-fail")),
                    () -> "rows " + vm.rows().stream().map(r -> (r.marked() ? "* " : "  ") + r.message()).toList());
            // the moment is the failure's, as systemd recorded it, not when the link was clicked
            java.time.Instant around = Fx.read(() -> vm.aroundProperty().get()).orElseThrow();
            java.time.Instant failed = Fx.read(() -> vm.rows().stream().filter(r -> r.message().equals("about-to-fail"))
                    .reduce((a, b) -> b).orElseThrow().entry().realtime());
            assertThat(java.time.Duration.between(failed, around).abs()).isLessThan(java.time.Duration.ofSeconds(2));
            // the table scrolled to and selected the first marked line
            javafx.scene.control.TableView<?> table = robot.lookup(".logs-table").queryAs(javafx.scene.control.TableView.class);
            Fx.await(PROMPTLY, () -> table.getSelectionModel().getSelectedItem() != null
                    && ((io.github.rootlesspanel.ui.logs.LogRow) table.getSelectionModel().getSelectedItem()).marked(),
                    () -> "selected " + table.getSelectionModel().getSelectedItem());
            assertThat(Fx.screenshot(robot, window.stage().getScene().getRoot(), "logs-around").toFile().length())
                    .isGreaterThan(10_000);
        } finally {
            TestUser.removeUnit("buildkit.service");
        }
    }
}
