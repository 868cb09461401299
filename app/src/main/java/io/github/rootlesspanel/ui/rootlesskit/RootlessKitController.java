package io.github.rootlesspanel.ui.rootlesskit;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
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
import io.github.rootlesspanel.ui.common.Messages;

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
        fileLabel.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("rootlesskit.file", vm.fileInfoProperty().get()), vm.fileInfoProperty()));
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
        applyButton.setTooltip(new Tooltip(Messages.get("rootlesskit.apply.tooltip")));

        Label h1 = header(Messages.get("rootlesskit.header.setting"));
        Label h2 = header(Messages.get("rootlesskit.header.value"));
        Label h3 = header(Messages.get("rootlesskit.header.values"));
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
        String label = RootlessKitViewModel.label(v);
        String explanation = RootlessKitViewModel.explanation(v);
        String byDefault = RootlessKitViewModel.defaultDescription(v);
        Label name = new Label(label);
        name.getStyleClass().add("check-title");
        name.setWrapText(true); // long labels (German above all) wrap instead of ending in "..."
        Label env = new Label(v.name());
        env.getStyleClass().add("card-unit");
        Label explain = new Label(explanation);
        explain.getStyleClass().add("page-hint");
        explain.setWrapText(true);
        VBox nameBox = new VBox(2, name, env);
        name.setTooltip(new Tooltip(Messages.get("rootlesskit.field.tooltip", v.envName(), explanation, byDefault)));

        Control input;
        if (v.enumerated()) {
            ComboBox<String> combo = new ComboBox<>();
            String defaultWord = RootlessKitViewModel.defaultWord();
            combo.getItems().add(defaultWord);
            combo.getItems().addAll(v.choices());
            combo.setMaxWidth(Double.MAX_VALUE);
            combo.valueProperty().addListener((o, was, now) -> {
                String value = now == null || now.equals(defaultWord) ? "" : now;
                if (!value.equals(f.valueProperty().get())) {
                    f.valueProperty().set(value);
                }
            });
            f.valueProperty().addListener((o, was, now) -> {
                String shown = now == null || now.isEmpty() ? defaultWord : now;
                if (!combo.getItems().contains(shown)) {
                    combo.getItems().add(shown); // a value the file has that is not a known choice
                }
                combo.setValue(shown);
            });
            combo.setValue(defaultWord);
            input = combo;
        } else {
            TextField text = new TextField();
            text.setPromptText(Messages.get("rootlesskit.field.prompt", byDefault));
            text.textProperty().bindBidirectional(f.valueProperty());
            input = text;
        }
        input.setId("field-" + v.name());
        input.setAccessibleText(label);
        name.setLabelFor(input);
        Label problem = new Label();
        problem.setWrapText(true);
        problem.setId("problem-" + v.name());
        // the kind in words as well as in colour
        problem.textProperty().bind(Bindings.createStringBinding(() -> f.problemProperty().get().isEmpty() ? ""
                : Messages.get(f.severityProperty().get() == Problem.Severity.WARNING ? "rootlesskit.problem.warning"
                        : "rootlesskit.problem.error", f.problemProperty().get()),
                f.problemProperty(), f.severityProperty()));
        // a screen reader hears the problem with the field, before the explanation
        input.accessibleHelpProperty().bind(Bindings.createStringBinding(() -> problem.getText().isEmpty()
                ? Messages.get("rootlesskit.field.help", explanation, byDefault)
                : problem.getText() + " " + explanation, problem.textProperty()));
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
        inFile.textProperty().bind(prefixed("rootlesskit.value.file", f.fileValueProperty()));
        Label effective = new Label();
        effective.setWrapText(true);
        effective.textProperty().bind(prefixed("rootlesskit.value.effective", f.effectiveProperty()));
        Label running = new Label();
        running.textProperty().bind(prefixed("rootlesskit.value.running", f.runningProperty()));
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

    private static StringBinding prefixed(String key, ReadOnlyStringProperty value) {
        return Bindings.createStringBinding(() -> Messages.get(key, value.get()), value);
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
