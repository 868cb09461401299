package io.github.rootlesspanel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.rootlesskit.StateDir;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.setup.install.Target;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.common.FxThread;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.Navigator;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.main.MainWindow;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel;
import io.github.rootlesspanel.ui.setup.PlanWindow;

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

    // ---- keyboard and screen readers (issue 8)

    /** The Setup page, reached and walked with the keyboard only. */
    private void openSetupByKeyboard(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        Fx.await(Duration.ofSeconds(60), () -> robot.lookup("#check-subuid").tryQuery().isPresent(),
                () -> "no check rows");
        Button install = robot.lookup("#install-containerd").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !install.isDisabled(), () -> "Install is disabled");
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** What a screen reader is given (JavaFX's own TEXT attribute: a button's text without its mnemonic mark). */
    private static String name(Node n) {
        return Fx.read(() -> {
            Object text = n.queryAccessibleAttribute(javafx.scene.AccessibleAttribute.TEXT);
            return text == null ? Accessibility.accessibleName(n) : text.toString();
        });
    }

    @Test
    void setupIsWalkedByKeyboardWithEveryStopNamed(FxRobot robot) throws Exception {
        openSetupByKeyboard(robot);
        Scene scene = window.stage().getScene();
        // the page's own controls; the window frame around it is the main window's test's business
        ScrollPane page = Fx.read(() -> {
            Node n = robot.lookup("#checkList").query();
            while (!(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            return (ScrollPane) n;
        });
        assertThat(Fx.read(() -> Accessibility.unnamedControls(page))).isEmpty();

        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, scene, 120).stream()
                .filter(s -> Fx.read(() -> isInside(s.node(), page))).toList();
        assertThat(KeyboardWalk.unnamed(stops)).isEmpty();
        List<String> ids = stops.stream().map(s -> String.valueOf(s.node().getId())).toList();
        assertThat(ids).contains("rerunButton", "install-containerd", "install-bypass4netnsd");
        // the check list is one stop, named by its state in words, not by the badge's colour
        List<KeyboardWalk.Stop> checks = stops.stream().filter(s -> s.node().getStyleClass().contains("check-row")).toList();
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).name()).matches(".+: (OK|Warning|Failed|not applicable)\\. .*");
        // its buttons come after it, in reading order
        assertThat(ids.indexOf("rerunButton")).isLessThan(ids.indexOf(checks.get(0).node().getId()));

        // the arrow keys go from check to check, and the page scrolls along
        robot.interact(() -> checks.get(0).node().requestFocus());
        List<String> read = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            read.add(name(Fx.read(scene::getFocusOwner)));
            robot.push(KeyCode.DOWN);
        }
        assertThat(read).doesNotHaveDuplicates().allMatch(n -> n.matches(".+: .+\\. .*"));
        robot.push(KeyCode.END);
        Node last = Fx.read(scene::getFocusOwner);
        assertThat(last.getStyleClass()).contains("check-row");
        assertThat(Fx.read(() -> last.localToScene(last.getBoundsInLocal()).getMaxY() <= scene.getHeight() + 1)).isTrue();
        Fx.screenshot(robot, scene.getRoot(), "setup-keyboard-light");

        // Ctrl+R runs the checks again
        List<Boolean> checking = new ArrayList<>();
        robot.interact(() -> window.setup().checkingProperty().addListener((o, was, now) -> checking.add(now)));
        robot.push(KeyCode.CONTROL, KeyCode.R);
        Fx.await(Duration.ofSeconds(60), () -> checking.equals(List.of(true, false)), checking::toString);
        // and the focus stays in the list it re-drew
        Fx.await(PROMPTLY, () -> scene.getFocusOwner() != null
                && scene.getFocusOwner().getStyleClass().contains("check-row"), () -> String.valueOf(scene.getFocusOwner()));

        // a check with a fix to copy, and the focus ring on it
        robot.interact(() -> robot.lookup("#check-linger").query().requestFocus());
        robot.push(KeyCode.DOWN).push(KeyCode.UP);
        Fx.screenshot(robot, scene.getRoot(), "setup-hint-light");
        robot.interact(() -> page.setVvalue(0));
        Fx.screenshot(robot, scene.getRoot(), "setup-light");
        dark(robot);
        Fx.screenshot(robot, scene.getRoot(), "setup-dark");
        robot.interact(() -> robot.lookup("#check-linger").query().requestFocus());
        robot.push(KeyCode.DOWN).push(KeyCode.UP);
        Fx.screenshot(robot, scene.getRoot(), "setup-hint-dark");
    }

    @Test
    void thePlanWindowIsWalkedByKeyboardAndEscapeCancelsIt(FxRobot robot) throws Exception {
        openSetupByKeyboard(robot);
        Button install = robot.lookup("#install-containerd").queryAs(Button.class);
        robot.interact(install::requestFocus);
        robot.push(KeyCode.SPACE);
        Fx.await(PROMPTLY, () -> robot.lookup(".plan-dialog").tryQuery().isPresent(), () -> "no plan dialog");
        Node dialog = robot.lookup(".plan-dialog").query();
        Scene scene = Fx.read(dialog::getScene);
        Fx.await(PROMPTLY, () -> scene.getWindow().isFocused(), () -> "the plan window has no focus");
        assertThat(Fx.read(() -> Accessibility.unnamedControls(scene.getRoot()))).isEmpty();

        // every step is readable with its number and state
        List<String> steps = Fx.read(() -> dialog.lookupAll(".step-row").stream().map(Node::getAccessibleText).toList());
        assertThat(steps).hasSize(6).allMatch(t -> t.matches("Step \\d of 6: .+\\. waiting\\."));
        assertThat(steps.get(0)).startsWith("Step 1 of 6: Check that");

        // the window opens on the steps; the walk ends when the focus is back there
        Node start = Fx.read(scene::getFocusOwner);
        assertThat(start.getStyleClass()).contains("step-row");
        assertThat(name(start)).startsWith("Step 1 of 6:");
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, scene, 30);
        assertThat(KeyboardWalk.unnamed(stops)).isEmpty();
        List<String> ids = stops.stream().map(s -> String.valueOf(s.node().getId())).toList();
        assertThat(ids).containsSubsequence("unitText", "closeButton", "runButton");
        assertThat(stops.stream().filter(s -> s.node().getStyleClass().contains("step-row"))).isEmpty();
        assertThat(Fx.read(scene::getFocusOwner)).isSameAs(start);
        robot.push(KeyCode.DOWN);
        assertThat(name(Fx.read(scene::getFocusOwner))).startsWith("Step 2 of 6:");
        assertThat(name(Fx.read(() -> dialog.lookup("#runButton")))).isEqualTo("Install");
        assertThat(name(Fx.read(() -> dialog.lookup("#closeButton")))).isEqualTo("Cancel");

        Fx.screenshot(robot, dialog, "plan-light");
        dark(robot);
        Fx.screenshot(robot, dialog, "plan-dark");

        robot.push(KeyCode.ESCAPE);
        Fx.await(PROMPTLY, () -> !scene.getWindow().isShowing(), () -> "Escape did not close the plan window");
        assertThat(TestUser.unitDir().resolve("containerd.service")).doesNotExist();
    }

    /** A unit whose start really fails (systemd runs ExecStartPre=/bin/false): Enter runs, the link takes over. */
    @Test
    void aFailedStartLinksToTheJournalAtTheFailure(FxRobot robot) throws Exception {
        Path dropIns = TestUser.unitDir().resolve("bypass4netnsd.service.d");
        Files.createDirectories(dropIns);
        Files.writeString(dropIns.resolve("fail.conf"), "[Service]\nExecStartPre=/bin/false\n");
        List<String> visits = new ArrayList<>();
        Navigator recording = new Navigator() {
            @Override
            public void showLogs(String unit, Optional<Instant> around) {
                visits.add(unit + " " + around.orElseThrow());
            }

            @Override
            public void showUnit(String unit) {
                visits.add("unit " + unit);
            }
        };
        ExecutorService background = Executors.newCachedThreadPool();
        try {
            PlanRunViewModel vm = new PlanRunViewModel(
                    new Installer(manager, new ProcessRunner()).installPlan(Target.BYPASS4NETNSD, Installer.Options.DEFAULT),
                    new TaskRunner(background, FxThread.EXECUTOR), FxThread.EXECUTOR, () -> { }, recording,
                    Clock.systemUTC());
            robot.interact(() -> PlanWindow.show(window.stage(), vm));
            Node dialog = robot.lookup(".plan-dialog").query();
            Scene scene = Fx.read(dialog::getScene);
            Fx.await(PROMPTLY, () -> scene.getWindow().isFocused(), () -> "the plan window has no focus");
            Instant before = Instant.now();
            robot.push(KeyCode.ENTER);
            Fx.await(Duration.ofSeconds(60), () -> vm.phaseProperty().get() == PlanRunViewModel.Phase.FAILED,
                    () -> vm.phaseProperty().get() + " " + vm.messageProperty().get());
            Instant after = Instant.now();

            Hyperlink link = (Hyperlink) dialog.lookup("#showLogLink");
            Fx.await(PROMPTLY, () -> scene.getFocusOwner() == link, () -> String.valueOf(scene.getFocusOwner()));
            assertThat(name(link)).isEqualTo("Show the journal of bypass4netnsd.service around the failure");
            String failedStep = Fx.read(() -> dialog.lookup(".step-failed").getAccessibleText());
            assertThat(failedStep).matches("Step \\d of \\d: Start bypass4netnsd.service.*\\. failed: .+");
            assertThat(Fx.read(() -> Accessibility.unnamedControls(scene.getRoot()))).isEmpty();
            List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, scene, 30);
            assertThat(KeyboardWalk.unnamed(stops)).isEmpty();
            // from the link: the failure's details, the choices, then back up to the steps and the unit file
            assertThat(stops.stream().map(s -> String.valueOf(s.node().getId())))
                    .containsSubsequence("detailsText", "rollbackButton", "closeButton", "unitText");
            assertThat(Fx.read(scene::getFocusOwner)).isSameAs(link);
            Fx.screenshot(robot, dialog, "plan-failed-light");
            dark(robot);
            Fx.screenshot(robot, dialog, "plan-failed-dark");

            // the link's mnemonic: the plan window closes, the main window is asked for the journal
            robot.press(KeyCode.ALT).push(KeyCode.L).release(KeyCode.ALT);
            Fx.await(PROMPTLY, () -> !scene.getWindow().isShowing(), () -> "the plan window is still open");
            assertThat(visits).hasSize(1);
            String[] visit = visits.get(0).split(" ");
            assertThat(visit[0]).isEqualTo("bypass4netnsd.service");
            assertThat(Instant.parse(visit[1])).isBetween(before, after);
        } finally {
            background.shutdownNow();
            TestUser.removeUnit("bypass4netnsd.service");
        }
    }

    @Test
    void setupAndThePlanWindowSpeakGerman(FxRobot robot) throws Exception {
        Messages.use(Locale.GERMAN);
        try {
            robot.interact(() -> {
                window.stage().close();
                window = MainWindow.open(new Stage(), manager);
            });
            openSetupByKeyboard(robot);
            assertThat(Fx.read(() -> ((Label) robot.lookup(".page-title").query()).getText())).isEqualTo("Einrichtung");
            assertThat(name(robot.lookup("#install-containerd").query())).isEqualTo("containerd installieren");
            assertThat(Fx.read(() -> robot.lookup("#check-subuid").query().getAccessibleText())).contains(": OK. ");
            Fx.screenshot(robot, window.stage().getScene().getRoot(), "setup-de");

            robot.interact(() -> robot.lookup("#install-containerd").query().requestFocus());
            robot.push(KeyCode.SPACE);
            Fx.await(PROMPTLY, () -> robot.lookup(".plan-dialog").tryQuery().isPresent(), () -> "no plan dialog");
            Node dialog = robot.lookup(".plan-dialog").query();
            assertThat(name(Fx.read(() -> dialog.lookup("#closeButton")))).isEqualTo("Abbrechen");
            assertThat(Fx.read(() -> dialog.lookup(".step-row").getAccessibleText())).startsWith("Schritt 1 von 6: ")
                    .endsWith(". wartet.");
            Fx.screenshot(robot, dialog, "plan-de");
            robot.push(KeyCode.ESCAPE);
        } finally {
            Messages.use(Locale.getDefault());
        }
    }

    /** PrimerDark, as the theme work will set it when the desktop prefers dark. */
    private static void dark(FxRobot robot) {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        robot.interact(() -> { });
    }
}
