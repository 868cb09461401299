package io.github.rootlesspanel.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.topology.Layout.Link;
import io.github.rootlesspanel.topology.Layout.LinkKind;
import io.github.rootlesspanel.topology.Layout.Point;
import io.github.rootlesspanel.topology.Layout.Port;
import io.github.rootlesspanel.topology.Layout.StepArrow;

/**
 * A {@link Layout} as a self-contained SVG document (no external fonts, styles or scripts), readable in a browser:
 * the boxes with their titles, the interface ports with labels, the links styled by kind (bypass4netns dashed orange),
 * the six numbered steps, a legend, and the hover details as SVG {@code <title>} tooltips.
 */
public final class SvgExport {

    private SvgExport() {
    }

    public static String of(Layout layout) {
        return of(layout, true);
    }

    /** @param withSteps whether to draw the six numbered steps (the view can switch them off; the legend keeps them) */
    public static String of(Layout layout, boolean withSteps) {
        StringBuilder s = new StringBuilder(4096 + layout.boxes().size() * 400);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(n(layout.width()))
                .append("\" height=\"").append(n(layout.height())).append("\" viewBox=\"0 0 ")
                .append(n(layout.width())).append(' ').append(n(layout.height())).append("\" ")
                .append("font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" font-size=\"11\">\n");
        s.append("<title>Rootless containerd: namespaces and network</title>\n");
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" ")
                .append("markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" ")
                .append("fill=\"#283593\"/></marker></defs>\n");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(n(layout.width())).append("\" height=\"")
                .append(n(layout.height())).append("\" fill=\"#ffffff\"/>\n");

        Map<String, Box> byKey = new HashMap<>();
        for (Box b : layout.boxes()) {
            byKey.put(b.key(), b);
        }
        for (Box b : layout.boxes()) {
            box(s, b);
        }
        for (Link l : layout.links()) {
            link(s, l);
        }
        for (Port p : layout.ports()) {
            port(s, p, byKey.get(p.box()));
        }
        if (withSteps) {
            for (StepArrow a : layout.steps()) {
                step(s, a);
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void box(StringBuilder s, Box b) {
        String fill;
        String stroke;
        switch (b.kind()) {
            case HOST_NETNS: fill = "#eef3fb"; stroke = "#5b7db1"; break;
            case HOST_EDGE: fill = "#dde8f7"; stroke = "#5b7db1"; break;
            case CHILD_NETNS:
            case DETACHED_NETNS: fill = "#eef8ee"; stroke = "#4a8a4a"; break;
            case CONTAINER_NETNS: fill = "#fff8dc"; stroke = "#b08900"; break;
            case BRIDGE: fill = "#c8e6c9"; stroke = "#2e7d32"; break;
            case LEGEND: fill = "#fafafa"; stroke = "#999999"; break;
            default: fill = "#ffffff"; stroke = "#666666"; break;
        }
        if (b.greyed()) {
            fill = "#eeeeee";
            stroke = "#aaaaaa";
        }
        boolean big = b.kind() == BoxKind.HOST_NETNS || b.kind() == BoxKind.CHILD_NETNS
                || b.kind() == BoxKind.DETACHED_NETNS;
        s.append("<g class=\"box ").append(b.kind().name().toLowerCase(Locale.ROOT)).append("\">");
        s.append("<title>").append(esc(tooltip(b.title(), b.subtitle(), b.details()))).append("</title>");
        s.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
                .append(n(b.w())).append("\" height=\"").append(n(b.h())).append("\" rx=\"")
                .append(big ? "8" : "4").append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append(big ? "2" : "1").append('"')
                .append(b.greyed() ? " stroke-dasharray=\"4 3\"" : "").append("/>");
        String color = b.greyed() ? "#888888" : "#1a1a1a";
        boolean small = b.h() < 36;
        double tx = b.x() + (b.kind() == BoxKind.CONTAINER_NETNS ? 10 : 8);
        int titleSize = big ? 13 : small ? 10 : 12;
        int subSize = small ? 9 : 10;
        double ty = b.y() + (small ? 11 : big ? 17 : 16);
        double maxChars = (b.w() - 14) / (titleSize * 0.6);
        s.append("<text x=\"").append(n(tx)).append("\" y=\"").append(n(ty)).append("\" font-size=\"")
                .append(titleSize).append("\" font-weight=\"bold\" fill=\"").append(color).append("\">")
                .append(esc(fit(b.title(), maxChars))).append("</text>");
        if (!b.subtitle().isEmpty()) {
            s.append("<text x=\"").append(n(tx)).append("\" y=\"").append(n(ty + (small ? 11 : 14)))
                    .append("\" font-size=\"").append(subSize).append("\" fill=\"").append(color).append("\">")
                    .append(esc(fit(b.subtitle(), (b.w() - 14) / (subSize * 0.6)))).append("</text>");
        }
        if (b.kind() == BoxKind.LEGEND) {
            legend(s, b);
        }
        s.append("</g>\n");
    }

    private static void legend(StringBuilder s, Box b) {
        double x = b.x() + 12;
        double y = b.y() + 36;
        Object[][] rows = {
            {LinkKind.VETH, "veth pair: container eth0 ↔ veth on the bridge"},
            {LinkKind.BRIDGE, "bridge → tap0 (routing/NAT in the child netns)"},
            {LinkKind.TAP_DRIVER, "tap0 ↔ network driver (slirp4netns/pasta)"},
            {LinkKind.DRIVER_HOST, "network driver → host sockets"},
            {LinkKind.BYPASS, "bypass4netns: container sockets in the host netns"},
            {LinkKind.PUBLISHED_PORT, "published port and its path"},
        };
        for (Object[] r : rows) {
            s.append("<line x1=\"").append(n(x)).append("\" y1=\"").append(n(y - 4)).append("\" x2=\"")
                    .append(n(x + 36)).append("\" y2=\"").append(n(y - 4)).append('"')
                    .append(stroke((LinkKind) r[0])).append("/>");
            s.append("<text x=\"").append(n(x + 44)).append("\" y=\"").append(n(y)).append("\" font-size=\"10\">")
                    .append(esc((String) r[1])).append("</text>");
            y += 18;
        }
        s.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y - 11)).append("\" width=\"36\" ")
                .append("height=\"12\" fill=\"#eeeeee\" stroke=\"#aaaaaa\" stroke-dasharray=\"4 3\"/>");
        s.append("<text x=\"").append(n(x + 44)).append("\" y=\"").append(n(y)).append("\" font-size=\"10\">")
                .append("greyed: not running / not reachable</text>");
        double sx = b.x() + b.w() / 2 + 20;
        double sy = b.y() + 36;
        s.append("<text x=\"").append(n(sx)).append("\" y=\"").append(n(b.y() + 16))
                .append("\" font-size=\"11\" font-weight=\"bold\">Starting a container</text>");
        for (int i = 0; i < Layouts.STEP_LABELS.size(); i++) {
            s.append("<circle cx=\"").append(n(sx + 7)).append("\" cy=\"").append(n(sy - 4))
                    .append("\" r=\"7\" fill=\"#283593\"/>");
            s.append("<text x=\"").append(n(sx + 7)).append("\" y=\"").append(n(sy))
                    .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#ffffff\">").append(i + 1)
                    .append("</text>");
            s.append("<text x=\"").append(n(sx + 20)).append("\" y=\"").append(n(sy)).append("\" font-size=\"10\">")
                    .append(esc(Layouts.STEP_LABELS.get(i))).append("</text>");
            sy += 18;
        }
    }

    private static String stroke(LinkKind k) {
        switch (k) {
            case VETH: return " stroke=\"#2e7d32\" stroke-width=\"1.5\" fill=\"none\"";
            case BRIDGE: return " stroke=\"#2e7d32\" stroke-width=\"2.5\" fill=\"none\"";
            case TAP_DRIVER:
            case DRIVER_HOST: return " stroke=\"#1565c0\" stroke-width=\"2.5\" fill=\"none\"";
            case BYPASS: return " stroke=\"#e65100\" stroke-width=\"2\" stroke-dasharray=\"7 4\" fill=\"none\"";
            default: return " stroke=\"#6a1b9a\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\" fill=\"none\"";
        }
    }

    private static void link(StringBuilder s, Link l) {
        s.append("<polyline class=\"link ").append(l.kind().name().toLowerCase(Locale.ROOT)).append("\" points=\"")
                .append(points(l.points())).append('"').append(stroke(l.kind())).append("><title>")
                .append(esc(l.label())).append("</title></polyline>\n");
    }

    private static void port(StringBuilder s, Port p, Box b) {
        s.append("<g class=\"port\"><title>").append(esc(tooltip(p.label(), "", p.details()))).append("</title>");
        s.append("<rect x=\"").append(n(p.cx() - 4)).append("\" y=\"").append(n(p.cy() - 4))
                .append("\" width=\"8\" height=\"8\" fill=\"#37474f\" stroke=\"#ffffff\" stroke-width=\"1\"/>");
        // labels only where there is room for them; veth and eth0 markers are many and small: hover tells
        boolean labelled = b != null && (b.kind() == BoxKind.HOST_EDGE || b.kind() == BoxKind.HOST_NETNS
                || b.kind() == BoxKind.CHILD_NETNS || b.kind() == BoxKind.DETACHED_NETNS);
        if (labelled) {
            Layout.Side side = b.sideOf(p.cx(), p.cy());
            String anchor = "start";
            double x = p.cx() + 8;
            double y = p.cy() - 4;
            if (side == Layout.Side.RIGHT) {
                anchor = "end";
                x = p.cx() - 8;
            } else if (side == Layout.Side.TOP) {
                anchor = "middle";
                x = p.cx();
                y = p.cy() + 16;
            } else if (side == Layout.Side.BOTTOM) {
                anchor = "middle";
                x = p.cx();
                y = p.cy() - 8;
            }
            s.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"10\" ")
                    .append("text-anchor=\"").append(anchor).append("\" fill=\"#263238\">").append(esc(p.label()))
                    .append("</text>");
        }
        s.append("</g>\n");
    }

    private static void step(StringBuilder s, StepArrow a) {
        s.append("<g class=\"step\"><title>").append(esc(a.label())).append("</title>");
        s.append("<polyline points=\"").append(points(a.points())).append("\" fill=\"none\" stroke=\"#283593\" ")
                .append("stroke-width=\"2\" marker-end=\"url(#arrow)\"/>");
        Point c = badge(a.points());
        s.append("<circle cx=\"").append(n(c.x())).append("\" cy=\"").append(n(c.y()))
                .append("\" r=\"8\" fill=\"#283593\" stroke=\"#ffffff\"/>");
        s.append("<text x=\"").append(n(c.x())).append("\" y=\"").append(n(c.y() + 4))
                .append("\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">")
                .append(a.number()).append("</text></g>\n");
    }

    /** Where a step's number goes: the middle of its longest segment. */
    static Point badge(List<Point> pts) {
        if (pts.isEmpty()) {
            return new Point(0, 0);
        }
        Point best = pts.get(0);
        double len = -1;
        for (int i = 1; i < pts.size(); i++) {
            Point p = pts.get(i - 1);
            Point q = pts.get(i);
            double d = Math.hypot(q.x() - p.x(), q.y() - p.y());
            if (d > len) {
                len = d;
                best = new Point((p.x() + q.x()) / 2, (p.y() + q.y()) / 2);
            }
        }
        return best;
    }

    static String tooltip(String title, String subtitle, Map<String, String> details) {
        StringBuilder t = new StringBuilder(title);
        if (!subtitle.isEmpty()) {
            t.append(" — ").append(subtitle);
        }
        details.forEach((k, v) -> t.append('\n').append(k).append(": ").append(v));
        return t.toString();
    }

    private static String points(List<Point> pts) {
        StringBuilder b = new StringBuilder();
        for (Point p : pts) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(n(p.x())).append(',').append(n(p.y()));
        }
        return b.toString();
    }

    private static String fit(String text, double maxChars) {
        int max = Math.max(4, (int) maxChars);
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Numbers without locale and without needless decimals. */
    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&apos;"); break;
                default:
                    // characters XML 1.0 forbids (control characters from a container name) are dropped
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
