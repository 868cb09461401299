package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.Link;
import io.github.rootlesspanel.topology.Layout.Point;
import io.github.rootlesspanel.topology.Layout.Port;
import io.github.rootlesspanel.topology.Layout.StepArrow;
import io.github.rootlesspanel.topology.Topology.Health;
import io.github.rootlesspanel.topology.Topology.Mode;

/**
 * The layout of recorded models against the text files in src/test/resources/topology, and the properties every
 * layout must have (nothing overlapping, children inside parents, ports on edges, stable positions).
 *
 * <p>To regenerate the golden files after an intended change of the layout, run
 * {@code mvn -o test -Dtest=LayoutGoldenTest -Drp.golden.update=true} and review the diff before committing.
 */
class LayoutGoldenTest {

    static Stream<Arguments> recorded() {
        List<String> three = List.of("web", "cache", "proxy-b4nn");
        return Stream.of(
                Arguments.of("nondetach-3", TopologyFixtures.nonDetach(three)),
                Arguments.of("detach-3", TopologyFixtures.detach(three)),
                Arguments.of("detach-empty", TopologyFixtures.detach(List.of())),
                Arguments.of("nondetach-containerd-inactive",
                        TopologyFixtures.build(Mode.CHILD_NETNS, Health.CONTAINERD_INACTIVE, List.of("web"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void layoutOfRecordedModelMatchesGolden(String name, Topology model) throws IOException {
        String text = describe(Layouts.of(model));
        String file = "topology/" + name + ".txt";
        if (Boolean.getBoolean("rp.golden.update")) {
            Path dir = Path.of(System.getProperty("rp.project.dir", "."), "app/src/test/resources/topology");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        }
        try (InputStream in = LayoutGoldenTest.class.getResourceAsStream("/" + file)) {
            assertThat(in).as("golden file %s (run with -Drp.golden.update=true to write it)", file).isNotNull();
            assertThat(text).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("nondetach-10", TopologyFixtures.nonDetach(TopologyFixtures.names(10))),
                Arguments.of("detach-10", TopologyFixtures.detach(TopologyFixtures.names(10))),
                Arguments.of("detach-50", TopologyFixtures.detach(TopologyFixtures.names(50))),
                Arguments.of("nondetach-61", TopologyFixtures.nonDetach(TopologyFixtures.names(61))),
                Arguments.of("detach-500", TopologyFixtures.detach(withB4nn(TopologyFixtures.names(500)))),
                Arguments.of("stale", TopologyFixtures.build(Mode.DETACH_NETNS, Health.STALE_STATE_DIR, List.of())),
                Arguments.of("starting",
                        TopologyFixtures.build(Mode.CHILD_NETNS, Health.ROOTLESSKIT_STARTING, List.of("a"))),
                Arguments.of("not-running", new Topology(TopologyFixtures.AT, Mode.NOT_RUNNING,
                        Health.CONTAINERD_INACTIVE, "", "", "", TopologyFixtures.HOST_NET, List.of(), List.of(),
                        List.of(), List.of(), List.of("RootlessKit's state dir does not exist"))));
    }

    static List<String> withB4nn(List<String> names) {
        List<String> out = new ArrayList<>(names);
        for (int i = 0; i < out.size(); i += 7) {
            out.set(i, out.get(i) + "-b4nn");
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"models", "recorded"})
    void layoutProperties(String name, Topology model) {
        assertWellFormed(Layouts.of(model));
    }

    @Test
    void addingAContainerMovesOnlyTheContainersSortedAfterIt() {
        for (boolean detach : new boolean[] {false, true}) {
            for (int n : new int[] {2, 7, 30, 100}) {
                List<String> before = TopologyFixtures.names(n);
                List<String> after = new ArrayList<>(before);
                // sorts between c000 and c001
                after.add("c000a");
                Layout a = detach ? Layouts.of(TopologyFixtures.detach(before))
                        : Layouts.of(TopologyFixtures.nonDetach(before));
                Layout b = detach ? Layouts.of(TopologyFixtures.detach(after))
                        : Layouts.of(TopologyFixtures.nonDetach(after));
                Map<String, Box> later = byKey(b);
                for (Box old : a.boxes()) {
                    Box now = later.get(old.key());
                    assertThat(now).as("%s still there", old.key()).isNotNull();
                    boolean shifts = old.title().compareTo("c000a") > 0 && old.key().startsWith("container:");
                    if (old.key().equals(Layouts.LEGEND_KEY)) {
                        // below everything: it moves down when a row of containers is added
                        assertThat(now.x()).isEqualTo(old.x());
                        assertThat(now.y()).isGreaterThanOrEqualTo(old.y());
                    } else if (!shifts) {
                        assertThat(List.of(now.x(), now.y())).as("%s (n=%d, detach=%s) stays", old.key(), n, detach)
                                .isEqualTo(List.of(old.x(), old.y()));
                    }
                }
                // the next one takes the slot after it, and c000 is where it was
                Box c001 = later.get(key(a, "c001"));
                Box c000a = later.get(key(b, "c000a"));
                assertThat(List.of(c000a.x(), c000a.y()))
                        .isEqualTo(List.of(byKey(a).get(key(a, "c001")).x(), byKey(a).get(key(a, "c001")).y()));
                assertThat(List.of(c001.x(), c001.y())).isNotEqualTo(List.of(c000a.x(), c000a.y()));
            }
        }
    }

    @Test
    void theOrderOfTheModelDoesNotMatter() {
        Layout listed = Layouts.of(TopologyFixtures.detach(List.of("web", "cache", "proxy-b4nn", "db")));
        Layout shuffled = Layouts.of(TopologyFixtures.detach(List.of("db", "proxy-b4nn", "web", "cache")));
        // the fixture numbers netns inodes and addresses in list order, so compare the geometry by title
        assertThat(geometry(shuffled)).isEqualTo(geometry(listed));
    }

    static Map<String, List<Double>> geometry(Layout l) {
        Map<String, List<Double>> m = new HashMap<>();
        l.boxes().forEach(b -> m.put(b.kind() + " " + b.title(), List.of(b.x(), b.y(), b.w(), b.h())));
        return m;
    }

    static String key(Layout l, String title) {
        return l.boxes().stream().filter(b -> b.title().equals(title)).findFirst().orElseThrow().key();
    }

    static Map<String, Box> byKey(Layout l) {
        Map<String, Box> m = new HashMap<>();
        l.boxes().forEach(b -> m.put(b.key(), b));
        return m;
    }

    /** The properties every layout has; fails with the offending element. */
    static void assertWellFormed(Layout l) {
        Map<String, Box> boxes = new HashMap<>();
        Map<String, List<Box>> siblings = new HashMap<>();
        for (Box b : l.boxes()) {
            assertThat(boxes.put(b.key(), b)).as("box key %s unique", b.key()).isNull();
            assertThat(b.w()).as("%s width", b.key()).isPositive();
            assertThat(b.h()).as("%s height", b.key()).isPositive();
            assertThat(b.x() >= 0 && b.y() >= 0 && b.right() <= l.width() && b.bottom() <= l.height())
                    .as("%s inside the drawing", b.key()).isTrue();
            if (!b.parent().isEmpty()) {
                Box p = boxes.get(b.parent());
                assertThat(p).as("parent of %s listed before it", b.key()).isNotNull();
                assertThat(b.x() >= p.x() && b.y() >= p.y() && b.right() <= p.right() && b.bottom() <= p.bottom())
                        .as("%s inside its parent %s", b.key(), p.key()).isTrue();
            }
            siblings.computeIfAbsent(b.parent(), k -> new ArrayList<>()).add(b);
        }
        for (List<Box> group : siblings.values()) {
            // sorted sweep: only boxes whose x ranges overlap are compared (500 containers stay fast)
            List<Box> sorted = new ArrayList<>(group);
            sorted.sort((a, b) -> Double.compare(a.x(), b.x()));
            for (int i = 0; i < sorted.size(); i++) {
                Box a = sorted.get(i);
                for (int j = i + 1; j < sorted.size() && sorted.get(j).x() < a.right(); j++) {
                    Box b = sorted.get(j);
                    boolean overlap = a.x() < b.right() && b.x() < a.right() && a.y() < b.bottom()
                            && b.y() < a.bottom();
                    assertThat(overlap).as("siblings %s and %s overlap", a.key(), b.key()).isFalse();
                }
            }
        }
        Set<String> ends = new HashSet<>(boxes.keySet());
        for (Port p : l.ports()) {
            assertThat(ends.add(p.key())).as("port key %s unique", p.key()).isTrue();
            Box b = boxes.get(p.box());
            assertThat(b).as("box of port %s", p.key()).isNotNull();
            boolean onVertical = (near(p.cx(), b.x()) || near(p.cx(), b.right())) && p.cy() >= b.y()
                    && p.cy() <= b.bottom();
            boolean onHorizontal = (near(p.cy(), b.y()) || near(p.cy(), b.bottom())) && p.cx() >= b.x()
                    && p.cx() <= b.right();
            assertThat(onVertical || onHorizontal).as("port %s on an edge of %s", p.key(), b.key()).isTrue();
        }
        Set<String> linkKeys = new HashSet<>();
        for (Link k : l.links()) {
            assertThat(linkKeys.add(k.key())).as("link key %s unique", k.key()).isTrue();
            assertThat(ends).as("ends of %s", k.key()).contains(k.from(), k.to());
            assertThat(k.points()).as("points of %s", k.key()).hasSizeGreaterThanOrEqualTo(2);
            for (Point p : k.points()) {
                assertThat(p.x() >= 0 && p.x() <= l.width() && p.y() >= 0 && p.y() <= l.height())
                        .as("%s inside the drawing", k.key()).isTrue();
            }
        }
        assertThat(l.steps()).extracting(StepArrow::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(l.steps()).extracting(StepArrow::label).containsExactlyElementsOf(Layouts.STEP_LABELS);
        assertThat(l.steps()).allSatisfy(s -> assertThat(s.points()).hasSizeGreaterThanOrEqualTo(2));
    }

    static boolean near(double a, double b) {
        return Math.abs(a - b) < 1e-6;
    }

    /** A stable text form: one line per element in layout order, numbers to one decimal, hover text included. */
    static String describe(Layout l) {
        StringBuilder s = new StringBuilder();
        s.append("layout ").append(SvgExport.n(l.width())).append('x').append(SvgExport.n(l.height())).append('\n');
        for (Box b : l.boxes()) {
            s.append("box ").append(b.key()).append(' ').append(b.kind()).append(" \"").append(b.title())
                    .append("\" \"").append(b.subtitle()).append("\" ").append(rect(b.x(), b.y(), b.w(), b.h()))
                    .append(b.parent().isEmpty() ? "" : " in " + b.parent()).append(b.greyed() ? " greyed" : "")
                    .append('\n');
            details(s, b.details());
        }
        for (Port p : l.ports()) {
            s.append("port ").append(p.key()).append(" on ").append(p.box()).append(' ').append(l.side(p))
                    .append(" \"").append(p.label()).append("\" at ").append(SvgExport.n(p.cx())).append(',')
                    .append(SvgExport.n(p.cy())).append('\n');
            details(s, p.details());
        }
        for (Link k : l.links()) {
            s.append("link ").append(k.key()).append(' ').append(k.kind()).append(' ').append(k.from())
                    .append(" -> ").append(k.to()).append(" \"").append(k.label()).append("\" ")
                    .append(points(k.points())).append('\n');
        }
        for (StepArrow a : l.steps()) {
            s.append("step ").append(a.number()).append(" \"").append(a.label()).append("\" ")
                    .append(points(a.points())).append('\n');
        }
        return s.toString();
    }

    private static void details(StringBuilder s, Map<String, String> d) {
        d.forEach((k, v) -> s.append("    ").append(k).append(": ").append(v).append('\n'));
    }

    private static String rect(double x, double y, double w, double h) {
        return SvgExport.n(x) + "," + SvgExport.n(y) + " " + SvgExport.n(w) + "x" + SvgExport.n(h);
    }

    private static String points(List<Point> pts) {
        StringBuilder b = new StringBuilder();
        for (Point p : pts) {
            b.append(b.length() == 0 ? "" : " ").append(SvgExport.n(p.x())).append(',').append(SvgExport.n(p.y()));
        }
        return b.toString();
    }
}
