package io.github.rootlesspanel.ui.main;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import io.github.rootlesspanel.systemd.ConnectionState;
import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.Glyphs;
import io.github.rootlesspanel.ui.common.ViewLoader;
import io.github.rootlesspanel.ui.overview.OverviewController;
import io.github.rootlesspanel.ui.overview.OverviewViewModel;

/** The window frame: header, connection state, and the current screen. */
public final class MainWindowController {

    private final OverviewViewModel overview;
    private final Image icon;

    @FXML private ImageView appIcon;
    @FXML private HBox connectionChip;
    @FXML private StackPane connectionGlyph;
    @FXML private Label connectionLabel;
    @FXML private HBox banner;
    @FXML private StackPane bannerGlyph;
    @FXML private Label bannerText;
    @FXML private StackPane content;

    public MainWindowController(OverviewViewModel overview, Image icon) {
        this.overview = overview;
        this.icon = icon;
    }

    @FXML
    private void initialize() {
        appIcon.setImage(icon);
        bannerGlyph.getChildren().add(Glyphs.of("plug-disconnected", 18));
        bannerText.textProperty().bind(overview.connectionTextProperty());
        banner.setAccessibleText("Connection problem");
        overview.connectionProperty().addListener((o, was, now) -> show(now));
        show(overview.connectionProperty().get());
        content.getChildren().add(ViewLoader.load(Fxml.OVERVIEW, new OverviewController(overview)));
    }

    private void show(ConnectionState s) {
        boolean up = s == ConnectionState.CONNECTED;
        boolean down = s == ConnectionState.DISCONNECTED || s == ConnectionState.CLOSED;
        connectionGlyph.getChildren().setAll(Glyphs.of(up ? "plug-connected" : "plug-disconnected", 14));
        connectionLabel.setText(up ? "Connected" : down ? "Disconnected" : "Connecting…");
        connectionChip.getStyleClass().removeAll("tone-ok", "tone-error", "tone-busy");
        connectionChip.getStyleClass().add(up ? "tone-ok" : down ? "tone-error" : "tone-busy");
        banner.setVisible(down);
        banner.setManaged(down);
    }
}
