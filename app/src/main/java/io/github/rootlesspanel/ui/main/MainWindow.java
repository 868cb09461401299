package io.github.rootlesspanel.ui.main;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import io.github.rootlesspanel.cli.Version;
import io.github.rootlesspanel.host.ToolVersions;
import io.github.rootlesspanel.ui.about.AboutViewModel;
import io.github.rootlesspanel.ui.about.AboutWindow;
import io.github.rootlesspanel.ui.common.CurrentPreferences;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.preferences.PreferencesStore;
import io.github.rootlesspanel.ui.preferences.PreferencesWindow;
import io.github.rootlesspanel.host.HostProbe;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.checks.CheckReport;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.systemd.ConnectionState;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.rootlesskit.SettingsService;
import io.github.rootlesspanel.ui.rootlesskit.RootlessKitViewModel;
import io.github.rootlesspanel.snapshotters.SnapshotterService;
import io.github.rootlesspanel.ui.setup.SetupViewModel;
import io.github.rootlesspanel.ui.snapshotters.SnapshottersViewModel;
import io.github.rootlesspanel.ui.common.FxDialogService;
import io.github.rootlesspanel.ui.common.FxThread;
import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.Navigator;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.common.ViewLoader;
import io.github.rootlesspanel.ui.overview.OverviewViewModel;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.ui.containers.ContainersViewModel;
import io.github.rootlesspanel.topology.Layouts;
import io.github.rootlesspanel.topology.Topology;
import io.github.rootlesspanel.topology.TopologyMonitor;
import io.github.rootlesspanel.ui.network.NetworkSummary;
import io.github.rootlesspanel.ui.network.NetworkViewModel;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.journal.JournalAvailability;
import io.github.rootlesspanel.ui.logs.LogsViewModel;
import java.time.Instant;
import java.util.function.IntSupplier;

/** Builds and shows the main window around a {@link UserManager}; used by the app and by UI tests. */
public final class MainWindow {

    private final Stage stage;
    private final OverviewViewModel overview;
    private final SetupViewModel setup;
    private final ExecutorService background;
    private MainWindowController controller;
    private PreferencesStore preferences;
    private ExecutorService settingsWriter;
    private ThemeApplier theme;
    private WindowPlacement placement;
    private io.github.rootlesspanel.notices.NoticeService notices;

    private MainWindow(Stage stage, OverviewViewModel overview, SetupViewModel setup, ExecutorService background) {
        this.stage = stage;
        this.overview = overview;
        this.setup = setup;
        this.background = background;
    }

    public SetupViewModel setup() {
        return setup;
    }

    public static MainWindow open(Stage stage, UserManager manager) {
        return open(stage, manager, DesktopServices.none());
    }

    public static MainWindow open(Stage stage, UserManager plainManager, DesktopServices desktop) {
        // notices (issue 8): every screen's jobs go through PanelJobs, so a stop the user asked for is not news
        io.github.rootlesspanel.notices.PanelJobs manager =
                new io.github.rootlesspanel.notices.PanelJobs(plainManager, Clock.systemDefaultZone());
        ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "panel-task");
            t.setDaemon(true);
            return t;
        });
        TaskRunner tasks = new TaskRunner(background, FxThread.EXECUTOR);
        FxDialogService dialogs = new FxDialogService(() -> stage);
        // settings writes one at a time, in order; not a daemon, so the geometry written at close is not cut off
        ExecutorService settingsWriter = Executors.newSingleThreadExecutor(r -> new Thread(r, "panel-settings"));
        CurrentPreferences current = new CurrentPreferences();
        PreferencesStore preferences = new PreferencesStore(desktop.preferences(), current,
                new TaskRunner(settingsWriter, FxThread.EXECUTOR), dialogs);
        ThemeApplier theme = new ThemeApplier(
                javafx.beans.binding.Bindings.createObjectBinding(() -> current.get().theme(), current.property()),
                desktop.colorScheme(), tasks);
        OverviewViewModel overview = new OverviewViewModel(manager, tasks, dialogs, FxThread.EXECUTOR,
                Clock.systemDefaultZone());
        ProcessRunner runner = new ProcessRunner();
        Supplier<Optional<String>> managerProblem = () -> manager.connectionState() == ConnectionState.CONNECTED
                ? Optional.empty() : Optional.of(Messages.get("main.notConnected"));
        // screens made before the window's frame navigate through it once it exists
        LateNavigator navigator = new LateNavigator();
        SetupViewModel setup = new SetupViewModel(manager, () -> new Installer(manager, runner),
                () -> CheckReport.of(new HostProbe(runner, Path.of("/"), managerProblem).probe()),
                tasks, dialogs, FxThread.EXECUTOR,
                // a failed install's "Show log" goes through the window's Navigator (issue 8: MainWindowController)
                navigator, Clock.systemDefaultZone());
        Image icon = icon(64);
        MainWindowController controller = new MainWindowController(overview, setup,
                () -> new RootlessKitViewModel(new SettingsService(manager, runner), tasks, dialogs),
                () -> {
                    SnapshottersViewModel vm = new SnapshottersViewModel(new SnapshotterService(manager, runner),
                            () -> new HostProbe(runner, Path.of("/"), managerProblem).probe(), tasks, dialogs,
                            FxThread.EXECUTOR);
                    vm.setNavigator(navigator);
                    return vm;
                },
                () -> new ContainersViewModel(ContainersService.forThisUser(System.getenv(), manager), tasks, dialogs,
                        FxThread.EXECUTOR, Clock.systemDefaultZone()),
                () -> new NetworkViewModel(source(TopologyMonitor.forThisUser(System.getenv(), manager)),
                        Layouts::of, NetworkSummary::of, tasks, dialogs, FxThread.EXECUTOR, ZoneId.systemDefault()),
                icon);
        controller.setLogs(() -> new LogsViewModel(new JournalAvailability(manager), current.journalLines(), tasks, dialogs,
                FxThread.EXECUTOR, ZoneId.systemDefault()));
        navigator.target = controller;
        overview.setNavigator(navigator);
        Parent root = ViewLoader.load(Fxml.MAIN_WINDOW, controller);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource("/css/panel.css")).toExternalForm());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), stage::close);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN),
                controller::showOverview);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN),
                controller::showSetup);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN),
                controller::showRootlessKit);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN),
                controller::showSnapshotters);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN),
                controller::showContainers);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT6, KeyCombination.SHORTCUT_DOWN),
                controller::showNetwork);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT7, KeyCombination.SHORTCUT_DOWN),
                controller::showLogs);
        // the diagram's zoom; Ctrl+= and the keypad too, as plus needs Shift on many layouts
        for (KeyCode k : List.of(KeyCode.PLUS, KeyCode.EQUALS, KeyCode.ADD)) {
            scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN,
                    KeyCombination.SHIFT_ANY), () -> controller.zoom(1));
        }
        for (KeyCode k : List.of(KeyCode.MINUS, KeyCode.SUBTRACT)) {
            scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN),
                    () -> controller.zoom(-1));
        }
        for (KeyCode k : List.of(KeyCode.DIGIT0, KeyCode.NUMPAD0)) {
            scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN),
                    () -> controller.zoom(0));
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                controller::focusFilter);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), controller::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                controller::showPreferences);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), controller::showAbout);
        controller.setHeaderActions(
                () -> PreferencesWindow.show(stage, preferences,
                        desktop.preferences().map(io.github.rootlesspanel.config.prefs.PreferencesFile::path)),
                () -> AboutWindow.show(stage, new AboutViewModel(Version.get(), () -> {
                    ToolVersions v = new ToolVersions(runner, Path.of("/"));
                    return new AboutViewModel.Versions(v.probe(), v.kernel());
                }, tasks, dialogs), icon));
        stage.setTitle(Messages.get("main.title"));
        // the window's icons (six PNG sizes) are decoded off the FX thread: they took a sixth of its start
        tasks.task(MainWindow::icons).onSuccess(stage.getIcons()::setAll).start();
        stage.setScene(scene);
        stage.setMinWidth(820);
        stage.setMinHeight(560);
        MainWindow w = new MainWindow(stage, overview, setup, background);
        w.controller = controller;
        w.preferences = preferences;
        w.settingsWriter = settingsWriter;
        w.theme = theme;
        w.placement = new WindowPlacement(stage);
        current.property().addListener((o, was, now) ->
                overview.hiddenComponentsProperty().set(java.util.Set.copyOf(now.hiddenComponents())));
        preferences.load(p -> p.window().ifPresent(w.placement::restore));
        w.notices = notices(stage, manager, desktop, current, controller);
        stage.setOnHidden(e -> w.close());
        overview.activate();
        // the prerequisite checks run dozens of processes: not while the first frame with live states is being
        // made (on two cores they delayed it by seconds), but once it is on screen, or as soon as the user manager
        // turns out unreachable (then the checks are what the user needs)
        Runnable checks = new Runnable() {
            private boolean started;

            @Override
            public void run() {
                if (!started) {
                    started = true;
                    setup.activate();
                }
            }
        };
        FirstStatesRendered.watch(scene, overview, checks);
        overview.connectionProperty().addListener((o, was, now) -> {
            if (now == ConnectionState.DISCONNECTED) {
                checks.run();
            }
        });
        stage.show();
        return w;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public Stage stage() {
        return stage;
    }

    /** The window's frame (pages, navigation); for tests. */
    public MainWindowController controller() {
        return controller;
    }

    /** The preferences in force: {@code preferences().journalLines()}, {@code preferences().notifications()}. */
    public CurrentPreferences preferences() {
        return preferences.current();
    }

    /** Light or dark now (for tests). */
    public ThemeApplier theme() {
        return theme;
    }

    /** After close: waits until the settings file is written (for tests that read it next). */
    public boolean awaitSettingsWritten(java.time.Duration timeout) throws InterruptedException {
        return settingsWriter.awaitTermination(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void close() {
        notices.close();
        preferences.saveWindow(Optional.of(placement.geometry()));
        settingsWriter.shutdown();
        controller.close();
        overview.deactivate();
        setup.deactivate();
        background.shutdownNow();
    }

    /**
     * Notices of the components' changes in the window's notice area and on the desktop; the desktop
     * notification's "Open" brings the window up on the unit.
     */
    private static io.github.rootlesspanel.notices.NoticeService notices(Stage stage,
            io.github.rootlesspanel.notices.PanelJobs manager, DesktopServices desktop, CurrentPreferences current,
            MainWindowController controller) {
        NoticeBarViewModel bar = new NoticeBarViewModel(controller);
        controller.notices(bar);
        java.util.concurrent.atomic.AtomicBoolean focused = new java.util.concurrent.atomic.AtomicBoolean();
        stage.focusedProperty().addListener((o, was, now) -> focused.set(now));
        desktop.notifier().setOpenListener(unit -> FxThread.EXECUTOR.execute(() -> {
            stage.setIconified(false);
            stage.toFront();
            controller.showUnit(unit);
        }));
        io.github.rootlesspanel.notices.NoticeService s = new io.github.rootlesspanel.notices.NoticeService(manager,
                desktop.notifier(), current.notifications(),
                focused::get, n -> FxThread.EXECUTOR.execute(() -> bar.show(n)),
                io.github.rootlesspanel.ui.common.Messages::get, Clock.systemDefaultZone());
        s.start();
        return s;
    }

    /** The topology monitor as the Network page's source of readings. */
    private static NetworkViewModel.Source source(TopologyMonitor m) {
        return new NetworkViewModel.Source() {
            @Override
            public void setListener(java.util.function.Consumer<Topology> listener) {
                m.setListener(listener);
            }

            @Override
            public void resume() {
                m.resume();
            }

            @Override
            public void pause() {
                m.pause();
            }

            @Override
            public Topology current() {
                return m.current();
            }

            @Override
            public void close() {
                m.close();
            }
        };
    }

    private static List<Image> icons() {
        List<Image> out = new ArrayList<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            Image i = icon(size);
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    private static Image icon(int size) {
        String path = "/icons/hicolor/" + size + "x" + size + "/apps/io.github.rootlesspanel.RootlessPanel.png";
        InputStream in = MainWindow.class.getResourceAsStream(path);
        return in == null ? null : new Image(in);
    }

    /** A Navigator to hand out before the frame that navigates exists. */
    private static final class LateNavigator implements Navigator {
        private volatile Navigator target = Navigator.NONE;

        @Override
        public void showLogs(String unit, Optional<Instant> around) {
            target.showLogs(unit, around);
        }

        @Override
        public void showUnit(String unit) {
            target.showUnit(unit);
        }
    }
}
