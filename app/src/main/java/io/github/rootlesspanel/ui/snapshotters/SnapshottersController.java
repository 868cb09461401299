package io.github.rootlesspanel.ui.snapshotters;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import io.github.rootlesspanel.snapshotters.SnapshotterService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.setup.PlanWindow;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel;

/** A card per snapshotter, bound to {@link SnapshottersViewModel}. */
public final class SnapshottersController {

    private final SnapshottersViewModel vm;

    @FXML private ScrollPane scroll;
    @FXML private Label shellHintLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button refreshButton;
    @FXML private VBox rowList;

    public SnapshottersController(SnapshottersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        shellHintLabel.setText(vm.shellHint());
        statusLabel.textProperty().bind(vm.statusProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        refreshButton.disableProperty().bind(vm.busyProperty());
        vm.rows().addListener((ListChangeListener<SnapshotterService.Row>) c -> render());
        vm.load();
    }

    private void render() {
        rowList.getChildren().clear();
        for (SnapshotterService.Row r : vm.rows()) {
            rowList.getChildren().add(card(r));
        }
    }

    private VBox card(SnapshotterService.Row r) {
        String id = r.snapshotter().id();
        Label name = new Label(id);
        name.getStyleClass().add("card-title");
        Label expected = badge(id, r.verdict().expected() ? "snapshotters.badge.expected" : "snapshotters.badge.notExpected",
                r.verdict().expected() ? "tone-ok" : "tone-warning");
        Label loaded = badge(id, r.loaded() ? "snapshotters.badge.loaded" : "snapshotters.badge.notLoaded",
                r.loaded() ? "tone-ok" : "tone-muted");
        loaded.setId("loaded-" + id);
        HBox head = new HBox(10, name, expected, loaded);
        head.setAlignment(Pos.CENTER_LEFT);
        if (r.isDefault()) {
            head.getChildren().add(badge(id, "snapshotters.badge.default", "tone-busy"));
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        head.getChildren().add(spacer);
        if (r.snapshotter().proxy()) {
            boolean on = r.loaded() || r.unit().map(u -> u.installed()).orElse(false);
            Button toggle = new Button(Messages.get(on ? "snapshotters.disable" : "snapshotters.enable"));
            // several cards have the same button: the name says which snapshotter
            toggle.setAccessibleText(Messages.get(on ? "snapshotters.disable.accessible" : "snapshotters.enable.accessible",
                    id));
            toggle.setId((on ? "disable-" : "enable-") + id);
            toggle.disableProperty().bind(vm.busyProperty());
            toggle.setOnAction(e -> vm.prepare(r.snapshotter(), !on, this::showPlan));
            head.getChildren().add(toggle);
        }
        if (!r.isDefault()) {
            Button def = new Button(Messages.get("snapshotters.makeDefault"));
            def.setAccessibleText(Messages.get("snapshotters.makeDefault.accessible", id));
            def.setId("default-" + id);
            def.disableProperty().bind(vm.busyProperty());
            def.setOnAction(e -> vm.makeDefault(r.snapshotter()));
            head.getChildren().add(def);
        }
        VBox body = new VBox(4);
        for (String reason : r.verdict().reasons()) {
            Label l = new Label("• " + reason);
            l.setWrapText(true);
            l.getStyleClass().add("page-hint");
            body.getChildren().add(l);
        }
        String plugin = Messages.get("snapshotters.state", r.pluginState());
        Label state = new Label(r.unit().map(u -> Messages.get("snapshotters.state.unit", plugin,
                r.snapshotter().unit().get().component().unit(),
                u.installed() ? u.activeState().wire() : Messages.get("snapshotters.unit.notInstalled"))).orElse(plugin));
        state.setWrapText(true);
        body.getChildren().add(state);
        VBox card = new VBox(10, head, body);
        card.getStyleClass().add("section-card");
        card.setId("snapshotter-" + id);
        return card;
    }

    /** A status in words (the tone only repeats it), read with the snapshotter's name. */
    private static Label badge(String snapshotter, String key, String tone) {
        Label l = new Label(Messages.get(key));
        l.setAccessibleText(Messages.get("snapshotters.badge.accessible", snapshotter, l.getText()));
        l.getStyleClass().addAll("status-badge", tone);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private void showPlan(PlanRunViewModel plan) {
        PlanWindow.show(scroll.getScene().getWindow(), plan);
    }

    @FXML
    private void refresh() {
        vm.load();
    }
}
