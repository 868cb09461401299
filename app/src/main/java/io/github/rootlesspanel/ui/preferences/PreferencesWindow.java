package io.github.rootlesspanel.ui.preferences;

import java.nio.file.Path;
import java.util.Optional;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.ViewLoader;

/** The Preferences dialog, in a window owned by the main window with its stylesheets. */
public final class PreferencesWindow {

    private PreferencesWindow() {
    }

    public static Stage show(Window owner, PreferencesStore store, Optional<Path> file) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(Messages.get("preferences.window"));
        Parent root = ViewLoader.load(Fxml.PREFERENCES,
                new PreferencesController(new PreferencesViewModel(store), file, stage::close));
        Scene scene = new Scene(root);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
