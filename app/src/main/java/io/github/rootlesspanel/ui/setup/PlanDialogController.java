package io.github.rootlesspanel.ui.setup;

import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;

import io.github.rootlesspanel.ui.common.Glyphs;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel.Phase;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel.StepState;

/**
 * Shows a plan before it runs, its progress step by step, and the failure with the offer to roll back and
 * the way to the failed unit's journal. Enter runs the plan (and, once it has run, closes the window); Escape
 * cancels or closes it, except while it runs.
 */
public final class PlanDialogController {

    private final PlanRunViewModel vm;
    private final Stage stage;
    private RovingFocus stepFocus;

    @FXML private Label titleLabel;
    @FXML private Label introLabel;
    @FXML private VBox stepList;
    @FXML private Label notesLabel;
    @FXML private TitledPane unitPane;
    @FXML private TextArea unitText;
    @FXML private VBox resultBox;
    @FXML private Label messageLabel;
    @FXML private Hyperlink showLogLink;
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
        introLabel.setText(phaseText(Phase.READY));
        stepList.setAccessibleRole(AccessibleRole.LIST_VIEW);
        stepFocus = new RovingFocus(stepList);
        List<PlanRunViewModel.StepRow> steps = vm.steps();
        for (int i = 0; i < steps.size(); i++) {
            HBox row = stepRow(steps.get(i), i + 1, steps.size());
            stepList.getChildren().add(row);
            stepFocus.add(row);
        }
        notesLabel.setText(vm.notes());
        notesLabel.setVisible(!vm.notes().isEmpty());
        notesLabel.setManaged(notesLabel.isVisible());
        unitPane.setText(vm.plan().attachmentTitle());
        unitText.setText(vm.unitFile());
        unitText.setAccessibleText(Messages.get("setup.plan.attachment.accessible", vm.plan().attachmentTitle()));
        unitPane.setVisible(!vm.unitFile().isEmpty());
        unitPane.setManaged(unitPane.isVisible());

        messageLabel.textProperty().bind(vm.messageProperty());
        detailsText.textProperty().bind(vm.detailsProperty());
        detailsText.visibleProperty().bind(vm.detailsProperty().isNotEmpty());
        detailsText.managedProperty().bind(detailsText.visibleProperty());
        resultBox.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        resultBox.managedProperty().bind(resultBox.visibleProperty());

        BooleanBinding working = vm.phaseProperty().isEqualTo(Phase.RUNNING)
                .or(vm.phaseProperty().isEqualTo(Phase.ROLLING_BACK));
        showLogLink.visibleProperty().bind(vm.canShowLogProperty());
        showLogLink.managedProperty().bind(showLogLink.visibleProperty());
        showLogLink.disableProperty().bind(working);
        vm.logUnitProperty().addListener((o, was, unit) -> {
            showLogLink.setAccessibleText(Messages.get("setup.plan.showLog.accessible", unit));
            showLogLink.setTooltip(new Tooltip(Messages.get("setup.plan.showLog.tooltip", unit)));
        });

        runButton.visibleProperty().bind(vm.phaseProperty().isEqualTo(Phase.READY));
        runButton.managedProperty().bind(runButton.visibleProperty());
        runButton.setText(Messages.get("setup.plan.run", vm.plan().actionLabel()));
        rollbackButton.visibleProperty().bind(vm.canRollbackProperty());
        rollbackButton.managedProperty().bind(rollbackButton.visibleProperty());
        closeButton.textProperty().bind(Bindings.when(vm.phaseProperty().isEqualTo(Phase.READY))
                .then(Messages.get("setup.plan.cancel")).otherwise(Messages.get("setup.plan.close")));
        closeButton.disableProperty().bind(working);
        // once the plan has run there is nothing left to run: Enter closes the window
        closeButton.defaultButtonProperty().bind(vm.phaseProperty().isNotEqualTo(Phase.READY));
        vm.phaseProperty().addListener((o, was, now) -> {
            introLabel.setText(phaseText(now));
            messageLabel.getStyleClass().removeAll("tone-ok", "tone-error");
            messageLabel.getStyleClass().add(now == Phase.SUCCEEDED || now == Phase.ROLLED_BACK ? "tone-ok" : "tone-error");
            focusFor(now);
        });
        // while running, a stray Escape must not close the window: the run cannot be abandoned halfway
        stage.setOnCloseRequest(e -> {
            if (closeButton.isDisable()) {
                e.consume();
            }
        });
    }

    /** The button that had the focus is gone or disabled: put the focus where the next decision is. */
    private void focusFor(Phase phase) {
        switch (phase) {
            case RUNNING, ROLLING_BACK -> stepFocus.stop().requestFocus();
            case FAILED -> (vm.canShowLogProperty().get() ? showLogLink
                    : vm.canRollbackProperty().get() ? rollbackButton : closeButton).requestFocus();
            default -> closeButton.requestFocus();
        }
    }

    private static String phaseText(Phase phase) {
        return Messages.get(switch (phase) {
            case READY -> "setup.plan.phase.ready";
            case RUNNING -> "setup.plan.phase.running";
            case SUCCEEDED -> "setup.plan.phase.succeeded";
            case FAILED -> "setup.plan.phase.failed";
            case ROLLING_BACK -> "setup.plan.phase.rollingBack";
            case ROLLED_BACK -> "setup.plan.phase.rolledBack";
        });
    }

    private static String stateWord(StepState s) {
        return Messages.get(switch (s) {
            case PENDING -> "setup.plan.step.pending";
            case RUNNING -> "setup.plan.step.running";
            case DONE -> "setup.plan.step.done";
            case FAILED -> "setup.plan.step.failed";
            case UNDONE -> "setup.plan.step.undone";
            case UNDO_FAILED -> "setup.plan.step.undoFailed";
        });
    }

    private HBox stepRow(PlanRunViewModel.StepRow row, int number, int count) {
        StackPane icon = new StackPane();
        icon.setMinSize(18, 18);
        icon.setMaxSize(18, 18);
        Label title = new Label(row.title());
        title.getStyleClass().add("step-title");
        title.setWrapText(true);
        Label result = new Label();
        result.getStyleClass().add("step-result");
        result.textProperty().bind(row.resultProperty());
        result.setWrapText(true);
        result.visibleProperty().bind(row.resultProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        VBox text = new VBox(2, title, result);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox box = new HBox(10, icon, text);
        box.setAlignment(Pos.TOP_LEFT);
        box.setAccessibleRole(AccessibleRole.LIST_ITEM);
        Runnable paint = () -> {
            StepState s = row.stateProperty().get();
            if (s == StepState.PENDING) {
                // an empty circle: a step still to do (the glyphs all say something has happened)
                Circle dot = new Circle(5);
                dot.getStyleClass().add("step-dot");
                icon.getChildren().setAll(dot);
            } else {
                icon.getChildren().setAll(Glyphs.of(switch (s) {
                    case RUNNING -> "restart";
                    case DONE, UNDONE -> "check";
                    default -> "error";
                }, 16));
            }
            box.getStyleClass().removeIf(c -> c.startsWith("step-"));
            box.getStyleClass().addAll("step-row", "step-" + s.name().toLowerCase(Locale.ROOT));
            String r = row.resultProperty().get();
            box.setAccessibleText(r.isEmpty()
                    ? Messages.get("setup.plan.step.accessible", number, count, row.title(), stateWord(s))
                    : Messages.get("setup.plan.step.accessibleResult", number, count, row.title(), stateWord(s), r));
        };
        row.stateProperty().addListener((o, a, b) -> paint.run());
        row.resultProperty().addListener((o, a, b) -> paint.run());
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

    /** Closes this window first: it is modal, and the Logs screen is in the main window behind it. */
    @FXML
    private void showLog() {
        stage.close();
        vm.showLog();
    }

    @FXML
    private void close() {
        stage.close();
    }
}
