package io.github.rootlesspanel.systemd;

import static io.github.rootlesspanel.testsupport.Events.changed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.rootlesspanel.testsupport.Events;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.testsupport.Tried;
import io.github.rootlesspanel.testsupport.Tried.Kind;

/**
 * Issue 11, faults of the systemd side: the real user manager re-executes itself ({@code daemon-reexec}) or is
 * stopped and started again (the test environment's supervisor relaunches a {@code systemd --user} that exits;
 * its user bus, a unit of that manager, goes and comes with it), while the panel is idle and while a start job of
 * ours runs. slow-start.service takes ~5 s to start (ExecStartPre=/bin/sleep 5), so the fault lands inside the job.
 * The panel must notice, reconnect, subscribe again, and report an honest outcome: the job's real result when it
 * survived (daemon-reexec keeps jobs), otherwise "lost" with the unit's true state, never a success nobody saw.
 */
@Tag("real-systemd")
class SystemdFaultsIT {

    static final String SLOW = "slow-start.service";
    static final String CONTAINERD = "containerd.service";
    /** The command line takes components only: the slow stand-in is installed under a component's unit name. */
    static final String AS_COMPONENT = "buildkit.service";
    static final Duration PROMPTLY = Duration.ofSeconds(15);
    static final Duration BACK = Duration.ofSeconds(60);

    enum Fault { DAEMON_REEXEC, MANAGER_STOP_START }

    /** How many faults each job test inflicts (one parameterised run each). */
    static final int FAULTS = 2;

    DbusUserManager manager;
    final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        assertThat(Fault.values()).hasSize(FAULTS);
        TestUser.installUnit("containerd.service", CONTAINERD);
        TestUser.installUnit("slow-start.service", SLOW);
        TestUser.installUnit("slow-start.service", AS_COMPONENT);
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        background.shutdownNow();
        if (manager != null) {
            manager.close();
        }
        awaitManagerBack();
        TestUser.removeUnit(SLOW);
        TestUser.removeUnit(AS_COMPONENT);
        TestUser.removeUnit(CONTAINERD);
    }

    /**
     * A test that failed half-way may leave the manager restarting: wait for its private socket (systemctl's way in;
     * nothing signals it) so that the next test does not fail for this one.
     */
    static void awaitManagerBack() throws InterruptedException {
        long end = System.nanoTime() + BACK.toNanos();
        while (TestUser.systemctlMayFail("show", "-P", "Version").exitCode() != 0 && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    static void inflict(Fault fault) {
        switch (fault) {
            case DAEMON_REEXEC -> TestUser.systemctl("daemon-reexec");
            case MANAGER_STOP_START -> {
                long pid = TestUser.managerPid();
                TestUser.run(List.of("kill", "-TERM", Long.toString(pid)), Duration.ofSeconds(5));
            }
        }
    }

    static ActiveState truth(String unit) {
        return ActiveState.parse(TestUser.systemctl("show", "-P", "ActiveState", unit).trim());
    }

    @Test
    @Tried(kind = Kind.FAULT, what = "systemd --user daemon-reexec while the panel is idle", cases = 1,
            outcome = "disconnect shown, reconnected and subscribed again; the true state, then a later change from "
                    + "outside, reach the watcher")
    void reexecWhileIdleIsShownAndRecovered() {
        TestUser.systemctl("start", CONTAINERD);
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(List.of(CONTAINERD), events)) {
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.ACTIVE), PROMPTLY, "active before");
            long pid = TestUser.mainPid(CONTAINERD);

            inflict(Fault.DAEMON_REEXEC);

            events.await(e -> e instanceof UnitEvent.Disconnected, PROMPTLY, "disconnected");
            events.await(e -> e instanceof UnitEvent.Connected, BACK, "reconnected");
            // re-execution keeps units running: the same process, still active
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.ACTIVE && s.mainPid() == pid),
                    PROMPTLY, "still active with the same PID after reexec");
            assertThat(manager.connectionState()).isEqualTo(ConnectionState.CONNECTED);

            TestUser.systemctl("stop", CONTAINERD);
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.INACTIVE), PROMPTLY,
                    "a stop from outside after the reexec");
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    @Tried(kind = Kind.FAULT, what = "systemd --user daemon-reexec, or stopped and started, while a start job of "
            + "the panel runs", cases = FAULTS,
            outcome = "the job's real result if it survived (reexec), else 'canceled' or 'lost', never success; the "
                    + "unit's true state after reconnecting; a later change from outside is seen")
    void aJobThatLosesItsConnectionReportsAnHonestOutcome(Fault fault) throws Exception {
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(List.of(SLOW), events)) {
            events.await(changed(SLOW, s -> s.activeState() == ActiveState.INACTIVE), PROMPTLY, "inactive first");
            Future<JobOutcome> job = background.submit(() -> manager.run(JobKind.START, SLOW));
            events.await(changed(SLOW, s -> s.activeState() == ActiveState.ACTIVATING), PROMPTLY, "activating");

            inflict(fault);
            JobOutcome o = job.get(90, TimeUnit.SECONDS);
            events.await(e -> e instanceof UnitEvent.Disconnected, PROMPTLY, "disconnected (" + o.message() + ")");
            events.await(e -> e instanceof UnitEvent.Connected, BACK, "reconnected (" + o.message() + ")");

            ActiveState now = truth(SLOW);
            if (o.result() == JobResult.LOST || o.message().contains("after reconnecting")) {
                assertThat(o.after().activeState()).as(o.message()).isEqualTo(now);
            }
            switch (fault) {
                case DAEMON_REEXEC -> {
                    // the job survived the re-execution: its real end is reported, and says what happened
                    assertThat(o.result()).as(o.message()).isEqualTo(JobResult.DONE);
                    assertThat(now).isEqualTo(ActiveState.ACTIVE);
                    assertThat(o.message()).contains("done").contains("lost and restored");
                }
                case MANAGER_STOP_START -> {
                    // the stopping manager cancels the job (JobRemoved "canceled" may or may not still reach us)
                    // and stops the unit: either way no success, and the message says which
                    assertThat(o.succeeded()).as(o.message()).isFalse();
                    assertThat(o.result()).as(o.message()).isIn(JobResult.LOST, JobResult.CANCELED);
                    assertThat(now).isEqualTo(ActiveState.INACTIVE);
                    assertThat(o.message()).containsAnyOf("was lost while the job ran", "the job was canceled");
                }
            }

            // subscribed again: a change made from outside now reaches the watcher
            assertThat(manager.connectionState()).isEqualTo(ConnectionState.CONNECTED);
            if (now == ActiveState.ACTIVE) {
                TestUser.systemctl("stop", SLOW);
                events.await(changed(SLOW, s -> s.activeState() == ActiveState.INACTIVE), PROMPTLY, "stopped outside");
            } else {
                // activating, or (seen once, right after a manager restart) only its end, active
                TestUser.systemctl("start", "--no-block", SLOW);
                events.await(changed(SLOW, s -> s.activeState() == ActiveState.ACTIVATING
                        || s.activeState() == ActiveState.ACTIVE), PROMPTLY, "started outside");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    @Tried(kind = Kind.FAULT, what = "`rootless-panel start` while systemd --user re-executes or is stopped and "
            + "started", cases = FAULTS,
            outcome = "exit 0 only when systemd confirmed the job; else exit 1 with the unit's true state on stderr")
    void theCommandLineExitsHonestly(Fault fault) throws Exception {
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(List.of(AS_COMPONENT), events)) {
            events.await(changed(AS_COMPONENT, s -> s.activeState() == ActiveState.INACTIVE), PROMPTLY, "inactive");
            Future<TestUser.Split> cli = background.submit(() -> TestUser.panelSplit("start", "buildkit"));
            events.await(changed(AS_COMPONENT, s -> s.activeState() == ActiveState.ACTIVATING), BACK,
                    "activating (started by the command line)");

            inflict(fault);
            TestUser.Split r = cli.get(120, TimeUnit.SECONDS);
            events.await(e -> e instanceof UnitEvent.Connected, BACK, "the manager back (exit " + r.exitCode() + ": "
                    + r.output() + ")");

            ActiveState now = truth(AS_COMPONENT);
            switch (fault) {
                case DAEMON_REEXEC -> {
                    assertThat(r.exitCode()).as(r.output()).isZero();
                    assertThat(now).as(r.output()).isEqualTo(ActiveState.ACTIVE);
                    assertThat(r.stdout()).contains("done").contains("lost and restored");
                }
                case MANAGER_STOP_START -> {
                    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
                    assertThat(now).as(r.output()).isEqualTo(ActiveState.INACTIVE);
                    assertThat(r.stderr()).containsAnyOf("was lost while the job ran", "the job was canceled");
                }
            }
        }
    }
}
