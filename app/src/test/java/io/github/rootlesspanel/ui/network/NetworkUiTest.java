package io.github.rootlesspanel.ui.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
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

import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Accessibility;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.KeyboardWalk;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.common.Messages;
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

    /** The page opened with Ctrl+6 and the three containers drawn, web running (db may be killed already). */
    private NetworkController openWithContainers(FxRobot robot) {
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT6);
        Fx.await(PROMPTLY, () -> window.controller().network().isPresent(), () -> "the Network page did not open");
        NetworkController page = Fx.read(() -> window.controller().network().orElseThrow());
        Fx.await(PROMPTLY, () -> containerBox(page, "web").map(b -> !b.greyed()).orElse(false)
                        && List.of("web", "fast", "db").stream().allMatch(n -> containerNode(page, n).isPresent()),
                () -> "titles: " + titles(robot) + "; status: " + page.viewModel().statusProperty().get());
        return page;
    }

    private static double brightness(javafx.scene.paint.Paint p) {
        return p instanceof Color c ? c.getBrightness() : -1;
    }

    /** The diagram's background, as painted now. On the FX thread. */
    private static double diagramBackground(NetworkController page) {
        Region canvas = (Region) page.diagram();
        return canvas.getBackground() == null ? -1 : brightness(canvas.getBackground().getFills().get(0).getFill());
    }

    private static boolean inside(Node n, Node ancestor) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theKeyboardAloneReachesAndNamesEverythingAndTheDiagramFollowsTheDarkTheme(FxRobot robot) throws Exception {
        NetworkController page = openWithContainers(robot);
        Parent pageRoot = Fx.read(() -> (Parent) robot.lookup(".network-page").query());

        // Tab through the window: every stop on the page named; the toolbar, the diagram, its container boxes,
        // the parts list and the text description all reached
        List<KeyboardWalk.Stop> stops = KeyboardWalk.tabThrough(robot, window.stage().getScene(), 200).stream()
                .filter(st -> inside(st.node(), pageRoot)).toList();
        assertThat(KeyboardWalk.unnamed(stops)).as("stops: %s", stops).isEmpty();
        Set<String> ids = stops.stream().map(st -> String.valueOf(st.node().getId())).collect(Collectors.toSet());
        assertThat(ids).as("stops: %s", stops).contains("stepsToggle", "zoomOutButton", "zoomResetButton",
                "zoomInButton", "zoomFitButton", "exportPngButton", "exportSvgButton", "scroll", "partsList",
                "summaryPane");
        Node web = Fx.read(() -> containerNode(page, "web").orElseThrow());
        assertThat(stops).as("the container boxes are stops").anySatisfy(st -> assertThat(st.node()).isSameAs(web));
        assertThat(Fx.read(() -> Accessibility.unnamedControls(pageRoot))).isEmpty();
        // a screen reader gets the whole description on the diagram
        assertThat(Fx.read(() -> page.diagram().getAccessibleText())).startsWith("Network diagram. ")
                .contains("Container web").contains("Container db");

        // zoom: Ctrl+0, Ctrl+plus (= on this layout), Ctrl+minus
        NetworkViewModel vm = page.viewModel();
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        Fx.await(PROMPTLY, () -> vm.zoomProperty().get() == 1.0, () -> vm.zoomTextProperty().get());
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        Fx.await(PROMPTLY, () -> vm.zoomProperty().get() == 1.25, () -> vm.zoomTextProperty().get());
        robot.push(KeyCode.CONTROL, KeyCode.MINUS);
        robot.push(KeyCode.CONTROL, KeyCode.MINUS);
        Fx.await(PROMPTLY, () -> vm.zoomProperty().get() == 0.8, () -> vm.zoomTextProperty().get());
        assertThat(Fx.read(() -> robot.lookup("#zoomResetButton").query().getAccessibleText()))
                .isEqualTo("Actual size, now 80 %");

        // Alt+T hides the steps, Alt+X shows the text description, Alt+D goes to the parts list
        robot.push(KeyCode.ALT, KeyCode.T);
        Fx.await(PROMPTLY, () -> !vm.stepsShownProperty().get(), () -> "steps still shown");
        robot.push(KeyCode.ALT, KeyCode.T);
        Fx.await(PROMPTLY, () -> vm.stepsShownProperty().get(), () -> "steps still hidden");
        TitledPane description = Fx.read(() -> (TitledPane) robot.lookup("#summaryPane").query());
        robot.push(KeyCode.ALT, KeyCode.X);
        Fx.await(PROMPTLY, description::isExpanded, () -> "the description is collapsed");
        ListView<?> parts = Fx.read(() -> (ListView<?>) robot.lookup("#partsList").query());
        robot.push(KeyCode.ALT, KeyCode.D);
        Fx.await(PROMPTLY, parts::isFocused, () -> "focus on " + window.stage().getScene().getFocusOwner());

        // arrow keys walk the parts; the selected part is marked in the diagram
        for (int i = 0; i < 60 && !Fx.read(() -> parts.getSelectionModel().getSelectedItem() != null
                && containerBox(page, "web").map(b -> b.equals(parts.getSelectionModel().getSelectedItem()))
                .orElse(false)); i++) {
            robot.push(KeyCode.DOWN);
        }
        assertThat(Fx.read(() -> web.getPseudoClassStates().contains(PseudoClass.getPseudoClass("selected"))))
                .as("web is marked in the diagram").isTrue();
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "network-keyboard");

        // the dark theme at runtime: the diagram is repainted in dark colours without any action of the page
        assertThat(Fx.read(() -> diagramBackground(page))).as("light background").isGreaterThan(0.9);
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        Fx.await(PROMPTLY, () -> diagramBackground(page) >= 0 && diagramBackground(page) < 0.2,
                () -> "diagram background brightness " + diagramBackground(page));
        Label title = Fx.read(() -> robot.lookup(".net-box-title").queryAllAs(Label.class).iterator().next());
        assertThat(Fx.read(() -> brightness(title.getTextFill()))).as("titles light on dark").isGreaterThan(0.6);
        robot.interact(() -> {
            Stage st = window.stage();
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            st.setX(screen.getMinX());
            st.setY(screen.getMinY());
            st.setWidth(screen.getWidth());
            st.setHeight(screen.getHeight());
        });
        robot.push(KeyCode.ALT, KeyCode.F);
        Fx.await(PROMPTLY, () -> vm.zoomProperty().get() < 0.8, () -> "zoom " + vm.zoomTextProperty().get());
        Fx.screenshot(robot, window.stage().getScene().getRoot(), "network-dark");

        // Enter on a container in the list opens it on the Containers page
        robot.push(KeyCode.ALT, KeyCode.D);
        robot.push(KeyCode.ENTER);
        Fx.await(PROMPTLY, () -> window.controller().containers().map(c -> c.selectedProperty().get())
                        .map(ContainerRow::name).orElse("").equals("web"),
                () -> "selected: " + window.controller().containers().map(ContainersViewModel::selectedProperty)
                        .map(p -> String.valueOf(p.get())).orElse("no Containers page"));
    }

    @Test
    void inGermanThePageTheDiagramAndTheDescriptionAreGerman(FxRobot robot) throws Exception {
        try {
            robot.interact(() -> {
                Messages.use(Locale.GERMAN);
                window.stage().close();
                window = MainWindow.open(new Stage(), manager);
                window.stage().show();
            });
            NetworkController page = openWithContainers(robot);
            NetworkViewModel vm = Fx.read(page::viewModel);
            Fx.await(PROMPTLY, () -> vm.summaryProperty().get().startsWith("Netzwerk des rootless containerd"),
                    () -> vm.summaryProperty().get());
            assertThat(Fx.read(() -> vm.statusProperty().get())).contains("läuft").contains("aktualisiert");
            assertThat(Fx.read(() -> titles(robot))).contains("Legende", "Host-Netzwerkstack");
            assertThat(Fx.read(() -> robot.lookup("#exportPngButton").queryButton().getText()))
                    .isEqualTo("Als _PNG exportieren…");
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
            Fx.screenshot(robot, window.stage().getScene().getRoot(), "network-de");
        } finally {
            Messages.use(Locale.ENGLISH);
        }
    }
}
