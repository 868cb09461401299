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

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.common.Messages;
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
    void theCardsAreWalkedTopToBottomWithTheKeyboardAndEveryStopIsNamed(FxRobot robot) throws Exception {
        robot.clickOn("#snapshottersNav");
        Fx.await(PROMPTLY, () -> robot.lookup("#loaded-overlayfs").tryQuery().isPresent()
                && !robot.lookup("#refreshButton").query().isDisabled(), () -> "no rows");
        Node page = robot.lookup(".snapshotters-page").query();
        Node content = robot.lookup(".snapshotters-page .overview").query();
        Scene scene = window.stage().getScene();

        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, scene, 80);

        assertThat(KeyboardWalk.unnamed(stops)).isEmpty();
        assertThat(Fx.read(() -> Accessibility.unnamedControls((Parent) page))).isEmpty();
        double height = Fx.read(scene::getHeight);
        assertThat(stops).allSatisfy(s -> assertThat(s.y()).as(s.toString()).isBetween(0.0, height));
        // the refresh button, then each card's buttons, card by card as shown
        List<String> expected = Fx.read(() -> {
            List<String> ids = new ArrayList<>(List.of("refreshButton"));
            for (Node card : ((Parent) robot.lookup("#rowList").query()).getChildrenUnmodifiable()) {
                String id = card.getId().substring("snapshotter-".length());
                for (String kind : List.of("enable-", "disable-", "default-")) {
                    if (card.lookup("#" + kind + id) != null) {
                        ids.add(kind + id);
                    }
                }
            }
            return ids;
        });
        assertThat(expected).contains("default-native", "enable-stargz");
        List<KeyboardWalk.Stop> mine = stops.stream().filter(s -> expected.contains(s.node().getId())).toList();
        assertThat(mine).extracting(s -> s.node().getId()).containsExactlyElementsOf(expected);
        assertThat(Fx.read(() -> mine.stream()
                .map(s -> content.sceneToLocal(s.node().localToScene(s.node().getBoundsInLocal())).getMinY())
                .toList())).isSorted();
        // buttons that repeat on every card say which snapshotter they act on
        assertThat(Fx.read(() -> Accessibility.accessibleName(robot.lookup("#default-native").query())))
                .isEqualTo("Make native nerdctl's default snapshotter");
        // status badges are words, and say whose status they are
        assertThat(Fx.read(() -> robot.lookup("#loaded-overlayfs").query().getAccessibleText()))
                .isEqualTo("overlayfs: Loaded by containerd");

        Fx.screenshot(robot, scene.getRoot(), "snapshotters-light");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        Fx.screenshot(robot, scene.getRoot(), "snapshotters-dark");
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    @Test
    void inGermanTheCardsAreGerman(FxRobot robot) throws Exception {
        robot.interact(() -> window.stage().close());
        Messages.use(Locale.GERMAN);
        try {
            robot.interact(() -> window = MainWindow.open(new Stage(), manager));
            robot.clickOn("#snapshottersNav");
            Fx.await(PROMPTLY, () -> robot.lookup("#loaded-overlayfs").tryQuery().isPresent(), () -> "no rows");
            assertThat(Fx.read(() -> robot.lookup("#loaded-overlayfs").queryAs(Label.class).getText()))
                    .isEqualTo("Von containerd geladen");
            assertThat(Fx.read(() -> robot.lookup("#default-native").queryAs(Button.class).getAccessibleText()))
                    .isEqualTo("native zum Standard-Snapshotter von nerdctl machen");
            Fx.screenshot(robot, window.stage().getScene().getRoot(), "snapshotters-de");
        } finally {
            Messages.use(Locale.ENGLISH);
        }
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
