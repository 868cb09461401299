package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javafx.animation.AnimationTimer;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layouts;
import io.github.rootlesspanel.topology.Topology;
import io.github.rootlesspanel.ui.main.MainWindow;
import io.github.rootlesspanel.ui.network.NetworkController;

/**
 * The diagram on screen (group "Diagram"), on Xvfb with the software pipeline: (1) painting a layout of 10, 100 and
 * 500 containers (the recorded fixtures of topology/) into the Network page's painter and laying out its scene
 * graph, on the FX thread; (2) frame times while 50 real busybox containers are started at once with {@code ctr run
 * --cni} (nerdctl's bridge, real rootless containerd under the test user's real systemd) and the Network page of the
 * real main window follows them: an AnimationTimer keeps a pulse requested every frame and records the time from
 * one pulse to the next (a stalled FX thread shows as a long frame), until the diagram shows all 50 and 2 s
 * after; and how long from the start of the 50 {@code ctr run} until the diagram shows them all.
 */
@Tag("ui")
@Tag("real-systemd")
@Tag("real-parts")
@ExtendWith(ApplicationExtension.class)
class FrameTimeBench {

    static final int CONTAINERS = 50;
    static DbusUserManager manager;
    static RealRuntime runtime;
    MainWindow window;

    @BeforeAll
    static void realParts() throws Exception {
        runtime = RealRuntime.install("frame-bench");
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RealRuntime.cleanUp(manager, runtime);
    }

    @Start
    void start(Stage stage) {
        window = RealRuntime.window(stage, manager);
    }

    @Test
    void paintBySize(FxRobot robot) throws Exception {
        Class<?> fixtures = Class.forName("io.github.rootlesspanel.topology.TopologyFixtures");
        Method names = fixtures.getDeclaredMethod("names", int.class);
        Method detach = fixtures.getDeclaredMethod("detach", List.class);
        names.setAccessible(true);
        detach.setAccessible(true);
        // the page's painter is package-private in ui/network
        Class<?> painterClass = Class.forName("io.github.rootlesspanel.ui.network.DiagramPainter");
        Constructor<?> ctor = painterClass.getDeclaredConstructor(Predicate.class, Consumer.class);
        Method paint = painterClass.getDeclaredMethod("paint", Layout.class);
        Method node = painterClass.getDeclaredMethod("node");
        ctor.setAccessible(true);
        paint.setAccessible(true);
        node.setAccessible(true);
        int runs = 30;
        for (int size : new int[] {10, 100, 500}) {
            @SuppressWarnings("unchecked")
            Layout l = Layouts.of((Topology) detach.invoke(null, names.invoke(null, size)));
            double[] ms = new double[runs];
            int[] children = new int[1];
            for (int i = -5; i < runs; i++) {   // 5 warm-up runs
                int run = i;
                robot.interact(() -> {
                    try {
                        Predicate<Layout.Box> clickable = b -> true;
                        Consumer<Layout.Box> onClick = b -> { };
                        Object painter = ctor.newInstance(clickable, onClick);
                        Pane p = (Pane) node.invoke(painter);
                        Scene scene = new Scene(new Group(p));
                        long t0 = System.nanoTime();
                        paint.invoke(painter, l);
                        scene.getRoot().applyCss();
                        scene.getRoot().layout();
                        long t1 = System.nanoTime();
                        if (run >= 0) {
                            ms[run] = (t1 - t0) / 1e6;
                        }
                        children[0] = count(p);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            assertThat(children[0]).as("nodes painted").isGreaterThan(size);
            Bench.record(new Bench.Result("diagram-paint-" + size, "Diagram",
                    new Bench.Series("paint + CSS + layout of the diagram's scene graph, " + size + " containers",
                            "ms", ms))
                    .note(runs + " runs after 5 warm-up runs on the FX thread, a fresh painter each; " + children[0]
                            + " nodes; Xvfb, prism.order=sw"));
        }
        Fx.closeAllWindows(robot);
    }

    @Test
    void framesWhileFiftyContainersStart(FxRobot robot) throws Exception {
        RealRuntime.show(robot, window, "network");
        NetworkController page = Fx.read(() -> window.controller().network().orElseThrow());
        Fx.await(java.time.Duration.ofSeconds(60), () -> page.viewModel().layoutProperty().get() != null,
                () -> "no diagram");
        WaitForAsyncUtils.sleep(5, TimeUnit.SECONDS);

        List<Long> frames = new ArrayList<>();
        AtomicLong allShownAt = new AtomicLong();
        CountDownLatch allShown = new CountDownLatch(1);
        AnimationTimer timer = new AnimationTimer() {
            long last;

            @Override
            public void handle(long now) {
                // handle's "now" is the pulse's time stamp; the real time between pulses is what a user sees
                long t = System.nanoTime();
                if (last != 0) {
                    frames.add(t - last);
                }
                last = t;
            }
        };
        robot.interact(() -> {
            page.viewModel().layoutProperty().addListener((o, was, l) -> {
                if (l != null && containerBoxes(l) >= CONTAINERS && allShownAt.get() == 0) {
                    allShownAt.set(System.nanoTime());
                    allShown.countDown();
                }
            });
            timer.start();
        });
        // what the FX thread did in a long frame: execution samples and parks, kept beside the JSON files
        jdk.jfr.Recording jfr = new jdk.jfr.Recording();
        jfr.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
        jfr.enable("jdk.ThreadPark").withThreshold(java.time.Duration.ofMillis(20));
        jfr.enable("jdk.JavaMonitorEnter").withThreshold(java.time.Duration.ofMillis(20));
        jfr.start();
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CONTAINERS);
        List<Future<RealContainers.Out>> runs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CONTAINERS; i++) {
            String id = String.format(Locale.ROOT, "rp-frame-%02d", i);
            ids.add(id);
            runs.add(pool.submit(() -> {
                runtime.run(id);
                return null;
            }));
        }
        for (Future<RealContainers.Out> f : runs) {
            f.get(300, TimeUnit.SECONDS);
        }
        long ctrDone = System.nanoTime();
        pool.shutdown();
        boolean shown = allShown.await(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        robot.interact(timer::stop);
        java.nio.file.Files.createDirectories(Bench.outDir());
        jfr.dump(Bench.outDir().resolve("diagram-frames-50.jfr"));
        jfr.close();
        assertThat(shown).as("the diagram showed all %d containers", CONTAINERS).isTrue();
        double[] ms;
        synchronized (frames) {
            ms = frames.stream().mapToDouble(n -> n / 1e6).toArray();
        }
        String how = String.format(Locale.ROOT, "JFR of the run: diagram-frames-50.jfr; AnimationTimer (a pulse requested every frame), time between "
                + "pulses; %d frames from 1 s before the %d ctr run until 2 s after the diagram showed them all; "
                + "all ctr run returned after %.1f s; load average then (/proc/loadavg): %s", ms.length, CONTAINERS,
                (ctrDone - t0) / 1e9, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        Bench.Result frameTimes = new Bench.Result("diagram-frames-50", "Diagram",
                new Bench.Series("frame time while 50 containers start, Network page shown", "ms", ms)).note(how);
        Bench.record(frameTimes);
        System.out.printf(Locale.ROOT, "[bench] diagram-frames-50: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                frameTimes.measured().median(), frameTimes.measured().percentile(99), frameTimes.measured().max());
        Bench.record(new Bench.Result("diagram-follow-50", "Diagram",
                new Bench.Series("from starting 50 containers at once until the diagram shows all 50", "s",
                        new double[] {(allShownAt.get() - t0) / 1e9})).note(how));
        Fx.closeAllWindows(robot);
        runtime.removeAll();
    }

    static int count(javafx.scene.Node n) {
        int c = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node k : p.getChildrenUnmodifiable()) {
                c += count(k);
            }
        }
        return c;
    }

    static long containerBoxes(Layout l) {
        return l.boxes().stream().filter(b -> b.kind() == Layout.BoxKind.CONTAINER_NETNS).count();
    }
}
