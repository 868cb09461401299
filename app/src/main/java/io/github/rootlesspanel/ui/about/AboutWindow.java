package io.github.rootlesspanel.ui.about;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.ViewLoader;

/** The About dialog, in a window owned by the main window with its stylesheets. */
public final class AboutWindow {

    private AboutWindow() {
    }

    public static Stage show(Window owner, AboutViewModel vm, Image icon) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(Messages.get("about.window"));
        Parent root = ViewLoader.load(Fxml.ABOUT, new AboutController(vm, icon, stage::close));
        Scene scene = new Scene(root);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
