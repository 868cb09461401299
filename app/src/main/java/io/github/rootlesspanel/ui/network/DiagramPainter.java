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

import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.topology.Layout.LinkKind;
import io.github.rootlesspanel.topology.Layout.Link;
import io.github.rootlesspanel.topology.Layout.Point;
import io.github.rootlesspanel.topology.Layout.Port;
import io.github.rootlesspanel.topology.Layout.StepArrow;
import io.github.rootlesspanel.ui.common.Messages;

/**
 * Turns a {@link Layout} into JavaFX nodes and keeps them: a new layout moves, restyles, adds and removes nodes by
 * key instead of rebuilding the scene, so a live update does not flicker and what the mouse is over stays there.
 * Colours and fonts are in panel.css ({@code .net-*}) as the theme's looked-up colours, so a theme switch restyles
 * the diagram through CSS like any control, with nothing to listen to here. The texts the painter adds (legend, step
 * names, the fixed boxes' titles, accessible names) come from the network bundle; the layout's own labels are the
 * machine's names (processes, interfaces, addresses) and are shown as they are.
 */
final class DiagramPainter {

    static final double MARGIN = NetworkViewModel.MARGIN;
    private static final PseudoClass GREYED = PseudoClass.getPseudoClass("greyed");
    private static final PseudoClass CLICKABLE = PseudoClass.getPseudoClass("clickable");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** The names of the six steps of {@code Layouts.STEP_LABELS}, by number. */
    private static final List<String> STEP_KEYS = List.of("network.step.1", "network.step.2", "network.step.3",
            "network.step.4", "network.step.5", "network.step.6");

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
    /** The steps' labels, for the legend. */
    private List<String> stepLabels = List.of();

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

    /** Marks one box as the selected part (the parts list beside the diagram), or none (null). */
    void select(String key) {
        boxes.forEach((k, v) -> v.pane.pseudoClassStateChanged(SELECTED, k.equals(key)));
    }

    /** A box's title as the page shows it: the fixed boxes in the user's language, the others as named. */
    static String title(Box b) {
        switch (b.kind()) {
            case LEGEND: return Messages.get("network.box.legend");
            case HOST_EDGE: return Messages.get("network.box.hostEdge");
            case HOST_NETNS: return Messages.get("network.box.host");
            default: return LayoutTexts.of(b.title());
        }
    }

    static String subtitle(Box b) {
        return b.kind() == BoxKind.HOST_EDGE ? Messages.get("network.box.hostEdge.subtitle")
                : LayoutTexts.of(b.subtitle());
    }

    /** What a screen reader says for a box: title, subtitle, and that it is inactive. */
    static String describe(Box b) {
        String s = subtitle(b).isEmpty() ? title(b) : title(b) + ", " + subtitle(b);
        return b.greyed() ? Messages.get("network.box.inactive", s) : s;
    }

    /** A step's name (the six steps are fixed; their names are translated by number). */
    static String stepName(StepArrow a) {
        return a.number() >= 1 && a.number() <= STEP_KEYS.size() ? Messages.get(STEP_KEYS.get(a.number() - 1))
                : NetworkViewModel.stepText(a.number(), a.label());
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

        List<String> labels = new ArrayList<>();
        for (StepArrow a : l.steps()) {
            labels.add(a.number() + "\u0000" + stepName(a));
        }
        stepLabels = labels;
        Map<String, Box> byKey = new LinkedHashMap<>();
        List<Node> order = new ArrayList<>();
        for (Box b : l.boxes()) {
            if (byKey.putIfAbsent(b.key(), b) != null) {
                continue;   // a key twice would be one node twice
            }
            BoxView v = boxes.computeIfAbsent(b.key(), k -> new BoxView());
            v.update(b);
            order.add(v.pane);
        }
        boxes.keySet().retainAll(byKey.keySet());
        reorder(boxLayer, order);

        order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Link k : l.links()) {
            if (seen.contains(k.key())) {
                continue;
            }
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
            if (seen.contains(p.key())) {
                continue;
            }
            PortView v = ports.computeIfAbsent(p.key(), x -> new PortView());
            v.update(p, byKey.get(p.box()), byKey.values());
            seen.add(p.key());
            order.add(v.group);
        }
        ports.keySet().retainAll(seen);
        reorder(portLayer, order);

        order = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        List<Point> placed = new ArrayList<>();
        for (StepArrow s : l.steps()) {
            if (numbers.contains(s.number())) {
                continue;
            }
            StepView v = steps.computeIfAbsent(s.number(), x -> new StepView());
            v.update(s, badgeAt(s.points(), l.ports(), placed));
            placed.add(v.badgeCentre());
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
        Legend legend;

        BoxView() {
            pane.getStyleClass().add("net-box");
            title.getStyleClass().add("net-box-title");
            subtitle.getStyleClass().add("net-box-subtitle");
            for (Label x : List.of(title, subtitle)) {
                x.setTextOverrun(OverrunStyle.ELLIPSIS);
                x.setMouseTransparent(true);
            }
            title.relocate(8, 5);
            subtitle.relocate(8, 23);
            pane.getChildren().addAll(title, subtitle);
            // the keyboard reaches container boxes too: Tab to one, Enter opens it
            pane.setOnKeyPressed(e -> {
                if ((e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) && box != null
                        && clickable.test(box)) {
                    e.consume();
                    onClick.accept(box);
                }
            });
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
            pane.setFocusTraversable(click);
            pane.setAccessibleRole(click ? AccessibleRole.BUTTON : AccessibleRole.NODE);
            pane.setAccessibleText(click ? Messages.get("network.box.opens", describe(b)) : describe(b));
            pane.setUserData(b.key());
            title.setText(title(b));
            subtitle.setText(subtitle(b));
            double inner = Math.max(0, b.w() - 16);
            title.setPrefWidth(inner);
            title.setMaxWidth(inner);
            subtitle.setPrefWidth(inner);
            subtitle.setMaxWidth(inner);
            subtitle.setVisible(!subtitle(b).isEmpty() && b.h() >= 40);
            if (b.kind() == BoxKind.LEGEND && legend == null) {
                legend = new Legend();
                pane.getChildren().add(legend.node);
            }
            if (legend != null) {
                legend.node.setVisible(b.kind() == BoxKind.LEGEND);
                legend.update(b, stepLabels);
            }
            tip(pane, tip, NetworkViewModel.tooltip(title(b), subtitle(b), b.details()));
        }
    }

    /** What the lines, markers and badges mean, inside the layout's legend box (the SVG export draws the same). */
    private static final class Legend {
        final HBox node = new HBox(24);
        final VBox lines = new VBox(3);
        final VBox steps = new VBox(1);
        List<String> shownSteps;

        Legend() {
            node.setMouseTransparent(true);
            node.getChildren().addAll(lines, steps);
            lines.getChildren().addAll(
                    row(line(LinkKind.VETH), Messages.get("network.legend.veth")),
                    row(line(LinkKind.BRIDGE), Messages.get("network.legend.bridge")),
                    row(line(LinkKind.TAP_DRIVER), Messages.get("network.legend.tapDriver")),
                    row(line(LinkKind.DRIVER_HOST), Messages.get("network.legend.driverHost")),
                    row(line(LinkKind.BYPASS), Messages.get("network.legend.bypass")),
                    row(line(LinkKind.PUBLISHED_PORT), Messages.get("network.legend.published")),
                    row(greyed(), Messages.get("network.legend.greyed")));
        }

        void update(Box b, List<String> stepLabels) {
            node.relocate(12, 26);
            node.setPrefWidth(b.w() - 24);
            if (!stepLabels.equals(shownSteps)) {
                shownSteps = stepLabels;
                Label heading = new Label(Messages.get("network.legend.steps"));
                heading.getStyleClass().add("net-legend-heading");
                steps.getChildren().setAll(heading);
                for (String s : stepLabels) {
                    String[] parts = s.split("\u0000", 2);
                    steps.getChildren().add(row(badge(parts[0]), parts[1]));
                }
            }
        }

        private static HBox row(Node graphic, String text) {
            Label l = new Label(text);
            l.getStyleClass().add("net-legend-label");
            StackPane g = new StackPane(graphic);
            g.setMinWidth(38);
            g.setPrefWidth(38);
            HBox h = new HBox(6, g, l);
            h.setAlignment(Pos.CENTER_LEFT);
            return h;
        }

        private static Node line(LinkKind kind) {
            Line l = new Line(0, 0, 34, 0);
            l.getStyleClass().addAll("net-link", "net-link-" + kindClass(kind));
            return l;
        }

        private static Node greyed() {
            Pane p = new Pane();
            p.getStyleClass().addAll("net-box", "net-box-container-netns", "net-legend-swatch");
            p.pseudoClassStateChanged(GREYED, true);
            p.setMinSize(34, 12);
            p.setPrefSize(34, 12);
            p.setMaxSize(34, 12);
            return p;
        }

        private static Node badge(String n) {
            Circle c = new Circle(7);
            c.getStyleClass().add("net-step-badge");
            Label l = new Label(n);
            l.getStyleClass().add("net-step-number");
            return new StackPane(c, l);
        }
    }

    /**
     * An interface: a small square on the box edge. Named beside it, inside the box, on the namespaces and the host
     * edge; the many small veth and eth0 markers tell their name on hover (as the SVG export does).
     */
    private static final class PortView {
        static final double SIZE = 9;
        final Group group = new Group();
        final Rectangle marker = new Rectangle(SIZE, SIZE);
        final Label label = new Label();
        final Tooltip tip = new Tooltip();

        PortView() {
            marker.getStyleClass().add("net-port");
            label.getStyleClass().add("net-port-label");
            label.setTextOverrun(OverrunStyle.ELLIPSIS);
            label.setMouseTransparent(true);
            group.getChildren().addAll(marker, label);
        }

        void update(Port p, Box box, java.util.Collection<Box> all) {
            marker.setX(p.cx() - SIZE / 2);
            marker.setY(p.cy() - SIZE / 2);
            label.setText(p.label());
            boolean named = box != null && (box.kind() == BoxKind.HOST_EDGE || box.kind() == BoxKind.HOST_NETNS
                    || box.kind() == BoxKind.CHILD_NETNS || box.kind() == BoxKind.DETACHED_NETNS);
            label.setVisible(named);
            if (named) {
                label.setMaxWidth(Math.max(40, Math.min(260, box.w() - 2 * SIZE - 8)));
                label.translateXProperty().unbind();
                label.setTranslateX(0);
                double h = 15;
                // inside the box, away from the edge the port sits on; a light background keeps lines behind it
                String side = side(box, p.cx(), p.cy());
                double left = box.x() + 4;
                double right = box.x() + box.w() - 4;
                // inside the box, away from the edge the port sits on, never past the box's sides; a light
                // background keeps the lines that start at the marker behind the text
                switch (side) {
                    case "RIGHT":
                        label.setMaxWidth(room(p, box, all, false));
                        label.relocate(p.cx() - SIZE, p.cy() - h / 2);
                        label.translateXProperty().bind(label.widthProperty().negate());
                        break;
                    case "TOP":
                    case "BOTTOM":
                        label.relocate(p.cx(), "TOP".equals(side) ? p.cy() + SIZE / 2 + 2 : p.cy() - SIZE / 2 - 2 - h);
                        double cx = p.cx();
                        label.translateXProperty().bind(Bindings.createDoubleBinding(() -> {
                            double w = label.getWidth();
                            return Math.max(left - cx, Math.min(-w / 2, right - cx - w));
                        }, label.widthProperty()));
                        break;
                    default:
                        label.setMaxWidth(room(p, box, all, true));
                        label.relocate(p.cx() + SIZE, p.cy() - h / 2);
                        break;
                }
            }
            group.setAccessibleText(Messages.get("network.port", p.label()));
            label.setAccessibleText(p.label());
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
            String text = LayoutTexts.of(k.label());
            label.setText(text);
            // long path descriptions are hover text; the bypass4netns shortcut says on the line what it is
            label.setVisible(k.kind() == LinkKind.BYPASS && !k.label().isEmpty());
            Point[] seg = longestSegment(k.points());
            if (seg != null) {
                double mx = (seg[0].x() + seg[1].x()) / 2;
                double my = (seg[0].y() + seg[1].y()) / 2;
                boolean vertical = Math.abs(seg[0].x() - seg[1].x()) < Math.abs(seg[0].y() - seg[1].y());
                // beside a vertical segment, above a horizontal one
                label.relocate(vertical ? mx + 6 : mx - 40, vertical ? my - 8 : my - 19);
            }
            String route = Messages.get("network.link.route", k.from(), k.to());
            group.setAccessibleText(Messages.get("network.link", text.isEmpty() ? route : text));
            tip(group, tip, text.isEmpty() ? route : text + "\n" + route);
        }
    }

    /**
     * How wide a port's label may be beside its marker: up to the next box inside the same box at that height
     * (tap0's label stops before the bridge), else the box's far side.
     */
    static double room(Port p, Box box, java.util.Collection<Box> all, boolean rightwards) {
        double from = rightwards ? p.cx() + PortView.SIZE : p.cx() - PortView.SIZE;
        double limit = rightwards ? box.x() + box.w() - 4 : box.x() + 4;
        for (Box b : all) {
            if (!b.parent().equals(box.key()) || b.y() > p.cy() + 8 || b.y() + b.h() < p.cy() - 8) {
                continue;
            }
            if (rightwards && b.x() >= from && b.x() - 4 < limit) {
                limit = b.x() - 4;
            } else if (!rightwards && b.x() + b.w() <= from && b.x() + b.w() + 4 > limit) {
                limit = b.x() + b.w() + 4;
            }
        }
        return Math.max(24, Math.min(260, Math.abs(limit - from)));
    }

    /** The edge of a box nearest to a point: where a port sits. */
    static String side(Box b, double px, double py) {
        double l = Math.abs(px - b.x());
        double r = Math.abs(px - (b.x() + b.w()));
        double t = Math.abs(py - b.y());
        double btm = Math.abs(py - (b.y() + b.h()));
        double min = Math.min(Math.min(l, r), Math.min(t, btm));
        return min == l ? "LEFT" : min == r ? "RIGHT" : min == t ? "TOP" : "BOTTOM";
    }

    /**
     * Where a step's badge goes: the middle of its longest segment (as in the SVG export), unless an interface or
     * another badge is there; then the middle of the longest segment that is clear, else a quarter along it.
     */
    static Point badgeAt(List<Point> pts, List<Port> ports, List<Point> badges) {
        if (pts.size() < 2) {
            return pts.isEmpty() ? new Point(0, 0) : pts.get(0);
        }
        List<Point> candidates = new ArrayList<>();
        List<Double> lengths = new ArrayList<>();
        for (int i = 1; i < pts.size(); i++) {
            Point a = pts.get(i - 1);
            Point b = pts.get(i);
            double len = Math.hypot(b.x() - a.x(), b.y() - a.y());
            for (double f : new double[] {0.5, 0.25, 0.75}) {
                candidates.add(new Point(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f));
                lengths.add(f == 0.5 ? len : len / 2);
            }
        }
        Point best = null;
        double bestLen = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Point c = candidates.get(i);
            boolean clear = ports.stream().noneMatch(p -> Math.abs(p.cx() - c.x()) < 60 && Math.abs(p.cy() - c.y()) < 14)
                    && badges.stream().noneMatch(b -> Math.hypot(b.x() - c.x(), b.y() - c.y()) < 2 * StepView.R + 4);
            if (clear && lengths.get(i) > bestLen) {
                best = c;
                bestLen = lengths.get(i);
            }
        }
        if (best != null) {
            return best;
        }
        Point[] seg = longestSegment(pts);
        return new Point((seg[0].x() + seg[1].x()) / 2, (seg[0].y() + seg[1].y()) / 2);
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

    /**
     * A numbered step: the arrow, its head, and a round badge with the number on its longest segment (where the SVG
     * export puts it); the label is the badge's hover text and a line of the legend.
     */
    private static final class StepView {
        static final double R = 9;
        final Group group = new Group();
        final Polyline line = new Polyline();
        final Polygon head = new Polygon();
        final Circle badge = new Circle(R);
        final Label number = new Label();
        final Tooltip tip = new Tooltip();

        StepView() {
            group.getStyleClass().add("net-step");
            line.getStyleClass().add("net-step-line");
            head.getStyleClass().add("net-step-head");
            badge.getStyleClass().add("net-step-badge");
            number.getStyleClass().add("net-step-number");
            number.setAlignment(Pos.CENTER);
            number.setMinSize(2 * R, 2 * R);
            number.setPrefSize(2 * R, 2 * R);
            number.setMaxSize(2 * R, 2 * R);
            number.setMouseTransparent(true);
            line.setMouseTransparent(true);
            head.setMouseTransparent(true);
            group.getChildren().addAll(line, head, badge, number);
        }

        Point badgeCentre() {
            return new Point(badge.getCenterX(), badge.getCenterY());
        }

        void update(StepArrow s, Point at) {
            List<Double> xy = new ArrayList<>();
            for (Point p : s.points()) {
                xy.add(p.x());
                xy.add(p.y());
            }
            if (!line.getPoints().equals(xy)) {
                line.getPoints().setAll(xy);
            }
            number.setText(Integer.toString(s.number()));
            String text = Messages.get("network.step", Integer.toString(s.number()), stepName(s));
            group.setAccessibleText(text);
            tip(badge, tip, text);
            if (s.points().size() < 2) {
                return;
            }
            Point end = s.points().get(s.points().size() - 1);
            Point before = s.points().get(s.points().size() - 2);
            double ang = Math.atan2(end.y() - before.y(), end.x() - before.x());
            double len = 9;
            double half = 4.5;
            double bx = end.x() - len * Math.cos(ang);
            double by = end.y() - len * Math.sin(ang);
            head.getPoints().setAll(end.x(), end.y(),
                    bx + half * Math.sin(ang), by - half * Math.cos(ang),
                    bx - half * Math.sin(ang), by + half * Math.cos(ang));
            double cx = at.x();
            double cy = at.y();
            badge.setCenterX(cx);
            badge.setCenterY(cy);
            number.relocate(cx - R, cy - R);
        }
    }
}
