package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.topology.IpJson;
import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.ProcTable;
import io.github.rootlesspanel.topology.Layouts;
import io.github.rootlesspanel.topology.Summary;
import io.github.rootlesspanel.topology.SvgExport;
import io.github.rootlesspanel.topology.Topology;

/**
 * Diagram model and layout (issue 10, group "Diagram"): how long the model build's own work (parsing iproute2's JSON
 * of every namespace — the recorded captures of the test environment, once per container — and placing the
 * processes of a /proc table with a shim and an init per container) and {@link Layouts#of} (and the SVG export and
 * the text summary) take for the recorded detach-mode model with 10, 100 and 500 containers, every seventh with
 * bypass4netns. The probe's other cost is the two {@code ip} processes it starts per namespace (see the topology
 * ITs and {@code FrameTimeBench} for whole rebuilds on real parts); painting the layout into the Network page's
 * scene graph is measured on Xvfb in {@code FrameTimeBench}. Pure: needs no real parts.
 */
class TopologyLayoutBench {

    static final int N = Integer.getInteger("rp.bench.layout.iterations", 200);

    @Test
    void modelBuildAndLayoutBySize() throws Exception {
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
            int expected = model(size, table, hostLink, hostAddr, childLink, childAddr, ctrLink, ctrAddr);
            assertThat(expected).as("interfaces and placed processes").isGreaterThan(size);
            for (int i = 0; i < N; i++) { // warm-up
                model(size, table, hostLink, hostAddr, childLink, childAddr, ctrLink, ctrAddr);
            }
            double[] build = new double[N];
            for (int i = 0; i < N; i++) {
                long t0 = System.nanoTime();
                model(size, table, hostLink, hostAddr, childLink, childAddr, ctrLink, ctrAddr);
                build[i] = (System.nanoTime() - t0) / 1e6;
            }
            Bench.record(new Bench.Result("diagram-model-" + size, "Diagram",
                    new Bench.Series("model build (parse + placement), " + size + " containers", "ms", build))
                    .note(N + " runs after " + N + " warm-up runs; recorded iproute2 captures, synthetic /proc table; "
                            + "without the ip processes the probe starts per namespace"));
        }
        for (int size : new int[] {10, 100, 500}) {
            @SuppressWarnings("unchecked")
            List<String> ns = new ArrayList<>((List<String>) names.invoke(null, size));
            for (int i = 0; i < ns.size(); i += 7) {
                ns.set(i, ns.get(i) + "-b4nn");
            }
            Topology t = (Topology) detach.invoke(null, ns);
            for (int i = 0; i < N; i++) { // warm-up
                SvgExport.of(Layouts.of(t));
            }
            double[] layout = new double[N];
            double[] svg = new double[N];
            double[] summary = new double[N];
            Layout l = null;
            for (int i = 0; i < N; i++) {
                long t0 = System.nanoTime();
                l = Layouts.of(t);
                long t1 = System.nanoTime();
                SvgExport.of(l);
                long t2 = System.nanoTime();
                Summary.of(t);
                long t3 = System.nanoTime();
                layout[i] = (t1 - t0) / 1e6;
                svg[i] = (t2 - t1) / 1e6;
                summary[i] = (t3 - t2) / 1e6;
            }
            long boxes = l.boxes().stream().filter(b -> b.kind() == Layout.BoxKind.CONTAINER_NETNS).count();
            assertThat(boxes).as("container boxes laid out").isEqualTo(size);
            String shape = String.format(java.util.Locale.ROOT, "%d boxes, %d ports, %d links; %d runs after %d "
                    + "warm-up runs", l.boxes().size(), l.ports().size(), l.links().size(), N, N);
            Bench.Result r = new Bench.Result("diagram-layout-" + size, "Diagram",
                    new Bench.Series("Layouts.of, " + size + " containers", "ms", layout)).note(shape);
            if (size == 500) {
                r.budget(new Bench.Budget("layout of 500 containers under 100 ms", Bench.Statistic.MEDIAN, 100));
            }
            Bench.record(r);
            Bench.record(new Bench.Result("diagram-svg-" + size, "Diagram",
                    new Bench.Series("SVG export, " + size + " containers", "ms", svg)).note(shape));
            Bench.record(new Bench.Result("diagram-summary-" + size, "Diagram",
                    new Bench.Series("text summary, " + size + " containers", "ms", summary)).note(shape));
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
}
