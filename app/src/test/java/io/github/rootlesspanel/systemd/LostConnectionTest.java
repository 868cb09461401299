package io.github.rootlesspanel.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.exceptions.FatalDBusException;
import org.junit.jupiter.api.Test;

/**
 * What the job sentence and the error mapping say when the connection to systemd goes away mid-job (issue 11): the
 * words dbus-java uses for a bus that went away are a lost connection (exit 4, reconnect), never "systemd refused"
 * (exit 3); a job whose end was not seen is not a success and says the state after reconnecting.
 */
class LostConnectionTest {

    @Test
    void aWriteOrReadOnADeadBusIsALostConnection() {
        assertThat(SystemdErrors.map(new DBusExecutionException("Message Failed to Send: Broken pipe"), "x.service"))
                .isInstanceOf(SystemdException.BusUnavailable.class);
        assertThat(SystemdErrors.map(new DBusExecutionException("(1) Underlying transport returned -1"), "x.service"))
                .isInstanceOf(SystemdException.BusUnavailable.class);
        assertThat(SystemdErrors.map(new DBusExecutionException("Disconnecting"), "x.service"))
                .isInstanceOf(SystemdException.BusUnavailable.class);
        RuntimeException wrapped = new RuntimeException("boom", new FatalDBusException(new java.io.EOFException()));
        assertThat(SystemdErrors.map(wrapped, "x.service")).isInstanceOf(SystemdException.BusUnavailable.class);
        // systemd's own refusals stay refusals
        assertThat(SystemdErrors.map(new DBusExecutionException("Unit x.service not found."), "x.service"))
                .isInstanceOf(SystemdException.NoSuchUnit.class);
        assertThat(SystemdErrors.map(new DBusExecutionException("Operation refused, unit may not be isolated."),
                "x.service")).isInstanceOf(SystemdException.Failed.class);
    }

    @Test
    void aLostJobIsNoSuccessAndSaysTheStateAfterReconnecting() {
        assertThat(JobResult.LOST.isSuccess()).isFalse();
        assertThat(JobResult.parse("lost")).as("never from systemd's wire").isEqualTo(JobResult.OTHER);
        String s = DbusUserManager.describe(JobKind.START, "x.service", JobResult.LOST, UnitStatus.notFound("x.service"));
        assertThat(s).contains("was lost while the job ran").contains("the unit is inactive (dead)")
                .doesNotContain("done");
    }
}
