package io.github.rootlesspanel.ui.containers;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import org.controlsfx.control.ToggleSwitch;

import io.github.rootlesspanel.containers.ContainersService.Connection;
import io.github.rootlesspanel.ui.common.FxTicker;
import io.github.rootlesspanel.ui.common.WhileShowing;
import io.github.rootlesspanel.ui.common.Glyphs;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.containers.ContainersViewModel.Column;
import io.github.rootlesspanel.ui.containers.ContainersViewModel.Fact;
import io.github.rootlesspanel.ui.containers.ContainersViewModel.RecreateQuestion;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel;
import io.github.rootlesspanel.ui.setup.PlanWindow;

/** The containers table and the details of the selected one, bound to {@link ContainersViewModel}. */
public final class ContainersController {

    private static final javafx.css.PseudoClass STALE = javafx.css.PseudoClass.getPseudoClass("stale");

    private final ContainersViewModel vm;
    private final FxTicker ticker;

    @FXML private BorderPane root;
    @FXML private Label summaryLabel;
    @FXML private Button runButton;
    @FXML private HBox unavailableBanner;
    @FXML private StackPane bannerGlyph;
    @FXML private Label bannerLabel;
    @FXML private Label filterLabel;
    @FXML private TextField filterField;
    @FXML private StackPane readinessGlyph;
    @FXML private Label readinessLabel;
    @FXML private SplitPane split;
    @FXML private TableView<ContainerRow> table;
    @FXML private TableColumn<ContainerRow, ContainerRow> nameColumn;
    @FXML private TableColumn<ContainerRow, ContainerRow> imageColumn;
    @FXML private TableColumn<ContainerRow, ContainerRow> stateColumn;
    @FXML private TableColumn<ContainerRow, ContainerRow> statusColumn;
    @FXML private TableColumn<ContainerRow, ContainerRow> pidColumn;
    @FXML private TableColumn<ContainerRow, ContainerRow> addressColumn;
    @FXML private TableColumn<ContainerRow, ContainerRow> portsColumn;
    @FXML private TableColumn<ContainerRow, ContainerRow> bypassColumn;
    @FXML private ScrollPane detailsScroll;
    @FXML private VBox detailsBox;
    @FXML private Label detailsTitle;
    @FXML private Label detailsState;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button switchButton;
    @FXML private Label detailsEmpty;
    @FXML private GridPane factsGrid;

    public ContainersController(ContainersViewModel vm) {
        this.vm = vm;
        // "Up 5 seconds" moves on; nothing is asked of containerd for it
        this.ticker = new FxTicker(java.time.Duration.ofSeconds(1), vm::tick);
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(vm.summaryProperty());
        bannerGlyph.getChildren().add(Glyphs.of("plug-disconnected", 16));
        bannerLabel.textProperty().bind(vm.bannerTextProperty());
        unavailableBanner.visibleProperty().bind(vm.bannerVisibleProperty());
        unavailableBanner.managedProperty().bind(unavailableBanner.visibleProperty());
        unavailableBanner.accessibleTextProperty().bind(vm.bannerTextProperty());
        readinessLabel.textProperty().bind(vm.readinessTextProperty());
        paintReadiness();
        vm.readyProperty().addListener((o, a, b) -> paintReadiness());
        runButton.setGraphic(Glyphs.of("play", 12));
        runButton.disableProperty().bind(vm.connectionProperty().isNotEqualTo(Connection.CONNECTED));

        filterLabel.setLabelFor(filterField);
        filterField.setTooltip(new Tooltip(Messages.get("containers.filter.tooltip")));
        filterField.textProperty().bindBidirectional(vm.filterProperty());
        filterField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !filterField.getText().isEmpty()) {
                filterField.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
                e.consume();
            }
        });

        setUpTable();
        setUpDetails();
        // while containerd is away the rows are the last ones seen: greyed
        vm.bannerVisibleProperty().addListener((o, was, down) -> table.pseudoClassStateChanged(STALE, down));
        // the clock only runs while the page is on screen
        WhileShowing.track(root, showing -> {
            if (showing) {
                ticker.start();
            } else {
                ticker.stop();
            }
        });
    }

    private void setUpTable() {
        SortedList<ContainerRow> sorted = new SortedList<>(vm.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.getStyleClass().add("page-hint");
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        textColumn(nameColumn, Column.NAME, ContainerRow::nameProperty, "containers-name");
        textColumn(imageColumn, Column.IMAGE, ContainerRow::imageProperty, null);
        textColumn(statusColumn, Column.STATUS, ContainerRow::statusProperty, null);
        textColumn(pidColumn, Column.PID, ContainerRow::pidProperty, "containers-number");
        textColumn(addressColumn, Column.ADDRESSES, ContainerRow::addressesProperty, "containers-mono");
        textColumn(portsColumn, Column.PORTS, ContainerRow::portsProperty, "containers-mono");
        column(stateColumn, Column.STATE);
        stateColumn.setCellFactory(c -> new StateCell());
        column(bypassColumn, Column.BYPASS);
        bypassColumn.setCellFactory(c -> new BypassCell());
        table.setRowFactory(t -> new ReadableRow());

        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null || !vm.rows().contains(vm.selectedProperty().get())) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            ContainerRow r = table.getSelectionModel().getSelectedItem();
            if (r == null) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER) {
                focusDetails();
                e.consume();
            } else if (e.getCode() == KeyCode.SPACE && !e.isShortcutDown()) {
                switchBypass(r);
                e.consume();
            }
        });
    }

    private static void column(TableColumn<ContainerRow, ContainerRow> col, Column which) {
        col.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyObjectWrapper<>(d.getValue()));
        col.setComparator(ContainersViewModel.order(which));
    }

    private static void textColumn(TableColumn<ContainerRow, ContainerRow> col, Column which,
                                   Function<ContainerRow, ObservableValue<String>> text, String styleClass) {
        column(col, which);
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ContainerRow r, boolean empty) {
                super.updateItem(r, empty);
                textProperty().unbind();
                if (empty || r == null) {
                    setText(null);
                } else {
                    textProperty().bind(text.apply(r));
                }
                if (styleClass != null && !getStyleClass().contains(styleClass)) {
                    getStyleClass().add(styleClass);
                }
            }
        });
    }

    /** A row a screen reader reads as one sentence: name, state, status and bypass4netns, kept current. */
    private static final class ReadableRow extends TableRow<ContainerRow> {
        @Override
        protected void updateItem(ContainerRow r, boolean empty) {
            super.updateItem(r, empty);
            accessibleTextProperty().unbind();
            if (empty || r == null) {
                setAccessibleText(null);
            } else {
                accessibleTextProperty().bind(Bindings.createStringBinding(() -> Messages.get(
                        "containers.row.accessible", r.name(), ContainersViewModel.stateWord(r.state()), r.status(),
                        ContainersViewModel.onOff(r.bypassConfigured()), r.liveText()), r.revisionProperty()));
            }
        }
    }

    /** The state as a coloured badge with its word. */
    private static final class StateCell extends TableCell<ContainerRow, ContainerRow> {
        private final Label badge = new Label();
        private ContainerRow shown;
        private final javafx.beans.value.ChangeListener<Object> repaint = (o, a, b) -> paint();

        StateCell() {
            badge.getStyleClass().add("status-badge");
            badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }

        @Override
        protected void updateItem(ContainerRow r, boolean empty) {
            super.updateItem(r, empty);
            if (shown != null) {
                shown.stateProperty().removeListener(repaint);
            }
            shown = empty ? null : r;
            if (shown == null) {
                setGraphic(null);
                return;
            }
            shown.stateProperty().addListener(repaint);
            paint();
            setGraphic(badge);
        }

        private void paint() {
            if (shown == null) {
                return;
            }
            String word = ContainersViewModel.stateWord(shown.state());
            badge.setText(word);
            badge.setAccessibleText(Messages.get("containers.state.accessible", shown.name(), word));
            badge.setId("state-" + shown.name());
            badge.getStyleClass().removeIf(c -> c.startsWith("tone-"));
            badge.getStyleClass().add(shown.stateToneProperty().get().styleClass());
        }
    }

    /**
     * The switch shows what the container was created with and never flips by itself: mouse clicks are taken
     * before the switch sees them and open the flow instead. The live state is the small badge beside it.
     */
    private final class BypassCell extends TableCell<ContainerRow, ContainerRow> {
        private final ToggleSwitch toggle = new ToggleSwitch();
        private final StackPane toggleHolder = new StackPane(toggle);
        private final Label live = new Label();
        private final ProgressIndicator progress = new ProgressIndicator();
        private final Label busyLabel = new Label();
        private final HBox normal = new HBox(8, toggleHolder, live);
        private final HBox working = new HBox(8, progress, busyLabel);
        private final Tooltip tip = new Tooltip();
        private final Tooltip liveTip = new Tooltip();
        private ContainerRow shown;
        private final javafx.beans.value.ChangeListener<Object> repaint = (o, a, b) -> paint();

        BypassCell() {
            toggle.getStyleClass().addAll("panel-switch", "bypass-switch");
            toggle.setFocusTraversable(false);
            for (javafx.event.EventType<MouseEvent> t : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_DRAGGED,
                    MouseEvent.MOUSE_CLICKED)) {
                toggle.addEventFilter(t, MouseEvent::consume);
            }
            toggle.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
                e.consume();
                if (e.getButton() == MouseButton.PRIMARY && shown != null && !toggle.isDisabled()) {
                    table.getSelectionModel().select(shown);
                    switchBypass(shown);
                }
            });
            live.getStyleClass().addAll("status-badge", "bypass-live");
            live.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            progress.setPrefSize(16, 16);
            progress.setMaxSize(16, 16);
            busyLabel.getStyleClass().add("page-hint");
            normal.setAlignment(Pos.CENTER_LEFT);
            working.setAlignment(Pos.CENTER_LEFT);
            // a tooltip on a disabled control never shows: it sits on the holder
            Tooltip.install(toggleHolder, tip);
            live.setTooltip(liveTip);
            liveTip.setWrapText(true);
            liveTip.setMaxWidth(420);
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            tip.setShowDelay(Duration.millis(300));
        }

        @Override
        protected void updateItem(ContainerRow r, boolean empty) {
            super.updateItem(r, empty);
            if (shown != null) {
                shown.revisionProperty().removeListener(repaint);
                toggle.selectedProperty().unbind();
            }
            shown = empty ? null : r;
            if (shown == null) {
                setGraphic(null);
                return;
            }
            toggle.selectedProperty().bind(shown.bypassConfiguredProperty());
            shown.revisionProperty().addListener(repaint);
            paint();
        }

        private void paint() {
            ContainerRow r = shown;
            if (r == null) {
                return;
            }
            boolean connected = vm.connectionProperty().get() == Connection.CONNECTED;
            toggle.setDisable(!r.switchAvailable() || !connected);
            toggle.setId("bypass-" + r.name());
            live.setId("live-" + r.name());
            live.setText(r.liveText());
            live.setAccessibleText(Messages.get("containers.live.accessible", r.name(), r.liveText()));
            live.getStyleClass().removeIf(c -> c.startsWith("tone-"));
            live.getStyleClass().add(r.liveTone().styleClass());
            liveTip.setText(r.liveExplanation());
            String state = ContainersViewModel.onOff(r.bypassConfigured());
            // the reason is the domain's sentence: passed through
            tip.setText(!r.switchAvailable()
                    ? Messages.get("containers.switch.tipUnavailable", state, r.name(), r.unavailableReason())
                    : Messages.get("containers.switch.tip", state, r.name(),
                            ContainersViewModel.onOff(!r.bypassConfigured())));
            toggle.setAccessibleText(r.switchAvailable() ? Messages.get("containers.switch.accessible", r.name(), state)
                    : Messages.get("containers.switch.accessibleUnavailable", r.name(), state, r.unavailableReason()));
            busyLabel.setText(r.busyText());
            progress.setId("bypass-progress-" + r.name());
            setGraphic(r.busy() ? working : normal);
        }
    }

    private void setUpDetails() {
        startButton.setGraphic(Glyphs.of("play", 12));
        stopButton.setGraphic(Glyphs.of("stop", 12));
        switchButton.setGraphic(Glyphs.of("bypass4netnsd", 14));
        startButton.disableProperty().bind(vm.canStartProperty().not());
        stopButton.disableProperty().bind(vm.canStopProperty().not());
        switchButton.disableProperty().bind(vm.canSwitchProperty().not());
        switchButton.textProperty().bind(vm.switchLabelProperty());
        vm.detailsProperty().addListener((o, was, now) -> renderDetails(now));
        renderDetails(vm.detailsProperty().get());
    }

    private void renderDetails(List<Fact> facts) {
        ContainerRow r = vm.selectedProperty().get();
        boolean any = r != null && !facts.isEmpty();
        for (Node n : List.of(detailsTitle, detailsState, startButton, stopButton, switchButton, factsGrid)) {
            n.setVisible(any);
            n.setManaged(any);
        }
        detailsEmpty.setVisible(!any);
        detailsEmpty.setManaged(!any);
        factsGrid.getChildren().clear();
        if (!any) {
            detailsScroll.setAccessibleText(null);
            return;
        }
        // Enter on a row lands here when no button can be used: the pane says whose details they are
        detailsScroll.setAccessibleText(Messages.get("containers.details.accessible", r.name()));
        detailsTitle.setText(r.name());
        detailsState.setText(ContainersViewModel.stateWord(r.state()));
        detailsState.setAccessibleText(Messages.get("containers.state.accessible", r.name(), detailsState.getText()));
        detailsState.getStyleClass().removeIf(c -> c.startsWith("tone-"));
        detailsState.getStyleClass().add(r.stateToneProperty().get().styleClass());
        // two columns of facts; long ones (labels, bypass4netns) span the width. The grid's columns, not the
        // texts, decide the widths (a small preferred width, free to grow), so both value columns are equal.
        int row = 0;
        int col = 0;
        for (Fact f : facts) {
            Label name = new Label(f.name());
            name.getStyleClass().add("fact-name");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            GridPane.setValignment(name, VPos.TOP);
            Label value = new Label(f.value());
            value.getStyleClass().add("fact-value");
            value.setWrapText(true);
            value.setPrefWidth(40);
            value.setMaxWidth(Double.MAX_VALUE);
            GridPane.setValignment(value, VPos.TOP);
            value.setId("fact-" + f.id());
            name.setLabelFor(value);
            if (f.id().equals(ContainersViewModel.SWITCH_FACT) && !r.switchAvailable()) {
                value.getStyleClass().add("field-warning");
            }
            boolean wide = f.value().length() > 48 || f.id().equals("bypass4netns-live");
            if (wide && col == 1) {
                row++;
                col = 0;
            }
            factsGrid.add(name, col * 2, row);
            factsGrid.add(value, col * 2 + 1, row, wide ? 3 : 1, 1);
            if (wide || col == 1) {
                row++;
                col = 0;
            } else {
                col = 1;
            }
        }
    }

    private void paintReadiness() {
        boolean ok = vm.readyProperty().get();
        readinessGlyph.getChildren().setAll(Glyphs.of(ok ? "check" : "info", 14));
        readinessGlyph.getStyleClass().removeAll("readiness-ok", "readiness-warning");
        readinessGlyph.getStyleClass().add(ok ? "readiness-ok" : "readiness-warning");
    }

    // ---- actions ----

    private void switchBypass(ContainerRow r) {
        vm.requestBypass(r, this::ask, this::showPlan);
    }

    private Optional<Boolean> ask(RecreateQuestion q) {
        return RecreateDialog.ask(root.getScene().getWindow(), q);
    }

    private void showPlan(PlanRunViewModel plan) {
        PlanWindow.show(root.getScene().getWindow(), plan);
    }

    /** The page was shown: the keyboard starts on the table. */
    public void focusTable() {
        table.requestFocus();
    }

    /** Ctrl+F. */
    public void focusFilter() {
        filterField.requestFocus();
        filterField.selectAll();
    }

    private void focusDetails() {
        for (Button b : List.of(startButton, stopButton, switchButton)) {
            if (b.isVisible() && !b.isDisabled()) {
                b.requestFocus();
                return;
            }
        }
        detailsScroll.requestFocus();
    }

    @FXML
    private void startSelected() {
        vm.start(vm.selectedProperty().get());
    }

    @FXML
    private void stopSelected() {
        vm.stop(vm.selectedProperty().get());
    }

    @FXML
    private void switchSelected() {
        ContainerRow r = vm.selectedProperty().get();
        if (r != null) {
            switchBypass(r);
        }
    }

    @FXML
    private void runContainer() {
        RunContainerDialog.ask(root.getScene().getWindow(), vm.readyProperty().get())
                .ifPresent(request -> vm.requestRun(request, this::showPlan));
    }

    /** Stops the clock; the window is closing. */
    public void close() {
        ticker.stop();
    }
}
