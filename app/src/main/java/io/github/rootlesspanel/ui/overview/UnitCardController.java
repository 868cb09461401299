package io.github.rootlesspanel.ui.overview;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.ui.common.Glyphs;
import io.github.rootlesspanel.ui.common.Messages;

/** Binds one card to its {@link UnitCardViewModel}; no logic of its own. */
public final class UnitCardController {

    private final UnitCardViewModel vm;

    @FXML private VBox root;
    @FXML private StackPane glyphBox;
    @FXML private Label titleLabel;
    @FXML private Label unitLabel;
    @FXML private Label badge;
    @FXML private Label purposeLabel;
    @FXML private Label sinceValue;
    @FXML private Label pidValue;
    @FXML private Label memoryValue;
    @FXML private Label restartsValue;
    @FXML private Label enabledValue;
    @FXML private javafx.scene.layout.GridPane facts;
    @FXML private HBox actions;
    @FXML private Label notInstalledLabel;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button restartButton;
    @FXML private Button enableButton;
    @FXML private Button disableButton;
    @FXML private VBox progressBox;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private HBox messageBox;
    @FXML private StackPane messageGlyph;
    @FXML private Label messageLabel;
    @FXML private Hyperlink detailsLink;
    @FXML private HBox journalPane;
    @FXML private Button logsButton;
    @FXML private Hyperlink failedLogLink;

    public UnitCardController(UnitCardViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        glyphBox.getChildren().add(Glyphs.of(vm.component().glyph(), 22));
        titleLabel.setText(vm.title());
        unitLabel.setText(vm.unit());
        purposeLabel.setText(vm.purpose());

        badge.textProperty().bind(vm.stateTextProperty());
        vm.toneProperty().addListener((o, was, now) -> tone(was, now));
        tone(null, vm.toneProperty().get());
        badge.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("overview.badge.accessible", vm.title(), vm.stateTextProperty().get()),
                vm.stateTextProperty()));

        sinceValue.textProperty().bind(vm.sinceTextProperty());
        pidValue.textProperty().bind(vm.pidTextProperty());
        memoryValue.textProperty().bind(vm.memoryTextProperty());
        Tooltip memoryTip = new Tooltip();
        memoryTip.textProperty().bind(vm.memoryHintProperty());
        memoryTip.setWrapText(true);
        memoryTip.setMaxWidth(320);
        memoryValue.tooltipProperty().bind(Bindings.when(vm.memoryHintProperty().isEmpty())
                .then((Tooltip) null).otherwise(memoryTip));
        restartsValue.textProperty().bind(vm.restartsTextProperty());
        enabledValue.textProperty().bind(vm.enabledTextProperty());

        action(startButton, JobKind.START, "play", vm.canStartProperty().not());
        action(stopButton, JobKind.STOP, "stop", vm.canStopProperty().not());
        action(restartButton, JobKind.RESTART, null, vm.canRestartProperty().not());
        action(enableButton, JobKind.ENABLE, null, vm.canEnableProperty().not());
        action(disableButton, JobKind.DISABLE, null, vm.canDisableProperty().not());

        notInstalledLabel.setText(vm.notInstalledHint());
        notInstalledLabel.visibleProperty().bind(vm.installedProperty().not());
        notInstalledLabel.managedProperty().bind(notInstalledLabel.visibleProperty());
        facts.visibleProperty().bind(vm.installedProperty());
        facts.managedProperty().bind(facts.visibleProperty());
        actions.visibleProperty().bind(vm.installedProperty());
        actions.managedProperty().bind(actions.visibleProperty());

        progressBox.visibleProperty().bind(vm.runningJobProperty().isNotNull());
        progressBox.managedProperty().bind(progressBox.visibleProperty());
        progressLabel.textProperty().bind(vm.progressTextProperty());
        progressBar.setProgress(-1);

        messageGlyph.getChildren().add(Glyphs.of("error", 16));
        messageLabel.textProperty().bind(vm.messageProperty());
        messageBox.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        messageBox.managedProperty().bind(messageBox.visibleProperty());
        Tooltip detail = new Tooltip();
        detail.textProperty().bind(vm.messageDetailProperty());
        detail.setWrapText(true);
        detail.setMaxWidth(420);
        messageLabel.setTooltip(detail);
        root.setAccessibleText(Messages.get("overview.card.accessible", vm.title()));
        detailsLink.setAccessibleText(Messages.get("overview.details.accessible", vm.title()));

        logsButton.setGraphic(Glyphs.of("terminal", 12));
        logsButton.setAccessibleText(Messages.get("overview.logs.accessible", vm.title()));
        logsButton.setId("logs-" + vm.component().id());
        journalPane.visibleProperty().bind(vm.installedProperty());
        journalPane.managedProperty().bind(journalPane.visibleProperty());
        failedLogLink.setAccessibleText(Messages.get("overview.showLog.accessible", vm.title()));
        failedLogLink.setId("failure-log-" + vm.component().id());
        failedLogLink.visibleProperty().bind(vm.failedProperty());
        failedLogLink.managedProperty().bind(failedLogLink.visibleProperty());

        ContextMenu menu = new ContextMenu();
        for (JobKind k : JobKind.values()) {
            MenuItem copy = new MenuItem(Messages.get("overview.copyCommand", vm.commandLine(k)));
            copy.setOnAction(e -> vm.copyCommand(k));
            menu.getItems().add(copy);
        }
        root.setOnContextMenuRequested(e -> menu.show(root, e.getScreenX(), e.getScreenY()));
        detailsLink.setOnAction(e -> vm.showFailureDetails());
    }

    private void action(Button b, JobKind kind, String glyph, javafx.beans.value.ObservableBooleanValue disabled) {
        if (glyph != null) {
            b.setGraphic(Glyphs.of(glyph, 12));
        }
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.disableProperty().bind(disabled);
        Tooltip t = new Tooltip(vm.commandLine(kind));
        t.setShowDelay(Duration.millis(400));
        b.setTooltip(t);
        b.setAccessibleText(Messages.get(switch (kind) {
            case START -> "overview.action.start.accessible";
            case STOP -> "overview.action.stop.accessible";
            case RESTART -> "overview.action.restart.accessible";
            case ENABLE -> "overview.action.enable.accessible";
            case DISABLE -> "overview.action.disable.accessible";
        }, vm.title()));
        b.setAccessibleHelp(vm.commandLine(kind));
        b.setId(kind.verb() + "-" + vm.component().id());
    }

    private void tone(Tone was, Tone now) {
        if (was != null) {
            badge.getStyleClass().remove(was.styleClass());
        }
        if (now != null) {
            badge.getStyleClass().add(now.styleClass());
        }
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    @FXML
    private void restart() {
        vm.restart();
    }

    @FXML
    private void enable() {
        vm.enable();
    }

    @FXML
    private void disable() {
        vm.disable();
    }

    @FXML
    private void showLogs() {
        vm.showLogs();
    }

    @FXML
    private void showFailureLog() {
        vm.showFailureLog();
    }
}
