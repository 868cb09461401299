package io.github.rootlesspanel.desktop;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;

import io.github.rootlesspanel.desktop.bus.PortalSettings;

/**
 * The desktop's colour preference from the XDG desktop portal's Settings ({@code org.freedesktop.appearance}
 * {@code color-scheme}) on the session bus, followed through its SettingChanged signal. Uses {@code Read}
 * (interface version 1, as in xdg-desktop-portal 1.16), which wraps the value twice. No bus, no portal or
 * no such setting: NO_PREFERENCE. {@link #current()} and {@link #setListener} talk to the bus: call them off
 * the FX thread.
 */
public final class PortalColorScheme implements ColorSchemeSource {

    private static final Logger LOG = System.getLogger(PortalColorScheme.class.getName());
    static final String NAMESPACE = "org.freedesktop.appearance";
    static final String KEY = "color-scheme";

    private final String address;
    private DBusConnection connection;
    private AutoCloseable signal;
    private volatile Consumer<ColorScheme> listener = s -> { };
    private boolean failureLogged;
    private boolean closed;

    public PortalColorScheme(String address) {
        this.address = Objects.requireNonNull(address, "address");
    }

    @Override
    public synchronized ColorScheme current() {
        if (closed) {
            return ColorScheme.NO_PREFERENCE;
        }
        try {
            PortalSettings settings = connection().getRemoteObject(PortalSettings.BUS_NAME, PortalSettings.OBJECT_PATH,
                    PortalSettings.class);
            return scheme(settings.Read(NAMESPACE, KEY));
        } catch (DBusException | DBusExecutionException e) {
            unavailable(e);
            return ColorScheme.NO_PREFERENCE;
        }
    }

    /** Subscribes to the portal's changes (once); LISTENER hears each new preference on a bus thread. */
    @Override
    public synchronized void setListener(Consumer<ColorScheme> l) {
        listener = Objects.requireNonNull(l, "listener");
        if (closed || signal != null) {
            return;
        }
        try {
            signal = connection().addSigHandler(PortalSettings.SettingChanged.class, s -> {
                if (NAMESPACE.equals(s.namespace()) && KEY.equals(s.key())) {
                    listener.accept(scheme(s.value()));
                }
            });
        } catch (DBusException | DBusExecutionException e) {
            unavailable(e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (signal != null) {
            try {
                signal.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "removing the SettingChanged handler", e);
            }
            signal = null;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the session bus connection", e);
            }
            connection = null;
        }
    }

    /** The portal's number, however many variants it comes wrapped in (Read: two, SettingChanged: one). */
    static ColorScheme scheme(Object value) {
        Object v = value;
        while (v instanceof Variant<?> inner) {
            v = inner.getValue();
        }
        return v instanceof Number n ? ColorScheme.ofPortalValue(n.longValue()) : ColorScheme.NO_PREFERENCE;
    }

    private DBusConnection connection() throws DBusException {
        if (connection == null) {
            connection = SessionBus.connect(address);
        }
        return connection;
    }

    private void unavailable(Exception e) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.log(Level.INFO, "no colour preference from the desktop portal (" + e.getMessage() + ")");
        }
    }
}
