package io.github.rootlesspanel.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view from fxml/ with a controller the caller built (constructor injection, no reflection magic). */
public final class ViewLoader {

    private ViewLoader() {
    }

    public static Parent load(Fxml view, Object controller) {
        URL url = ViewLoader.class.getResource(view.resource());
        if (url == null) {
            throw new IllegalStateException("missing view " + view.resource());
        }
        FXMLLoader loader = new FXMLLoader(url, Messages.bundle());
        loader.setControllerFactory(type -> {
            if (!type.isInstance(controller)) {
                throw new IllegalStateException(view.file() + " wants a " + type.getName() + " but got "
                        + controller.getClass().getName());
            }
            return controller;
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + view.file(), e);
        }
    }
}
