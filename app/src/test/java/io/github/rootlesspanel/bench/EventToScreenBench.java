package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.scene.control.Label;
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

import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.ui.main.MainWindow;

/**
 * Event to screen (issue 10): the real main window on Xvfb against the test user's real systemd; the stand-in
 * containerd.service (a harmless process under the real user manager) is started and stopped from outside with
 * {@code systemctl --user}, and each change is timed from the arrival of the first systemd signal that led to
 * it, as the panel's D-Bus client stamped it in its signal handler ({@link UnitEvent.Changed#signalNanos()}),
 * to the pulse after which the card's state badge shows the new state (a post-layout pulse listener: the
 * pulse whose frame shows it). Beside it, for context, when that signal arrived relative to systemctl's return
 * (negative: systemd sent it before the job finished and systemctl returned).
 */
@Tag("real-parts")
@Tag("real-systemd")
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class EventToScreenBench {

    static final String UNIT = "containerd.service";
    static final int CHANGES = 120;
    static final int NOT_COUNTED = 4;
    static final Duration PROMPTLY = Duration.ofSeconds(10);
    static DbusUserManager manager;
    MainWindow window;

    /** The bench's own watch heard EVENT at NANOS (on the client's event thread, as the window's watch does). */
    record Heard(UnitEvent.Changed event, long nanos) {
    }

    /** The badge showed {@code text} from the pulse at {@code nanos}. */
    record Frame(String text, long nanos) {
    }

    @BeforeAll
    static void connect() {
        TestUser.installUnit("containerd.service", UNIT);
        TestUser.systemctlMayFail("stop", UNIT);
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void disconnect() {
        manager.close();
        TestUser.systemctlMayFail("stop", UNIT);
        TestUser.removeUnit(UNIT);
    }

    @Start
    void start(Stage stage) {
        window = MainWindow.open(stage, manager);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.stage().close());
    }

    @Test
    void unitChangesFromOutsideReachTheCard(FxRobot robot) throws Exception {
        Label badge = robot.lookup("#card-containerd .status-badge").queryAs(Label.class);
        LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        robot.interact(() -> {
            String[] last = {badge.getText()};
            badge.getScene().addPostLayoutPulseListener(() -> {
                String now = badge.getText();
                if (!now.equals(last[0])) {
                    last[0] = now;
                    frames.add(new Frame(now, System.nanoTime()));
                }
            });
        });
        LinkedBlockingQueue<Heard> events = new LinkedBlockingQueue<>();
        List<Double> toScreen = new ArrayList<>();
        List<Double> afterSystemctl = new ArrayList<>();
        List<Double> toEvent = new ArrayList<>();
        try (UserManager.Watch w = manager.watch(List.of(UNIT), ev -> {
            if (ev instanceof UnitEvent.Changed c) {
                events.add(new Heard(c, System.nanoTime()));
            }
        })) {
            Fx.await(PROMPTLY, () -> badge.getText().equals("Inactive"), () -> "badge '" + badge.getText() + "'");
            for (int i = 0; i < CHANGES + NOT_COUNTED; i++) {
                boolean start = i % 2 == 0;
                ActiveState want = start ? ActiveState.ACTIVE : ActiveState.INACTIVE;
                String text = start ? "Active · running" : "Inactive";
                events.clear();
                frames.clear();
                TestUser.systemctl(start ? "start" : "stop", UNIT);
                long returned = System.nanoTime();
                Heard heard = await(events, h -> h.event().status().activeState() == want
                        && h.event().signalNanos() != UnitEvent.NO_SIGNAL, "a signalled " + want + " event");
                UnitEvent.Changed ev = heard.event();
                Frame shown = await(frames, f -> f.text().equals(text), "the badge showing " + text);
                if (i >= NOT_COUNTED) {
                    toScreen.add((shown.nanos() - ev.signalNanos()) / 1e6);
                    afterSystemctl.add((ev.signalNanos() - returned) / 1e6);
                    toEvent.add((heard.nanos() - ev.signalNanos()) / 1e6);
                }
            }
        }
        assertThat(toScreen).hasSize(CHANGES);
        String how = CHANGES + " changes (start and stop in turn) of the stand-in " + UNIT + " with systemctl --user, "
                + "after " + NOT_COUNTED + " not counted; the real main window on Xvfb (GTK glass, software rendering)";
        Bench.record(new Bench.Result("event-to-screen", "Event to screen",
                new Bench.Series("signal arrival in the panel's D-Bus client to the pulse that shows the card's new "
                        + "state", "ms", toScreen.stream().mapToDouble(Double::doubleValue).toArray()))
                .budget(new Bench.Budget("event to screen p99 under 100 ms", Bench.Statistic.P99, 100))
                .note(how)
                .note("from the first signal that led to the read of the new state (the client reads the unit once "
                        + "per burst of signals) to the post-layout pulse after which the badge shows it"));
        Bench.record(new Bench.Result("event-to-screen-signal-to-event", "Event to screen",
                new Bench.Series("signal arrival to the client's event with the new state (the unit read over D-Bus: "
                        + "LoadUnit and two GetAll)", "ms", toEvent.stream().mapToDouble(Double::doubleValue).toArray()))
                .note(how)
                .note("the first part of event-to-screen; the rest is the hop to the FX thread and the pulse"));
        Bench.record(new Bench.Result("event-to-screen-systemctl-to-signal", "Event to screen",
                new Bench.Series("systemctl --user start/stop returning to the first signal's arrival (negative: "
                        + "before systemctl returned)", "ms", afterSystemctl.stream().mapToDouble(Double::doubleValue)
                        .toArray()))
                .note(how)
                .note("context for event-to-screen: systemd signals the state change before the job ends, and "
                        + "systemctl returns after the job ends, so this is mostly negative"));
    }

    private static <T> T await(LinkedBlockingQueue<T> q, Predicate<T> wanted, String what) throws InterruptedException {
        long end = System.nanoTime() + PROMPTLY.toNanos();
        while (true) {
            T t = q.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (t == null) {
                throw new AssertionError("no " + what + " within " + PROMPTLY);
            }
            if (wanted.test(t)) {
                return t;
            }
        }
    }
}
