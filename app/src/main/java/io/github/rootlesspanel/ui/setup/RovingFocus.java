package io.github.rootlesspanel.ui.setup;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyEvent;

/**
 * One tab stop for a list of status rows that is not a ListView (the checks, the steps of a plan): Tab enters
 * the list at the row last visited, the arrow keys, Home and End move between rows. So a screen-reader user
 * can read every row without a Tab press per row, and the buttons after the list stay a few Tabs away.
 */
final class RovingFocus {

    private final List<Node> rows = new ArrayList<>();
    private Node stop;

    RovingFocus(Node list) {
        list.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    /** Forgets the rows (the list is about to be filled again). */
    void clear() {
        rows.clear();
        stop = null;
    }

    /** Adds ROW at the end; the first row added is the tab stop until another row gets the focus. */
    void add(Node row) {
        rows.add(row);
        row.setFocusTraversable(stop == null);
        if (stop == null) {
            stop = row;
        }
        row.focusedProperty().addListener((o, was, now) -> {
            if (now && rows.contains(row)) {
                stop.setFocusTraversable(false);
                stop = row;
                row.setFocusTraversable(true);
            }
        });
    }

    /** The row Tab lands on. */
    Node stop() {
        return stop;
    }

    private void key(KeyEvent e) {
        int at = rows.indexOf(e.getTarget());
        if (at < 0) {
            return;
        }
        int to = switch (e.getCode()) {
            case UP, KP_UP -> Math.max(0, at - 1);
            case DOWN, KP_DOWN -> Math.min(rows.size() - 1, at + 1);
            case HOME -> 0;
            case END -> rows.size() - 1;
            default -> -1;
        };
        if (to < 0) {
            return;
        }
        e.consume();
        Node row = rows.get(to);
        row.requestFocus();
        reveal(row);
    }

    /** Scrolls the nearest ScrollPane so NODE is in view (focus traversal does this, requestFocus does not). */
    static void reveal(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() != null) {
                Node content = sp.getContent();
                Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double view = sp.getViewportBounds().getHeight();
                double range = content.getBoundsInLocal().getHeight() - view;
                if (range <= 0) {
                    return;
                }
                double top = sp.getVvalue() * range;
                if (b.getMinY() < top) {
                    top = b.getMinY();
                } else if (b.getMaxY() > top + view) {
                    top = Math.min(b.getMinY(), b.getMaxY() - view);
                }
                sp.setVvalue(Math.max(0, Math.min(1, top / range)));
                return;
            }
        }
    }
}
