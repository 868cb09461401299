package io.github.rootlesspanel.desktop;

import java.nio.file.Files;
import java.nio.file.Path;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

/** A private connection to the session bus for the desktop services. */
final class SessionBus {

    private SessionBus() {
    }

    /**
     * Connects to ADDRESS. A {@code unix:path=} socket that does not exist fails at once: dbus-java would
     * retry it 20 times, half a second apart, before giving up.
     */
    static DBusConnection connect(String address) throws DBusException {
        if (address.startsWith("unix:path=")) {
            String path = address.substring("unix:path=".length()).split(",", 2)[0];
            if (!Files.exists(Path.of(path))) {
                throw new DBusException("no session bus at " + path);
            }
        }
        return DBusConnectionBuilder.forAddress(address).withShared(false).build();
    }
}
