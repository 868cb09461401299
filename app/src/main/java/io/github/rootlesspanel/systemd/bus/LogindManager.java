package io.github.rootlesspanel.systemd.bus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/** The one logind call the panel makes, on the system bus: {@code SetUserLinger(u uid, b enable, b interactive)}. */
@DBusInterfaceName("org.freedesktop.login1.Manager")
public interface LogindManager extends DBusInterface {

    String BUS_NAME = "org.freedesktop.login1";
    String OBJECT_PATH = "/org/freedesktop/login1";

    void SetUserLinger(UInt32 uid, boolean enable, boolean interactive);
}
