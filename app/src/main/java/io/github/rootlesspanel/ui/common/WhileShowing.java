package io.github.rootlesspanel.ui.common;

import java.util.function.Consumer;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Tells whether a node is on screen, so a page runs its clocks and watches only while it can be seen: its window
 * shows that node's scene, and the node is in that scene. The main window swaps its pages in and out of one content
 * pane, so a page taken out counts as hidden (its clocks would otherwise tick on unseen: issue 10's idle cost). A
 * stage shown again with another scene counts as hidden for this node.
 */
public final class WhileShowing {

    private WhileShowing() {
    }

    /**
     * Calls {@code showing} with true when the node comes on screen and false when it leaves it (only on a change;
     * at once if it shows now).
     */
    public static void track(Node node, Consumer<Boolean> showing) {
        new Tracker(node, showing).attach();
    }

    /** Listens to the node's scene, that scene's window and the window's showing; moves its listeners along. */
    private static final class Tracker implements InvalidationListener {
        private final Node node;
        private final Consumer<Boolean> showing;
        private Scene scene;
        private Window window;
        private boolean shown;

        Tracker(Node node, Consumer<Boolean> showing) {
            this.node = node;
            this.showing = showing;
        }

        void attach() {
            node.sceneProperty().addListener(this);
            invalidated(null);
        }

        @Override
        public void invalidated(Observable o) {
            Scene s = node.getScene();
            if (s != scene) {
                if (scene != null) {
                    scene.windowProperty().removeListener(this);
                }
                scene = s;
                if (scene != null) {
                    scene.windowProperty().addListener(this);
                }
            }
            Window w = scene == null ? null : scene.getWindow();
            if (w != window) {
                if (window != null) {
                    window.showingProperty().removeListener(this);
                    window.sceneProperty().removeListener(this);
                }
                window = w;
                if (window != null) {
                    window.showingProperty().addListener(this);
                    window.sceneProperty().addListener(this);
                }
            }
            boolean now = window != null && window.isShowing() && window.getScene() == scene;
            if (now != shown) {
                shown = now;
                showing.accept(now);
            }
        }
    }
}
