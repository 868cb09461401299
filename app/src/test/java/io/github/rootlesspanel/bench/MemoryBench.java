package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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

import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.containers.EventSubscription;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * Memory of the panel with its window open: RSS (VmRSS of /proc/self/status) and heap used after a full GC
 * (MemoryMXBean after System.gc()), read several times at three points: after start (Overview shown), after
 * 10,000 unit state changes (real systemd signals: three stand-in units — BuildKit, fuse-overlayfs and stargz
 * run as {@code sleep infinity} by the test user's real systemd, there being no packages of those daemons —
 * started and stopped from outside the panel through a second bus connection, until the panel's own watches have
 * delivered 10,000 changes of them) and after 1,000 container events with the Containers page shown (real
 * busybox containers run with {@code ctr run --rm} in the test user's real rootless containerd, each one
 * created, started, exited and deleted; counted on a second event subscription with the panel's filter). The JVM
 * also hosts the test harness. A class histogram (jcmd GC.class_histogram) of each point is kept beside the JSON
 * files, to tell what grew. Run it in a JVM of its own ({@code -DreuseForks=false} when other benchmark classes run
 * in the same surefire pass): a class run before it in the same fork leaves its heap and RSS behind.
 */
@Tag("ui")
@Tag("real-systemd")
@Tag("real-parts")
@ExtendWith(ApplicationExtension.class)
class MemoryBench {

    static final int UNIT_CHANGES = Integer.getInteger("rp.bench.memory.unitChanges", 10_000);
    static final int CONTAINER_EVENTS = Integer.getInteger("rp.bench.memory.containerEvents", 1_000);
    static final int SAMPLES = 5;
    static final List<String> STAND_INS = List.of("buildkit.service", "containerd-fuse-overlayfs.service",
            "stargz-snapshotter.service");

    static DbusUserManager manager;
    static RealRuntime runtime;
    /** Changes of the stand-in units each of the panel's watches delivered. */
    static final List<AtomicLong> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    MainWindow window;

    @BeforeAll
    static void realParts() throws Exception {
        runtime = RealRuntime.install("memory-bench");
        for (String u : STAND_INS) {
            TestUser.installUnit("containerd.service", u);
        }
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String u : STAND_INS) {
            TestUser.removeUnit(u);
        }
        RealRuntime.cleanUp(manager, runtime);
    }

    @Start
    void start(Stage stage) {
        window = RealRuntime.window(stage, counting(manager));
    }

    /** The manager as the panel gets it, counting what each of its watches delivers about the stand-ins. */
    static UserManager counting(UserManager m) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("watch") && args.length == 2) {
                @SuppressWarnings("unchecked")
                Consumer<UnitEvent> listener = (Consumer<UnitEvent>) args[1];
                @SuppressWarnings("unchecked")
                Collection<String> units = (Collection<String>) args[0];
                if (units.containsAll(STAND_INS)) {
                    AtomicLong n = new AtomicLong();
                    delivered.add(n);
                    args = new Object[] {args[0], (Consumer<UnitEvent>) e -> {
                        if (e instanceof UnitEvent.Changed c && STAND_INS.contains(c.status().name())) {
                            n.incrementAndGet();
                        }
                        listener.accept(e);
                    }};
                }
            }
            try {
                return method.invoke(m, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (UserManager) Proxy.newProxyInstance(UserManager.class.getClassLoader(),
                new Class<?>[] {UserManager.class}, h);
    }

    @Test
    void startUnitChangesContainerEvents(FxRobot robot) throws Exception {
        show(robot, "overview");
        WaitForAsyncUtils.sleep(10, TimeUnit.SECONDS);
        point("start", "after start, Overview shown");

        assertThat(delivered).as("the panel watches the stand-in units").isNotEmpty();
        long t0 = System.nanoTime();
        try (DbusUserManager outside = DbusUserManager.connect(TestUser.busAddress())) {
            ExecutorService pool = Executors.newFixedThreadPool(STAND_INS.size());
            try {
                while (least() < UNIT_CHANGES) {
                    List<Future<?>> round = new ArrayList<>();
                    for (String u : STAND_INS) {
                        round.add(pool.submit(() -> {
                            outside.run(JobKind.START, u);
                            outside.run(JobKind.STOP, u);
                            return null;
                        }));
                    }
                    for (Future<?> f : round) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        double unitSeconds = (System.nanoTime() - t0) / 1e9;
        String units = String.format(Locale.ROOT, "%d changes of %s delivered by each of the panel's %d watches "
                + "(fewest), made in %.0f s", least(), STAND_INS, delivered.size(), unitSeconds);
        point("after-units", units);

        show(robot, "containers");
        WaitForAsyncUtils.sleep(5, TimeUnit.SECONDS);
        AtomicLong seen = new AtomicLong();
        t0 = System.nanoTime();
        int containers = 0;
        try (ContainerdClient client = ContainerdClient.connect(ContainerdClient.defaultSocket(System.getenv()));
             EventSubscription sub = client.subscribeEvents(List.of("topic~=\"^/(tasks|containers)/\""),
                     e -> seen.incrementAndGet(), err -> { })) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                while (seen.get() < CONTAINER_EVENTS) {
                    List<Future<RealContainers.Out>> round = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        String id = "rp-mem-" + containers++;
                        round.add(pool.submit(() -> runtime.rc.ctr(true, "run", "--rm", "--null-io", "--cgroup", "",
                                "--cpu-shares", "0", RealContainers.IMAGE, id, "sleep", "0")));
                    }
                    for (Future<RealContainers.Out> f : round) {
                        RealContainers.Out out = f.get(120, TimeUnit.SECONDS);
                        assertThat(out.code()).as(out.text()).isZero();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            Thread.sleep(2000);   // the last events reach the panel
        }
        double containerSeconds = (System.nanoTime() - t0) / 1e9;
        point("after-containers", String.format(Locale.ROOT, "%d container events (/tasks/*, /containers/*) of %d "
                + "containers run and removed in %.0f s, Containers page shown; before them: %s", seen.get(),
                containers, containerSeconds, units));
        Fx.closeAllWindows(robot);
    }

    private static long least() {
        return delivered.stream().mapToLong(AtomicLong::get).min().orElse(0);
    }

    private void show(FxRobot robot, String screen) {
        RealRuntime.show(robot, window, screen);
    }

    private static void point(String id, String what) throws Exception {
        double[] rss = new double[SAMPLES];
        double[] heap = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            System.gc();
            Thread.sleep(1000);
            heap[i] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
            rss[i] = ProcSelf.rssMiB();
        }
        String histogram = histogram(id);
        var usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String common = SAMPLES + " readings 1 s apart, each after System.gc(); " + what
                + String.format(Locale.ROOT, "; heap committed %.0f MiB, initial %.0f MiB, max %.0f MiB (the "
                        + "launchers' options: serial collector, -Xms16m; no -Xmx, so the maximum is the JVM's default)", usage.getCommitted()
                        / 1048576.0, usage.getInit() / 1048576.0, usage.getMax() / 1048576.0)
                + "; the JVM also hosts the test harness and renders with the software pipeline (prism.order=sw)";
        Bench.record(new Bench.Result("memory-rss-" + id, "Memory", new Bench.Series("RSS, " + what, "MiB", rss))
                .budget(new Bench.Budget("RSS under 250 MB", Bench.Statistic.MAX, 250_000_000 / 1048576.0))
                .note(common));
        Bench.record(new Bench.Result("memory-heap-" + id, "Memory",
                new Bench.Series("heap used after full GC, " + what, "MiB", heap)).note(common)
                .note("largest classes (jcmd GC.class_histogram): " + histogram));
    }

    /** The top of jcmd's class histogram, kept whole in memory-histogram-ID.txt; its first lines for the note. */
    private static String histogram(String id) throws Exception {
        long pid = ProcessHandle.current().pid();
        Process p = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/jcmd", Long.toString(pid),
                "GC.class_histogram")).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "(jcmd timed out)";
        }
        Files.createDirectories(Bench.outDir());
        List<String> lines = out.lines().toList();
        Files.write(Bench.outDir().resolve("memory-histogram-" + id + ".txt"),
                lines.subList(0, Math.min(60, lines.size())));
        return String.join(" | ", lines.subList(Math.min(3, lines.size()), Math.min(11, lines.size()))
                .stream().map(String::trim).map(s -> s.replaceAll("\\s+", " ")).toList());
    }
}
