package io.github.rootlesspanel.ui.main;

import javafx.scene.Scene;

import io.github.rootlesspanel.ui.overview.OverviewViewModel;

/**
 * Calls back once, from the first pulse after which every shown Overview card holds a state read from systemd:
 * a post-layout pulse listener runs after the pulse's CSS and layout, just before the frame goes to the renderer,
 * so the states it sees are the ones that frame shows. It removes itself then and costs nothing afterwards.
 */
public final class FirstStatesRendered {

    private FirstStatesRendered() {
    }

    /** On the FX thread. */
    public static void watch(Scene scene, OverviewViewModel overview, Runnable then) {
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            if (overview.shownCards().stream().allMatch(c -> c.statusProperty().get() != null)) {
                scene.removePostLayoutPulseListener(self[0]);
                then.run();
            }
        };
        scene.addPostLayoutPulseListener(self[0]);
    }
}
