package io.github.rootlesspanel.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.topology.Layout.Link;
import io.github.rootlesspanel.topology.Layout.LinkKind;
import io.github.rootlesspanel.topology.Layout.Point;
import io.github.rootlesspanel.topology.Layout.Port;
import io.github.rootlesspanel.topology.Layout.StepArrow;
import io.github.rootlesspanel.topology.Topology.ContainerNode;
import io.github.rootlesspanel.topology.Topology.Iface;
import io.github.rootlesspanel.topology.Topology.IfaceKind;
import io.github.rootlesspanel.topology.Topology.Netns;
import io.github.rootlesspanel.topology.Topology.NetnsRole;
import io.github.rootlesspanel.topology.Topology.Proc;
import io.github.rootlesspanel.topology.Topology.ProcRole;
import io.github.rootlesspanel.topology.Topology.PublishedPort;

/**
 * Computes a {@link Layout} of a {@link Topology}, drawn like RootlessKit's network-design figure: the host
 * ("RootlessKit parent") netns on the left with the host network stack at its outer edge (NICs, published ports) and a
 * column of processes; the RootlessKit child netns (or the detached netns) on the right with tap0 on the edge facing
 * the network driver, the processes that run there, the CNI bridges, and a grid of container netns boxes below them.
 * Pure and deterministic.
 *
 * <p>Stability: every position follows from the box's key and its rank among its siblings (containers sorted by
 * name, then id; the grid's column count changes only at fixed thresholds), so adding a container moves only the
 * containers sorted after it. Nothing depends on the order the model lists things in.
 */
public final class Layouts {

    /** The six steps of the design figure (rootless-setup.md §6.6), in order. */
    public static final List<String> STEP_LABELS = List.of(
            "1 nerdctl → containerd",
            "2 containerd → runc",
            "3 runc creates the container's namespaces",
            "4 nsenter into the child netns: OCI hook",
            "5 ocihook → CNI",
            "6 CNI: eth0 → veth → nerdctl0");

    public static final String HOST_EDGE_KEY = "host-edge";
    public static final String LEGEND_KEY = "legend";

    static final double MARGIN = 20;
    static final double PAD = 12;
    static final double HEADER = 40;
    static final double PROC_W = 150;
    static final double PROC_H = 40;
    static final double GAP = 14;
    /** Between the processes of the child row: room for the step arrows 2, 4 and 5. */
    static final double ROW_GAP = 24;
    static final double EDGE_W = 180;
    static final double COL_GAP = 30;
    static final double SIDE_GAP = 80;
    static final double ROW_W = 138;
    /** Room at the left inside the child box for tap0's label. */
    static final double INSET = 86;
    static final double PORT_STEP = 22;
    static final double LEGEND_W = 660;
    static final double LEGEND_H = 170;

    private Layouts() {
    }

    public static Layout of(Topology t) {
        return new Builder(t).build();
    }

    /**
     * The container grid: the column count is fixed per size class so that one more container does not rearrange the
     * others; boxes get compact past 60. Each column has a lane on its left where the veth links run down from the
     * bridge, one track per row, so they never cross each other or a box.
     */
    record Grid(int cols, boolean compact, int laneRows) {
        static Grid of(int n) {
            if (n <= 12) {
                return new Grid(3, false, 4);
            }
            if (n <= 60) {
                return new Grid(6, false, 10);
            }
            if (n <= 240) {
                return new Grid(12, true, 20);
            }
            int rows = (n + 19) / 20;
            return new Grid(20, true, ((rows + 9) / 10) * 10);
        }

        double boxW() {
            return compact ? 100 : 160;
        }

        double boxH() {
            return compact ? 26 : 46;
        }

        double rowGap() {
            return compact ? 8 : 14;
        }

        double track() {
            return compact ? 2 : 3;
        }

        double laneW() {
            return 6 + laneRows * track();
        }

        double rightGap() {
            return compact ? 8 : 14;
        }

        double pitch() {
            return laneW() + boxW() + rightGap();
        }
    }

    /** A process box before it has a position. */
    private record Entry(String key, String title, String subtitle, Map<String, String> details, boolean missing) {
    }

    private static final class Builder {
        final Topology t;
        final boolean detach;
        final boolean greyChild;
        final long hostIno;
        final long childIno;
        final String hostKey;
        final String childKey;
        final Netns childNetns;
        final List<Box> boxes = new ArrayList<>();
        final List<Port> ports = new ArrayList<>();
        final List<Link> links = new ArrayList<>();
        final List<StepArrow> steps = new ArrayList<>();
        final Map<String, Box> byKey = new HashMap<>();

        Builder(Topology t) {
            this.t = t;
            this.detach = t.mode() == Topology.Mode.DETACH_NETNS;
            this.greyChild = t.health() != Topology.Health.RUNNING || t.mode() == Topology.Mode.NOT_RUNNING;
            this.hostIno = t.hostNetns();
            NetnsRole want = detach ? NetnsRole.DETACHED : NetnsRole.ROOTLESSKIT_CHILD;
            Optional<Netns> child = t.netns().stream().filter(n -> n.role() == want).findFirst();
            if (child.isEmpty()) {
                child = t.netns().stream()
                        .filter(n -> n.role() == NetnsRole.DETACHED || n.role() == NetnsRole.ROOTLESSKIT_CHILD)
                        .findFirst();
            }
            this.childNetns = child.orElse(null);
            this.childIno = child.map(Netns::inode).orElse(0L);
            this.hostKey = "netns:" + hostIno;
            this.childKey = childIno != 0 ? "netns:" + childIno : "netns:child";
        }

        Layout build() {
            double hostX = MARGIN;
            double top = MARGIN;
            double y0 = top + HEADER;
            double hostW = PAD + EDGE_W + COL_GAP + PROC_W + PAD;
            double childX = hostX + hostW + SIDE_GAP;
            double colX = hostX + PAD + EDGE_W + COL_GAP;
            double edgeX = hostX + PAD;
            double tapY = y0 + PROC_H + GAP + PROC_H / 2;

            // which processes go where
            List<Entry> hostCol = new ArrayList<>();
            List<Entry> childRow = new ArrayList<>();
            placeProcesses(hostCol, childRow);

            List<Iface> bridges = bridges();
            List<ContainerNode> containers = new ArrayList<>(t.containers());
            containers.sort(Comparator.comparing(ContainerNode::name).thenComparing(ContainerNode::id));
            Grid grid = Grid.of(containers.size());
            int used = Math.min(containers.size(), grid.cols());
            int rows = (containers.size() + grid.cols() - 1) / grid.cols();

            double rowWidth = childRow.size() * (ROW_W + ROW_GAP) - ROW_GAP;
            double gridWidth = used * grid.pitch();
            double contentW = Math.max(Math.max(rowWidth, gridWidth), 360);
            double childW = INSET + contentW + PAD;
            double bridgeX = childX + INSET;
            double firstBridgeY = y0 + PROC_H + GAP;
            double gridTop = firstBridgeY + bridges.size() * (PROC_H + GAP) - GAP + 24;
            double gridBottom = rows == 0 ? gridTop : gridTop + rows * (grid.boxH() + grid.rowGap()) - grid.rowGap();

            List<Iface> nics = hostNics();
            List<PublishedPort> pubs = new ArrayList<>(t.ports());
            pubs.sort(Comparator.comparing(PublishedPort::proto).thenComparingInt(PublishedPort::parentPort)
                    .thenComparing(PublishedPort::parentIp));
            double nicY0 = y0 + HEADER + 8;
            double pubY0 = nicY0 + Math.max(1, nics.size()) * PORT_STEP + PORT_STEP;
            double edgeBottomContent = pubY0 + pubs.size() * PORT_STEP;

            double hostColBottom = y0 + hostCol.size() * (PROC_H + GAP) - GAP;
            double contentBottom = Math.max(Math.max(hostColBottom, edgeBottomContent),
                    Math.max(gridBottom, tapY + PROC_H));
            long nBypass = containers.stream().filter(Builder::bypass).count();
            double channelTop = contentBottom + 12;
            double channelH = nBypass == 0 ? 0 : 6 + Math.min(nBypass, 8) * 4;
            double bottom = channelTop + channelH + PAD;

            // the two namespaces, then what is inside
            add(new Box(hostKey, BoxKind.HOST_NETNS, "Host netns (RootlessKit parent)", netLabel(hostIno), hostX, top,
                    hostW, bottom - top, "", false, netnsDetails(hostIno, "host: the host NICs, RootlessKit's parent, "
                    + "the network driver" + (detach ? ", containerd, runc, shims, buildkitd" : ""))));
            Box edge = add(new Box(HOST_EDGE_KEY, BoxKind.HOST_EDGE, "Host network stack", "NICs, sockets, ports",
                    edgeX, y0, EDGE_W, bottom - PAD - y0, hostKey, false, details("what",
                    "the host's interfaces and sockets: slirp4netns/pasta and bypass4netns open their sockets here; "
                            + "published ports listen here")));
            Box childBox = add(new Box(childKey, detach ? BoxKind.DETACHED_NETNS : BoxKind.CHILD_NETNS, childTitle(),
                    childIno != 0 ? netLabel(childIno) : "net: unknown", childX, top, childW, bottom - top, "",
                    greyChild, netnsDetails(childIno, detach
                            ? "detached ($STATE_DIR/netns): lo, tap0, the CNI bridges, the host-side veths"
                            : "RootlessKit child: lo, tap0, the CNI bridges, containerd and runc")));

            for (int i = 0; i < hostCol.size(); i++) {
                Entry e = hostCol.get(i);
                add(new Box(e.key(), BoxKind.PROCESS, e.title(), e.subtitle(), colX, y0 + i * (PROC_H + GAP), PROC_W,
                        PROC_H, hostKey, e.missing(), e.details()));
            }
            for (int i = 0; i < childRow.size(); i++) {
                Entry e = childRow.get(i);
                add(new Box(e.key(), BoxKind.PROCESS, e.title(), e.subtitle(), childX + INSET + i * (ROW_W + ROW_GAP), y0,
                        ROW_W, PROC_H, childKey, greyChild || e.missing(), e.details()));
            }

            // host edge: NICs, then published ports, on the outer (left) edge
            for (int i = 0; i < nics.size(); i++) {
                Iface f = nics.get(i);
                ports.add(new Port(ifKey(hostIno, f.name()), HOST_EDGE_KEY, ifLabel(f), edgeX, nicY0 + i * PORT_STEP,
                        ifDetails(f, hostIno)));
            }

            // child side: lo on the top edge, tap0 on the edge facing the network driver
            Iface lo = childIface(IfaceKind.LOOPBACK, "lo");
            ports.add(new Port(ifKey(childIno, "lo"), childKey, lo == null ? "lo" : ifLabel(lo),
                    childX + childW - 40, top, lo == null ? details("interface", "lo") : ifDetails(lo, childIno)));
            Iface tap = childIface(IfaceKind.TAP, "tap0");
            String tapKey = ifKey(childIno, tap == null ? "tap0" : tap.name());
            ports.add(new Port(tapKey, childKey, tap == null ? "tap0" : ifLabel(tap), childX, tapY,
                    tap == null ? details("interface", "tap0", "state", "not found") : ifDetails(tap, childIno)));

            Box parent = byKey.get("proc:rootlesskit-parent");
            Box driver = byKey.get("proc:network-driver");
            links.add(new Link("link:tap-driver", LinkKind.TAP_DRIVER, tapKey, driver.key(),
                    List.of(new Point(childX, tapY), new Point(driver.right(), tapY)), "tap0 ↔ " + driver.title()));
            double dy = driver.y() + driver.h() / 2;
            links.add(new Link("link:driver-host", LinkKind.DRIVER_HOST, driver.key(), HOST_EDGE_KEY,
                    List.of(new Point(driver.x(), dy), new Point(edge.right(), dy)),
                    driver.title() + ": user-mode TCP/IP over host sockets"));

            // bridges, one bar each, routed to tap0 (routing/NAT in the child netns)
            Map<String, Box> bridgeBoxes = new LinkedHashMap<>();
            for (int i = 0; i < bridges.size(); i++) {
                Iface b = bridges.get(i);
                boolean placeholder = b.index() < 0;
                double by = firstBridgeY + i * (PROC_H + GAP);
                Box bb = add(new Box("bridge:" + b.name(), BoxKind.BRIDGE, b.name(),
                        placeholder ? "created with the first container" : String.join(" ", b.addresses()),
                        bridgeX, by, contentW, PROC_H, childKey, greyChild || placeholder,
                        placeholder ? details("bridge", b.name(), "state", "not created yet (CNI creates it)")
                                : ifDetails(b, childIno)));
                bridgeBoxes.put(b.name(), bb);
                double my = by + PROC_H / 2;
                List<Point> pts = i == 0
                        ? List.of(new Point(bridgeX, my), new Point(childX, tapY))
                        : List.of(new Point(bridgeX, my), new Point(childX + 8, my), new Point(childX + 8, tapY),
                        new Point(childX, tapY));
                links.add(new Link("link:bridge:" + b.name(), LinkKind.BRIDGE, "bridge:" + b.name(), tapKey, pts,
                        "routing/NAT " + b.name() + " → tap0"));
            }

            // containers
            Map<String, Box> containerBoxes = new HashMap<>();
            Map<String, List<Point>> bypassRoutes = new HashMap<>();
            Map<Long, Netns> netnsByIno = new HashMap<>();
            Map<String, Netns> netnsByContainer = new HashMap<>();
            for (Netns n : t.netns()) {
                netnsByIno.put(n.inode(), n);
                n.containerId().ifPresent(id -> netnsByContainer.put(id, n));
            }
            Map<Integer, Iface> childByIndex = new HashMap<>();
            if (childNetns != null) {
                for (Iface f : childNetns.interfaces()) {
                    childByIndex.put(f.index(), f);
                }
            }
            int bypassRank = 0;
            for (int i = 0; i < containers.size(); i++) {
                ContainerNode c = containers.get(i);
                int col = i % grid.cols();
                int row = i / grid.cols();
                double laneX = bridgeX + col * grid.pitch();
                double bx = laneX + grid.laneW();
                double by = gridTop + row * (grid.boxH() + grid.rowGap());
                boolean running = c.pid() != 0 && c.netNs() != 0;
                Netns cn = netnsByContainer.get(c.id());
                if (cn == null && c.netNs() != 0) {
                    cn = netnsByIno.get(c.netNs());
                }
                Iface eth0 = cn == null ? null : cn.interfaces().stream()
                        .filter(f -> f.kind() != IfaceKind.LOOPBACK).findFirst().orElse(null);
                String key = "container:" + c.id();
                Box box = add(new Box(key, BoxKind.CONTAINER_NETNS, c.name(), containerSubtitle(c, running), bx, by,
                        grid.boxW(), grid.boxH(), childKey, greyChild || !running, containerDetails(c, eth0)));
                containerBoxes.put(c.id(), box);
                if (running) {
                    double ey = by + grid.boxH() / 2;
                    String ethName = eth0 == null ? "eth0" : eth0.name();
                    String ethKey = ifKey(c.netNs(), ethName);
                    ports.add(new Port(ethKey, key, ethName, bx, ey, eth0 == null
                            ? details("interface", "eth0", "addresses", String.join(", ", c.addresses()))
                            : ifDetails(eth0, c.netNs())));
                    Iface veth = eth0 == null || eth0.peerIndex().isEmpty() ? null
                            : childByIndex.get(eth0.peerIndex().getAsInt());
                    Box bridge = veth != null && bridgeBoxes.containsKey(veth.master())
                            ? bridgeBoxes.get(veth.master()) : bridgeBoxes.values().iterator().next();
                    double vx = laneX + grid.laneW() - 3 - row * grid.track();
                    String vethKey = veth == null ? "veth:" + c.id() : ifKey(childIno, veth.name());
                    ports.add(new Port(vethKey, bridge.key(), veth == null ? "veth" : veth.name(), vx, bridge.bottom(),
                            veth == null ? details("interface", "veth (not found in the child netns)")
                                    : ifDetails(veth, childIno)));
                    links.add(new Link("link:veth:" + c.id(), LinkKind.VETH, ethKey, vethKey,
                            List.of(new Point(bx, ey), new Point(vx, ey), new Point(vx, bridge.bottom())),
                            ethName + " ↔ " + (veth == null ? "veth" : veth.name())));
                }
                if (bypass(c)) {
                    // out on the right, down the column gap, left along the channel under everything to the host
                    double ey = by + grid.boxH() / 2;
                    double gx = bx + grid.boxW() + grid.rightGap() / 2;
                    double cy = channelTop + 4 + (bypassRank % 8) * 4;
                    bypassRank++;
                    List<Point> route = List.of(new Point(bx + grid.boxW(), ey), new Point(gx, ey), new Point(gx, cy),
                            new Point(edge.right(), cy));
                    bypassRoutes.put(c.id(), route);
                    links.add(new Link("link:bypass:" + c.id(), LinkKind.BYPASS, key, HOST_EDGE_KEY, route,
                            "bypass4netns: " + c.name() + "'s sockets in the host netns"
                                    + (c.bypassLive() ? "" : " (configured, not active)")));
                }
            }

            // published ports: on the host edge, each with its path
            Box rkChild = byKey.get("proc:rootlesskit-child");
            java.util.Set<String> portKeys = new java.util.HashSet<>();
            for (int i = 0; i < pubs.size(); i++) {
                PublishedPort p = pubs.get(i);
                double py = pubY0 + i * PORT_STEP;
                String base = "port:" + p.proto() + ":" + (p.parentIp().isEmpty() ? "*" : p.parentIp()) + ":"
                        + p.parentPort();
                // RootlessKit and bypass4netns could both claim one (a conflict the user should see, not a crash)
                String pk = base;
                for (int k = 2; !portKeys.add(pk); k++) {
                    pk = base + "#" + k;
                }
                ContainerNode owner = p.containerId().flatMap(id -> containers.stream()
                        .filter(c -> c.id().equals(id)).findFirst()).orElse(null);
                ports.add(new Port(pk, HOST_EDGE_KEY, portLabel(p, owner), edgeX, py, portDetails(p, owner)));
                List<Point> route = owner == null ? null : bypassRoutes.get(owner.id());
                if (p.path() == Topology.PortPath.BYPASS4NETNS && route != null) {
                    double vx = edge.right() - 8;
                    Point join = route.get(route.size() - 1);
                    links.add(new Link("link:" + pk, LinkKind.PUBLISHED_PORT, pk, "container:" + owner.id(),
                            List.of(new Point(edgeX, py), new Point(vx, py), new Point(vx, join.y()), join),
                            "bypass4netns: " + p.parentPort() + " → " + owner.name() + ":" + p.childPort()));
                } else {
                    double vx = edge.right() + 10;
                    double pmy = parent.y() + parent.h() / 2;
                    links.add(new Link("link:" + pk, LinkKind.PUBLISHED_PORT, pk, parent.key(),
                            List.of(new Point(edgeX, py), new Point(vx, py), new Point(vx, pmy),
                                    new Point(parent.x(), pmy)),
                            "port driver " + (t.portDriver().isEmpty() ? "" : t.portDriver() + " ")
                                    + p.parentPort() + " → " + p.childPort()));
                }
            }
            if (pubs.stream().anyMatch(p -> p.path() == Topology.PortPath.ROOTLESSKIT)) {
                double pmy = parent.y() + parent.h() / 2;
                // the builtin driver hands connections to the RootlessKit child, which dials inside the netns
                String to = rkChild != null && childKey.equals(rkChild.parent()) ? rkChild.key() : childKey;
                links.add(new Link("link:port-driver", LinkKind.PUBLISHED_PORT, parent.key(), to,
                        List.of(new Point(parent.right(), pmy), new Point(childX, pmy)),
                        "port driver " + (t.portDriver().isEmpty() ? "" : t.portDriver() + " ")
                                + "→ child netns → CNI portmap → container"));
            }

            // the six steps
            Box firstContainer = containers.isEmpty() ? null : containerBoxes.get(containers.get(0).id());
            Box gridSlot = firstContainer != null ? firstContainer
                    : new Box("slot", BoxKind.CONTAINER_NETNS, "", "", bridgeX + grid.laneW(), gridTop, grid.boxW(),
                    grid.boxH(), childKey, false, Map.of());
            Box firstBridge = bridgeBoxes.values().iterator().next();
            Box nerdctl = byKey.get("proc:nerdctl");
            Box containerd = byKey.get("proc:containerd");
            Box runc = byKey.get("proc:runc");
            Box ocihook = byKey.get("proc:ocihook");
            Box cni = byKey.get("proc:cni");
            step(1, nerdctl, containerd);
            step(2, containerd, runc);
            step(3, runc, gridSlot);
            step(4, runc, ocihook);
            step(5, ocihook, cni);
            steps.add(new StepArrow(6, STEP_LABELS.get(5), List.of(new Point(cni.x() + cni.w() / 2, cni.bottom()),
                    new Point(cni.x() + cni.w() / 2, firstBridge.y()))));

            double legendY = bottom + 20;
            add(new Box(LEGEND_KEY, BoxKind.LEGEND, "Legend", "", MARGIN, legendY, LEGEND_W, LEGEND_H, "", false,
                    Map.of()));
            double width = Math.max(childBox.right(), MARGIN + LEGEND_W) + MARGIN;
            double height = legendY + LEGEND_H + MARGIN;
            return new Layout(width, height, boxes, ports, links, steps);
        }

        private Box add(Box b) {
            boxes.add(b);
            byKey.put(b.key(), b);
            return b;
        }

        private void step(int n, Box a, Box b) {
            steps.add(new StepArrow(n, STEP_LABELS.get(n - 1), connect(a, b)));
        }

        private String childTitle() {
            String base = detach ? "Detached netns ($STATE_DIR/netns)" : "RootlessKit child netns";
            if (t.mode() == Topology.Mode.NOT_RUNNING && t.health() == Topology.Health.RUNNING) {
                return base + " — RootlessKit not running";
            }
            switch (t.health()) {
                case CONTAINERD_INACTIVE:
                    return base + " — containerd inactive";
                case ROOTLESSKIT_STARTING:
                    return base + " — RootlessKit starting (no api.sock yet)";
                case STALE_STATE_DIR:
                    return base + " — stale state dir (child_pid names no process)";
                default:
                    return base;
            }
        }

        private void placeProcesses(List<Entry> hostCol, List<Entry> childRow) {
            hostCol.add(single(ProcRole.ROOTLESSKIT_PARENT, "proc:rootlesskit-parent", "RootlessKit parent"));
            String driverName = t.networkDriver().isEmpty() ? "network driver" : t.networkDriver();
            Entry driver = single(ProcRole.NETWORK_DRIVER, "proc:network-driver", driverName);
            Map<String, String> dd = new LinkedHashMap<>(driver.details());
            dd.put("driver", driverName);
            if (!t.childIp().isEmpty()) {
                dd.put("child IP", t.childIp());
            }
            hostCol.add(new Entry(driver.key(), driverName, driver.subtitle(), dd, driver.missing()));

            Optional<Proc> rk = t.process(ProcRole.ROOTLESSKIT_CHILD);
            Optional<Proc> containerd = t.process(ProcRole.CONTAINERD);
            boolean containerdHost = containerd.map(this::inHost).orElse(detach);
            Entry rkEntry = rk.map(p -> proc(p, "proc:rootlesskit-child", "RootlessKit child")).orElse(null);
            if (rkEntry != null && inHost(rk.get())) {
                hostCol.add(rkEntry);
            }
            hostCol.add(new Entry("proc:nerdctl", "nerdctl", "CLI, per command", details("where",
                    "started in the host; re-executes itself in RootlessKit's namespaces"
                            + (detach ? " (user+mount; stays in the host netns)" : " (user+mount+net)")), false));
            Entry cd = single(ProcRole.CONTAINERD, "proc:containerd", "containerd");
            Entry runc = new Entry("proc:runc", "runc", "per container start", details("where",
                    "started by containerd-shim, in containerd's namespaces; creates the container's namespaces"),
                    false);
            List<Entry> rest = new ArrayList<>();
            Entry shims = group(ProcRole.SHIM, "proc:shims", "containerd-shim");
            Entry buildkitd = t.process(ProcRole.BUILDKITD).map(p -> proc(p, "proc:buildkitd", "buildkitd"))
                    .orElse(null);
            List<Entry> childSide = new ArrayList<>();
            if (containerdHost) {
                hostCol.add(cd);
                hostCol.add(runc);
            } else {
                childRow.add(cd);
                childRow.add(runc);
            }
            childRow.add(new Entry("proc:ocihook", "nerdctl ocihook", "per container start", details("where",
                    detach ? "runc runs it through nsenter into the detached netns"
                            : "runs in the child netns with runc"), false));
            childRow.add(new Entry("proc:cni", "CNI plugins", "bridge, portmap, ...", details("what",
                    "creates eth0 and its veth peer, attaches the veth to the bridge, NAT and portmap rules"),
                    false));
            if (shims != null) {
                boolean host = t.processes().stream().filter(p -> p.role() == ProcRole.SHIM).findFirst()
                        .map(this::inHost).orElse(detach);
                (host ? rest : childSide).add(shims);
            }
            if (buildkitd != null) {
                (inHost(t.process(ProcRole.BUILDKITD).get()) ? rest : childSide).add(buildkitd);
            }
            hostCol.addAll(rest);
            t.process(ProcRole.BYPASS4NETNSD).ifPresent(p -> hostCol.add(proc(p, "proc:bypass4netnsd",
                    "bypass4netnsd")));
            Entry b4nn = group(ProcRole.BYPASS4NETNS, "proc:bypass4netns", "bypass4netns");
            if (b4nn != null) {
                hostCol.add(b4nn);
            }
            childRow.addAll(childSide);
            if (rkEntry != null && !inHost(rk.get())) {
                childRow.add(rkEntry);
            }
            t.processes().stream().filter(p -> p.role() == ProcRole.OTHER)
                    .sorted(Comparator.comparing(Proc::name).thenComparingLong(Proc::pid))
                    .forEach(p -> (inHost(p) ? hostCol : childRow)
                            .add(proc(p, "proc:other:" + p.name() + ":" + p.pid(), p.name())));
        }

        /** Whether a process is drawn in the host netns: by its real netns; unknown ones in the host. */
        private boolean inHost(Proc p) {
            return childIno == 0 || p.netNs() != childIno;
        }

        private Entry single(ProcRole role, String key, String title) {
            return t.process(role).map(p -> proc(p, key, title))
                    .orElse(new Entry(key, title, "not running", details("PID", "none"), true));
        }

        private Entry group(ProcRole role, String key, String title) {
            List<Proc> ps = t.processes().stream().filter(p -> p.role() == role)
                    .sorted(Comparator.comparingLong(Proc::pid)).toList();
            if (ps.isEmpty()) {
                return null;
            }
            if (ps.size() == 1) {
                return proc(ps.get(0), key, title);
            }
            StringBuilder pids = new StringBuilder();
            for (int i = 0; i < ps.size() && i < 20; i++) {
                pids.append(i == 0 ? "" : ", ").append(ps.get(i).pid());
            }
            if (ps.size() > 20) {
                pids.append(", … (").append(ps.size()).append(" in all)");
            }
            Proc p = ps.get(0);
            return new Entry(key, title, "×" + ps.size() + " processes", details("PIDs",
                    pids.toString(), "user ns", nsLabel("user", p.userNs()), "mnt ns", nsLabel("mnt", p.mntNs()),
                    "net ns", netLabel(p.netNs())), false);
        }

        private Entry proc(Proc p, String key, String title) {
            return new Entry(key, title, "PID " + p.pid(), details("PID", Long.toString(p.pid()), "command", p.name(),
                    "user ns", nsLabel("user", p.userNs()), "mnt ns", nsLabel("mnt", p.mntNs()),
                    "net ns", netLabel(p.netNs())), false);
        }

        private List<Iface> bridges() {
            List<Iface> out = new ArrayList<>();
            if (childNetns != null) {
                childNetns.interfaces().stream().filter(f -> f.kind() == IfaceKind.BRIDGE).forEach(out::add);
            }
            out.sort(Comparator.comparing((Iface f) -> !f.name().equals("nerdctl0")).thenComparing(Iface::name));
            if (out.isEmpty()) {
                // nerdctl0 appears with the first container; draw where it will be
                out.add(new Iface("nerdctl0", -1, IfaceKind.BRIDGE, 0, false, "", OptionalInt.empty(), List.of()));
            }
            return out;
        }

        private List<Iface> hostNics() {
            return t.netns(hostIno).map(n -> n.interfaces().stream()
                    .filter(f -> f.kind() != IfaceKind.LOOPBACK).toList()).orElse(List.of());
        }

        private Iface childIface(IfaceKind kind, String name) {
            if (childNetns == null) {
                return null;
            }
            return childNetns.interfaces().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElse(childNetns.interfaces().stream().filter(f -> f.kind() == kind).findFirst().orElse(null));
        }

        private Map<String, String> netnsDetails(long ino, String what) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("inode", ino == 0 ? "unknown" : netLabel(ino));
            d.put("holds", what);
            if (!t.networkDriver().isEmpty()) {
                d.put("network driver", t.networkDriver());
            }
            if (!t.portDriver().isEmpty()) {
                d.put("port driver", t.portDriver());
            }
            t.netns(ino).ifPresent(n -> d.put("interfaces", Integer.toString(n.interfaces().size())));
            return d;
        }

        private static boolean bypass(ContainerNode c) {
            return c.bypassConfigured() || c.bypassLive();
        }
    }

    // ---- labels and hover text -------------------------------------------------------------------------------

    static String netLabel(long ino) {
        return ino == 0 ? "net: unknown" : "net:[" + ino + "]";
    }

    static String nsLabel(String type, long ino) {
        return ino == 0 ? type + ": unknown" : type + ":[" + ino + "]";
    }

    static String ifKey(long netns, String name) {
        return "if:" + netns + ":" + name;
    }

    static String ifLabel(Iface f) {
        return f.addresses().isEmpty() ? f.name() : f.name() + " " + f.addresses().get(0);
    }

    static Map<String, String> ifDetails(Iface f, long netns) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("interface", f.name());
        d.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
        d.put("netns", netLabel(netns));
        d.put("ifindex", Integer.toString(f.index()));
        d.put("MTU", Integer.toString(f.mtu()));
        d.put("state", f.up() ? "up" : "down");
        d.put("addresses", f.addresses().isEmpty() ? "none" : String.join(", ", f.addresses()));
        if (!f.master().isEmpty()) {
            d.put("bridge", f.master());
        }
        f.peerIndex().ifPresent(i -> d.put("peer ifindex", Integer.toString(i)));
        return d;
    }

    static String containerSubtitle(ContainerNode c, boolean running) {
        if (!running) {
            return "stopped";
        }
        String addr = c.addresses().isEmpty() ? netLabel(c.netNs()) : c.addresses().get(0);
        return bypassText(c).isEmpty() ? addr : addr + " · b4nn";
    }

    static String bypassText(ContainerNode c) {
        if (c.bypassLive()) {
            return "bypass4netns active";
        }
        return c.bypassConfigured() ? "bypass4netns configured, not active" : "";
    }

    static Map<String, String> containerDetails(ContainerNode c, Iface eth0) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("ID", c.id());
        d.put("namespace", c.namespace());
        d.put("PID", c.pid() == 0 ? "not running" : Long.toString(c.pid()));
        d.put("netns", netLabel(c.netNs()));
        d.put("addresses", c.addresses().isEmpty() ? "none" : String.join(", ", c.addresses()));
        if (eth0 != null) {
            d.put("MTU", Integer.toString(eth0.mtu()));
        }
        String b = bypassText(c);
        d.put("bypass4netns", b.isEmpty() ? "off" : b);
        return d;
    }

    static String portLabel(PublishedPort p, ContainerNode owner) {
        String host = p.parentIp().isEmpty() ? "" : p.parentIp();
        String to = owner == null ? Integer.toString(p.childPort()) : owner.name() + ":" + p.childPort();
        return p.proto() + " " + host + ":" + p.parentPort() + " → " + to
                + (p.path() == Topology.PortPath.BYPASS4NETNS ? " (bypass)" : " (RK)");
    }

    static Map<String, String> portDetails(PublishedPort p, ContainerNode owner) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("protocol", p.proto());
        d.put("host address", p.parentIp().isEmpty() ? "all" : p.parentIp());
        d.put("host port", Integer.toString(p.parentPort()));
        d.put(p.path() == Topology.PortPath.BYPASS4NETNS ? "container port" : "child port",
                Integer.toString(p.childPort()));
        d.put("path", p.path() == Topology.PortPath.BYPASS4NETNS
                ? "bypass4netns: the container's socket is bound in the host netns"
                : "RootlessKit port driver → child netns → CNI portmap → container");
        d.put("container", owner == null ? p.containerId().orElse("unknown") : owner.name());
        return d;
    }

    static Map<String, String> details(String... kv) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            d.put(kv[i], kv[i + 1]);
        }
        return d;
    }

    /**
     * An orthogonal path from box a to box b: side by side → out of the facing edges with a dog-leg in between;
     * one above the other in the same column → a loop on the right; otherwise bottom to top.
     */
    static List<Point> connect(Box a, Box b) {
        double ay = a.y() + a.h() / 2;
        double by = b.y() + b.h() / 2;
        if (b.x() >= a.right()) {
            double mx = (a.right() + b.x()) / 2;
            return List.of(new Point(a.right(), ay), new Point(mx, ay), new Point(mx, by), new Point(b.x(), by));
        }
        if (a.x() >= b.right()) {
            double mx = (b.right() + a.x()) / 2;
            return List.of(new Point(a.x(), ay), new Point(mx, ay), new Point(mx, by), new Point(b.right(), by));
        }
        if (a.x() == b.x() && a.w() == b.w()) {
            double lx = a.right() + 16;
            return List.of(new Point(a.right(), ay), new Point(lx, ay), new Point(lx, by), new Point(b.right(), by));
        }
        double ax = a.x() + a.w() / 2;
        double bx = b.x() + b.w() / 2;
        if (b.y() >= a.bottom()) {
            double my = (a.bottom() + b.y()) / 2;
            return List.of(new Point(ax, a.bottom()), new Point(ax, my), new Point(bx, my), new Point(bx, b.y()));
        }
        double my = (b.bottom() + a.y()) / 2;
        return List.of(new Point(ax, a.y()), new Point(ax, my), new Point(bx, my), new Point(bx, b.bottom()));
    }
}
