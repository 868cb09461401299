package io.github.rootlesspanel.ui.common;

import java.util.function.Function;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A window of the panel's own (plan, Preferences, About) over the main window, styled like it. */
public final class ModalWindow {

    private ModalWindow() {
    }

    /** Shows the view VIEW builds for the new stage (given the stage, so its controller can close it). */
    public static Stage show(Window owner, String title, Function<Stage, Parent> view) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        Scene scene = new Scene(view.apply(stage));
        // the main window's sheets (panel.css); the theme is the application's user-agent sheet
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
