package io.github.rootlesspanel.ui.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.ui.common.Messages;

/** Binds the Setup screen to {@link SetupViewModel}; opens plans in their own window. */
public final class SetupController {

    /** Runs the checks again while the Setup screen is showing. */
    static final KeyCombination RERUN = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);

    private final SetupViewModel vm;
    private final Runnable rerunShortcut = this::rerun;
    private RovingFocus checkFocus;

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
        checkList.setAccessibleRole(AccessibleRole.LIST_VIEW);
        checkFocus = new RovingFocus(checkList);
        vm.results().addListener((ListChangeListener<CheckResult>) ch -> renderChecks());
        renderChecks();
        // the page is in the window's scene only while it shows: the shortcut comes and goes with it, and
        // gives way to a window-wide one on the same keys
        scroll.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.getAccelerators().remove(RERUN, rerunShortcut);
            }
            if (now != null) {
                now.getAccelerators().putIfAbsent(RERUN, rerunShortcut);
            }
        });
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
        state.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("setup.component.state.accessible", c.title(), c.stateProperty().get()),
                c.stateProperty()));
        Button install = new Button(Messages.get("setup.component.install"));
        install.setMnemonicParsing(true);
        install.setId("install-" + c.target().id());
        install.disableProperty().bind(vm.busyProperty().or(c.knownProperty().not()));
        install.setTooltip(new Tooltip(Messages.get("setup.component.install.tooltip", c.setupToolCommand())));
        install.setOnAction(e -> vm.prepareInstall(c.target(), Installer.Options.DEFAULT, this::showPlan));
        Button uninstall = new Button(Messages.get("setup.component.uninstall"));
        uninstall.setMnemonicParsing(true);
        uninstall.setId("uninstall-" + c.target().id());
        uninstall.disableProperty().bind(vm.busyProperty().or(c.installedProperty().not()));
        uninstall.setTooltip(new Tooltip(Messages.get("setup.component.uninstall.tooltip")));
        uninstall.setOnAction(e -> vm.prepareUninstall(c.target(), this::showPlan));
        install.setAccessibleText(Messages.get("setup.component.install.accessible", c.title()));
        uninstall.setAccessibleText(Messages.get("setup.component.uninstall.accessible", c.title()));
        HBox buttons = new HBox(8, install, uninstall);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        GridPane.setHgrow(state, Priority.ALWAYS);
        componentGrid.addRow(row, names, state, buttons);
    }

    private void renderChecks() {
        boolean hadFocus = checkList.getScene() != null && isInside(checkList.getScene().getFocusOwner());
        checkList.getChildren().clear();
        checkFocus.clear();
        Map<String, List<CheckResult>> groups = new LinkedHashMap<>();
        for (CheckResult r : vm.results()) {
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        groups.forEach((group, results) -> {
            Label heading = new Label(group);
            heading.getStyleClass().add("check-group");
            checkList.getChildren().add(heading);
            results.forEach(r -> {
                VBox row = checkRow(r);
                checkList.getChildren().add(row);
                checkFocus.add(row);
            });
        });
        // a re-run replaces the rows: keep a keyboard user in the list rather than dropping the focus
        if (hadFocus && checkFocus.stop() != null) {
            checkFocus.stop().requestFocus();
        }
    }

    private boolean isInside(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == checkList) {
                return true;
            }
        }
        return false;
    }

    private VBox checkRow(CheckResult r) {
        Label badge = new Label(stateWord(r.state()));
        badge.getStyleClass().addAll("status-badge", switch (r.state()) {
            case OK -> "tone-ok";
            case WARNING -> "tone-warning";
            case FAILED -> "tone-error";
            case NOT_APPLICABLE -> "tone-muted";
        });
        badge.setMinWidth(84); // "Warning" fits: the titles of all rows line up
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
        box.setAccessibleRole(AccessibleRole.LIST_ITEM);
        String state = r.state() == CheckState.NOT_APPLICABLE ? Messages.get("setup.check.notApplicable.long")
                : stateWord(r.state());
        box.setAccessibleText(Messages.get("setup.check.accessible", r.title(), state, r.found()));
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
                Button copy = new Button(Messages.get("setup.check.copy"));
                copy.setMnemonicParsing(true);
                copy.getStyleClass().add("small");
                copy.setTooltip(new Tooltip(Messages.get("setup.check.copy.tooltip")));
                copy.setAccessibleText(Messages.get("setup.check.copy.accessible", r.title()));
                copy.setOnAction(e -> vm.copyHint(r));
                HBox.setHgrow(hint, Priority.ALWAYS);
                HBox hintLine = new HBox(8, hint, copy);
                if (r.id().equals("linger")) {
                    Button enable = new Button(Messages.get("setup.check.linger"));
                    enable.setMnemonicParsing(true);
                    enable.getStyleClass().add("small");
                    enable.setId("enable-linger");
                    enable.setTooltip(new Tooltip(Messages.get("setup.check.linger.tooltip")));
                    enable.setOnAction(e -> vm.enableLingering());
                    hintLine.getChildren().add(enable);
                }
                hintLine.setAlignment(Pos.TOP_LEFT);
                detail.getChildren().add(hintLine);
            }
            // under the title, whatever the badge's width in this language
            detail.paddingProperty().bind(Bindings.createObjectBinding(
                    () -> new Insets(0, 0, 0, badge.getWidth() + line.getSpacing()), badge.widthProperty()));
            box.getChildren().add(detail);
        }
        return box;
    }

    private static String stateWord(CheckState s) {
        return Messages.get(switch (s) {
            case OK -> "setup.check.ok";
            case WARNING -> "setup.check.warning";
            case FAILED -> "setup.check.failed";
            case NOT_APPLICABLE -> "setup.check.notApplicable";
        });
    }

    private void showPlan(PlanRunViewModel plan) {
        PlanWindow.show(scroll.getScene().getWindow(), plan);
    }

    @FXML
    private void rerun() {
        vm.runChecks();
    }
}
