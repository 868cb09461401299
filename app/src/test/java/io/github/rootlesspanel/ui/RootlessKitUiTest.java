package io.github.rootlesspanel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
import atlantafx.base.theme.PrimerLight;
import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.rootlesskit.StateDir;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The RootlessKit form on a real X server, against real systemd and real RootlessKit + containerd
 * (the test environment's containerd-rootless.sh).
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class RootlessKitUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(15);
    static DbusUserManager manager;
    MainWindow window;

    static Path override() {
        return TestUser.unitDir().resolve("containerd.service.d/override.conf");
    }

    @BeforeAll
    static void installContainerd() throws Exception {
        TestUser.removeUnit("containerd.service");
        TestUser.Result r = TestUser.run(List.of(Path.of(System.getProperty("rp.project.dir", "."),
                "packaging/bin/rootless-panel").toString(), "install", "containerd"), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.output()).isZero();
        Files.createDirectories(override().getParent());
        Files.writeString(override(), "# tuned by hand\n[Service]\nEnvironment=CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=65520\n");
        TestUser.systemctl("daemon-reload");
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        manager.close();
        Files.deleteIfExists(override());
        Files.deleteIfExists(Path.of(override() + ".bak"));
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

    void openForm(FxRobot robot) {
        robot.clickOn("#rootlesskitNav");
        TextField mtu = robot.lookup("#field-MTU").queryAs(TextField.class);
        Fx.await(PROMPTLY, () -> "65520".equals(mtu.getText()) && !mtu.isDisabled(), () -> "MTU field: " + mtu.getText());
    }

    @Test
    void anInvalidMtuIsExplainedAtTheFieldAndApplyIsDisabled(FxRobot robot) throws Exception {
        openForm(robot);
        TextField mtu = robot.lookup("#field-MTU").queryAs(TextField.class);
        robot.doubleClickOn(mtu);
        robot.interact(mtu::selectAll);
        robot.write("70000");
        Label problem = robot.lookup("#problem-MTU").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> problem.isVisible() && problem.getText().contains("65521"), problem::getText);
        Button apply = robot.lookup("#applyButton").queryAs(Button.class);
        assertThat(Fx.read(apply::isDisabled)).isTrue();
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "rootlesskit-invalid");
    }

    @Test
    void theFormIsWalkedTopToBottomWithTheKeyboardAndEveryStopIsNamed(FxRobot robot) throws Exception {
        openForm(robot);
        TextField mtu = robot.lookup("#field-MTU").queryAs(TextField.class);
        robot.interact(() -> mtu.setText("1500")); // a change, so Revert and Apply take part in the walk
        Button apply = robot.lookup("#applyButton").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !apply.isDisabled(), () -> "Apply stays disabled");
        Node page = robot.lookup(".rootlesskit-page").query();
        Node content = robot.lookup(".rootlesskit-page .overview").query();
        Scene scene = window.stage().getScene();

        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, scene, 120);

        assertThat(KeyboardWalk.unnamed(stops)).isEmpty();
        assertThat(Fx.read(() -> Accessibility.unnamedControls((Parent) page))).isEmpty();
        // every stop was scrolled into view when it got the focus
        double height = Fx.read(scene::getHeight);
        assertThat(stops).allSatisfy(s -> assertThat(s.y()).as(s.toString()).isBetween(0.0, height));
        // the page's own stops (the window's header buttons come after them)
        List<String> ids = stops.stream().filter(s -> inside(page, s.node())).map(s -> s.node().getId())
                .filter(id -> id != null).filter(id -> id.startsWith("field-") || id.endsWith("Button")).toList();
        List<String> expected = new ArrayList<>();
        for (Variable v : Variable.values()) {
            expected.add("field-" + v.name());
        }
        if (!Fx.read(() -> robot.lookup("#restoreButton").query().isDisabled())) {
            expected.add("restoreButton");
        }
        expected.addAll(List.of("revertButton", "applyButton"));
        assertThat(ids).containsExactlyElementsOf(expected);
        // top to bottom in the form, whatever the scroll position
        List<Double> ys = Fx.read(() -> stops.stream().filter(s -> s.node().getId() != null
                        && s.node().getId().startsWith("field-"))
                .map(s -> content.sceneToLocal(s.node().localToScene(s.node().getBoundsInLocal())).getMinY())
                .toList());
        assertThat(ys).isSorted();

        // the field says what is wrong, to a screen reader too
        robot.interact(() -> mtu.setText("70000"));
        Label problem = robot.lookup("#problem-MTU").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> problem.getText().startsWith("Error: "), problem::getText);
        assertThat(Fx.read(mtu::getAccessibleHelp)).startsWith(Fx.read(problem::getText));

        // Alt+V is Revert
        robot.press(KeyCode.ALT).type(KeyCode.V).release(KeyCode.ALT);
        Fx.await(PROMPTLY, () -> "65520".equals(mtu.getText()), mtu::getText);
        Fx.await(PROMPTLY, () -> !robot.lookup("#busyIndicator").query().isVisible(), () -> "still busy");

        robot.interact(() -> robot.lookup(".rootlesskit-page .overview-scroll").queryAs(ScrollPane.class).setVvalue(0));
        Fx.screenshot(robot, scene.getRoot(), "rootlesskit-light");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        Fx.screenshot(robot, scene.getRoot(), "rootlesskit-dark");
        robot.interact(() -> mtu.setText("70000"));
        Fx.await(PROMPTLY, problem::isVisible, problem::getText);
        Fx.screenshot(robot, scene.getRoot(), "rootlesskit-dark-invalid");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    @Test
    void inGermanTheFormIsGerman(FxRobot robot) throws Exception {
        robot.interact(() -> window.stage().close());
        Messages.use(Locale.GERMAN);
        try {
            robot.interact(() -> window = MainWindow.open(new Stage(), manager));
            openForm(robot);
            assertThat(Fx.read(() -> robot.lookup("#applyButton").queryAs(Button.class).getText()))
                    .isEqualTo("Ü_bernehmen…");
            assertThat(Fx.read(() -> Accessibility.accessibleName(robot.lookup("#field-NET").query())))
                    .isEqualTo("Netzwerktreiber");
            Label status = robot.lookup("#statusLabel").queryAs(Label.class);
            Fx.await(PROMPTLY, () -> status.getText().equals("Keine Änderungen."), status::getText);
            Fx.screenshot(robot, window.stage().getScene().getRoot(), "rootlesskit-de");
        } finally {
            Messages.use(Locale.ENGLISH);
        }
    }

    @Test
    void pastaWithTheBuiltinPortDriverShowsTheRule(FxRobot robot) {
        openForm(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> net = robot.lookup("#field-NET").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> port = robot.lookup("#field-PORT_DRIVER").queryAs(ComboBox.class);
        robot.interact(() -> {
            net.setValue("pasta");
            port.setValue("builtin");
        });
        Label problem = robot.lookup("#problem-PORT_DRIVER").queryAs(Label.class);
        Fx.await(PROMPTLY, () -> problem.getText().contains("pasta") && problem.getText().contains("implicit"),
                problem::getText);
        assertThat(Fx.read(() -> robot.lookup("#applyButton").queryAs(Button.class).isDisabled())).isTrue();
    }

    @Test
    void aValidChangeShowsTheDiffWritesAndRestarts(FxRobot robot) throws Exception {
        openForm(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> port = robot.lookup("#field-PORT_DRIVER").queryAs(ComboBox.class);
        robot.interact(() -> port.setValue("slirp4netns"));
        Button apply = robot.lookup("#applyButton").queryAs(Button.class);
        Fx.await(PROMPTLY, () -> !apply.isDisabled(), () -> "Apply stays disabled");
        robot.clickOn(apply);

        Fx.await(PROMPTLY, () -> robot.lookup(".dialog-pane").tryQuery().isPresent(), () -> "no diff dialog");
        DialogPane diff = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(Fx.read(diff::getHeaderText)).contains("Write override.conf");
        String text = Fx.read(() -> ((TextArea) diff.getExpandableContent()).getText());
        assertThat(text).contains("+Environment=CONTAINERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=slirp4netns");
        Fx.screenshot(robot, diff, "rootlesskit-diff");
        robot.clickOn("Write");

        Fx.await(PROMPTLY, () -> robot.lookup(".dialog-pane").tryQuery()
                .map(p -> ((DialogPane) p).getHeaderText().contains("Restart containerd")).orElse(false),
                () -> "no restart question");
        robot.clickOn("Restart now");
        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        Fx.await(Duration.ofSeconds(60), () -> status.getText().startsWith("Applied"), status::getText);
        assertThat(Files.readString(override())).startsWith("# tuned by hand\n")
                .contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=slirp4netns");
        assertThat(StateDir.forRuntimeDir(Path.of(System.getenv("XDG_RUNTIME_DIR"))).info(Duration.ofSeconds(5)))
                .contains("\"portDriver\":{\"driver\":\"slirp4netns\"");
        Fx.await(PROMPTLY, () -> !robot.lookup("#busyIndicator").query().isVisible(), () -> "still busy");
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "rootlesskit");
        robot.type(KeyCode.ESCAPE);
    }

    private static boolean inside(javafx.scene.Node root, javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (p == root) {
                return true;
            }
        }
        return false;
    }
}
