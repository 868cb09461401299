package io.github.rootlesspanel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.rootlesspanel.topology.IpJson;
import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.ProcTable;
import io.github.rootlesspanel.topology.Layouts;
import io.github.rootlesspanel.topology.Summary;
import io.github.rootlesspanel.topology.SvgExport;
import io.github.rootlesspanel.topology.Topology;

/**
 * Benchmark, not a test (a main class, so surefire never runs it): how long the model build's own work (parsing
 * iproute2's JSON of every namespace — the recorded captures of the test environment, once per container — and
 * placing the processes of a /proc table with a shim and an init per container) and {@link Layouts#of} (and the SVG
 * export and the text summary) take for the recorded detach-mode model with 10, 100 and 500 containers, every
 * seventh with bypass4netns. The probe's other cost is the two {@code ip} processes it starts per namespace
 * (see the topology ITs for whole rebuild times on real parts). Needs no real parts; after {@code mvn -o test-compile dependency:copy-dependencies} run
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
        String hostLink = resource("host-link.json");
        String hostAddr = resource("host-addr.json");
        String childLink = resource("detached-link.json");
        String childAddr = resource("detached-addr.json");
        String ctrLink = resource("container-link.json");
        String ctrAddr = resource("container-addr.json");
        for (int size : new int[] {10, 100, 500}) {
            List<ProcTable.ProcInfo> table = procTable(size);
            for (int i = 0; i < n; i++) { // warm-up
                model(size, table, hostLink, hostAddr, childLink, childAddr, ctrLink, ctrAddr);
            }
            List<Long> build = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                model(size, table, hostLink, hostAddr, childLink, childAddr, ctrLink, ctrAddr);
                build.add(System.nanoTime() - t0);
            }
            System.out.printf("%3d containers: model build (parse + placement) median %.3f ms, p95 %.3f ms%n", size,
                    median(build), p95(build));
        }
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

    /** The pure part of a rebuild: every namespace's interfaces parsed, every process placed. */
    static int model(int size, List<ProcTable.ProcInfo> table, String hostLink, String hostAddr, String childLink,
                     String childAddr, String ctrLink, String ctrAddr) throws IOException {
        int n = IpJson.parse(hostLink, hostAddr).size() + IpJson.parse(childLink, childAddr).size();
        for (int i = 0; i < size; i++) {
            n += IpJson.parse(ctrLink, ctrAddr).size();
        }
        return n + ProcTable.place(table, 1001, Map.of()).size();
    }

    /** A /proc table like the test environment's: RootlessKit parent, child, slirp4netns, containerd, shims, inits. */
    static List<ProcTable.ProcInfo> procTable(int containers) {
        List<ProcTable.ProcInfo> t = new ArrayList<>();
        long user = 4026531837L;
        long rkUser = 4026532170L;
        t.add(new ProcTable.ProcInfo(1, 0, "systemd", user, 4026531841L, 4026531833L));
        t.add(new ProcTable.ProcInfo(1000, 1, "rootlesskit", user, 4026531841L, 4026531833L));
        t.add(new ProcTable.ProcInfo(1001, 1000, "exe", rkUser, 4026532171L, 4026532176L));
        t.add(new ProcTable.ProcInfo(1002, 1000, "slirp4netns", user, 4026531841L, 4026531833L));
        t.add(new ProcTable.ProcInfo(1003, 1001, "containerd", rkUser, 4026532171L, 4026532176L));
        for (int i = 0; i < containers; i++) {
            long shim = 2000 + 2L * i;
            t.add(new ProcTable.ProcInfo(shim, 1, "containerd-shim", rkUser, 4026532171L, 4026532176L));
            t.add(new ProcTable.ProcInfo(shim + 1, shim, "sleep", rkUser, 4026533000L + i, 4026534000L + i));
        }
        return t;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TopologyLayoutBench.class.getResourceAsStream("/topology/" + name)) {
            if (in == null) {
                throw new IOException("no test resource topology/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
