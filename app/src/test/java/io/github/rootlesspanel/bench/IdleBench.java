package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * Idle cost of each sidebar screen: the real main window on Xvfb, connected to the test user's real systemd, with
 * real rootless containerd running two real busybox containers and the stand-in bypass4netnsd unit (the project's
 * stand-in executable; there is no Debian package) active. Each screen is shown, left alone to settle, then measured
 * over 60 s in 6 windows of 10 s: CPU time of the whole JVM (utime+stime from /proc/self/stat) as % of one core, and
 * wake-ups (voluntary + nonvoluntary context switches summed over /proc/self/task/*&#47;status). The JVM also hosts
 * the test harness (JUnit, TestFX, surefire's fork pinger, the JIT and GC), which is idle meanwhile but not free:
 * the notes name the threads that ran, so the panel's own part can be told apart.
 */
@Tag("ui")
@Tag("real-systemd")
@Tag("real-parts")
@ExtendWith(ApplicationExtension.class)
class IdleBench {

    static final int WINDOWS = Integer.getInteger("rp.bench.idle.windows", 6);
    static final long WINDOW_MS = Long.getLong("rp.bench.idle.windowMs", 10_000);
    static final long SETTLE_MS = Long.getLong("rp.bench.idle.settleMs", 10_000);
    /** The first screen also waits out start-up's JIT compilation, which would otherwise count as its cost. */
    static final long FIRST_SETTLE_MS = Long.getLong("rp.bench.idle.firstSettleMs", 30_000);
    /** What the threads that stay awake in an idle window are, for the notes. */
    static final String THREADS = "JavaFX Applicat(ion Thread): the GTK main loop, which JavaFX 21's pulse timer "
            + "wakes every 16 ms even when idle (GtkTimer._pause does nothing on GTK); VM Periodic Task, G1 Service, "
            + "Monitor Deflation, C1/C2 CompilerThread: the JVM; surefire-forked(-ping): the test harness; "
            + "panel-clock: the pages' text clocks (FxTicker)";
    static final List<String> SCREENS = List.of("overview", "setup", "rootlesskit", "snapshotters", "containers",
            "network", "logs");

    static DbusUserManager manager;
    static RealRuntime runtime;
    MainWindow window;

    @BeforeAll
    static void realParts() throws Exception {
        runtime = RealRuntime.install("idle-bench");
        runtime.run("rp-idle-web");
        runtime.run("rp-idle-db");
        TestUser.Result b4 = TestUser.panel("install", "bypass4netnsd");
        assertThat(b4.exitCode()).as(b4.output()).isZero();
        TestUser.systemctl("start", "bypass4netnsd.service");
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestUser.removeUnit("bypass4netnsd.service");
        RealRuntime.cleanUp(manager, runtime);
    }

    @Start
    void start(Stage stage) {
        window = RealRuntime.window(stage, manager);
    }

    @Test
    void eachScreenIdle(FxRobot robot) throws Exception {
        for (String screen : SCREENS) {
            RealRuntime.show(robot, window, screen);
            WaitForAsyncUtils.sleep(screen.equals(SCREENS.get(0)) ? FIRST_SETTLE_MS : SETTLE_MS,
                    TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            Fx.screenshot(robot, window.stage().getScene().getRoot(), "idle-" + screen);
            measure(screen, screen.equals(SCREENS.get(0)) ? FIRST_SETTLE_MS : SETTLE_MS);
        }
        Fx.closeAllWindows(robot);
    }

    private void measure(String screen, long settled) throws Exception {
        double[] cpu = new double[WINDOWS];
        double[] wakeups = new double[WINDOWS];
        ProcSelf.Reading first = ProcSelf.read();
        ProcSelf.Reading a = first;
        for (int i = 0; i < WINDOWS; i++) {
            Thread.sleep(WINDOW_MS);
            ProcSelf.Reading b = ProcSelf.read();
            cpu[i] = ProcSelf.cpuPercent(a, b);
            wakeups[i] = ProcSelf.wakeupsPerSecond(a, b);
            a = b;
        }
        String threads = ProcSelf.topThreads(first, a, 8);
        String span = String.format(Locale.ROOT, "%d windows of %d s after %d s settling", WINDOWS, WINDOW_MS / 1000,
                settled / 1000);
        String harness = "the JVM also hosts the test harness (JUnit, TestFX, surefire), idle meanwhile";
        Bench.record(new Bench.Result("idle-" + screen, "Idle cost",
                new Bench.Series("CPU of the whole JVM, " + screen + " shown, nothing changing", "% of one core", cpu))
                .budget(new Bench.Budget("under 0.5 % of one core", Bench.Statistic.MEDIAN, 0.5))
                .note(span + "; " + harness)
                .note("threads over the 60 s (CPU, wake-ups): " + threads)
                .note(THREADS));
        Bench.record(new Bench.Result("idle-" + screen + "-wakeups", "Idle cost",
                new Bench.Series("wake-ups of all threads, " + screen + " shown", "per s", wakeups))
                .note(span + "; context switches (voluntary + nonvoluntary) summed over /proc/self/task; " + harness)
                .note("threads over the 60 s (CPU, wake-ups): " + threads)
                .note(THREADS));
    }
}
