package io.github.rootlesspanel.ui.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.Link;
import io.github.rootlesspanel.topology.Layout.Point;
import io.github.rootlesspanel.topology.Layout.Port;
import io.github.rootlesspanel.topology.Layout.StepArrow;

/**
 * Turns a {@link Layout} into JavaFX nodes and keeps them: a new layout moves, restyles, adds and removes nodes by
 * key instead of rebuilding the scene, so a live update does not flicker and what the mouse is over stays there.
 * Colours and fonts are in panel.css ({@code .net-*}).
 */
final class DiagramPainter {

    static final double MARGIN = 16;
    private static final PseudoClass GREYED = PseudoClass.getPseudoClass("greyed");
    private static final PseudoClass CLICKABLE = PseudoClass.getPseudoClass("clickable");

    private final Pane canvas = new Pane();
    private final Group world = new Group();
    private final Group boxLayer = new Group();
    private final Group linkLayer = new Group();
    private final Group portLayer = new Group();
    private final Group stepLayer = new Group();
    private final Map<String, BoxView> boxes = new LinkedHashMap<>();
    private final Map<String, PortView> ports = new LinkedHashMap<>();
    private final Map<String, LinkView> links = new LinkedHashMap<>();
    private final Map<Integer, StepView> steps = new LinkedHashMap<>();
    private final Predicate<Box> clickable;
    private final Consumer<Box> onClick;

    DiagramPainter(Predicate<Box> clickable, Consumer<Box> onClick) {
        this.clickable = clickable;
        this.onClick = onClick;
        canvas.getStyleClass().add("net-canvas");
        world.setLayoutX(MARGIN);
        world.setLayoutY(MARGIN);
        world.getChildren().addAll(boxLayer, linkLayer, portLayer, stepLayer);
        stepLayer.getStyleClass().add("net-steps");
        canvas.getChildren().add(world);
    }

    /** The diagram, unscaled (the page scales a holder around it; exports snapshot this). */
    Pane node() {
        return canvas;
    }

    void setStepsShown(boolean shown) {
        stepLayer.setVisible(shown);
    }

    boolean stepsShown() {
        return stepLayer.isVisible();
    }

    /** The node painted for a box, for tests and keyboard focus. */
    Optional<Node> boxNode(String key) {
        return Optional.ofNullable(boxes.get(key)).map(b -> b.pane);
    }

    /** The painted step arrows (for tests). */
    List<Node> stepNodes() {
        return List.copyOf(stepLayer.getChildren());
    }

    /** Paints a layout over the previous one: nodes are kept by key and moved. On the FX thread. */
    void paint(Layout l) {
        canvas.setPrefSize(l.width() + 2 * MARGIN, l.height() + 2 * MARGIN);
        canvas.setMinSize(l.width() + 2 * MARGIN, l.height() + 2 * MARGIN);
        canvas.setMaxSize(l.width() + 2 * MARGIN, l.height() + 2 * MARGIN);

        Map<String, Box> byKey = new LinkedHashMap<>();
        List<Node> order = new ArrayList<>();
        for (Box b : l.boxes()) {
            byKey.put(b.key(), b);
            BoxView v = boxes.computeIfAbsent(b.key(), k -> new BoxView());
            v.update(b);
            order.add(v.pane);
        }
        boxes.keySet().retainAll(byKey.keySet());
        reorder(boxLayer, order);

        order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Link k : l.links()) {
            LinkView v = links.computeIfAbsent(k.key(), x -> new LinkView());
            v.update(k);
            seen.add(k.key());
            order.add(v.group);
        }
        links.keySet().retainAll(seen);
        reorder(linkLayer, order);

        order = new ArrayList<>();
        seen.clear();
        for (Port p : l.ports()) {
            PortView v = ports.computeIfAbsent(p.key(), x -> new PortView());
            v.update(p, byKey.get(p.box()));
            seen.add(p.key());
            order.add(v.group);
        }
        ports.keySet().retainAll(seen);
        reorder(portLayer, order);

        order = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (StepArrow s : l.steps()) {
            StepView v = steps.computeIfAbsent(s.number(), x -> new StepView());
            v.update(s);
            numbers.add(s.number());
            order.add(v.group);
        }
        steps.keySet().retainAll(numbers);
        reorder(stepLayer, order);
    }

    /** Sets a layer's children only when they differ, so unchanged nodes are not detached and re-attached. */
    private static void reorder(Group layer, List<Node> order) {
        if (!layer.getChildren().equals(order)) {
            layer.getChildren().setAll(order);
        }
    }

    private static String kindClass(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void tip(Node n, Tooltip t, String text) {
        t.setText(text);
        if (n.getProperties().get("net-tip") == null) {
            t.setShowDelay(Duration.millis(250));
            t.setShowDuration(Duration.seconds(30));
            t.setWrapText(true);
            t.setMaxWidth(460);
            Tooltip.install(n, t);
            n.getProperties().put("net-tip", t);
        }
    }

    /** A rounded rectangle with its title and subtitle. */
    private final class BoxView {
        final Pane pane = new Pane();
        final Label title = new Label();
        final Label subtitle = new Label();
        final Tooltip tip = new Tooltip();
        Box box;
        String kindClass = "";

        BoxView() {
            pane.getStyleClass().add("net-box");
            title.getStyleClass().add("net-box-title");
            subtitle.getStyleClass().add("net-box-subtitle");
            for (Label x : List.of(title, subtitle)) {
                x.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
                x.setMouseTransparent(true);
            }
            title.relocate(10, 6);
            subtitle.relocate(10, 24);
            pane.getChildren().addAll(title, subtitle);
            pane.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && box != null
                        && clickable.test(box)) {
                    e.consume();
                    onClick.accept(box);
                }
            });
        }

        void update(Box b) {
            box = b;
            pane.relocate(b.x(), b.y());
            pane.setPrefSize(b.w(), b.h());
            pane.setMinSize(b.w(), b.h());
            pane.setMaxSize(b.w(), b.h());
            String k = "net-box-" + kindClass(b.kind());
            if (!k.equals(kindClass)) {
                pane.getStyleClass().remove(kindClass);
                pane.getStyleClass().add(k);
                kindClass = k;
            }
            pane.pseudoClassStateChanged(GREYED, b.greyed());
            boolean click = clickable.test(b);
            pane.pseudoClassStateChanged(CLICKABLE, click);
            pane.setCursor(click ? Cursor.HAND : null);
            pane.setAccessibleRole(click ? AccessibleRole.BUTTON : AccessibleRole.NODE);
            pane.setAccessibleText(b.title() + (b.subtitle().isEmpty() ? "" : ", " + b.subtitle())
                    + (b.greyed() ? ", inactive" : ""));
            pane.setUserData(b.key());
            title.setText(b.title());
            subtitle.setText(b.subtitle());
            double inner = Math.max(0, b.w() - 20);
            title.setPrefWidth(inner);
            title.setMaxWidth(inner);
            subtitle.setPrefWidth(inner);
            subtitle.setMaxWidth(inner);
            subtitle.setVisible(!b.subtitle().isEmpty() && b.h() >= 40);
            tip(pane, tip, NetworkViewModel.tooltip(b.title(), b.subtitle(), b.details()));
        }
    }

    /** An interface: a small square on the box edge and its name beside it, inside the box. */
    private static final class PortView {
        static final double SIZE = 10;
        static final double LABEL_W = 150;
        final Group group = new Group();
        final Rectangle marker = new Rectangle(SIZE, SIZE);
        final Label label = new Label();
        final Tooltip tip = new Tooltip();

        PortView() {
            marker.getStyleClass().add("net-port");
            marker.setArcWidth(3);
            marker.setArcHeight(3);
            label.getStyleClass().add("net-port-label");
            label.setTextOverrun(OverrunStyle.ELLIPSIS);
            group.getChildren().addAll(marker, label);
        }

        void update(Port p, Box box) {
            marker.setX(p.cx() - SIZE / 2);
            marker.setY(p.cy() - SIZE / 2);
            label.setText(p.label());
            double w = box == null ? LABEL_W : Math.min(LABEL_W, Math.max(40, box.w() - 2 * SIZE));
            label.setPrefWidth(w);
            label.setMaxWidth(w);
            double h = 16;
            // the label goes inside the box, away from the edge the port sits on
            if (box != null && Math.abs(p.cx() - (box.x() + box.w())) < 2) {
                label.setAlignment(Pos.CENTER_RIGHT);
                label.relocate(p.cx() - SIZE - w, p.cy() - h / 2);
            } else if (box != null && Math.abs(p.cy() - box.y()) < 2) {
                label.setAlignment(Pos.CENTER);
                label.relocate(p.cx() - w / 2, p.cy() + SIZE);
            } else if (box != null && Math.abs(p.cy() - (box.y() + box.h())) < 2) {
                label.setAlignment(Pos.CENTER);
                label.relocate(p.cx() - w / 2, p.cy() - SIZE - h);
            } else {
                label.setAlignment(Pos.CENTER_LEFT);
                label.relocate(p.cx() + SIZE, p.cy() - h / 2);
            }
            group.setAccessibleText("interface " + p.label());
            tip(group, tip, NetworkViewModel.tooltip(p.label(), "", p.details()));
        }
    }

    /** A polyline; the kind's style class draws veths, bridges, the driver, bypass4netns and published ports. */
    private static final class LinkView {
        final Group group = new Group();
        final Polyline line = new Polyline();
        final Polyline halo = new Polyline();
        final Label label = new Label();
        final Tooltip tip = new Tooltip();
        String kindClass = "";

        LinkView() {
            // a wide transparent twin makes a thin line easy to hover
            halo.getStyleClass().add("net-link-halo");
            line.getStyleClass().add("net-link");
            label.getStyleClass().add("net-link-label");
            line.setMouseTransparent(true);
            group.getChildren().addAll(halo, line, label);
        }

        void update(Link k) {
            List<Double> xy = new ArrayList<>();
            for (Point p : k.points()) {
                xy.add(p.x());
                xy.add(p.y());
            }
            if (!line.getPoints().equals(xy)) {
                line.getPoints().setAll(xy);
                halo.getPoints().setAll(xy);
            }
            String c = "net-link-" + kindClass(k.kind());
            if (!c.equals(kindClass)) {
                line.getStyleClass().remove(kindClass);
                line.getStyleClass().add(c);
                label.getStyleClass().remove(kindClass.isEmpty() ? "" : kindClass + "-label");
                label.getStyleClass().add(c + "-label");
                kindClass = c;
            }
            label.setText(k.label());
            label.setVisible(!k.label().isEmpty());
            Point[] seg = longestSegment(k.points());
            if (seg != null) {
                double mx = (seg[0].x() + seg[1].x()) / 2;
                double my = (seg[0].y() + seg[1].y()) / 2;
                boolean vertical = Math.abs(seg[0].x() - seg[1].x()) < Math.abs(seg[0].y() - seg[1].y());
                // beside a vertical segment, above a horizontal one
                label.relocate(vertical ? mx + 6 : mx - 40, vertical ? my - 8 : my - 19);
            }
            group.setAccessibleText(k.kind().name().toLowerCase(Locale.ROOT) + " link " + k.label());
            tip(group, tip, k.label().isEmpty() ? k.from() + " → " + k.to()
                    : k.label() + "\n" + k.from() + " → " + k.to());
        }
    }

    private static Point[] longestSegment(List<Point> pts) {
        Point[] best = null;
        double len = -1;
        for (int i = 1; i < pts.size(); i++) {
            double d = Math.hypot(pts.get(i).x() - pts.get(i - 1).x(), pts.get(i).y() - pts.get(i - 1).y());
            if (d > len) {
                len = d;
                best = new Point[] {pts.get(i - 1), pts.get(i)};
            }
        }
        return best;
    }

    /** A numbered step: the arrow, its head, a round badge with the number at the start, and its label. */
    private static final class StepView {
        static final double R = 10;
        final Group group = new Group();
        final Polyline line = new Polyline();
        final Polygon head = new Polygon();
        final Circle badge = new Circle(R);
        final Label number = new Label();
        final Label label = new Label();

        StepView() {
            group.getStyleClass().add("net-step");
            line.getStyleClass().add("net-step-line");
            head.getStyleClass().add("net-step-head");
            badge.getStyleClass().add("net-step-badge");
            number.getStyleClass().add("net-step-number");
            label.getStyleClass().add("net-step-label");
            number.setAlignment(Pos.CENTER);
            number.setPrefSize(2 * R, 2 * R);
            group.getChildren().addAll(line, head, badge, number, label);
            group.setMouseTransparent(true);
        }

        void update(StepArrow s) {
            List<Double> xy = new ArrayList<>();
            for (Point p : s.points()) {
                xy.add(p.x());
                xy.add(p.y());
            }
            line.getPoints().setAll(xy);
            number.setText(Integer.toString(s.number()));
            label.setText(NetworkViewModel.stepText(s.number(), s.label()));
            group.setAccessibleText("step " + s.number() + ": " + s.label());
            if (s.points().size() < 2) {
                return;
            }
            Point a = s.points().get(0);
            Point end = s.points().get(s.points().size() - 1);
            Point before = s.points().get(s.points().size() - 2);
            double ang = Math.atan2(end.y() - before.y(), end.x() - before.x());
            double len = 10;
            double half = 5;
            double bx = end.x() - len * Math.cos(ang);
            double by = end.y() - len * Math.sin(ang);
            head.getPoints().setAll(end.x(), end.y(),
                    bx + half * Math.sin(ang), by - half * Math.cos(ang),
                    bx - half * Math.sin(ang), by + half * Math.cos(ang));
            badge.setCenterX(a.x());
            badge.setCenterY(a.y());
            number.relocate(a.x() - R, a.y() - R);
            label.relocate(a.x() + R + 4, a.y() - 9);
        }
    }
}
