package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The real parts the window benchmarks run against: rootless containerd installed with the panel's command line
 * under the test user's real systemd (Debian's containerd, RootlessKit, slirp4netns, runc), the busybox image, and
 * nerdctl's CNI bridge; containers are real busybox containers made with {@code ctr}.
 */
final class RealRuntime {

    final RealContainers rc;
    private final List<String> made = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RealRuntime(RealContainers rc) {
        this.rc = rc;
    }

    static RealRuntime install(String scratchName) throws Exception {
        TestUser.removeUnit("containerd.service");
        TestUser.Result install = TestUser.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path scratch = Files.createTempDirectory(scratchName);
        RealRuntime r = new RealRuntime(new RealContainers(ContainerdClient.defaultSocket(System.getenv()), scratch));
        r.rc.importImage();
        r.rc.installBridgeNetwork();
        return r;
    }

    /** A busybox container sleeping on the bridge network with nerdctl's name label. */
    void run(String id) throws Exception {
        rc.remove(id);   // a leftover of an earlier run
        made.add(id);
        RealContainers.Out out = rc.run(id, true, List.of("nerdctl/name=" + id, "nerdctl/networks=[\"bridge\"]"),
                List.of(), "sleep", "3600");
        assertThat(out.code()).as("ctr run %s: %s", id, out.text()).isZero();
    }

    void removeAll() throws Exception {
        for (String id : List.copyOf(made)) {
            rc.remove(id);
            made.remove(id);
        }
    }

    void uninstall() throws Exception {
        removeAll();
        TestUser.Result uninstall = TestUser.panel("uninstall", "containerd");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
    }

    /** The real main window as the benchmarks look at it: 1280 × 820. */
    static io.github.rootlesspanel.ui.main.MainWindow window(javafx.stage.Stage stage,
            io.github.rootlesspanel.systemd.UserManager manager) {
        io.github.rootlesspanel.ui.main.MainWindow w = io.github.rootlesspanel.ui.main.MainWindow.open(stage, manager);
        stage.setWidth(1280);
        stage.setHeight(820);
        return w;
    }

    /** Shows a sidebar screen (overview, setup, rootlesskit, snapshotters, containers, network, logs) as a click would. */
    static void show(org.testfx.api.FxRobot robot, io.github.rootlesspanel.ui.main.MainWindow w, String screen) {
        javafx.scene.control.ToggleButton nav = io.github.rootlesspanel.testsupport.Fx.read(
                () -> (javafx.scene.control.ToggleButton) w.stage().getScene().lookup("#" + screen + "Nav"));
        assertThat(nav).as(screen + "Nav").isNotNull();
        robot.interact(nav::fire);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** After a benchmark: the panel's bus connection closed, containerd uninstalled (its containers removed). */
    static void cleanUp(AutoCloseable manager, RealRuntime runtime) throws Exception {
        if (manager != null) {
            manager.close();
        }
        if (runtime != null) {
            runtime.uninstall();
        }
    }
}
