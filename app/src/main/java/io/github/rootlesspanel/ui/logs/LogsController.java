package io.github.rootlesspanel.ui.logs;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import io.github.rootlesspanel.journal.Priority;
import io.github.rootlesspanel.ui.common.Glyphs;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.WhileShowing;

/** Binds the Logs screen to {@link LogsViewModel}; follows the journal only while the screen is on screen. */
public final class LogsController {

    private static final PseudoClass MARKED = PseudoClass.getPseudoClass("marked");
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final LogsViewModel vm;

    @FXML private VBox root;
    @FXML private Label unitLabel;
    @FXML private ComboBox<String> unitChoice;
    @FXML private Label priorityLabel;
    @FXML private ComboBox<Priority> priorityChoice;
    @FXML private CheckBox bootCheck;
    @FXML private Label searchLabel;
    @FXML private TextField searchField;
    @FXML private HBox noJournalBox;
    @FXML private StackPane noJournalGlyph;
    @FXML private Label noJournalLabel;
    @FXML private TableView<LogRow> table;
    @FXML private TableColumn<LogRow, String> timeColumn;
    @FXML private TableColumn<LogRow, LogRow> priorityColumn;
    @FXML private TableColumn<LogRow, String> sourceColumn;
    @FXML private TableColumn<LogRow, String> messageColumn;
    @FXML private Label statusLabel;
    @FXML private Label hiddenLabel;
    @FXML private Button copySelectedButton;
    @FXML private Button copyAllButton;
    @FXML private Label commandLabel;
    @FXML private TextField commandField;
    @FXML private Button copyCommandButton;

    public LogsController(LogsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        unitLabel.setLabelFor(unitChoice);
        priorityLabel.setLabelFor(priorityChoice);
        searchLabel.setLabelFor(searchField);
        commandLabel.setLabelFor(commandField);

        unitChoice.setItems(vm.units());
        unitChoice.valueProperty().bindBidirectional(vm.unitProperty());

        priorityChoice.getItems().add(null);
        priorityChoice.getItems().addAll(LogsViewModel.priorities());
        // "All priorities" is the null value, which the default cells would show as an empty line
        priorityChoice.setCellFactory(l -> new PriorityChoiceCell());
        priorityChoice.setButtonCell(new PriorityChoiceCell());
        priorityChoice.valueProperty().bindBidirectional(vm.minimumPriorityProperty());
        bootCheck.selectedProperty().bindBidirectional(vm.thisBootOnlyProperty());
        searchField.textProperty().bindBidirectional(vm.searchProperty());

        noJournalGlyph.getChildren().add(Glyphs.of("warning", 16));
        noJournalLabel.textProperty().bind(vm.noJournalProperty());
        noJournalBox.visibleProperty().bind(vm.noJournalProperty().isNotEmpty());
        noJournalBox.managedProperty().bind(noJournalBox.visibleProperty());

        table.setItems(vm.visibleRows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN); // the message takes the rest
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().time()));
        sourceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().source()));
        messageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().message()));
        priorityColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        priorityColumn.setCellFactory(c -> new PriorityCell());
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LogRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(MARKED, !empty && row != null && row.marked());
            }
        });
        table.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copySelected();
                e.consume();
            }
        });
        vm.scrollTargetProperty().addListener((o, was, row) -> {
            if (row != null) {
                int i = table.getItems().indexOf(row);
                if (i >= 0) {
                    table.scrollTo(Math.max(0, i - 3)); // a few lines of what came before stay in view
                    table.getSelectionModel().clearAndSelect(i);
                }
            }
        });

        statusLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.statusProperty().get()
                + vm.aroundProperty().get().map(m -> "  ·  " + Messages.get("logs.marked",
                        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).format(
                                m.atZone(java.time.ZoneId.systemDefault())))).orElse(""),
                vm.statusProperty(), vm.aroundProperty()));
        hiddenLabel.textProperty().bind(vm.hiddenText());
        commandField.textProperty().bind(vm.commandProperty());
        copySelectedButton.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        copyAllButton.disableProperty().bind(Bindings.isEmpty(vm.visibleRows()));
        copyCommandButton.setGraphic(Glyphs.of("copy", 12));
        copyAllButton.setGraphic(Glyphs.of("copy", 12));
        copySelectedButton.setGraphic(Glyphs.of("copy", 12));

        WhileShowing.track(root, showing -> {
            if (showing && root.getParent() != null) {
                vm.activate();
            } else {
                vm.deactivate();
            }
        });
        // the main window swaps screens in and out of its content pane: follow only while this one is in it
        root.parentProperty().addListener((o, was, now) -> {
            if (now == null) {
                vm.deactivate();
            } else if (root.getScene() != null && root.getScene().getWindow() != null
                    && root.getScene().getWindow().isShowing()) {
                vm.activate();
            }
        });
    }

    /** Ctrl+F. */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    /** The journal lines table, for the first focus when the screen opens. */
    public void focusTable() {
        table.requestFocus();
    }

    @FXML
    private void copySelected() {
        vm.copySelected(java.util.List.copyOf(table.getSelectionModel().getSelectedItems()));
    }

    @FXML
    private void copyAll() {
        vm.copyAll();
    }

    @FXML
    private void copyCommand() {
        vm.copyCommand();
    }

    private static final class PriorityChoiceCell extends javafx.scene.control.ListCell<Priority> {
        @Override
        protected void updateItem(Priority p, boolean empty) {
            super.updateItem(p, empty);
            setText(p == null ? Messages.get("logs.priority.all")
                    : Messages.get("logs.priority.atLeast", LogsViewModel.priorityText(p)));
        }
    }

    /** The priority as a badge: its words on its colour. */
    private static final class PriorityCell extends TableCell<LogRow, LogRow> {
        private final Label badge = new Label();

        PriorityCell() {
            badge.getStyleClass().add("log-priority");
        }

        @Override
        protected void updateItem(LogRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            badge.setText(row.priorityText());
            badge.getStyleClass().removeIf(s -> s.startsWith("tone-"));
            badge.getStyleClass().add(tone(row.entry().priority()));
            setGraphic(badge);
        }
    }

    static String tone(Priority p) {
        return switch (p) {
            case EMERG, ALERT, CRIT, ERR -> "tone-error";
            case WARNING -> "tone-warning";
            case NOTICE -> "tone-busy";
            case INFO -> "tone-neutral";
            case DEBUG, UNKNOWN -> "tone-muted";
        };
    }
}
