package io.github.rootlesspanel.ui.rootlesskit;

import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import io.github.rootlesspanel.config.rootlesskit.Problem;
import io.github.rootlesspanel.config.rootlesskit.Variable;

/** Lays out a row per setting and binds it to {@link RootlessKitViewModel}; the rules live in the view model. */
public final class RootlessKitController {

    private final RootlessKitViewModel vm;

    @FXML private BorderPane root;
    @FXML private Label fileLabel;
    @FXML private Label runningLabel;
    @FXML private Label generalProblems;
    @FXML private GridPane form;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label statusLabel;
    @FXML private Button restoreButton;
    @FXML private Button revertButton;
    @FXML private Button applyButton;

    public RootlessKitController(RootlessKitViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        fileLabel.textProperty().bind(Bindings.concat("File: ", vm.fileInfoProperty()));
        runningLabel.textProperty().bind(vm.runningInfoProperty());
        generalProblems.textProperty().bind(vm.generalProblemsProperty());
        generalProblems.visibleProperty().bind(vm.generalProblemsProperty().isNotEmpty());
        generalProblems.managedProperty().bind(generalProblems.visibleProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        applyButton.disableProperty().bind(vm.canApplyProperty().not());
        revertButton.disableProperty().bind(vm.dirtyProperty().not().or(vm.busyProperty()));
        restoreButton.disableProperty().bind(vm.canRestoreProperty().not().or(vm.busyProperty()));
        form.disableProperty().bind(vm.loadedProperty().not().or(vm.busyProperty()));
        applyButton.setTooltip(new Tooltip("Shows the difference first (Ctrl+S)"));

        Label h1 = header("Setting");
        Label h2 = header("Value");
        Label h3 = header("In the file · effective after Apply · running now");
        form.addRow(0, h1, h2, h3);
        int row = 1;
        for (RootlessKitViewModel.Field f : vm.fields()) {
            addRow(f, row++);
        }
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), vm::apply);
            }
        });
        vm.load();
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("fact-name");
        return l;
    }

    private void addRow(RootlessKitViewModel.Field f, int row) {
        Variable v = f.variable();
        Label name = new Label(v.label());
        name.getStyleClass().add("check-title");
        Label env = new Label(v.name());
        env.getStyleClass().add("card-unit");
        Label explain = new Label(v.explanation());
        explain.getStyleClass().add("page-hint");
        explain.setWrapText(true);
        VBox nameBox = new VBox(2, name, env);
        name.setTooltip(new Tooltip(v.envName() + "\n" + v.explanation() + "\nDefault: " + v.defaultDescription()));

        Control input;
        if (v.enumerated()) {
            ComboBox<String> combo = new ComboBox<>();
            combo.getItems().add(RootlessKitViewModel.DEFAULT);
            combo.getItems().addAll(v.choices());
            combo.setMaxWidth(Double.MAX_VALUE);
            combo.valueProperty().addListener((o, was, now) -> {
                String value = now == null || now.equals(RootlessKitViewModel.DEFAULT) ? "" : now;
                if (!value.equals(f.valueProperty().get())) {
                    f.valueProperty().set(value);
                }
            });
            f.valueProperty().addListener((o, was, now) -> {
                String shown = now == null || now.isEmpty() ? RootlessKitViewModel.DEFAULT : now;
                if (!combo.getItems().contains(shown)) {
                    combo.getItems().add(shown); // a value the file has that is not a known choice
                }
                combo.setValue(shown);
            });
            combo.setValue(RootlessKitViewModel.DEFAULT);
            input = combo;
        } else {
            TextField text = new TextField();
            text.setPromptText(RootlessKitViewModel.DEFAULT + ": " + v.defaultDescription());
            text.textProperty().bindBidirectional(f.valueProperty());
            input = text;
        }
        input.setId("field-" + v.name());
        input.setAccessibleText(v.label());
        input.setAccessibleHelp(v.explanation());
        Label problem = new Label();
        problem.setWrapText(true);
        problem.setId("problem-" + v.name());
        problem.textProperty().bind(f.problemProperty());
        problem.visibleProperty().bind(f.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label tradeoff = new Label();
        tradeoff.getStyleClass().add("step-result");
        tradeoff.setWrapText(true);
        tradeoff.textProperty().bind(Bindings.createStringBinding(
                () -> v.tradeoff(f.valueProperty().get() == null ? "" : f.valueProperty().get()).orElse(""),
                f.valueProperty()));
        tradeoff.visibleProperty().bind(tradeoff.textProperty().isNotEmpty());
        tradeoff.managedProperty().bind(tradeoff.visibleProperty());
        f.severityProperty().addListener((o, was, now) -> decorate(input, problem, now));
        decorate(input, problem, f.severityProperty().get());
        VBox inputBox = new VBox(4, input, problem, tradeoff, explain);

        Label inFile = new Label();
        inFile.textProperty().bind(Bindings.concat("File: ", f.fileValueProperty()));
        Label effective = new Label();
        effective.setWrapText(true);
        effective.textProperty().bind(Bindings.concat("Effective: ", f.effectiveProperty()));
        Label running = new Label();
        running.textProperty().bind(Bindings.concat("Running: ", f.runningProperty()));
        for (Label l : new Label[] {inFile, effective, running}) {
            l.getStyleClass().add("step-result");
        }
        VBox values = new VBox(2, inFile, effective, running);

        VBox left = new VBox(4, nameBox);
        left.getStyleClass().add("settings-row");
        inputBox.getStyleClass().add("settings-row");
        values.getStyleClass().add("settings-row");
        form.addRow(row, left, inputBox, values);
    }

    private static void decorate(Control input, Label problem, Problem.Severity s) {
        input.pseudoClassStateChanged(Styles.STATE_DANGER, s == Problem.Severity.ERROR);
        input.pseudoClassStateChanged(Styles.STATE_WARNING, s == Problem.Severity.WARNING);
        problem.getStyleClass().removeAll("field-error", "field-warning");
        if (s != null) {
            problem.getStyleClass().add(s == Problem.Severity.ERROR ? "field-error" : "field-warning");
        }
    }

    @FXML
    private void apply() {
        vm.apply();
    }

    @FXML
    private void revert() {
        vm.revert();
    }

    @FXML
    private void restore() {
        vm.restorePreviousAndRestart();
    }
}
