package io.github.rootlesspanel.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session without a user bus (ssh, su): the socket path is checked before dbus-java retries it. */
class MissingBusTest {

    @Test
    void aMissingSocketIsReportedAsSuch(@TempDir Path dir) {
        String address = "unix:path=" + dir.resolve("bus");
        assertThatThrownBy(() -> DbusUserManager.connect(address))
                .isInstanceOf(SystemdException.BusUnavailable.class)
                .hasMessageContaining("there is no user bus socket at " + dir.resolve("bus"))
                .hasMessageContaining("systemctl --user");
    }

    @Test
    void theWindowsBackgroundConnectionKeepsTryingAndSaysWhy(@TempDir Path dir) throws Exception {
        java.util.concurrent.BlockingQueue<UnitEvent> events = new java.util.concurrent.LinkedBlockingQueue<>();
        try (DbusUserManager m = DbusUserManager.connectInBackground("unix:path=" + dir.resolve("bus"));
             UserManager.Watch w = m.watch(java.util.List.of("containerd.service"), events::add)) {
            UnitEvent e;
            do {
                e = events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(e).as("an event").isNotNull();
            } while (!(e instanceof UnitEvent.Disconnected d && d.reason().contains("no user bus socket")));
            assertThat(m.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        }
    }
}
