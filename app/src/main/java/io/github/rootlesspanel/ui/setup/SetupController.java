package io.github.rootlesspanel.ui.setup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.install.Installer;

/** Binds the Setup screen to {@link SetupViewModel}; opens plans in their own window. */
public final class SetupController {

    private final SetupViewModel vm;

    @FXML private ScrollPane scroll;
    @FXML private GridPane componentGrid;
    @FXML private Label componentError;
    @FXML private Label subjectLabel;
    @FXML private ProgressIndicator checkingIndicator;
    @FXML private Label summaryLabel;
    @FXML private Button rerunButton;
    @FXML private VBox checkList;

    public SetupController(SetupViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        int row = 0;
        for (SetupViewModel.ComponentRow c : vm.components()) {
            addComponent(c, row++);
        }
        componentError.textProperty().bind(vm.errorProperty());
        componentError.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        componentError.managedProperty().bind(componentError.visibleProperty());

        subjectLabel.textProperty().bind(vm.subjectProperty());
        summaryLabel.textProperty().bind(vm.summaryProperty());
        checkingIndicator.visibleProperty().bind(vm.checkingProperty());
        rerunButton.disableProperty().bind(vm.checkingProperty());
        vm.results().addListener((ListChangeListener<CheckResult>) ch -> renderChecks());
        renderChecks();
    }

    private void addComponent(SetupViewModel.ComponentRow c, int row) {
        Label name = new Label(c.title());
        name.getStyleClass().add("card-title");
        Label unit = new Label(c.unit());
        unit.getStyleClass().add("card-unit");
        VBox names = new VBox(1, name, unit);
        Label state = new Label();
        state.textProperty().bind(c.stateProperty());
        state.getStyleClass().add("fact-value");
        state.setId("state-" + c.target().id());
        Button install = new Button("Install…");
        install.setId("install-" + c.target().id());
        install.disableProperty().bind(vm.busyProperty().or(c.knownProperty().not()));
        install.setTooltip(new Tooltip("Like " + c.setupToolCommand() + ": shows the plan first"));
        install.setOnAction(e -> vm.prepareInstall(c.target(), Installer.Options.DEFAULT, this::showPlan));
        Button uninstall = new Button("Uninstall…");
        uninstall.setId("uninstall-" + c.target().id());
        uninstall.disableProperty().bind(vm.busyProperty().or(c.installedProperty().not()));
        uninstall.setOnAction(e -> vm.prepareUninstall(c.target(), this::showPlan));
        install.setAccessibleText("Install " + c.title());
        uninstall.setAccessibleText("Uninstall " + c.title());
        HBox buttons = new HBox(8, install, uninstall);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        GridPane.setHgrow(state, Priority.ALWAYS);
        componentGrid.addRow(row, names, state, buttons);
    }

    private void renderChecks() {
        checkList.getChildren().clear();
        Map<String, List<CheckResult>> groups = new LinkedHashMap<>();
        for (CheckResult r : vm.results()) {
            groups.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>()).add(r);
        }
        groups.forEach((group, results) -> {
            Label heading = new Label(group);
            heading.getStyleClass().add("check-group");
            checkList.getChildren().add(heading);
            results.forEach(r -> checkList.getChildren().add(checkRow(r)));
        });
    }

    private VBox checkRow(CheckResult r) {
        Label badge = new Label(switch (r.state()) {
            case OK -> "OK";
            case WARNING -> "Warning";
            case FAILED -> "Failed";
            case NOT_APPLICABLE -> "n/a";
        });
        badge.getStyleClass().addAll("status-badge", switch (r.state()) {
            case OK -> "tone-ok";
            case WARNING -> "tone-warning";
            case FAILED -> "tone-error";
            case NOT_APPLICABLE -> "tone-muted";
        });
        badge.setMinWidth(76);
        badge.setAlignment(Pos.CENTER);
        Label title = new Label(r.title());
        title.getStyleClass().add("check-title");
        Label found = new Label(r.found());
        found.getStyleClass().add("page-hint");
        found.setWrapText(true);
        VBox text = new VBox(2, title, found);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox line = new HBox(12, badge, text);
        line.setAlignment(Pos.TOP_LEFT);
        VBox box = new VBox(6, line);
        box.getStyleClass().add("check-row");
        box.setId("check-" + r.id());
        box.setAccessibleText(r.title() + ": " + r.state().wire() + ". " + r.found());
        if (r.state() != CheckState.OK && r.state() != CheckState.NOT_APPLICABLE || !r.hint().isBlank()) {
            Label why = new Label(r.why());
            why.setWrapText(true);
            why.getStyleClass().add("check-why");
            VBox detail = new VBox(6, why);
            if (!r.hint().isBlank()) {
                Label hint = new Label(r.hint());
                hint.getStyleClass().add("check-hint");
                hint.setWrapText(true);
                hint.setMaxWidth(Double.MAX_VALUE);
                Button copy = new Button("Copy");
                copy.getStyleClass().add("small");
                copy.setTooltip(new Tooltip("Copy these commands; run them in a terminal"));
                copy.setAccessibleText("Copy the fix for " + r.title());
                copy.setOnAction(e -> vm.copyHint(r));
                HBox.setHgrow(hint, Priority.ALWAYS);
                HBox hintLine = new HBox(8, hint, copy);
                if (r.id().equals("linger")) {
                    Button enable = new Button("Enable lingering…");
                    enable.getStyleClass().add("small");
                    enable.setId("enable-linger");
                    enable.setTooltip(new Tooltip("Asks logind over D-Bus; your system may ask for a password"));
                    enable.setOnAction(e -> vm.enableLingering());
                    hintLine.getChildren().add(enable);
                }
                hintLine.setAlignment(Pos.TOP_LEFT);
                detail.getChildren().add(hintLine);
            }
            detail.setPadding(new javafx.geometry.Insets(0, 0, 0, 88));
            box.getChildren().add(detail);
        }
        return box;
    }

    private void showPlan(PlanRunViewModel plan) {
        PlanWindow.show(scroll.getScene().getWindow(), plan);
    }

    @FXML
    private void rerun() {
        vm.runChecks();
    }
}
