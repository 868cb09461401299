package io.github.rootlesspanel.ui.preferences;

import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.Stage;
import javafx.stage.Window;

import io.github.rootlesspanel.ui.common.Fxml;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.ModalWindow;
import io.github.rootlesspanel.ui.common.ViewLoader;

/** The Preferences dialog, in a window owned by the main window with its stylesheets. */
public final class PreferencesWindow {

    private PreferencesWindow() {
    }

    public static Stage show(Window owner, PreferencesStore store, Optional<Path> file) {
        return ModalWindow.show(owner, Messages.get("preferences.window"), stage -> ViewLoader.load(Fxml.PREFERENCES,
                new PreferencesController(new PreferencesViewModel(store), file, stage::close)));
    }
}
