package io.github.rootlesspanel.ui.common;

import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.stage.Window;

/**
 * Tells whether a node's window is on screen, so a page runs its clocks and watches only while it can be seen.
 * Follows the node into a scene and the scene into a window, whenever that happens; a stage shown again with
 * another scene counts as hidden for this node.
 */
public final class WhileShowing {

    private WhileShowing() {
    }

    /** Calls {@code showing} with true when the node's window shows, false when it hides; at once if it shows now. */
    public static void track(Node node, Consumer<Boolean> showing) {
        node.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, w0, w) -> follow(node, w, showing));
                follow(node, scene.getWindow(), showing);
            }
        });
        if (node.getScene() != null) {
            node.getScene().windowProperty().addListener((o2, w0, w) -> follow(node, w, showing));
            follow(node, node.getScene().getWindow(), showing);
        }
    }

    private static void follow(Node node, Window w, Consumer<Boolean> showing) {
        if (w == null) {
            return;
        }
        w.showingProperty().addListener((o, was, now) -> showing.accept(now && w.getScene() == node.getScene()));
        if (w.isShowing() && w.getScene() == node.getScene()) {
            showing.accept(true);
        }
    }
}
