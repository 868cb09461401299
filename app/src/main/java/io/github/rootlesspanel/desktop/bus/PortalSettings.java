package io.github.rootlesspanel.desktop.bus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The raw {@code org.freedesktop.portal.Settings} interface, version 1 (xdg-desktop-portal 1.16 has no
 * {@code ReadOne}; {@code Read} wraps its value in a second variant).
 */
@DBusInterfaceName("org.freedesktop.portal.Settings")
public interface PortalSettings extends DBusInterface {

    String BUS_NAME = "org.freedesktop.portal.Desktop";
    String OBJECT_PATH = "/org/freedesktop/portal/desktop";

    Variant<?> Read(String namespace, String key);

    /** {@code SettingChanged(s namespace, s key, v value)}, the value wrapped once. */
    class SettingChanged extends DBusSignal {
        private final String namespace;
        private final String key;
        private final Variant<?> value;

        public SettingChanged(String path, String namespace, String key, Variant<?> value) throws DBusException {
            super(path, namespace, key, value);
            this.namespace = namespace;
            this.key = key;
            this.value = value;
        }

        public String namespace() {
            return namespace;
        }

        public String key() {
            return key;
        }

        public Variant<?> value() {
            return value;
        }
    }
}
