package io.github.rootlesspanel.bench;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layouts;
import io.github.rootlesspanel.topology.Summary;
import io.github.rootlesspanel.topology.SvgExport;
import io.github.rootlesspanel.topology.Topology;

/**
 * Benchmark, not a test (a main class, so surefire never runs it): how long {@link Layouts#of} (and the SVG export
 * and the text summary) take for the recorded detach-mode model with 10, 100 and 500 containers, every seventh with
 * bypass4netns. Needs no real parts; after {@code mvn -o test-compile dependency:copy-dependencies} run
 * {@code java -cp target/test-classes:target/classes:target/lib/* io.github.rootlesspanel.bench.TopologyLayoutBench [N]}.
 */
public final class TopologyLayoutBench {

    private TopologyLayoutBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        // the fixtures are package-private test data in topology/
        Class<?> fixtures = Class.forName("io.github.rootlesspanel.topology.TopologyFixtures");
        Method names = fixtures.getDeclaredMethod("names", int.class);
        Method detach = fixtures.getDeclaredMethod("detach", List.class);
        names.setAccessible(true);
        detach.setAccessible(true);
        for (int size : new int[] {10, 100, 500}) {
            @SuppressWarnings("unchecked")
            List<String> ns = new ArrayList<>((List<String>) names.invoke(null, size));
            for (int i = 0; i < ns.size(); i += 7) {
                ns.set(i, ns.get(i) + "-b4nn");
            }
            Topology t = (Topology) detach.invoke(null, ns);
            for (int i = 0; i < n; i++) { // warm-up
                SvgExport.of(Layouts.of(t));
            }
            List<Long> layout = new ArrayList<>();
            List<Long> svg = new ArrayList<>();
            List<Long> summary = new ArrayList<>();
            Layout l = null;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                l = Layouts.of(t);
                long t1 = System.nanoTime();
                SvgExport.of(l);
                long t2 = System.nanoTime();
                Summary.of(t);
                long t3 = System.nanoTime();
                layout.add(t1 - t0);
                svg.add(t2 - t1);
                summary.add(t3 - t2);
            }
            System.out.printf("%3d containers (%d boxes, %d ports, %d links): layout median %.3f ms, p95 %.3f ms, "
                    + "max %.3f ms; SVG median %.3f ms; summary median %.3f ms%n", size, l.boxes().size(),
                    l.ports().size(), l.links().size(), median(layout), p95(layout), max(layout), median(svg),
                    median(summary));
        }
    }

    static double median(List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        Collections.sort(s);
        return s.get(s.size() / 2) / 1e6;
    }

    static double p95(List<Long> ns) {
        List<Long> s = new ArrayList<>(ns);
        Collections.sort(s);
        return s.get((int) (s.size() * 0.95)) / 1e6;
    }

    static double max(List<Long> ns) {
        return Collections.max(ns) / 1e6;
    }
}
