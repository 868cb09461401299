package io.github.rootlesspanel.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where everything of a {@link Topology} is drawn, in abstract units (1 = one pixel at 100 % zoom): boxes for
 * namespaces and processes, ports for interfaces on the boxes' edges, links between them, the six numbered steps of
 * the design figure. Pure data, computed by {@link Layouts}; the view only paints it, and the SVG/PNG exports paint
 * the same. Positions of a box depend only on its key and its neighbours, so they stay put across updates.
 *
 * @param width  total width
 * @param height total height
 * @param boxes  rectangles, parents before children
 * @param ports  interface markers on box edges
 * @param links  lines between ports or boxes
 * @param steps  the six numbered steps (nerdctl → containerd → runc → nsenter/ocihook → CNI → eth0/veth/nerdctl0)
 */
public record Layout(double width, double height, List<Box> boxes, List<Port> ports, List<Link> links,
                     List<StepArrow> steps) {

    public Layout {
        boxes = List.copyOf(boxes);
        ports = List.copyOf(ports);
        links = List.copyOf(links);
        steps = List.copyOf(steps);
    }

    /** What a box stands for; {@code BRIDGE} is a CNI bridge ({@code nerdctl0}, {@code br-*}) drawn as a bar. */
    public enum BoxKind { HOST_NETNS, CHILD_NETNS, DETACHED_NETNS, CONTAINER_NETNS, PROCESS, HOST_EDGE, LEGEND, BRIDGE }

    /** The edge of its box a port sits on (where a painter puts its label: inside the box, next to the marker). */
    public enum Side { LEFT, RIGHT, TOP, BOTTOM }

    /** The box with this key. */
    public Optional<Box> box(String key) {
        return boxes.stream().filter(b -> b.key().equals(key)).findFirst();
    }

    /** The edge of its box that {@code p} sits on (the nearest one). */
    public Side side(Port p) {
        Box b = box(p.box()).orElseThrow(() -> new IllegalArgumentException("no box " + p.box()));
        return b.sideOf(p.cx(), p.cy());
    }

    // Map.copyOf would lose the order the hover text is meant to have
    static Map<String, String> ordered(Map<String, String> details) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * A rectangle.
     *
     * @param key      stable identity across updates (e.g. {@code netns:4026532176}, {@code container:ID})
     * @param kind     what it stands for
     * @param title    first line
     * @param subtitle second line (e.g. {@code net:[4026532176]})
     * @param parent   the key of the enclosing box; "" for top level
     * @param greyed   drawn faded (the child side while containerd is stopped, a stopped container)
     * @param details  hover text: label → value, in order
     */
    public record Box(String key, BoxKind kind, String title, String subtitle, double x, double y, double w, double h,
                      String parent, boolean greyed, Map<String, String> details) {
        public Box {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(subtitle, "subtitle");
            Objects.requireNonNull(parent, "parent");
            details = ordered(details);
        }

        public double right() {
            return x + w;
        }

        public double bottom() {
            return y + h;
        }

        /** Whether the point lies inside or on the border. */
        public boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }

        /** The edge nearest to the point. */
        public Side sideOf(double px, double py) {
            double l = Math.abs(px - x);
            double r = Math.abs(px - right());
            double t = Math.abs(py - y);
            double b = Math.abs(py - bottom());
            double min = Math.min(Math.min(l, r), Math.min(t, b));
            return min == l ? Side.LEFT : min == r ? Side.RIGHT : min == t ? Side.TOP : Side.BOTTOM;
        }
    }

    /**
     * An interface drawn as a small marker on its namespace's box edge.
     *
     * @param key     e.g. {@code if:4026532176:tap0}
     * @param box     the box it sits on
     * @param label   e.g. {@code tap0 10.0.2.100/24}
     * @param cx      centre x
     * @param cy      centre y
     * @param details hover text
     */
    public record Port(String key, String box, String label, double cx, double cy, Map<String, String> details) {
        public Port {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(box, "box");
            Objects.requireNonNull(label, "label");
            details = ordered(details);
        }
    }

    public enum LinkKind { VETH, BRIDGE, TAP_DRIVER, DRIVER_HOST, BYPASS, PUBLISHED_PORT }

    /** A point of a polyline. */
    public record Point(double x, double y) { }

    /**
     * A line: a veth pair, a bridge membership, tap0 to the network driver, the driver to the host, a bypass4netns
     * shortcut (drawn differently), a published port's path.
     */
    public record Link(String key, LinkKind kind, String from, String to, List<Point> points, String label) {
        public Link {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            points = List.copyOf(points);
            Objects.requireNonNull(label, "label");
        }
    }

    /** One of the six numbered steps, as an arrow with its label. */
    public record StepArrow(int number, String label, List<Point> points) {
        public StepArrow {
            Objects.requireNonNull(label, "label");
            points = List.copyOf(points);
        }
    }
}
