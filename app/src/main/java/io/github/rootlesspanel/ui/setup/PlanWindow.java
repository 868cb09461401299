package io.github.rootlesspanel.ui.setup;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.ViewLoader;

/** Opens a plan (install, uninstall, enable a snapshotter, …) in its own window owned by the main window. */
public final class PlanWindow {

    private PlanWindow() {
    }

    public static void show(Window owner, PlanRunViewModel plan) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(plan.title());
        Parent root = ViewLoader.load(Fxml.PLAN_DIALOG, new PlanDialogController(plan, stage));
        Scene scene = new Scene(root);
        if (owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
    }
}
