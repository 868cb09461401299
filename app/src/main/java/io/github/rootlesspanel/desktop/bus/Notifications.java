package io.github.rootlesspanel.desktop.bus;

import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/** The raw {@code org.freedesktop.Notifications} interface (spec 1.2), trimmed to what the panel uses. */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface Notifications extends DBusInterface {

    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, List<String> actions,
            Map<String, Variant<?>> hints, int expireTimeout);

    /** {@code ActionInvoked(u id, s action_key)}, sent only to the connection that made the notification. */
    class ActionInvoked extends DBusSignal {
        private final UInt32 id;
        private final String actionKey;

        public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
            super(path, id, actionKey);
            this.id = id;
            this.actionKey = actionKey;
        }

        public long id() {
            return id.longValue();
        }

        public String actionKey() {
            return actionKey;
        }
    }

    /** {@code NotificationClosed(u id, u reason)}: expired, dismissed, closed by a call, or undefined. */
    class NotificationClosed extends DBusSignal {
        private final UInt32 id;

        public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
            super(path, id, reason);
            this.id = id;
        }

        public long id() {
            return id.longValue();
        }
    }
}
