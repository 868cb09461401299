package io.github.rootlesspanel.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.rootlesskit.StateDir;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Install and uninstall through the command line, against the throwaway user's real systemd, with real
 * RootlessKit and containerd from Debian started by the test environment's own containerd-rootless.sh
 * (nerdctl's script has no package here). The add-on daemons (buildkitd, the snapshotters,
 * bypass4netnsd) are the project's stand-in executables from app/src/test/standins.
 */
@Tag("real-systemd")
class InstallIT {

    static final Path LAUNCHER = Path.of(System.getProperty("rp.project.dir", "."), "packaging/bin/rootless-panel");
    static final List<String> UNITS = List.of("bypass4netnsd.service", "buildkit.service",
            "containerd-fuse-overlayfs.service", "stargz-snapshotter.service", "containerd.service");

    @BeforeEach
    @AfterEach
    void clean() {
        UNITS.forEach(TestUser::removeUnit);
        for (String u : UNITS) {
            try {
                Files.deleteIfExists(TestUser.unitDir().resolve(u + ".bak"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static TestUser.Result panel(String... args) {
        return TestUser.panel(args);
    }

    static Path runtimeDir() {
        return Path.of(System.getenv("XDG_RUNTIME_DIR"));
    }

    @Test
    void installContainerdBringsUpRealRootlessKitAndUninstallRemovesIt() throws Exception {
        TestUser.Result r = panel("install", "containerd");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("RootlessKit and containerd answer");
        assertThat(TestUser.systemctl("is-active", "containerd.service").trim()).isEqualTo("active");
        assertThat(TestUser.systemctl("is-enabled", "containerd.service").trim()).isEqualTo("enabled");
        StateDir state = StateDir.forRuntimeDir(runtimeDir());
        assertThat(state.info(Duration.ofSeconds(5))).contains("\"apiVersion\"").contains("\"childPID\"");
        assertThat(state.liveChildPid()).isPresent();
        assertThat(Files.readString(TestUser.unitDir().resolve("containerd.service")))
                .contains("ExecStart=" + TestUser.home().resolve(".local/bin/containerd-rootless.sh"));

        TestUser.Result u = panel("uninstall", "containerd");
        assertThat(u.exitCode()).as(u.output()).isZero();
        assertThat(TestUser.unitDir().resolve("containerd.service")).doesNotExist();
        assertThat(TestUser.unitDir().resolve("containerd.service.bak")).exists();
        // systemd was reloaded: it no longer knows the unit
        assertThat(TestUser.systemctl("show", "-P", "LoadState", "containerd.service").trim()).isEqualTo("not-found");
        assertThat(state.liveChildPid()).isEmpty();
    }

    @Test
    void addOnsRunInsideRootlessKitsNamespacesThroughTheHelper() throws Exception {
        assertThat(panel("install", "containerd").exitCode()).isZero();
        long child = StateDir.forRuntimeDir(runtimeDir()).liveChildPid().orElseThrow();
        String childUserNs = Files.readSymbolicLink(Path.of("/proc/" + child + "/ns/user")).toString();

        for (String component : List.of("fuse-overlayfs", "stargz", "buildkit")) {
            TestUser.Result r = panel("install", component);
            assertThat(r.exitCode()).as(component + ": " + r.output()).isZero();
        }
        for (String unit : List.of("containerd-fuse-overlayfs.service", "stargz-snapshotter.service",
                "buildkit.service")) {
            assertThat(TestUser.systemctl("is-active", unit).trim()).as(unit).isEqualTo("active");
            long pid = TestUser.mainPid(unit);
            // the helper exec'd nsenter, which exec'd the daemon: the main process is in RootlessKit's user ns
            String ns = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")).toString();
            assertThat(ns).as(unit + " user namespace").isEqualTo(childUserNs);
        }
        assertThat(TestUser.home().resolve(".config/containerd-stargz-grpc/config.toml")).exists();

        TestUser.Result b = panel("install", "bypass4netnsd");
        assertThat(b.exitCode()).as(b.output()).isZero();
        long bpid = TestUser.mainPid("bypass4netnsd.service");
        // bypass4netnsd runs in the host namespaces, not through the helper
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + bpid + "/ns/user")).toString()).isNotEqualTo(childUserNs);
    }

    @Test
    void addOnsRefuseWhileContainerdIsNotRunning() {
        TestUser.Result r = panel("install", "stargz");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("containerd.service is not running");
        assertThat(TestUser.unitDir().resolve("stargz-snapshotter.service")).doesNotExist();
    }

    @Test
    void aUnitThatFailsToComeUpIsRolledBack() throws Exception {
        // a flag RootlessKit does not know: the unit starts, exits, and systemd restarts it
        TestUser.Result r = TestUser.run(List.of("env", "CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS=--no-such-flag",
                LAUNCHER.toString(), "install", "containerd"), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("exited while starting").contains("Rolling back");
        assertThat(TestUser.unitDir().resolve("containerd.service")).doesNotExist();
        assertThat(TestUser.systemctlMayFail("is-active", "containerd.service").output().trim()).isNotEqualTo("active");
    }

    @Test
    void aUnitChangedByTheUserIsNotReplacedWithoutConsent() throws Exception {
        Files.createDirectories(TestUser.unitDir());
        Path unit = TestUser.unitDir().resolve("containerd.service");
        String mine = "[Unit]\nDescription=my own containerd\n\n[Service]\nExecStart=/bin/sleep infinity\n";
        Files.writeString(unit, mine);

        TestUser.Result r = panel("install", "containerd");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("exists and differs").contains("-Description=my own containerd")
                .contains("+Description=containerd (Rootless)");
        assertThat(Files.readString(unit)).isEqualTo(mine);

        TestUser.Result replaced = panel("install", "containerd", "--replace");
        assertThat(replaced.exitCode()).as(replaced.output()).isZero();
        assertThat(Files.readString(TestUser.unitDir().resolve("containerd.service.bak"))).isEqualTo(mine);
        assertThat(Files.readString(unit)).contains("Description=containerd (Rootless)");
    }

    @Test
    void dryRunPrintsThePlanAndTheExactUnitForEveryComponent() {
        for (String c : List.of("containerd", "buildkit", "buildkit-containerd", "fuse-overlayfs", "stargz",
                "bypass4netnsd")) {
            TestUser.Result r = panel("install", c, "--dry-run");
            assertThat(r.exitCode()).as(c + ": " + r.output()).isZero();
            assertThat(r.output()).contains("1. Check that").contains("Unit file ").contains("[Install]\nWantedBy=default.target");
        }
        assertThat(TestUser.unitDir().resolve("containerd.service")).doesNotExist();
    }
}
