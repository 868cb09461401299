package io.github.rootlesspanel.ui.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
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

import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.ui.containers.ContainerRow;
import io.github.rootlesspanel.ui.containers.ContainersViewModel;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * The Network page on a real X server (Xvfb) with real rootless containerd, installed with the panel's command
 * line, and three real busybox containers run with {@code ctr} inside RootlessKit's namespaces on nerdctl's CNI
 * bridge ("fast" created with the {@code nerdctl/bypass4netns} annotation): the diagram follows the real topology
 * monitor, so a kill from outside the panel shows without a click.
 */
@Tag("ui")
@Tag("real-systemd")
@ExtendWith(ApplicationExtension.class)
class NetworkUiTest {

    static final Duration PROMPTLY = Duration.ofSeconds(30);
    static final List<String> IDS = List.of("rp-net-web", "rp-net-fast", "rp-net-db");
    static final PseudoClass GREYED = PseudoClass.getPseudoClass("greyed");
    static DbusUserManager manager;
    static RealContainers rc;
    MainWindow window;

    @BeforeAll
    static void containerdWithContainers() throws Exception {
        TestUser.removeUnit("bypass4netnsd.service");
        TestUser.removeUnit("containerd.service");
        TestUser.Result install = TestUser.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path scratch = Files.createTempDirectory("network-ui");
        rc = new RealContainers(ContainerdClient.defaultSocket(System.getenv()), scratch);
        rc.importImage();
        rc.installBridgeNetwork();
        for (String id : IDS) {   // leftovers of an earlier run
            rc.remove(id);
        }
        run("rp-net-web", List.of("nerdctl/name=web"), List.of());
        run("rp-net-fast", List.of("nerdctl/name=fast"), List.of("nerdctl/bypass4netns=true"));
        run("rp-net-db", List.of("nerdctl/name=db"), List.of());
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    private static void run(String id, List<String> labels, List<String> annotations) throws Exception {
        List<String> all = new java.util.ArrayList<>(labels);
        all.add("nerdctl/networks=[\"bridge\"]");
        RealContainers.Out out = rc.run(id, true, all, annotations, "sleep", "600");
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

    /** The painted box of a container, found through the layout by the container's name. On the FX thread. */
    private static Optional<Box> containerBox(NetworkController page, String name) {
        Layout l = page.viewModel().layoutProperty().get();
        if (l == null) {
            return Optional.empty();
        }
        return l.boxes().stream().filter(b -> b.kind() == BoxKind.CONTAINER_NETNS)
                .filter(b -> page.viewModel().container(b).map(c -> c.name().equals(name)).orElse(false))
                .findFirst();
    }

    private static Optional<Node> containerNode(NetworkController page, String name) {
        return containerBox(page, name).flatMap(b -> page.boxNode(b.key()));
    }

    /** Visible with all its parents. */
    private static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The titles the diagram shows, as painted. On the FX thread. */
    private static List<String> titles(FxRobot robot) {
        return robot.lookup(".net-box-title").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void drawsTheContainersAndStepsFollowsAKillTogglesTheStepsAndOpensAContainer(FxRobot robot) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT6);
        Fx.await(PROMPTLY, () -> window.controller().network().isPresent(), () -> "the Network page did not open");
        NetworkController page = Fx.read(() -> window.controller().network().orElseThrow());
        NetworkViewModel vm = Fx.read(page::viewModel);
        assertThat(Fx.read(vm::following)).as("the page follows the monitor while shown").isTrue();

        // the three containers, running, with their boxes painted by title, and the six steps
        Fx.await(PROMPTLY, () -> List.of("web", "fast", "db").stream().allMatch(n ->
                        containerBox(page, n).map(b -> !b.greyed()).orElse(false) && containerNode(page, n).isPresent()),
                () -> "titles: " + titles(robot) + "; status: " + vm.statusProperty().get());
        List<String> titles = Fx.read(() -> titles(robot));
        for (String n : List.of("web", "fast", "db")) {
            assertThat(titles).anySatisfy(t -> assertThat(t).contains(n));
        }
        assertThat(Fx.read(() -> page.stepNodes().size())).isEqualTo(6);
        assertThat(Fx.read(() -> page.stepNodes().stream().allMatch(NetworkUiTest::shown))).isTrue();
        assertThat(Fx.read(() -> vm.statusProperty().get())).contains("running").contains("updated");
        assertThat(Fx.read(() -> vm.summaryProperty().get())).contains("web").contains("fast").contains("db");
        // the screenshot: the whole screen, the whole diagram (Fit), the mouse off the boxes
        robot.interact(() -> {
            Stage st = window.stage();
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            st.setX(screen.getMinX());
            st.setY(screen.getMinY());
            st.setWidth(screen.getWidth());
            st.setHeight(screen.getHeight());
        });
        robot.clickOn("#zoomFitButton");
        robot.moveTo("#network-status");
        Fx.await(PROMPTLY, () -> vm.zoomProperty().get() < 1.0, () -> "zoom " + vm.zoomTextProperty().get());
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "network");

        // a kill from outside the panel: the diagram follows without a click, the other boxes stay the same nodes
        Node webBefore = Fx.read(() -> containerNode(page, "web").orElseThrow());
        RealContainers.Out kill = rc.ctr(true, "tasks", "kill", "-s", "KILL", "rp-net-db");
        assertThat(kill.code()).as(kill.text()).isZero();
        Fx.await(PROMPTLY, () -> containerBox(page, "db").map(Box::greyed).orElse(true)
                        && containerNode(page, "db").map(n -> n.getPseudoClassStates().contains(GREYED)).orElse(true),
                () -> "db: " + containerBox(page, "db") + "; status: " + vm.statusProperty().get());
        assertThat(Fx.read(() -> containerNode(page, "web").orElseThrow())).as("web's box is moved, not rebuilt")
                .isSameAs(webBefore);

        // the step toggle hides and shows the arrows
        robot.clickOn("#stepsToggle");
        Fx.await(PROMPTLY, () -> page.stepNodes().stream().noneMatch(NetworkUiTest::shown),
                () -> "steps still shown");
        assertThat(Fx.read(() -> vm.stepsShownProperty().get())).isFalse();
        robot.clickOn("#stepsToggle");
        Fx.await(PROMPTLY, () -> page.stepNodes().stream().allMatch(NetworkUiTest::shown),
                () -> "steps still hidden");

        // a click on a container box: the Containers page with that container selected; the monitor pauses
        Fx.read(() -> {
            page.reveal(containerNode(page, "web").orElseThrow());
            return null;
        });
        robot.clickOn(Fx.read(() -> containerNode(page, "web").orElseThrow()));
        Fx.await(PROMPTLY, () -> window.controller().containers().map(c -> c.selectedProperty().get())
                        .map(ContainerRow::name).orElse("").equals("web"),
                () -> "selected: " + window.controller().containers().map(ContainersViewModel::selectedProperty)
                        .map(p -> String.valueOf(p.get())).orElse("no Containers page"));
        assertThat(Fx.read(vm::following)).as("hidden: the monitor is paused").isFalse();
    }
}
