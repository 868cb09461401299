package io.github.rootlesspanel.ui.setup;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import io.github.rootlesspanel.ui.common.Glyphs;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel.Phase;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel.StepState;

/** Shows a plan before it runs, its progress step by step, and the failure with the offer to roll back. */
public final class PlanDialogController {

    private final PlanRunViewModel vm;
    private final Stage stage;

    @FXML private Label titleLabel;
    @FXML private Label introLabel;
    @FXML private VBox stepList;
    @FXML private Label notesLabel;
    @FXML private TitledPane unitPane;
    @FXML private TextArea unitText;
    @FXML private VBox resultBox;
    @FXML private Label messageLabel;
    @FXML private TextArea detailsText;
    @FXML private Button rollbackButton;
    @FXML private Button closeButton;
    @FXML private Button runButton;

    public PlanDialogController(PlanRunViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
    }

    @FXML
    private void initialize() {
        titleLabel.setText(vm.title());
        introLabel.setText("These steps will run in order. Nothing has changed yet.");
        for (PlanRunViewModel.StepRow row : vm.steps()) {
            stepList.getChildren().add(stepRow(row));
        }
        notesLabel.setText(vm.notes());
        notesLabel.setVisible(!vm.notes().isEmpty());
        notesLabel.setManaged(notesLabel.isVisible());
        unitPane.setText(vm.plan().attachmentTitle());
        unitText.setText(vm.unitFile());
        unitPane.setVisible(!vm.unitFile().isEmpty());
        unitPane.setManaged(unitPane.isVisible());

        messageLabel.textProperty().bind(vm.messageProperty());
        detailsText.textProperty().bind(vm.detailsProperty());
        detailsText.visibleProperty().bind(vm.detailsProperty().isNotEmpty());
        detailsText.managedProperty().bind(detailsText.visibleProperty());
        resultBox.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        resultBox.managedProperty().bind(resultBox.visibleProperty());

        runButton.visibleProperty().bind(vm.phaseProperty().isEqualTo(Phase.READY));
        runButton.managedProperty().bind(runButton.visibleProperty());
        runButton.setText(vm.plan().actionLabel());
        rollbackButton.visibleProperty().bind(vm.canRollbackProperty());
        rollbackButton.managedProperty().bind(rollbackButton.visibleProperty());
        closeButton.textProperty().bind(Bindings.when(vm.phaseProperty().isEqualTo(Phase.READY))
                .then("Cancel").otherwise("Close"));
        closeButton.disableProperty().bind(vm.phaseProperty().isEqualTo(Phase.RUNNING)
                .or(vm.phaseProperty().isEqualTo(Phase.ROLLING_BACK)));
        vm.phaseProperty().addListener((o, was, now) -> {
            introLabel.setText(switch (now) {
                case READY -> "These steps will run in order. Nothing has changed yet.";
                case RUNNING -> "Working…";
                case SUCCEEDED -> "Done.";
                case FAILED -> "A step failed; the steps after it did not run.";
                case ROLLING_BACK -> "Undoing the completed steps…";
                case ROLLED_BACK -> "Rolled back.";
            });
            messageLabel.getStyleClass().removeAll("tone-ok", "tone-error");
            messageLabel.getStyleClass().add(now == Phase.SUCCEEDED || now == Phase.ROLLED_BACK ? "tone-ok" : "tone-error");
        });
        // while running, a stray Escape must not close the window: the run cannot be abandoned halfway
        stage.setOnCloseRequest(e -> {
            if (closeButton.isDisable()) {
                e.consume();
            }
        });
    }

    private HBox stepRow(PlanRunViewModel.StepRow row) {
        StackPane icon = new StackPane();
        icon.setMinSize(18, 18);
        Label title = new Label(row.title());
        title.setWrapText(true);
        Label result = new Label();
        result.getStyleClass().add("step-result");
        result.textProperty().bind(row.resultProperty());
        result.setWrapText(true);
        VBox text = new VBox(2, title, result);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox box = new HBox(10, icon, text);
        box.getStyleClass().add("step-row");
        Runnable paint = () -> {
            StepState s = row.stateProperty().get();
            String glyph = switch (s) {
                case PENDING -> "info";
                case RUNNING -> "restart";
                case DONE, UNDONE -> "check";
                case FAILED, UNDO_FAILED -> "error";
            };
            icon.getChildren().setAll(Glyphs.of(glyph, 16));
            box.getStyleClass().removeIf(c -> c.startsWith("step-"));
            box.getStyleClass().addAll("step-row", "step-" + s.name().toLowerCase(java.util.Locale.ROOT));
            box.setAccessibleText(row.title() + ": " + s.name().toLowerCase(java.util.Locale.ROOT));
        };
        row.stateProperty().addListener((o, a, b) -> paint.run());
        paint.run();
        return box;
    }

    @FXML
    private void run() {
        vm.run();
    }

    @FXML
    private void rollback() {
        vm.rollback();
    }

    @FXML
    private void close() {
        stage.close();
    }
}
