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
import io.github.rootlesspanel.ui.setup.PlanWindow;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel;

/** A card per snapshotter, bound to {@link SnapshottersViewModel}. */
public final class SnapshottersController {

    private final SnapshottersViewModel vm;

    @FXML private ScrollPane scroll;
    @FXML private Label hintLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button refreshButton;
    @FXML private VBox rowList;

    public SnapshottersController(SnapshottersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        hintLabel.setText("Where containerd keeps image layers. overlayfs is built in and fastest where the kernel allows "
                + "it rootless; fuse-overlayfs is for older kernels; stargz starts containers before the image is "
                + "fully pulled. " + vm.shellHint());
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
        Label name = new Label(r.snapshotter().id());
        name.getStyleClass().add("card-title");
        Label expected = badge(r.verdict().expected() ? "Expected to work here" : "Not expected to work here",
                r.verdict().expected() ? "tone-ok" : "tone-warning");
        Label loaded = badge(r.loaded() ? "Loaded by containerd" : "Not loaded", r.loaded() ? "tone-ok" : "tone-muted");
        loaded.setId("loaded-" + r.snapshotter().id());
        HBox head = new HBox(10, name, expected, loaded);
        head.setAlignment(Pos.CENTER_LEFT);
        if (r.isDefault()) {
            head.getChildren().add(badge("nerdctl's default", "tone-busy"));
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        head.getChildren().add(spacer);
        if (r.snapshotter().proxy()) {
            boolean on = r.loaded() || r.unit().map(u -> u.installed()).orElse(false);
            Button toggle = new Button(on ? "Disable…" : "Enable…");
            toggle.setId((on ? "disable-" : "enable-") + r.snapshotter().id());
            toggle.disableProperty().bind(vm.busyProperty());
            toggle.setOnAction(e -> vm.prepare(r.snapshotter(), !on, this::showPlan));
            head.getChildren().add(toggle);
        }
        if (!r.isDefault()) {
            Button def = new Button("Make default");
            def.setId("default-" + r.snapshotter().id());
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
        Label state = new Label("containerd: " + r.pluginState()
                + r.unit().map(u -> " · unit " + r.snapshotter().unit().get().component().unit() + ": "
                        + (u.installed() ? u.activeState().wire() : "not installed")).orElse(""));
        state.setWrapText(true);
        body.getChildren().add(state);
        VBox card = new VBox(10, head, body);
        card.getStyleClass().add("section-card");
        card.setId("snapshotter-" + r.snapshotter().id());
        return card;
    }

    private static Label badge(String text, String tone) {
        Label l = new Label(text);
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
