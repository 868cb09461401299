package io.github.rootlesspanel;

import java.util.Optional;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.desktop.DbusNotifier;
import io.github.rootlesspanel.desktop.PortalColorScheme;
import io.github.rootlesspanel.host.Identity;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UserBusAddress;
import io.github.rootlesspanel.trace.StartupTrace;
import io.github.rootlesspanel.trace.StartupTrace.Milestone;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.main.DesktopServices;
import io.github.rootlesspanel.ui.main.FirstStatesRendered;
import io.github.rootlesspanel.ui.main.MainWindow;

/** The desktop application: connects to the user manager in the background and shows the main window. */
public final class App extends Application {

    private DbusUserManager manager;
    private DesktopServices desktop;

    static void launchWindow(String[] args) {
        Application.launch(App.class, args);
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark(Milestone.FX_START);
        if (Identity.isRoot()) {
            Alert a = new Alert(Alert.AlertType.ERROR, Messages.get("main.root.message"));
            a.setHeaderText(Messages.get("main.root.title"));
            a.showAndWait();
            Platform.exit();
            return;
        }
        // Without either variable, try the standard place; the window then says what is wrong.
        String address = UserBusAddress.resolve(System.getenv())
                .orElse("unix:path=/run/user/" + Identity.effectiveUid() + "/bus");
        manager = DbusUserManager.connectInBackground(address);
        if (StartupTrace.enabled()) {
            // a watch of no units hears only the connection, on the client's own thread
            manager.watch(java.util.List.of(), ev -> {
                if (ev instanceof UnitEvent.Connected) {
                    StartupTrace.mark(Milestone.BUS_CONNECTED);
                }
            });
        }
        // the desktop session around the panel: notifications and the portal's colour scheme, on the session bus
        String session = Optional.ofNullable(System.getenv("DBUS_SESSION_BUS_ADDRESS")).orElse(address);
        desktop = new DesktopServices(new DbusNotifier(session, Messages.get("notifications.open")),
                new PortalColorScheme(session), Optional.of(PreferencesFile.of(XdgDirs.from(System.getenv()))));
        MainWindow window = MainWindow.open(stage, manager, desktop);
        if (StartupTrace.enabled()) {
            FirstStatesRendered.watch(stage.getScene(), window.overview(),
                    () -> StartupTrace.mark(Milestone.FIRST_STATES_RENDERED));
        }
    }

    @Override
    public void stop() {
        StartupTrace.mark(Milestone.EXIT);
        if (desktop != null) {
            desktop.notifier().close();
            desktop.colorScheme().close();
        }
        if (manager != null) {
            manager.close();
        }
    }
}
