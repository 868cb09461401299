package io.github.rootlesspanel.desktop;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import io.github.rootlesspanel.desktop.bus.Notifications;

/**
 * Desktop notifications through {@code org.freedesktop.Notifications} on the session bus. A unit's newer
 * notice replaces its older one (replaces_id); the "Open" action reports the unit to the open listener.
 * The connection is made on the first notice and kept: the server sends ActionInvoked and
 * NotificationClosed only to the connection that made the notification. No bus or no server: show()
 * answers false, and says so in the log once.
 */
public final class DbusNotifier implements Notifier {

    private static final Logger LOG = System.getLogger(DbusNotifier.class.getName());
    /** The desktop file id (and icon name) the panel installs under. */
    static final String APP_ID = "io.github.rootlesspanel.RootlessPanel";
    static final String APP_NAME = "Rootless Panel";
    static final String OPEN_ACTION = "open";
    /** The spec's key for a click on the notification itself. */
    static final String DEFAULT_ACTION = "default";
    private static final byte URGENCY_NORMAL = 1;
    private static final byte URGENCY_CRITICAL = 2;

    private final String address;
    private final String openLabel;
    private DBusConnection connection;
    private Notifications server;
    private final List<AutoCloseable> handlers = new ArrayList<>();
    /** The notification shown now for each unit, so the next one replaces it. */
    private final Map<String, Long> idByUnit = new HashMap<>();
    private final Map<Long, String> unitById = new HashMap<>();
    private volatile Consumer<String> openListener = u -> { };
    private boolean failureLogged;
    private boolean closed;

    /** ADDRESS: the session bus; OPEN_LABEL: the translated text of the "Open" action. */
    public DbusNotifier(String address, String openLabel) {
        this.address = Objects.requireNonNull(address, "address");
        this.openLabel = Objects.requireNonNull(openLabel, "openLabel");
    }

    @Override
    public synchronized boolean show(Notice notice) {
        if (closed) {
            return false;
        }
        try {
            Notifications n = server();
            long replaces = notice.unit().map(idByUnit::get).orElse(0L);
            Map<String, Variant<?>> hints = Map.of(
                    "urgency", new Variant<>(notice.critical() ? URGENCY_CRITICAL : URGENCY_NORMAL),
                    "desktop-entry", new Variant<>(APP_ID));
            List<String> actions = notice.unit().isPresent()
                    ? List.of(DEFAULT_ACTION, openLabel, OPEN_ACTION, openLabel) : List.of();
            long id = n.Notify(APP_NAME, new UInt32(replaces), APP_ID, notice.summary(), notice.body(), actions, hints,
                    -1).longValue();
            if (notice.unit().isPresent()) {
                String unit = notice.unit().get();
                unitById.remove(replaces);
                idByUnit.put(unit, id);
                unitById.put(id, unit);
            }
            failureLogged = false;
            return true;
        } catch (DBusException | DBusExecutionException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.INFO, "no desktop notifications (" + e.getMessage() + "); notices show in the window only");
            }
            // a lost bus is built again on the next notice
            disconnect();
            return false;
        }
    }

    @Override
    public void setOpenListener(Consumer<String> listener) {
        openListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
    }

    private Notifications server() throws DBusException {
        if (server == null) {
            DBusConnection c = SessionBus.connect(address);
            try {
                handlers.add(c.addSigHandler(Notifications.ActionInvoked.class, s -> {
                    if (OPEN_ACTION.equals(s.actionKey()) || DEFAULT_ACTION.equals(s.actionKey())) {
                        String unit;
                        synchronized (this) {
                            unit = unitById.get(s.id());
                        }
                        if (unit != null) {
                            openListener.accept(unit);
                        }
                    }
                }));
                handlers.add(c.addSigHandler(Notifications.NotificationClosed.class, s -> forget(s.id())));
                server = c.getRemoteObject(Notifications.BUS_NAME, Notifications.OBJECT_PATH, Notifications.class);
                connection = c;
            } catch (DBusException | RuntimeException e) {
                connection = c;
                disconnect();
                throw e;
            }
        }
        return server;
    }

    private synchronized void forget(long id) {
        String unit = unitById.remove(id);
        if (unit != null) {
            idByUnit.remove(unit, id);
        }
    }

    private void disconnect() {
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception e) {
                // the connection goes next anyway
            }
        }
        handlers.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the session bus connection", e);
            }
        }
        connection = null;
        server = null;
        idByUnit.clear();
        unitById.clear();
    }
}
