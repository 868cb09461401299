package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * {@code rootless-panel status --json} against {@code systemctl --user show} of the same five units, on the test
 * user's real systemd user manager, alternating round by round; and the JVM's own floor (a class that does nothing,
 * on the same JDK, with class-data sharing) in the same rounds, because a JVM cannot start in the few milliseconds
 * systemctl takes. The installed package's /usr/bin/rootless-panel (with its AppCDS archive) is measured when the
 * run installed it ({@code rp.package.dir}), else the checkout's packaging/bin/rootless-panel (noted).
 */
@Tag("real-parts")
class CliStatusBench {

    static final int ROUNDS = 21;

    @Test
    void statusAgainstSystemctlShow() throws Exception {
        TestUser.home();
        String packageDir = System.getProperty("rp.package.dir", "");
        Path installed = Path.of("/usr/bin/rootless-panel");
        boolean packaged = !packageDir.isBlank() && Files.isExecutable(installed);
        String panel = packaged ? installed.toString() : TestUser.LAUNCHER.toString();

        List<String> status = List.of(panel, "status", "--json");
        // the sanity check a benchmark may make: the command works and lists the five units
        TestUser.Split once = TestUser.runSplit(status, Duration.ofSeconds(60));
        assertThat(once.exitCode()).as(once.output()).isZero();
        assertThat(once.stdout()).contains("containerd.service").contains("bypass4netnsd.service");

        List<String> show = new ArrayList<>(List.of("systemctl", "--user", "--no-pager", "show"));
        show.addAll(Component.units());
        String jdk = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> floor = List.of(jdk, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                Path.of("target", "test-classes").toAbsolutePath().toString(), JvmFloor.class.getName());

        double[][] ms = Paired.measure(2, ROUNDS, List.of(
                () -> Paired.process(status), () -> Paired.process(show), () -> Paired.process(floor)));

        Bench.Series reference = new Bench.Series("systemctl --user show (the five units)", "ms", ms[1]);
        Bench.Result cli = new Bench.Result("cli-status", "Start-up",
                new Bench.Series("rootless-panel status --json", "ms", ms[0]))
                .reference(reference)
                .budget(new Bench.Budget("≤ 3× systemctl --user show", Bench.Statistic.RATIO, 3.0))
                .note(packaged ? "the installed package (" + installed + ", AppCDS archive of the command line)"
                        : "the checkout's packaging/bin/rootless-panel (no package in this run: no AppCDS archive)")
                .note(String.format(Locale.ROOT,
                        "the JVM's floor (a class doing nothing) is %.0f ms of it: see jvm-floor", median(ms[2])));
        Bench.record(cli);
        Bench.record(new Bench.Result("jvm-floor", "Start-up",
                new Bench.Series("JVM floor: java -Xshare:auto, a class that does nothing", "ms", ms[2]))
                .reference(reference)
                .note("the JDK " + System.getProperty("java.version") + " the tests run on, with its default CDS "
                        + "archive, C1 only as the panel's command line; no Java command can start faster, so "
                        + "this ratio bounds what the status command can reach"));
    }

    static double median(double[] v) {
        return new Bench.Series("m", "ms", v).median();
    }
}
