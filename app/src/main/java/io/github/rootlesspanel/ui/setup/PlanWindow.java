package io.github.rootlesspanel.ui.setup;

import javafx.stage.Window;

import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.ModalWindow;
import io.github.rootlesspanel.ui.common.ViewLoader;

/** Opens a plan (install, uninstall, enable a snapshotter, …) in its own window owned by the main window. */
public final class PlanWindow {

    private PlanWindow() {
    }

    public static void show(Window owner, PlanRunViewModel plan) {
        ModalWindow.show(owner, plan.title(),
                stage -> ViewLoader.load(Fxml.PLAN_DIALOG, new PlanDialogController(plan, stage)));
    }
}
