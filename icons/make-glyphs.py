#!/usr/bin/env python3
"""Generate the 24x24 single-path glyphs for Rootless Panel (icons/glyphs/*.svg).

Usage: python3 make-glyphs.py [OUTDIR]   (default: the glyphs/ folder next to this file)

Convention: every "ink" sub-path has positive winding (clockwise on screen,
y axis pointing down); every hole has negative winding and never overlaps
another hole, so the NON_ZERO fill rule renders exactly what is intended.
"""
import math, os, sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "glyphs")


def f(v):
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def area(pts):
    a = 0.0
    for i in range(len(pts)):
        x1, y1 = pts[i]
        x2, y2 = pts[(i + 1) % len(pts)]
        a += x1 * y2 - x2 * y1
    return a / 2


def orient(pts, positive=True):
    pts = list(pts)
    if (area(pts) > 0) != positive:
        pts.reverse()
    return pts


def poly(pts, positive=True, r=0.0):
    """Polygon, optionally with corners rounded (quadratic) by distance r."""
    pts = orient(pts, positive)
    if r <= 0:
        return "M" + " L".join(f"{f(x)} {f(y)}" for x, y in pts) + "Z"
    n = len(pts)
    out = []
    for i in range(n):
        p0, p1, p2 = pts[i - 1], pts[i], pts[(i + 1) % n]
        d1 = math.dist(p0, p1)
        d2 = math.dist(p1, p2)
        r1 = min(r, d1 / 2)
        r2 = min(r, d2 / 2)
        a = (p1[0] + (p0[0] - p1[0]) * r1 / d1, p1[1] + (p0[1] - p1[1]) * r1 / d1)
        b = (p1[0] + (p2[0] - p1[0]) * r2 / d2, p1[1] + (p2[1] - p1[1]) * r2 / d2)
        out.append((a, p1, b))
    s = f"M{f(out[0][0][0])} {f(out[0][0][1])}"
    for i, (a, c, b) in enumerate(out):
        if i:
            s += f" L{f(a[0])} {f(a[1])}"
        s += f" Q{f(c[0])} {f(c[1])} {f(b[0])} {f(b[1])}"
    return s + "Z"


def circle(cx, cy, r, positive=True):
    sw = 1 if positive else 0
    return (f"M{f(cx - r)} {f(cy)} A{f(r)} {f(r)} 0 1 {sw} {f(cx + r)} {f(cy)}"
            f" A{f(r)} {f(r)} 0 1 {sw} {f(cx - r)} {f(cy)}Z")


def ring(cx, cy, r_out, r_in):
    return circle(cx, cy, r_out, True) + circle(cx, cy, r_in, False)


def rect(x0, y0, x1, y1, positive=True, r=0.0):
    return poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], positive, r)


def seg(p, q, w):
    """A straight bar of width w from p to q (butt ends), positive winding."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    L = math.hypot(dx, dy)
    nx, ny = -dy / L * w / 2, dx / L * w / 2
    return poly([(p[0] + nx, p[1] + ny), (q[0] + nx, q[1] + ny),
                 (q[0] - nx, q[1] - ny), (p[0] - nx, p[1] - ny)])


def stroke(pts, w, caps=True):
    """Polyline of width w with round joins/caps, as a union of positive shapes."""
    s = "".join(seg(pts[i], pts[i + 1], w) for i in range(len(pts) - 1))
    joints = pts if caps else pts[1:-1]
    s += "".join(circle(x, y, w / 2) for x, y in joints)
    return s


def line_isect(p1, d1, p2, d2):
    den = d1[0] * d2[1] - d1[1] * d2[0]
    t = ((p2[0] - p1[0]) * d2[1] - (p2[1] - p1[1]) * d2[0]) / den
    return (p1[0] + d1[0] * t, p1[1] + d1[1] * t)


def inset(pts, d):
    """Offset a convex polygon inwards by d (negative d grows it)."""
    pts = orient(pts, True)
    n = len(pts)
    lines = []
    for i in range(n):
        p, q = pts[i], pts[(i + 1) % n]
        dx, dy = q[0] - p[0], q[1] - p[1]
        L = math.hypot(dx, dy)
        # inward normal for positive (clockwise on screen) orientation
        nx, ny = -dy / L, dx / L
        lines.append(((p[0] + nx * d, p[1] + ny * d), (dx, dy)))
    return [line_isect(*lines[i - 1], *lines[i]) for i in range(n)]


def rot(pts, deg, c=(12, 12), t=(0, 0)):
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(c[0] + (x - c[0]) * ca - (y - c[1]) * sa + t[0],
             c[1] + (x - c[0]) * sa + (y - c[1]) * ca + t[1]) for x, y in pts]


def rrect_rot(x0, y0, x1, y1, deg, r=0.0, positive=True, c=(12, 12)):
    return poly(rot([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], deg, c), positive, r)


def arc_band(cx, cy, r_out, r_in, a0, a1):
    """Annular sector from angle a0 to a1 (degrees, a1 > a0, increasing = clockwise
    on screen); outer arc forwards, inner arc backwards, so winding is positive."""
    if a1 <= a0:
        raise ValueError("use increasing angles")
    o0, o1 = polar(cx, cy, r_out, a0), polar(cx, cy, r_out, a1)
    i0, i1 = polar(cx, cy, r_in, a0), polar(cx, cy, r_in, a1)
    large = 1 if a1 - a0 > 180 else 0
    return (f"M{f(o0[0])} {f(o0[1])} A{f(r_out)} {f(r_out)} 0 {large} 1 {f(o1[0])} {f(o1[1])}"
            f" L{f(i1[0])} {f(i1[1])} A{f(r_in)} {f(r_in)} 0 {large} 0 {f(i0[0])} {f(i0[1])}Z")


def polar(cx, cy, r, deg):
    return (cx + r * math.cos(math.radians(deg)), cy + r * math.sin(math.radians(deg)))


def arrow_head(cx, cy, r_mid, a_end, half_w, length):
    """Triangle at the clockwise end of an arc, pointing along the tangent."""
    a = math.radians(a_end)
    base = (cx + r_mid * math.cos(a), cy + r_mid * math.sin(a))
    radial = (math.cos(a), math.sin(a))
    tangent = (-math.sin(a), math.cos(a))
    p1 = (base[0] + radial[0] * half_w, base[1] + radial[1] * half_w)
    p2 = (base[0] - radial[0] * half_w, base[1] - radial[1] * half_w)
    tip = (base[0] + tangent[0] * length, base[1] + tangent[1] * length)
    return poly([p1, tip, p2], r=0.6)


G = {}

# --- transport ------------------------------------------------------------
G["play"] = poly([(7, 4.5), (19.5, 12), (7, 19.5)], r=1.6)
G["stop"] = rect(5.5, 5.5, 18.5, 18.5, r=2.2)
G["restart"] = (arc_band(12, 12, 9, 7, -40, 235)
                + arrow_head(12, 12, 8, 235, 3.6, 4.6))

# --- toggles ----------------------------------------------------------------
G["enable"] = rect(1.5, 5.5, 22.5, 18.5, r=6.5) + circle(16, 12, 4, positive=False)
G["disable"] = (rect(1.5, 5.5, 22.5, 18.5, r=6.5) + rect(3.5, 7.5, 20.5, 16.5, positive=False, r=4.5)
                + circle(8, 12, 2.75))

# --- components ---------------------------------------------------------------
def cube(cx, cy, R, line):
    h = R * math.sqrt(3) / 2
    top, ur, lr = (cx, cy - R), (cx + h, cy - R / 2), (cx + h, cy + R / 2)
    bot, ll, ul = (cx, cy + R), (cx - h, cy + R / 2), (cx - h, cy - R / 2)
    c = (cx, cy)
    hexa = [top, ur, lr, bot, ll, ul]
    faces = [[top, ur, c, ul], [ul, c, bot, ll], [c, ur, lr, bot]]
    return hexa, faces


hexa, faces = cube(12, 12.2, 9.3, 2)
G["containerd"] = (poly(inset(hexa, -1), r=1.2)
                   + poly(inset(faces[1], 1), positive=False, r=0.4)
                   + poly(inset(faces[2], 1), positive=False, r=0.4))

# hammer: designed upright then turned 45 degrees clockwise
_t = (-1.2, 0.6)
G["buildkit"] = (
    poly(rot([(4.5, 3), (15.5, 3), (19.5, 5.2), (19.5, 7.8), (15.5, 10), (4.5, 10)], 45, t=_t), r=1.0)
    + poly(rot([(10.6, 9.9), (13.4, 9.9), (13.4, 21.6), (10.6, 21.6)], 45, t=_t), r=1.3)
)

def layers(top_y, n_strips, gap=1.6, thick=2.2, hw=9.5, slope=0.5, dia=True, cx=12):
    s = ""
    hh = hw * slope
    y = top_y
    if dia:
        s += poly([(cx, y), (cx + hw, y + hh), (cx, y + 2 * hh), (cx - hw, y + hh)], r=1.0)
        y = y + hh + thick + gap  # y of strip upper edge at the ends
        y_end = y
    else:
        y_end = y
    for i in range(n_strips):
        ye = y_end + i * (thick + gap)
        s += poly([(cx - hw, ye), (cx, ye + hh), (cx + hw, ye),
                   (cx + hw, ye + thick), (cx, ye + hh + thick), (cx - hw, ye + thick)], r=0.7)
    return s

G["fuse-overlayfs"] = layers(2.2, 2, gap=1.7, thick=2.3)


def star(cx, cy, R, r, pts=5, rot0=-90):
    out = []
    for i in range(pts * 2):
        rr = R if i % 2 == 0 else r
        out.append(polar(cx, cy, rr, rot0 + i * 180 / pts))
    return out

G["stargz"] = (poly(star(12, 7.6, 6.6, 2.8), r=0.5)
               + layers(11.2, 2, gap=1.6, thick=2.2, dia=False))

# bypass: a node, a wall (namespace boundary) and an arrow that jumps over it
G["bypass4netnsd"] = (
    circle(4, 15.5, 2.6)
    + arc_band(12, 15.5, 9, 7, 180, 338)
    + arrow_head(12, 15.5, 8, 338, 3.4, 4.4)
    + rect(10.9, 10.5, 13.1, 19.5, r=0.6)
)

# a shipping container: a frame with three ribs
G["containers"] = (rect(1.5, 5, 22.5, 19, r=1.8) + rect(3.5, 7, 20.5, 17, positive=False, r=0.6)
                   + rect(6.6, 9, 8.4, 15, r=0.5) + rect(11.1, 9, 12.9, 15, r=0.5) + rect(15.6, 9, 17.4, 15, r=0.5))

# network: a namespace on top wired to two below
G["network"] = (rect(7.5, 2, 16.5, 8.5, r=1.4) + rect(8.6, 4, 15.4, 6.5, positive=False, r=0.4)
                + rect(1.5, 15.5, 10, 22, r=1.4) + rect(14, 15.5, 22.5, 22, r=1.4)
                + rect(11, 8.5, 13, 12.4) + rect(4.75, 11.5, 19.25, 13.5, r=0.4)
                + rect(4.75, 13.5, 6.75, 15.5) + rect(17.25, 13.5, 19.25, 15.5))

# --- status ------------------------------------------------------------------
G["check"] = ring(12, 12, 10, 8) + stroke([(7.6, 12.3), (10.6, 15.2), (16.4, 9.2)], 2)
G["error"] = (ring(12, 12, 10, 8)
              + stroke([(8.6, 8.6), (15.4, 15.4)], 2) + stroke([(15.4, 8.6), (8.6, 15.4)], 2))
G["info"] = (ring(12, 12, 10, 8) + circle(12, 7.6, 1.35) + rect(11, 10.4, 13, 17, r=0.5))

_tri = [(12, 2.2), (22.6, 20.6), (1.4, 20.6)]
G["warning"] = (poly(_tri, r=2.2) + poly(inset(_tri, 2.1), positive=False, r=1.2)
                + rect(11, 8.8, 13, 14.4, r=0.6) + circle(12, 17, 1.3))

# --- bus connection ----------------------------------------------------------
def rot_rect(x0, y0, x1, y1, r=0.0):
    return poly(rot([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], -45), r=r)

def plug(gap, slash=False):
    half = gap / 2
    pl, sr = 12 - half, 12 + half
    s = ""
    s += rot_rect(0.5, 10.9, pl - 4, 13.1)
    s += rot_rect(pl - 5, 6.6, pl, 17.4, r=1.6)
    if gap > 1:
        s += rot_rect(pl - 0.5, 8.2, pl + 3, 10.2, r=0.4)
        s += rot_rect(pl - 0.5, 13.8, pl + 3, 15.8, r=0.4)
    s += rot_rect(sr, 6.6, sr + 5, 17.4, r=1.6)
    s += rot_rect(sr + 4, 10.9, 23.5, 13.1)
    return s

G["plug-connected"] = plug(0.9)
G["plug-disconnected"] = plug(7.0)

# --- misc ----------------------------------------------------------------------
G["copy"] = (rect(8, 7, 21, 22, r=2) + rect(10, 9, 19, 20, positive=False, r=0.8)
             + poly([(3, 2), (16, 2), (16, 4), (5, 4), (5, 17), (3, 17)], r=0.9))
G["terminal"] = (rect(1.5, 3.5, 22.5, 20.5, r=2.4) + rect(3.5, 5.5, 20.5, 18.5, positive=False, r=0.9)
                 + stroke([(6.6, 8.8), (9.8, 12), (6.6, 15.2)], 2)
                 + rect(11.5, 14.2, 17.5, 16.2, r=0.5))
G["overview"] = (rect(3, 3, 11, 11, r=1.6) + rect(13, 3, 21, 11, r=1.6)
                 + rect(3, 13, 11, 21, r=1.6) + rect(13, 13, 21, 21, r=1.6))


def gear(cx, cy, r_out, r_in, teeth, hole):
    pts = []
    step = 360 / teeth
    for i in range(teeth):
        c = i * step - 90
        for a, r in ((c - step * 0.32, r_in), (c - step * 0.18, r_out), (c + step * 0.18, r_out), (c + step * 0.32, r_in)):
            pts.append(polar(cx, cy, r, a))
    return poly(pts, r=0.5) + circle(cx, cy, hole, False)


G["settings"] = gear(12, 12, 11, 8.2, 8, 3.4)

os.makedirs(OUT, exist_ok=True)
for name, d in G.items():
    with open(os.path.join(OUT, name + ".svg"), "w") as fh:
        fh.write('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                 f'<path d="{d}"/></svg>\n')
print(len(G), "glyphs written to", OUT)
