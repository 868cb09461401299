package io.github.rootlesspanel.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;

import org.testfx.api.FxRobot;

/**
 * Walks a window with the Tab key only (real key events through TestFX on the real X server) and records
 * where the focus went, so a test can check that every control is reachable, in a sensible order, and
 * named for a screen reader at each stop.
 */
public final class KeyboardWalk {

    /** One stop: the focused node, its accessible name and its position on screen. */
    public record Stop(Node node, String name, double x, double y) {
        @Override
        public String toString() {
            return Accessibility.describe(node) + " \"" + name + "\" @" + Math.round(x) + "," + Math.round(y);
        }
    }

    private KeyboardWalk() {
    }

    /**
     * Presses Tab until the focus comes back to where it started (or MAX_STEPS), returning the stops in
     * order. The scene's window must be focused.
     */
    public static List<Stop> tabThrough(FxRobot robot, Scene scene, int maxSteps) {
        List<Stop> stops = new ArrayList<>();
        Node first = Fx.read(scene::getFocusOwner);
        Set<Node> seen = new LinkedHashSet<>();
        for (int i = 0; i < maxSteps; i++) {
            robot.push(KeyCode.TAB);
            Node now = Fx.read(scene::getFocusOwner);
            if (now == null) {
                continue;
            }
            if (!seen.add(now) || now == first && i > 0) {
                break;
            }
            stops.add(Fx.read(() -> {
                var b = now.localToScene(now.getBoundsInLocal());
                return new Stop(now, Accessibility.accessibleName(now), b.getMinX(), b.getMinY());
            }));
        }
        return stops;
    }

    /** The stops without an accessible name (should be none). */
    public static List<Stop> unnamed(List<Stop> stops) {
        return stops.stream().filter(s -> s.name().isBlank()).toList();
    }
}
