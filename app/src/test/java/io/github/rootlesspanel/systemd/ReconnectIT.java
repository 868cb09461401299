package io.github.rootlesspanel.systemd;

import static io.github.rootlesspanel.testsupport.Events.changed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.testsupport.Events;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.testsupport.Tried;
import io.github.rootlesspanel.testsupport.Tried.Kind;

/**
 * The bus daemon is killed, and the user manager itself is restarted (the test environment's supervisor
 * starts it again), while the client is connected: it must say so, reconnect, subscribe again and
 * report the true state afterwards.
 */
@Tag("real-systemd")
class ReconnectIT {

    static final String CONTAINERD = "containerd.service";
    DbusUserManager manager;

    @BeforeEach
    void setUp() {
        TestUser.installUnit("containerd.service", CONTAINERD);
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterEach
    void tearDown() {
        manager.close();
        TestUser.removeUnit(CONTAINERD);
    }

    @Test
    @Tried(kind = Kind.FAULT, what = "the user bus daemon killed (SIGKILL) while the panel is idle", cases = 1,
            outcome = "disconnect shown, reconnected and subscribed again; a later change from outside is seen")
    void reconnectsAfterTheBusDaemonIsKilled() throws Exception {
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(List.of(CONTAINERD), events)) {
            events.await(changed(CONTAINERD, s -> true), Duration.ofSeconds(10), "first state");
            long busPid = TestUser.mainPid("dbus.service");
            TestUser.run(List.of("kill", "-KILL", Long.toString(busPid)), Duration.ofSeconds(5));

            events.await(e -> e instanceof UnitEvent.Disconnected, Duration.ofSeconds(10), "disconnected");
            events.await(e -> e instanceof UnitEvent.Connected, TestUser.BUS_BACK, "reconnected");
            assertThat(manager.connectionState()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(TestUser.mainPid("dbus.service")).isNotEqualTo(busPid);

            // signals flow again: a change from outside is seen
            TestUser.systemctl("start", CONTAINERD);
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.ACTIVE), Duration.ofSeconds(10),
                    "active after reconnect");
        }
    }

    @Test
    @Tried(kind = Kind.FAULT, what = "systemd --user stopped and started while the panel is idle", cases = 1,
            outcome = "disconnect shown, reconnected; the true state (the unit stopped with the old manager) is shown")
    void reconnectsAfterTheUserManagerRestarts() throws Exception {
        TestUser.systemctl("start", CONTAINERD);
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(List.of(CONTAINERD), events)) {
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.ACTIVE), Duration.ofSeconds(10),
                    "active before restart");
            long managerPid = TestUser.managerPid();
            TestUser.run(List.of("kill", "-TERM", Long.toString(managerPid)), Duration.ofSeconds(5));

            events.await(e -> e instanceof UnitEvent.Disconnected, Duration.ofSeconds(15), "disconnected");
            events.await(e -> e instanceof UnitEvent.Connected, Duration.ofSeconds(60), "reconnected");
            // the new manager did not start the (not enabled) unit: the true state is inactive
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.INACTIVE), Duration.ofSeconds(10),
                    "inactive after restart");
            assertThat(TestUser.managerPid()).isNotEqualTo(managerPid);
            assertThat(manager.run(JobKind.START, CONTAINERD).succeeded()).isTrue();
        }
    }
}
