package io.github.rootlesspanel.systemd;

import java.nio.file.Files;
import java.nio.file.Path;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;

import io.github.rootlesspanel.systemd.bus.LogindManager;

/**
 * Lingering: whether the user's manager (and so containerd) starts at boot rather than at login.
 * The truth is the file {@code /var/lib/systemd/linger/USER} (logind sends no signal for it); enabling
 * goes through logind over the system bus, which asks polkit. Where that is not possible the user gets
 * the command to run instead; the panel never runs sudo.
 */
public final class Lingering {

    private Lingering() {
    }

    public static boolean enabled(String user) {
        return Files.exists(Path.of("/var/lib/systemd/linger", user));
    }

    public static String command(String user) {
        return "sudo loginctl enable-linger " + user;
    }

    /** Asks logind to enable lingering for {@code uid}; polkit may show its own password dialog. */
    public static void enable(int uid, String user) throws SystemdException {
        try (DBusConnection c = DBusConnectionBuilder.forSystemBus().withShared(false).build()) {
            LogindManager logind = c.getRemoteObject(LogindManager.BUS_NAME, LogindManager.OBJECT_PATH,
                    LogindManager.class);
            logind.SetUserLinger(new UInt32(uid), true, true);
        } catch (org.freedesktop.dbus.exceptions.DBusExecutionException e) {
            throw new SystemdException.AccessDenied("logind refused to enable lingering (" + e.getMessage()
                    + "). Run instead: " + command(user), e);
        } catch (Exception e) {
            throw new SystemdException.BusUnavailable("logind cannot be reached on the system bus (" + e.getMessage()
                    + "). Run instead: " + command(user), String.valueOf(e), e);
        }
    }
}
