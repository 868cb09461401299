package io.github.rootlesspanel.ui.about;

import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.Window;

import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.ModalWindow;
import io.github.rootlesspanel.ui.common.ViewLoader;

/** The About dialog, in a window owned by the main window with its stylesheets. */
public final class AboutWindow {

    private AboutWindow() {
    }

    public static Stage show(Window owner, AboutViewModel vm, Image icon) {
        return ModalWindow.show(owner, Messages.get("about.window"),
                stage -> ViewLoader.load(Fxml.ABOUT, new AboutController(vm, icon, stage::close)));
    }
}
