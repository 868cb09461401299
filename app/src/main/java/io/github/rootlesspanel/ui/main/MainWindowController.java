package io.github.rootlesspanel.ui.main;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import io.github.rootlesspanel.systemd.ConnectionState;
import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.Glyphs;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.ViewLoader;
import io.github.rootlesspanel.ui.overview.OverviewController;
import io.github.rootlesspanel.ui.overview.OverviewViewModel;
import io.github.rootlesspanel.ui.setup.SetupController;
import io.github.rootlesspanel.ui.setup.SetupViewModel;

/** The window frame: header, connection state, and the current screen. */
public final class MainWindowController implements io.github.rootlesspanel.ui.common.Navigator {

    private final OverviewViewModel overview;
    private final SetupViewModel setup;
    private final java.util.function.Supplier<io.github.rootlesspanel.ui.rootlesskit.RootlessKitViewModel> rootlesskit;
    private final Image icon;
    private Parent rootlesskitView;
    private final java.util.function.Supplier<io.github.rootlesspanel.ui.snapshotters.SnapshottersViewModel> snapshotters;
    private Parent snapshottersView;
    @FXML private ToggleButton snapshottersNav;
    private final java.util.function.Supplier<io.github.rootlesspanel.ui.containers.ContainersViewModel> containers;
    private io.github.rootlesspanel.ui.containers.ContainersViewModel containersVm;
    private io.github.rootlesspanel.ui.containers.ContainersController containersController;
    private Parent containersView;
    @FXML private ToggleButton containersNav;
    private final java.util.function.Supplier<io.github.rootlesspanel.ui.network.NetworkViewModel> network;
    private io.github.rootlesspanel.ui.network.NetworkViewModel networkVm;
    private io.github.rootlesspanel.ui.network.NetworkController networkController;
    private Parent networkView;
    @FXML private ToggleButton networkNav;
    private java.util.function.Supplier<io.github.rootlesspanel.ui.logs.LogsViewModel> logs;
    private io.github.rootlesspanel.ui.logs.LogsViewModel logsVm;
    private io.github.rootlesspanel.ui.logs.LogsController logsController;
    private Parent logsView;
    @FXML private ToggleButton logsNav;
    /** A container to select once the Containers page lists it (a click on the Network page). */
    private javafx.collections.ListChangeListener<io.github.rootlesspanel.ui.containers.ContainerRow> pendingSelection;
    private final ToggleGroup nav = new ToggleGroup();
    private Parent overviewView;
    private OverviewController overviewController;
    private Parent setupView;

    @FXML private ImageView appIcon;
    @FXML private HBox connectionChip;
    @FXML private StackPane connectionGlyph;
    @FXML private Label connectionLabel;
    @FXML private HBox banner;
    @FXML private StackPane bannerGlyph;
    @FXML private Label bannerText;
    @FXML private StackPane content;

    @FXML private ToggleButton overviewNav;
    @FXML private ToggleButton setupNav;
    @FXML private HBox checksCallout;
    @FXML private StackPane calloutGlyph;
    @FXML private Label calloutText;
    @FXML private Hyperlink calloutLink;

    @FXML private ToggleButton rootlesskitNav;

    @FXML private Button preferencesButton;
    @FXML private Button aboutButton;
    private Runnable openPreferences = () -> { };
    private Runnable openAbout = () -> { };
    // notices (issue 8)
    @FXML private HBox noticeBar;
    @FXML private StackPane noticeGlyph;
    @FXML private Label noticeSummary;
    @FXML private Label noticeBody;
    @FXML private javafx.scene.control.Button noticeOpen;
    @FXML private javafx.scene.control.Button noticeDismiss;

    public MainWindowController(OverviewViewModel overview, SetupViewModel setup,
            java.util.function.Supplier<io.github.rootlesspanel.ui.rootlesskit.RootlessKitViewModel> rootlesskit,
            java.util.function.Supplier<io.github.rootlesspanel.ui.snapshotters.SnapshottersViewModel> snapshotters,
            java.util.function.Supplier<io.github.rootlesspanel.ui.containers.ContainersViewModel> containers,
            java.util.function.Supplier<io.github.rootlesspanel.ui.network.NetworkViewModel> network,
            Image icon) {
        this.network = network;
        this.snapshotters = snapshotters;
        this.containers = containers;
        this.overview = overview;
        this.setup = setup;
        this.rootlesskit = rootlesskit;
        this.icon = icon;
    }

    @FXML
    private void initialize() {
        appIcon.setImage(icon);
        bannerGlyph.getChildren().add(Glyphs.of("plug-disconnected", 18));
        bannerText.textProperty().bind(overview.connectionTextProperty());
        banner.setAccessibleText(Messages.get("main.banner.name"));
        banner.setAccessibleRole(AccessibleRole.TEXT);
        connectionChip.setAccessibleRole(AccessibleRole.TEXT);
        connectionChip.setFocusTraversable(false);
        preferencesButton.setGraphic(Glyphs.of("settings", 16));
        preferencesButton.setTooltip(new Tooltip(Messages.get("main.preferences.tooltip")));
        aboutButton.setGraphic(Glyphs.of("info", 16));
        aboutButton.setTooltip(new Tooltip(Messages.get("main.about.tooltip")));
        overview.connectionProperty().addListener((o, was, now) -> show(now));
        show(overview.connectionProperty().get());
        overviewController = new OverviewController(overview);
        overviewView = ViewLoader.load(Fxml.OVERVIEW, overviewController);
        overviewNav.setToggleGroup(nav);
        setupNav.setToggleGroup(nav);
        rootlesskitNav.setToggleGroup(nav);
        snapshottersNav.setToggleGroup(nav);
        containersNav.setToggleGroup(nav);
        containersNav.setGraphic(Glyphs.of("containers", 14));
        networkNav.setToggleGroup(nav);
        networkNav.setGraphic(Glyphs.of("network", 14));
        logsNav.setToggleGroup(nav);
        logsNav.setGraphic(Glyphs.of("terminal", 14));
        snapshottersNav.setGraphic(Glyphs.of("fuse-overlayfs", 14));
        rootlesskitNav.setGraphic(Glyphs.of("bypass4netnsd", 14));
        overviewNav.setGraphic(Glyphs.of("overview", 14));
        setupNav.setGraphic(Glyphs.of("check", 14));
        // a nav button stays selected when clicked again
        nav.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                nav.selectToggle(was);
            }
        });
        setupNav.textProperty().bind(Bindings.createStringBinding(() -> setup.failedProperty().get() > 0
                ? Messages.get("main.nav.setup.failed", setup.failedProperty().get())
                : Messages.get("main.nav.setup"), setup.failedProperty()));
        calloutGlyph.getChildren().add(Glyphs.of("warning", 16));
        calloutText.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("main.callout.failed", setup.failedProperty().get()), setup.failedProperty()));
        showOverview();
    }

    /** Navigator.showUnit: the Overview with UNIT's card in view and focused. */
    @Override
    public void showUnit(String unit) {
        showOverview();
        // after the layout pass that puts the overview on screen, so the card has its bounds
        io.github.rootlesspanel.ui.common.FxThread.later(() -> overviewController.reveal(unit));
    }

    @FXML
    void showOverview() {
        nav.selectToggle(overviewNav);
        content.getChildren().setAll(overviewView);
        checksCallout.visibleProperty().bind(setup.failedProperty().greaterThan(0));
        checksCallout.managedProperty().bind(checksCallout.visibleProperty());
    }

    /** Loaded when first shown: it asks containerd and probes the host. */
    @FXML
    void showSnapshotters() {
        if (snapshottersView == null) {
            snapshottersView = ViewLoader.load(Fxml.SNAPSHOTTERS,
                    new io.github.rootlesspanel.ui.snapshotters.SnapshottersController(snapshotters.get()));
        }
        nav.selectToggle(snapshottersNav);
        content.getChildren().setAll(snapshottersView);
        checksCallout.visibleProperty().unbind();
        checksCallout.setVisible(false);
        checksCallout.managedProperty().unbind();
        checksCallout.setManaged(false);
    }

    /** Loaded when first shown: from then on it follows containerd's events until the window closes. */
    @FXML
    void showContainers() {
        if (containersView == null) {
            containersVm = containers.get();
            containersController = new io.github.rootlesspanel.ui.containers.ContainersController(containersVm);
            containersView = ViewLoader.load(Fxml.CONTAINERS, containersController);
        }
        nav.selectToggle(containersNav);
        content.getChildren().setAll(containersView);
        containersController.focusTable();
        containersVm.activate();
        checksCallout.visibleProperty().unbind();
        checksCallout.setVisible(false);
        checksCallout.managedProperty().unbind();
        checksCallout.setManaged(false);
    }

    /** Loaded when first shown; it follows the topology monitor only while it is shown (the page pauses it). */
    @FXML
    void showNetwork() {
        if (networkView == null) {
            networkVm = network.get();
            networkController = new io.github.rootlesspanel.ui.network.NetworkController(networkVm,
                    this::openContainer);
            networkView = ViewLoader.load(Fxml.NETWORK, networkController);
        }
        nav.selectToggle(networkNav);
        content.getChildren().setAll(networkView);
        checksCallout.visibleProperty().unbind();
        checksCallout.setVisible(false);
        checksCallout.managedProperty().unbind();
        checksCallout.setManaged(false);
    }

    /** The Logs page's view model; set before the page is first shown. */
    public void setLogs(java.util.function.Supplier<io.github.rootlesspanel.ui.logs.LogsViewModel> logs) {
        this.logs = logs;
    }

    /** Loaded when first shown; it follows the journal only while it is shown (the page stops journalctl). */
    @FXML
    void showLogs() {
        loadLogs();
        nav.selectToggle(logsNav);
        content.getChildren().setAll(logsView);
        logsController.focusTable();
        checksCallout.visibleProperty().unbind();
        checksCallout.setVisible(false);
        checksCallout.managedProperty().unbind();
        checksCallout.setManaged(false);
    }

    /** Navigator.showLogs: the Logs page on UNIT, with the lines around AROUND marked. */
    @Override
    public void showLogs(String unit, java.util.Optional<java.time.Instant> around) {
        loadLogs();
        logsVm.open(unit, around); // before the page shows, so journalctl starts once, on this unit
        showLogs();
    }

    private void loadLogs() {
        if (logsView == null) {
            logsVm = logs.get();
            logsController = new io.github.rootlesspanel.ui.logs.LogsController(logsVm);
            logsView = ViewLoader.load(Fxml.LOGS, logsController);
        }
    }

    /** The Logs page's view model once it was shown (for tests). */
    public java.util.Optional<io.github.rootlesspanel.ui.logs.LogsViewModel> logs() {
        return java.util.Optional.ofNullable(logsVm);
    }

    /** A container box was clicked: the Containers page with that container selected, as soon as it is listed. */
    void openContainer(io.github.rootlesspanel.ui.network.NetworkViewModel.ContainerRef ref) {
        showContainers();
        javafx.collections.ObservableList<io.github.rootlesspanel.ui.containers.ContainerRow> rows = containersVm.rows();
        if (pendingSelection != null) {
            rows.removeListener(pendingSelection);
            pendingSelection = null;
        }
        if (!selectContainer(ref)) {
            // the page was opened just now: its first snapshot is still on the way
            pendingSelection = c -> {
                if (selectContainer(ref)) {
                    rows.removeListener(pendingSelection);
                    pendingSelection = null;
                }
            };
            rows.addListener(pendingSelection);
        }
    }

    private boolean selectContainer(io.github.rootlesspanel.ui.network.NetworkViewModel.ContainerRef ref) {
        String key = ref.namespace() + "/" + ref.id();
        java.util.Optional<io.github.rootlesspanel.ui.containers.ContainerRow> row = containersVm.rows().stream()
                .filter(r -> r.key().equals(key)).findFirst();
        row.ifPresent(r -> containersVm.selectedProperty().set(r));
        return row.isPresent();
    }

    private boolean networkShown() {
        return networkView != null && content.getChildren().contains(networkView);
    }

    /** Ctrl+plus, Ctrl+minus, Ctrl+0: the diagram's zoom, when that page is shown. */
    void zoom(int direction) {
        if (!networkShown()) {
            return;
        }
        if (direction > 0) {
            networkController.zoomIn();
        } else if (direction < 0) {
            networkController.zoomOut();
        } else {
            networkController.zoomReset();
        }
    }

    /** What the header's Preferences and About buttons (and Ctrl+, and F1) open; set by the window. */
    void setHeaderActions(Runnable preferences, Runnable about) {
        this.openPreferences = preferences;
        this.openAbout = about;
    }

    @FXML
    void showPreferences() {
        openPreferences.run();
    }

    @FXML
    void showAbout() {
        openAbout.run();
    }

    /** F5: the shown page's own "check again", where it has one. */
    void refresh() {
        if (setupView != null && content.getChildren().contains(setupView)) {
            setup.runChecks();
        } else if (snapshottersView != null && content.getChildren().contains(snapshottersView)
                && snapshottersView.lookup("#refreshButton") instanceof Button b && !b.isDisabled()) {
            b.fire();
        }
    }

    /** The Network page's view model and controller once it was shown (for tests). */
    public java.util.Optional<io.github.rootlesspanel.ui.network.NetworkController> network() {
        return java.util.Optional.ofNullable(networkController);
    }

    /** Ctrl+F: the containers filter, when that page is shown. */
    void focusFilter() {
        if (containersView != null && content.getChildren().contains(containersView)) {
            containersController.focusFilter();
        }
        if (logsView != null && content.getChildren().contains(logsView)) {
            logsController.focusSearch();
        }
    }

    /** The window is closing: stops following containerd. */
    void close() {
        if (logsVm != null) {
            logsVm.deactivate();
        }
        if (networkVm != null) {
            networkVm.close();
        }
        if (containersVm != null) {
            containersVm.close();
            containersController.close();
        }
    }

    /** The Containers page's view model once it was shown (for tests). */
    public java.util.Optional<io.github.rootlesspanel.ui.containers.ContainersViewModel> containers() {
        return java.util.Optional.ofNullable(containersVm);
    }

    /** Loaded when first shown: it reads the file and probes the host. */
    @FXML
    void showRootlessKit() {
        if (rootlesskitView == null) {
            rootlesskitView = ViewLoader.load(Fxml.ROOTLESSKIT,
                    new io.github.rootlesspanel.ui.rootlesskit.RootlessKitController(rootlesskit.get()));
        }
        nav.selectToggle(rootlesskitNav);
        content.getChildren().setAll(rootlesskitView);
        checksCallout.visibleProperty().unbind();
        checksCallout.setVisible(false);
        checksCallout.managedProperty().unbind();
        checksCallout.setManaged(false);
    }

    @FXML
    void showSetup() {
        nav.selectToggle(setupNav);
        if (setupView == null) {
            // loaded when first shown, like the other pages: the window's start only builds the Overview
            setupView = ViewLoader.load(Fxml.SETUP, new SetupController(setup));
        }
        content.getChildren().setAll(setupView);
        checksCallout.visibleProperty().unbind();
        checksCallout.setVisible(false);
        checksCallout.managedProperty().unbind();
        checksCallout.setManaged(false);
    }

    /** The notice area follows VM: the newest notice, its unit's "Open", and "Dismiss". */
    void notices(NoticeBarViewModel vm) {
        noticeOpen.setOnAction(e -> vm.open());
        noticeDismiss.setOnAction(e -> vm.dismiss());
        vm.currentProperty().addListener((o, was, now) -> showNotice(now));
        showNotice(vm.currentProperty().get());
    }

    private void showNotice(io.github.rootlesspanel.desktop.Notifier.Notice n) {
        noticeBar.setVisible(n != null);
        noticeBar.setManaged(n != null);
        if (n == null) {
            return;
        }
        noticeSummary.setText(n.summary());
        noticeBody.setText(n.body());
        noticeBody.setVisible(!n.body().isEmpty());
        noticeBody.setManaged(!n.body().isEmpty());
        noticeOpen.setVisible(n.unit().isPresent());
        noticeOpen.setManaged(n.unit().isPresent());
        noticeGlyph.getChildren().setAll(Glyphs.of(n.critical() ? "error" : "info", 18));
        noticeBar.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("critical"), n.critical());
        noticeBar.setAccessibleText(n.body().isEmpty() ? n.summary() : n.summary() + ". " + n.body());
    }

    private void show(ConnectionState s) {
        boolean up = s == ConnectionState.CONNECTED;
        boolean down = s == ConnectionState.DISCONNECTED || s == ConnectionState.CLOSED;
        connectionGlyph.getChildren().setAll(Glyphs.of(up ? "plug-connected" : "plug-disconnected", 14));
        connectionLabel.setText(Messages.get(up ? "main.connection.connected"
                : down ? "main.connection.disconnected" : "main.connection.connecting"));
        connectionChip.setAccessibleText(Messages.get("main.connection.name", connectionLabel.getText()));
        connectionChip.getStyleClass().removeAll("tone-ok", "tone-error", "tone-busy");
        connectionChip.getStyleClass().add(up ? "tone-ok" : down ? "tone-error" : "tone-busy");
        banner.setVisible(down);
        banner.setManaged(down);
    }
}
