package org.freedesktop.systemd1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** systemd's {@code org.freedesktop.systemd1.OnlyByDependency} error; the class name is what dbus-java maps the error name to. */
public class OnlyByDependency extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    public OnlyByDependency(String message) {
        super(message);
    }
}
