package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.trace.StartupTrace;
import io.github.rootlesspanel.trace.StartupTrace.Milestone;

/**
 * Start-up (issue 10): the panel's own process, started with {@code --trace-startup} on the test user's Xvfb and
 * real user bus, from process start to the first frame on which every Overview card shows its state from systemd
 * (the panel's milestones, see {@link StartupTrace}); the process is stopped once that line is printed. The
 * checkout's launcher (packaging/bin/rootless-panel, the JDK's own CDS archive) and, when run-tests.sh installed
 * the .deb (rp.package.dir), the installed /usr/bin/rootless-panel with its AppCDS archive.
 *
 * <p>Warm: repeated runs, after one run not counted. Cold: the first run after evicting the app's files (the JDK or
 * the bundled runtime, the jars or classes, the AppCDS archive) from the page cache with
 * posix_fadvise(POSIX_FADV_DONTNEED), which an unprivileged user may do on files it can read. Pages that a running
 * process maps (this JVM maps the checkout's JDK) cannot be evicted that way; the note says how much stayed.
 * System libraries (GTK, Mesa, fonts) are left cached, as on a desktop that runs other GTK programs.
 * containerd.service is the project's harmless stand-in unit (no containerd package is needed to draw a card).
 */
@Tag("real-parts")
@Tag("real-systemd")
@Tag("ui")
class StartupFirstFrameBench {

    static final String GROUP = "Start-up";
    static final int WARM = 10;
    static final int COLD = 5;
    static final long RUN_TIMEOUT_S = 60;
    static final List<Milestone> MEASURED = List.of(Milestone.JVM_START, Milestone.FX_START, Milestone.BUS_CONNECTED,
            Milestone.FIRST_STATES_RENDERED);

    @BeforeAll
    static void scene() {
        TestUser.installUnit("containerd.service", "containerd.service");
        TestUser.systemctl("start", "containerd.service");
    }

    @AfterAll
    static void clear() {
        TestUser.systemctlMayFail("stop", "containerd.service");
        TestUser.removeUnit("containerd.service");
    }

    @Test
    void checkoutLauncher() throws Exception {
        Path project = Path.of(System.getProperty("rp.project.dir", "."));
        List<Path> files = new ArrayList<>();
        files.addAll(regularFiles(jdkHome()));
        files.addAll(regularFiles(project.resolve("target/classes")));
        files.addAll(regularFiles(project.resolve("target/lib")));
        measure("checkout", "packaging/bin/rootless-panel (checkout, JDK " + jdkHome() + ")",
                List.of(TestUser.LAUNCHER.toString(), "--trace-startup"), files);
    }

    @Test
    void installedPackage() throws Exception {
        assumeTrue(!System.getProperty("rp.package.dir", "").isBlank(),
                "no installed package: run-tests.sh builds and installs it unless RP_PACKAGES=0");
        Path app = Path.of("/usr/lib/rootless-panel");
        assertThat(app.resolve("lib/app/rootless-panel.jsa")).as("the .deb's postinst made the AppCDS archive").exists();
        measure("installed", "/usr/bin/rootless-panel (the .deb: jlink'ed runtime, AppCDS)",
                List.of("/usr/bin/rootless-panel", "--trace-startup"), regularFiles(app));
    }

    private void measure(String variant, String what, List<String> cmd, List<Path> files) throws Exception {
        Map<Milestone, List<Double>> cold = series();
        Map<Milestone, List<Double>> warm = series();
        String eviction = "";
        for (int i = 0; i < COLD; i++) {
            eviction = evict(files);
            add(cold, run(cmd));
        }
        run(cmd); // the first warm run is not counted: it fills the cache the cold runs emptied
        for (int i = 0; i < WARM; i++) {
            add(warm, run(cmd));
        }
        record(variant, "warm", what, warm, WARM + " runs one after another, after one run not counted");
        record(variant, "cold", what, cold, COLD + " runs, each after evicting from the page cache " + eviction);
    }

    private static Map<Milestone, List<Double>> series() {
        Map<Milestone, List<Double>> m = new EnumMap<>(Milestone.class);
        MEASURED.forEach(x -> m.put(x, new ArrayList<>()));
        return m;
    }

    private static void add(Map<Milestone, List<Double>> into, Map<Milestone, Long> marks) {
        MEASURED.forEach(m -> into.get(m).add((double) marks.get(m)));
    }

    private static void record(String variant, String temperature, String what, Map<Milestone, List<Double>> s,
            String how) {
        for (Milestone m : MEASURED) {
            double[] samples = s.get(m).stream().mapToDouble(Double::doubleValue).toArray();
            Bench.Result r = new Bench.Result("startup-first-frame-" + variant + "-" + temperature + "-" + m.word(), GROUP,
                    new Bench.Series(what + ", " + temperature + ": process start to " + m.word(), "ms", samples))
                    .note(how)
                    .note("milestones from rootless-panel --trace-startup; the process start is the kernel's "
                            + "(clock ticks, 10 ms resolution)");
            if (m == Milestone.FIRST_STATES_RENDERED && temperature.equals("warm")) {
                r.budget(new Bench.Budget("first frame with live states under 1.5 s warm", Bench.Statistic.MEDIAN, 1500));
            }
            Bench.record(r);
        }
    }

    /** One start: the milestones it printed until every card showed its state; then the process is stopped. */
    private static Map<Milestone, Long> run(List<String> cmd) throws Exception {
        TestUser.home();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        Map<Milestone, Long> marks = new EnumMap<>(Milestone.class);
        ConcurrentLinkedDeque<String> tail = new ConcurrentLinkedDeque<>();
        CountDownLatch rendered = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    tail.add(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                    StartupTrace.parse(line).ifPresent(mk -> {
                        synchronized (marks) {
                            marks.putIfAbsent(mk.milestone(), mk.millis());
                        }
                        if (mk.milestone() == Milestone.FIRST_STATES_RENDERED) {
                            rendered.countDown();
                        }
                    });
                }
            } catch (IOException e) {
                // the process went away
            }
        }, "startup-bench-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean done = rendered.await(RUN_TIMEOUT_S, TimeUnit.SECONDS);
            synchronized (marks) {
                assertThat(done).as("first-states-rendered within %d s; the panel's stderr:%n%s", RUN_TIMEOUT_S,
                        String.join("\n", tail)).isTrue();
                assertThat(marks).as("every milestone up to the first frame").containsKeys(MEASURED.toArray(Milestone[]::new));
                return new EnumMap<>(marks);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Drops FILES from the page cache; says how much that was and how much stayed (mapped by running processes). */
    static String evict(List<Path> files) {
        StringBuilder list = new StringBuilder();
        files.forEach(f -> list.append(f).append('\0'));
        String script = """
                import os, sys
                n = b = 0
                for p in sys.stdin.read().split('\\0'):
                    if not p:
                        continue
                    try:
                        fd = os.open(p, os.O_RDONLY)
                    except OSError:
                        continue
                    try:
                        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                        n += 1
                        b += os.fstat(fd).st_size
                    finally:
                        os.close(fd)
                print(n, b)
                """;
        String[] counted = pipe(List.of("/usr/bin/python3", "-c", script), list.toString()).strip().split(" ");
        Map<String, Long> resident = resident(files);
        long stayed = resident.values().stream().mapToLong(Long::longValue).sum();
        String largest = resident.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(4).map(e -> String.format(Locale.ROOT, "%s %.1f MB", e.getKey(), e.getValue() / 1e6))
                .collect(java.util.stream.Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s files, %.1f MB (the JDK or runtime, classes, jars, CDS archives); "
                + "%.1f MB of them stayed in the cache, mapped or read again meanwhile by other processes "
                + "(other JVMs on this shared machine use the same JDK or runtime), the largest: %s", counted[0],
                Long.parseLong(counted[1]) / 1e6, stayed / 1e6, largest.isEmpty() ? "none" : largest);
    }

    /** Bytes of each of FILES still in the page cache (fincore, util-linux); empty where fincore is not there. */
    static Map<String, Long> resident(List<Path> files) {
        Map<String, Long> out = new java.util.HashMap<>();
        if (!Files.isExecutable(Path.of("/usr/bin/fincore"))) {
            return out;
        }
        for (int i = 0; i < files.size(); i += 500) {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/fincore", "--bytes", "--noheadings", "--raw",
                    "--output", "RES,FILE"));
            files.subList(i, Math.min(files.size(), i + 500)).forEach(f -> cmd.add(f.toString()));
            TestUser.Result r = TestUser.run(cmd, java.time.Duration.ofSeconds(60));
            r.output().lines().map(l -> l.split(" ", 2)).filter(p -> p.length == 2 && p[0].matches("\\d+"))
                    .filter(p -> Long.parseLong(p[0]) > 0)
                    .forEach(p -> out.put(Path.of(p[1]).getFileName().toString(), Long.parseLong(p[0])));
        }
        return out;
    }

    private static String pipe(List<String> cmd, String input) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The JDK the checkout's launcher runs: $JAVA_HOME, else the java on PATH. */
    static Path jdkHome() throws IOException {
        String home = System.getenv("JAVA_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toRealPath();
        }
        for (String dir : System.getenv("PATH").split(":")) {
            Path java = Path.of(dir, "java");
            if (Files.isExecutable(java)) {
                return java.toRealPath().getParent().getParent();
            }
        }
        throw new AssertionError("no java on PATH");
    }

    static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
