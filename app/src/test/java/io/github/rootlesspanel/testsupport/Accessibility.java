package io.github.rootlesspanel.testsupport;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;

/**
 * What a screen reader would get from a screen, checked in-process: JavaFX 21 has no AT-SPI bridge on
 * Linux (test-environment.md step 12), so the accessible names are read from the nodes themselves.
 * Call on the FX thread (e.g. inside {@link Fx#read}).
 */
public final class Accessibility {

    private Accessibility() {
    }

    /**
     * Every showing control a user can reach (focus-traversable, or a table/list) that has no accessible
     * name: no accessibleText, no text of its own and no Label pointing at it with labelFor. Each entry
     * says what it is (class, id, style classes), so a failure names the culprit.
     */
    public static List<String> unnamedControls(Parent root) {
        List<Label> labels = new ArrayList<>();
        collectLabels(root, labels);
        List<String> out = new ArrayList<>();
        walk(root, labels, out);
        return out;
    }

    /** The name a screen reader would read for NODE, or "" when it has none. */
    public static String accessibleName(Node node, List<Label> labels) {
        String a = node.getAccessibleText();
        if (a != null && !a.isBlank()) {
            return a;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            // what is read is the text without the mnemonic mark ("_Apply" is read "Apply")
            return l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
        }
        for (Label l : labels) {
            if (l.getLabelFor() == node && l.getText() != null && !l.getText().isBlank()) {
                return l.getText();
            }
        }
        return "";
    }

    public static String accessibleName(Node node) {
        List<Label> labels = new ArrayList<>();
        Parent top = node.getScene() == null ? null : node.getScene().getRoot();
        if (top != null) {
            collectLabels(top, labels);
        }
        return accessibleName(node, labels);
    }

    /** A short description of a node for failure messages. */
    public static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
                + (n.getStyleClass().isEmpty() ? "" : n.getStyleClass().toString());
    }

    private static void walk(Node n, List<Label> labels, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Control c && needsName(c) && accessibleName(c, labels).isEmpty()) {
            out.add(describe(c));
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, labels, out);
            }
            // content held outside getChildrenUnmodifiable until skinned
            if (n instanceof ScrollPane sp && sp.getContent() != null && !p.getChildrenUnmodifiable().contains(sp.getContent())
                    && sp.getSkin() == null) {
                walk(sp.getContent(), labels, out);
            }
        }
    }

    private static boolean needsName(Control c) {
        if (c instanceof Label || c instanceof ScrollPane || c instanceof SplitPane || c instanceof TabPane) {
            return false; // labels are names; scroll/split/tab containers are not controls a user names
        }
        // the inner parts of composite controls (a ComboBox's editor, a table's cells) are named by their owner
        for (Parent p = c.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Control owner && !(owner instanceof ScrollPane) && !(owner instanceof SplitPane)
                    && !(owner instanceof TabPane) && !(owner instanceof Label)) {
                return false;
            }
        }
        return c.isFocusTraversable() && !c.isDisabled();
    }

    private static void collectLabels(Node n, List<Label> out) {
        if (n instanceof Label l) {
            out.add(l);
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collectLabels(child, out);
            }
        }
    }
}
