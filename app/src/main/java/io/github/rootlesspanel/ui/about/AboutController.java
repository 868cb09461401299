package io.github.rootlesspanel.ui.about;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;

import io.github.rootlesspanel.ui.common.Messages;

/** Shows the About view model: the version table fills in when the probe is done. */
public final class AboutController {

    private final AboutViewModel vm;
    private final Image icon;
    private final Runnable close;

    @FXML private ImageView appIcon;
    @FXML private Label versionLabel;
    @FXML private GridPane versions;
    @FXML private ProgressIndicator probing;
    @FXML private Button copyButton;
    @FXML private Button closeButton;

    public AboutController(AboutViewModel vm, Image icon, Runnable close) {
        this.vm = vm;
        this.icon = icon;
        this.close = close;
    }

    @FXML
    private void initialize() {
        appIcon.setImage(icon);
        versionLabel.setText(Messages.get("about.version", vm.panelVersion()));
        probing.visibleProperty().bind(vm.probingProperty());
        probing.managedProperty().bind(vm.probingProperty());
        probing.setAccessibleText(Messages.get("about.probing"));
        copyButton.disableProperty().bind(vm.probingProperty());
        vm.rows().addListener((ListChangeListener<AboutViewModel.Row>) c -> fill());
        vm.probingProperty().addListener((o, was, now) -> fit());
        fill();
        vm.probe();
    }

    private void fill() {
        versions.getChildren().clear();
        int i = 0;
        for (AboutViewModel.Row r : vm.rows()) {
            Label name = new Label(r.name());
            name.getStyleClass().add("fact-name");
            Label value = new Label(r.value());
            value.getStyleClass().add("fact-value");
            value.setId("version-" + i);
            value.setWrapText(true);
            // read as "containerd: 1.6.20 …" by a screen reader
            value.setAccessibleText(r.name() + ": " + r.value());
            name.setLabelFor(value);
            versions.addRow(i++, name, value);
        }
        fit();
    }

    /** Longer version lines than the placeholders must not push the buttons out; the spinner's room goes. */
    private void fit() {
        if (versions.getScene() != null && versions.getScene().getWindow() != null) {
            versions.getScene().getWindow().sizeToScene();
        }
    }

    @FXML
    private void copy() {
        vm.copyReport();
    }

    @FXML
    private void close() {
        close.run();
    }
}
