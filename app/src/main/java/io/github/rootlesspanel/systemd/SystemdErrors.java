package io.github.rootlesspanel.systemd;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** The one place where D-Bus and systemd errors become {@link SystemdException}s. */
final class SystemdErrors {

    private static final Pattern NOT_FOUND = Pattern.compile("Unit (?:file )?(\\S+?)\\.? (?:not found|not loaded|does not exist)");

    private SystemdErrors() {
    }

    static SystemdException map(Throwable e, String unit) {
        if (e instanceof SystemdException se) {
            return se;
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String detail = e.getClass().getName() + ": " + text;
        if (e instanceof org.freedesktop.systemd1.NoSuchUnit) {
            return new SystemdException.NoSuchUnit(unit, detail, e);
        }
        if (e instanceof org.freedesktop.systemd1.UnitMasked) {
            return new SystemdException.UnitMasked(unit, detail, e);
        }
        if (e instanceof org.freedesktop.systemd1.JobTypeNotApplicable) {
            return new SystemdException.NotApplicable("systemd cannot do that with " + unit + ": " + text, detail, e);
        }
        if (e instanceof org.freedesktop.systemd1.OnlyByDependency) {
            return new SystemdException.NotApplicable(
                    unit + " refuses to be started or stopped by hand (RefuseManualStart/Stop); it follows other units.",
                    detail, e);
        }
        if (e instanceof org.freedesktop.systemd1.BadUnitSetting || e instanceof org.freedesktop.systemd1.LoadFailed) {
            return new SystemdException.Failed(unit + " has an invalid unit file; systemd refuses to load it. " + text,
                    detail, e);
        }
        if (e instanceof org.freedesktop.dbus.errors.AccessDenied) {
            return new SystemdException.AccessDenied(detail, e);
        }
        if (e instanceof ServiceUnknown || e instanceof NoReply || e instanceof DBusException
                || looksDisconnected(text) || causedByTransport(e)) {
            return new SystemdException.BusUnavailable(
                    "The systemd user manager is not reachable right now. " + text, detail, e);
        }
        if (e instanceof DBusExecutionException) {
            Matcher m = NOT_FOUND.matcher(text);
            if (m.find()) {
                return new SystemdException.NoSuchUnit(unit, detail, e);
            }
            if (text.contains("is masked")) {
                return new SystemdException.UnitMasked(unit, detail, e);
            }
            return new SystemdException.Failed("systemd refused: " + text, detail, e);
        }
        return new SystemdException.Failed("Unexpected error talking to systemd: " + text, detail, e);
    }

    /** The bus socket itself failed (EOF, I/O error): the connection is gone, whatever the message says. */
    private static boolean causedByTransport(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException || c instanceof org.freedesktop.dbus.exceptions.FatalDBusException) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksDisconnected(String text) {
        String t = text.toLowerCase();
        // "Message Failed to Send: Broken pipe": dbus-java's words for a write to a bus that went away
        // "(1) Underlying transport returned -1": the same for a read that hit the end of the socket
        return t.contains("not connected") || t.contains("disconnected") || t.contains("broken pipe")
                || t.contains("transport returned -1") || t.contains("disconnecting")
                || t.contains("failed to send") || t.contains("connection")
                && (t.contains("closed") || t.contains("reset") || t.contains("refused"));
    }
}
