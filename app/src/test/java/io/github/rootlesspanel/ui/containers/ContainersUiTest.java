package io.github.rootlesspanel.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import io.github.rootlesspanel.containers.ContainerState;
import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The Containers page on a real X server (Xvfb) with real rootless containerd, installed with the panel's command
 * line, and real busybox containers run with {@code ctr} inside RootlessKit's namespaces: "web" on nerdctl's
 * CNI bridge, "fast" created with the {@code nerdctl/bypass4netns} annotation, "sw" on the bridge for the switch.
 * bypass4netnsd and nerdctl have no Debian package: the switch case runs the project's stand-ins
 * ({@code app/src/test/standins/bypass4netnsd} under a real systemd unit, and the stand-in {@code nerdctl} on PATH).
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class ContainersUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(30);
    static final List<String> IDS = List.of("rp-ui-web", "rp-ui-fast", "rp-ui-sw");
    static DbusUserManager manager;
    static RealContainers rc;
    static Path scratch;
    MainWindow window;

    @BeforeAll
    static void containerdWithContainers() throws Exception {
        TestUser.removeUnit("bypass4netnsd.service");
        TestUser.removeUnit("containerd.service");
        TestUser.Result install = TestUser.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        scratch = Files.createTempDirectory("containers-ui");
        rc = new RealContainers(ContainerdClient.defaultSocket(System.getenv()), scratch);
        rc.importImage();
        rc.installBridgeNetwork();
        for (String id : IDS) {   // leftovers of an earlier run
            rc.remove(id);
        }
        run("rp-ui-web", true, List.of("nerdctl/name=web", "nerdctl/networks=[\"bridge\"]"), List.of());
        run("rp-ui-fast", false, List.of("nerdctl/name=fast"), List.of("nerdctl/bypass4netns=true"));
        run("rp-ui-sw", true, List.of("nerdctl/name=sw", "nerdctl/networks=[\"bridge\"]"), List.of());
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    private static void run(String id, boolean cni, List<String> labels, List<String> annotations) throws Exception {
        RealContainers.Out out = rc.run(id, cni, labels, annotations, "sleep", "600");
        assertThat(out.code()).as("ctr run %s: %s", id, out.text()).isZero();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (manager != null) {
            manager.close();
        }
        if (rc != null) {
            for (String id : IDS) {
                rc.remove(id);
            }
        }
        TestUser.removeUnit("bypass4netnsd.service");
        TestUser.Result uninstall = TestUser.panel("uninstall", "containerd");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager);
    }

    @AfterEach
    void closeWindows(FxRobot robot) {
        Fx.closeAllWindows(robot);
    }

    private ContainersViewModel openPage(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT5);
        Fx.await(PROMPTLY, () -> window.controller().containers().isPresent(), () -> "the Containers page did not open");
        return Fx.read(() -> window.controller().containers().orElseThrow());
    }

    /** The table's name cell of a container (the details pane shows the name too). */
    private static Node nameCell(FxRobot robot, String name) {
        return robot.lookup(".containers-name").match(org.testfx.matcher.control.LabeledMatchers.hasText(name)).query();
    }

    private static String text(FxRobot robot, String id) {
        return Fx.read(() -> textNow(robot, id));
    }

    /** On the FX thread (inside an {@link Fx#await} condition). */
    private static String textNow(FxRobot robot, String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("<no " + id + ">");
    }

    @Test
    void listsTheRunningContainersShowsWhyTheSwitchIsUnavailableAndFollowsAKill(FxRobot robot) throws Exception {
        TestUser.removeUnit("bypass4netnsd.service");   // whatever ran before: not installed here
        ContainersViewModel vm = openPage(robot);
        Fx.await(PROMPTLY, () -> vm.row("web").isPresent() && vm.row("fast").isPresent() && vm.row("sw").isPresent(),
                () -> "rows: " + vm.rows() + "; placeholder: " + vm.placeholderProperty().get());
        // the table's cells follow the rows on the next layout pass
        Fx.await(PROMPTLY, () -> textNow(robot, "#state-web").equals("running")
                        && textNow(robot, "#state-fast").equals("running"),
                () -> textNow(robot, "#state-web") + " / " + textNow(robot, "#state-fast"));
        ContainerRow web = Fx.read(() -> vm.row("web").orElseThrow());
        assertThat(Fx.read(web::addresses)).as("an address on the bridge").startsWith("10.4.0.");
        assertThat(Fx.read(web::pid)).isNotEmpty();

        // bypass4netnsd is not installed: no switch can be used, and the page says why
        ToggleSwitch webSwitch = robot.lookup("#bypass-web").queryAs(ToggleSwitch.class);
        ToggleSwitch fastSwitch = robot.lookup("#bypass-fast").queryAs(ToggleSwitch.class);
        assertThat(Fx.read(webSwitch::isDisabled)).isTrue();
        assertThat(Fx.read(webSwitch::isSelected)).isFalse();
        assertThat(Fx.read(fastSwitch::isSelected)).as("fast was created with the annotation").isTrue();
        assertThat(Fx.read(fastSwitch::isDisabled)).isTrue();
        assertThat(text(robot, "#live-fast")).isIn("unknown", "not active");
        String reason = Fx.read(web::unavailableReason);
        assertThat(reason).containsIgnoringCase("bypass4netnsd");
        robot.clickOn(nameCell(robot, "web"));
        Fx.await(PROMPTLY, () -> robot.lookup("#fact-bypass4netns-switch").tryQuery().isPresent(), () -> "no details");
        assertThat(text(robot, "#fact-bypass4netns-switch")).isEqualTo("unavailable: " + reason);
        assertThat(Fx.read(() -> robot.lookup("#fact-namespace").queryAs(Label.class).getText())).isEqualTo("default");
        assertThat(Fx.read(() -> robot.lookup("#fact-networks").queryAs(Label.class).getText())).isEqualTo("bridge");
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "containers");

        // Ctrl+F and a filter
        robot.push(KeyCode.CONTROL, KeyCode.F);
        robot.write("busybox fast");
        Fx.await(PROMPTLY, () -> vm.visible().size() == 1, () -> "visible: " + vm.visible());

        // a kill from outside the panel: the row follows containerd's event without a click
        CountDownLatch exited = new CountDownLatch(1);
        robot.interact(() -> web.stateProperty().addListener((o, was, now) -> {
            if (now == ContainerState.EXITED) {
                exited.countDown();
            }
        }));
        RealContainers.Out kill = rc.ctr(true, "tasks", "kill", "-s", "KILL", "rp-ui-web");
        assertThat(kill.code()).as(kill.text()).isZero();
        assertThat(exited.await(10, TimeUnit.SECONDS)).as("web shown as exited after the kill; rows: %s",
                Fx.read(vm::rows)).isTrue();
        robot.push(KeyCode.ESCAPE);
        Fx.await(PROMPTLY, () -> robot.lookup("#state-web").tryQuery().isPresent(), () -> "web not shown again");
        assertThat(text(robot, "#state-web")).isEqualTo("exited");
        assertThat(Fx.read(web::pid)).isEmpty();
    }

    /**
     * Needs bypass4netnsd running (the stand-in, under a real unit) and nerdctl on PATH (the stand-in): the switch
     * asks first, a cancel leaves it as it was, and Continue shows the plan with the nerdctl commands; the plan is
     * not run here.
     */
    @Test
    void theSwitchAsksFirstAndShowsThePlanWithTheNerdctlCommands(FxRobot robot) throws Exception {
        TestUser.Result install = TestUser.panel("install", "bypass4netnsd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        TestUser.systemctl("start", "bypass4netnsd.service");
        ContainersViewModel vm = openPage(robot);
        Fx.await(PROMPTLY, () -> vm.row("sw").map(ContainerRow::switchAvailable).orElse(false),
                () -> "sw: " + vm.row("sw").map(ContainerRow::unavailableReason).orElse("no row")
                        + " / " + vm.readinessTextProperty().get());
        // the table paints its cells on its next layout pass after the row changes
        Fx.await(PROMPTLY, () -> robot.lookup("#bypass-sw").tryQuery().map(n -> !n.isDisabled()).orElse(false),
                () -> "no enabled switch cell for sw yet");
        ToggleSwitch sw = robot.lookup("#bypass-sw").queryAs(ToggleSwitch.class);
        assertThat(Fx.read(sw::isDisabled)).isFalse();

        // a click asks; cancel leaves everything as it was
        robot.clickOn(sw);
        Fx.await(PROMPTLY, () -> robot.lookup("#commitFirst").tryQuery().isPresent(), () -> "no confirmation");
        assertThat(Fx.read(sw::isSelected)).as("the switch does not flip by itself").isFalse();
        Node lost = robot.lookup("#notCarried").query();
        String notCarried = Fx.read(() -> ((javafx.scene.layout.VBox) lost).getChildren().stream()
                .map(n -> ((Label) n).getText()).reduce("", String::concat));
        assertThat(notCarried).containsIgnoringCase("writable");
        Fx.screenshot(robot, robot.lookup(".recreate-dialog").query(), "containers-recreate");
        // the question works with the keyboard: every stop named, the commit box and both buttons reached
        Scene question = Fx.read(() -> robot.lookup(".recreate-dialog").query().getScene());
        assertThat(Fx.read(() -> Accessibility.unnamedControls(question.getRoot()))).isEmpty();
        assertThat(Fx.read(() -> Accessibility.accessibleName(question.getFocusOwner())))
                .as("the keyboard starts on Continue").isEqualTo("Continue");
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, question, 20);
        assertThat(KeyboardWalk.unnamed(stops)).as("stops: %s", stops).isEmpty();
        assertThat(stops).extracting(s -> Accessibility.accessibleName(s.node())).as("stops: %s", stops)
                .contains("Cancel", "Commit the container first (keeps files written inside it)");
        robot.clickOn("Cancel");
        Fx.await(PROMPTLY, () -> robot.lookup("#commitFirst").tryQuery().isEmpty(), () -> "still asking");
        assertThat(Fx.read(sw::isSelected)).isFalse();
        assertThat(Fx.read(() -> vm.row("sw").orElseThrow().busy())).isFalse();
        assertThat(robot.lookup(".plan-dialog").tryQuery()).isEmpty();

        // Space on the focused row opens the same flow; Continue shows the plan with the commands
        robot.clickOn(nameCell(robot, "sw"));
        robot.push(KeyCode.SPACE);
        Fx.await(PROMPTLY, () -> robot.lookup("#commitFirst").tryQuery().isPresent(), () -> "no confirmation");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        robot.clickOn(pane.lookupButton(pane.getButtonTypes().get(0)));
        Fx.await(PROMPTLY, () -> robot.lookup(".plan-dialog").tryQuery().isPresent(), () -> "no plan");
        Node dialog = robot.lookup(".plan-dialog").query();
        String commands = Fx.read(() -> ((TextArea) dialog.lookup("#unitText")).getText());
        assertThat(commands).contains("nerdctl run").contains("nerdctl/bypass4netns=true").contains("sw");
        Fx.screenshot(robot, dialog, "containers-plan");
        robot.clickOn(dialog.lookup("#closeButton"));
        assertThat(Fx.read(sw::isSelected)).isFalse();
    }

    /**
     * Issue 8, keyboard and screen readers: the page and the "Run container" dialog with the keyboard alone. Every
     * Tab stop is named, the filter, the table and the buttons are reached, the rows, state badges and switches
     * say what they show, Alt+R opens the dialog, Alt+P reaches its ports field, Escape closes it. Uses "fast"
     * (running, created with bypass4netns, not on a CNI network), which no other test changes. Screenshots of the
     * page and the dialog in light and dark.
     */
    @Test
    void thePageAndTheRunDialogWorkWithTheKeyboardAloneAndSayWhatTheyShow(FxRobot robot) throws Exception {
        ContainersViewModel vm = openPage(robot);
        Fx.await(PROMPTLY, () -> textNow(robot, "#state-fast").equals("running"),
                () -> "rows: " + vm.rows() + "; placeholder: " + vm.placeholderProperty().get());
        Scene scene = window.stage().getScene();
        Button run = robot.lookup("#runButton").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !run.isDisabled(), () -> "Run container… stays disabled");

        // the filter by Ctrl+F, Enter into the table (the first match selected), Enter again to the details
        robot.push(KeyCode.CONTROL, KeyCode.F);
        robot.write("fast");
        robot.push(KeyCode.ENTER);
        Fx.await(PROMPTLY, () -> vm.selectedProperty().get() != null
                        && "fast".equals(vm.selectedProperty().get().name()),
                () -> "selected: " + vm.selectedProperty().get());
        TableView<?> table = robot.lookup("#table").queryAs(TableView.class);
        assertThat(Fx.read(() -> scene.getFocusOwner() == table)).as("Enter in the filter goes to the table").isTrue();
        robot.push(KeyCode.ENTER);
        Fx.await(PROMPTLY, () -> scene.getFocusOwner() instanceof Button b && b.getId().equals("stopButton"),
                () -> "focus on " + Accessibility.describe(scene.getFocusOwner()));

        // what a screen reader gets: the switch, the state and the live badge in words, the row as a sentence
        ToggleSwitch fastSwitch = robot.lookup("#bypass-fast").queryAs(ToggleSwitch.class);
        assertThat(Fx.read(fastSwitch::getAccessibleText))
                .startsWith("bypass4netns for fast: on, cannot be switched: ");
        assertThat(Fx.read(() -> robot.lookup("#state-fast").queryAs(Label.class).getAccessibleText()))
                .isEqualTo("State of fast: running");
        assertThat(Fx.read(() -> robot.lookup("#live-fast").queryAs(Label.class).getAccessibleText()))
                .startsWith("bypass4netns live for fast: ");
        String rowText = Fx.read(() -> robot.lookup(".table-row-cell").queryAll().stream()
                .map(Node::getAccessibleText).filter(t -> t != null && t.startsWith("fast:")).findFirst().orElse(""));
        assertThat(rowText).startsWith("fast: running, Up ").contains("; bypass4netns on, ");
        assertThat(Fx.read(() -> Accessibility.unnamedControls(scene.getRoot()))).isEmpty();

        // Tab from the filter round the window: every stop named, the page's controls all reached
        robot.push(KeyCode.CONTROL, KeyCode.F);
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, scene, 40);
        assertThat(KeyboardWalk.unnamed(stops)).as("stops: %s", stops).isEmpty();
        assertThat(stops).extracting(s -> s.node().getId())
                .as("stops: %s", stops).contains("table", "stopButton", "runButton", "containersNav");
        Fx.screenshot(robot, scene.getRoot(), "containers-light");
        Fx.await(PROMPTLY, () -> scene.getFocusOwner() != null, () -> "no focus");

        // Alt+R: Run container…; the focus starts in the image field; Alt+P goes to the ports
        robot.push(KeyCode.ALT, KeyCode.R);
        Fx.await(PROMPTLY, () -> robot.lookup(".run-dialog").tryQuery().isPresent(), () -> "Alt+R opened no dialog");
        DialogPane pane = robot.lookup(".run-dialog").queryAs(DialogPane.class);
        Scene dialog = Fx.read(pane::getScene);
        TextField image = robot.lookup("#runImage").queryAs(TextField.class);
        Fx.await(PROMPTLY, () -> dialog.getFocusOwner() == image,
                () -> "focus on " + Accessibility.describe(dialog.getFocusOwner()));
        robot.write("docker.io/library/nginx:alpine");
        Button next = Fx.read(() -> (Button) pane.lookupButton(pane.getButtonTypes().get(0)));
        assertThat(Fx.read(next::isDisabled)).isFalse();
        assertThat(Fx.read(() -> Accessibility.unnamedControls(dialog.getRoot()))).isEmpty();
        List<KeyboardWalk.Stop> dialogStops = KeyboardWalk.tabThrough(robot, dialog, 20);
        assertThat(KeyboardWalk.unnamed(dialogStops)).as("stops: %s", dialogStops).isEmpty();
        assertThat(dialogStops).extracting(s -> s.node().getId()).as("stops: %s", dialogStops)
                .contains("runName", "runPorts");
        assertThat(dialogStops).extracting(KeyboardWalk.Stop::node).as("stops: %s", dialogStops)
                .contains(next, Fx.read(() -> pane.lookupButton(ButtonType.CANCEL)));
        robot.push(KeyCode.ALT, KeyCode.P);
        TextField ports = robot.lookup("#runPorts").queryAs(TextField.class);
        Fx.await(PROMPTLY, () -> dialog.getFocusOwner() == ports,
                () -> "Alt+P: focus on " + Accessibility.describe(dialog.getFocusOwner()));
        robot.write("70000:80");
        Fx.await(PROMPTLY, next::isDisabled, () -> "Continue stays enabled with a bad port");
        assertThat(Fx.read(() -> ((Label) pane.lookup(".field-error")).getText()))
                .isEqualTo("\"70000:80\": \"70000\" is not a port (1-65535).");
        Fx.screenshot(robot, pane, "containers-run-light");

        // the same in dark (the theme follows the desktop once the theme work lands; set here by hand)
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        Fx.screenshot(robot, pane, "containers-run-dark");
        robot.push(KeyCode.ESCAPE);
        Fx.await(PROMPTLY, () -> robot.lookup(".run-dialog").tryQuery().isEmpty(), () -> "Escape left the dialog open");
        assertThat(robot.lookup(".plan-dialog").tryQuery()).as("cancelled: no plan").isEmpty();
        Fx.screenshot(robot, scene.getRoot(), "containers-dark");
    }

    /** The page in the second language: state words, details and switch names from containers_de, and a screenshot. */
    @Test
    void thePageSpeaksGerman(FxRobot robot) throws Exception {
        try {
            robot.interact(() -> {
                window.stage().close();
                Messages.use(Locale.GERMAN);
                window = MainWindow.open(new Stage(), manager);
            });
            ContainersViewModel vm = openPage(robot);
            Fx.await(PROMPTLY, () -> textNow(robot, "#state-fast").equals("läuft"),
                    () -> "fast: " + textNow(robot, "#state-fast") + "; rows: " + vm.rows());
            assertThat(Fx.read(vm.summaryProperty()::get)).endsWith("mit bypass4netns");
            robot.push(KeyCode.CONTROL, KeyCode.F);
            robot.write("fast");
            robot.push(KeyCode.ENTER);
            Fx.await(PROMPTLY, () -> robot.lookup("#fact-bypass4netns-switch").tryQuery().isPresent(),
                    () -> "no details");
            assertThat(text(robot, "#fact-bypass4netns-switch")).startsWith("nicht verfügbar: ");
            assertThat(Fx.read(() -> robot.lookup("#bypass-fast").queryAs(ToggleSwitch.class).getAccessibleText()))
                    .startsWith("bypass4netns für fast: an");
            Fx.screenshot(robot, window.stage().getScene().getRoot(), "containers-de");
        } finally {
            Messages.use(Locale.getDefault());
        }
    }
}
