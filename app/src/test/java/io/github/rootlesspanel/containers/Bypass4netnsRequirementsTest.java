package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostFacts.Binary;
import io.github.rootlesspanel.host.HostFacts.OsRelease;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.Checks;
import io.github.rootlesspanel.setup.checks.VersionNumber;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Readiness for bypass4netns from what was found. The host requirements come from the Setup page's own checks
 * ({@link Checks#evaluate}) over prepared machines, so the sentences follow what those checks decide.
 */
class Bypass4netnsRequirementsTest {

    private static final OsRelease DEBIAN = OsRelease.parse("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
            + "ID=debian\nVERSION_ID=\"12\"\n");
    private static final ProcessRunner RUNNER = new ProcessRunner(Map.of("PATH", "/nonexistent"));
    private static final Optional<Nerdctl> NERDCTL_2 = Optional.of(nerdctl("2.0.3"));

    @TempDir
    Path tmp;

    private static Nerdctl nerdctl(String version) {
        return new Nerdctl(Path.of("/home/u/.local/bin/nerdctl"), VersionNumber.find(version), RUNNER);
    }

    private static Binary bin(String name, String path, String output) {
        return new Binary(name, Optional.of(Path.of(path)), true, output.lines().findFirst().orElse(""), output);
    }

    /** Debian 12 as the test machine is: kernel 6.1, runc 1.1.5 with libseccomp 2.5.4, bypass4netnsd installed. */
    private static HostFacts.Builder debian12() {
        return HostFacts.builder().os(DEBIAN).kernelRelease("6.1.0-28-amd64").arch("amd64")
                .binary(bin("bypass4netnsd", "/home/u/.local/bin/bypass4netnsd", "bypass4netnsd version 0.4.2"))
                .binary(bin("bypass4netns", "/home/u/.local/bin/bypass4netns", ""))
                .binary(bin("runc", "/usr/sbin/runc", "runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\n"
                        + "spec: 1.0.2-dev\ngo: go1.19.8\nlibseccomp: 2.5.4"));
    }

    private static List<CheckResult> checks(HostFacts.Builder facts) {
        return Checks.evaluate(facts.build());
    }

    private static Bypass4netnsReadiness ready(List<CheckResult> checks) {
        return Bypass4netnsRequirements.evaluate(Optional.of(true), Optional.empty(), checks, NERDCTL_2);
    }

    @Test
    void everythingMetIsReadyWithTheAnnotation() {
        Bypass4netnsReadiness r = ready(checks(debian12()));
        assertThat(r.unmet()).isEmpty();
        assertThat(r.ready()).isTrue();
        assertThat(r.useAnnotation()).isTrue();
        assertThat(r.nerdctlVersion()).map(VersionNumber::toString).contains("2.0.3");
    }

    @Test
    void nerdctl17IsReadyWithTheLabel() {
        Bypass4netnsReadiness r = Bypass4netnsRequirements.evaluate(Optional.of(true), Optional.empty(),
                checks(debian12()), Optional.of(nerdctl("1.7.7")));
        assertThat(r.ready()).isTrue();
        assertThat(r.useAnnotation()).isFalse();
        assertThat(r.nerdctlVersion()).map(VersionNumber::toString).contains("1.7.7");
        // a nerdctl that did not say its version counts as current
        assertThat(Bypass4netnsRequirements.evaluate(Optional.of(true), Optional.empty(), checks(debian12()),
                Optional.of(new Nerdctl(Path.of("/usr/bin/nerdctl"), Optional.empty(), RUNNER))).useAnnotation()).isTrue();
    }

    @Test
    void daemonNotRunning() {
        List<CheckResult> ok = checks(debian12());
        String noSocket = "bypass4netnsd is not running: no socket at /run/user/1000/bypass4netnsd.sock";
        assertThat(Bypass4netnsRequirements.evaluate(Optional.of(false), Optional.of(noSocket), ok, NERDCTL_2).unmet())
                .containsExactly("bypass4netnsd is not running: start it on the Overview page "
                        + "(systemctl --user start bypass4netnsd).");
        // systemd not reachable: the socket's problem says it
        assertThat(Bypass4netnsRequirements.evaluate(Optional.empty(), Optional.of(noSocket), ok, NERDCTL_2).unmet())
                .containsExactly("bypass4netnsd is not running: no socket at /run/user/1000/bypass4netnsd.sock; "
                        + "start it on the Overview page (systemctl --user start bypass4netnsd).");
        // active but silent
        assertThat(Bypass4netnsRequirements.evaluate(Optional.of(true), Optional.of("bypass4netnsd did not answer "
                + "within 5 s (/run/user/1000/bypass4netnsd.sock)"), ok, NERDCTL_2).unmet())
                .containsExactly("bypass4netnsd.service is active but does not answer on its socket (bypass4netnsd "
                        + "did not answer within 5 s (/run/user/1000/bypass4netnsd.sock)): restart it on the "
                        + "Overview page (systemctl --user restart bypass4netnsd).");
    }

    @Test
    void aDaemonThatAnswersIsEnoughWhateverTheUnitSays() {
        List<CheckResult> ok = checks(debian12());
        assertThat(Bypass4netnsRequirements.evaluate(Optional.of(false), Optional.empty(), ok, NERDCTL_2).ready()).isTrue();
        assertThat(Bypass4netnsRequirements.evaluate(Optional.empty(), Optional.empty(), ok, NERDCTL_2).ready()).isTrue();
    }

    @Test
    void daemonNotInstalled() {
        List<CheckResult> none = checks(debian12().binary(Binary.absent("bypass4netnsd"))
                .binary(Binary.absent("bypass4netns")));
        assertThat(Bypass4netnsRequirements.evaluate(Optional.of(false), Optional.of("bypass4netnsd is not running: "
                + "no socket at /run/user/1000/bypass4netnsd.sock"), none, NERDCTL_2).unmet())
                .containsExactly("bypass4netnsd is not installed: install it on the Setup page (see the check "
                        + "bin-bypass4netnsd there).");
        // the program is there, the unit is not
        assertThat(Bypass4netnsRequirements.evaluate(Optional.of(false), false, Optional.of("bypass4netnsd is not "
                + "running: no socket at /run/user/1000/bypass4netnsd.sock"), checks(debian12()), NERDCTL_2).unmet())
                .containsExactly("bypass4netnsd.service is not installed: install it on the Setup page "
                        + "(rootless-panel install bypass4netnsd).");
    }

    @Test
    void oldKernel() {
        assertThat(ready(checks(debian12().kernelRelease("5.4.0-42-generic"))).unmet()).containsExactly(
                "The kernel is 5.4.0-42-generic; bypass4netns needs 5.9 or later (SECCOMP_IOCTL_NOTIF_ADDFD). "
                        + "Update the kernel and reboot (sudo apt-get update && sudo apt-get upgrade).");
    }

    @Test
    void oldRuncAndLibseccomp() {
        List<String> unmet = ready(checks(debian12().binary(bin("runc", "/usr/sbin/runc",
                "runc version 1.0.2\nlibseccomp: 2.4.3")))).unmet();
        assertThat(unmet).containsExactly(
                "bypass4netns needs runc 1.1 or crun 1.6 or later; found runc 1.0.2. Update runc (or crun) "
                        + "(sudo apt-get update && sudo apt-get upgrade).",
                "bypass4netns needs libseccomp 2.5 or later; found libseccomp 2.4.3 (as runc --version reports): "
                        + "older than 2.5. Update libseccomp (sudo apt-get update && sudo apt-get upgrade).");
    }

    @Test
    void noRuntimeAtAll() {
        List<String> unmet = ready(checks(debian12().binary(Binary.absent("runc")))).unmet();
        assertThat(unmet).first().isEqualTo("bypass4netns needs runc 1.1 or crun 1.6 or later; neither is "
                + "installed. Install runc (sudo apt-get install runc).");
    }

    @Test
    void anUnknownLibseccompDoesNotBlock() {
        // crun says no libseccomp version and there is no slirp4netns: bypass4netns may well work
        List<CheckResult> c = checks(debian12().binary(Binary.absent("runc"))
                .binary(bin("crun", "/usr/bin/crun", "crun version 1.8.1\ncommit: f8a0\n+SYSTEMD +SECCOMP")));
        assertThat(c).filteredOn(r -> r.id().equals("bypass4netns-libseccomp")).singleElement()
                .satisfies(r -> assertThat(r.found()).contains("unknown"));
        assertThat(ready(c).ready()).isTrue();
    }

    @Test
    void nerdctlMissing() {
        Bypass4netnsReadiness r = Bypass4netnsRequirements.evaluate(Optional.of(true), Optional.empty(),
                checks(debian12()), Optional.empty());
        assertThat(r.unmet()).containsExactly("nerdctl is not installed: bypass4netns is switched by recreating the "
                + "container with nerdctl. Install nerdctl (see the check bin-nerdctl on the Setup page).");
        assertThat(r.nerdctlVersion()).isEmpty();
    }

    @Test
    void everyUnmetRequirementInOrder() {
        List<String> unmet = Bypass4netnsRequirements.evaluate(Optional.of(false), Optional.of("no socket"),
                checks(debian12().kernelRelease("5.4.0").binary(bin("runc", "/usr/sbin/runc",
                        "runc version 1.0.2\nlibseccomp: 2.4.3"))), Optional.empty()).unmet();
        assertThat(unmet).hasSize(5);
        assertThat(unmet.get(0)).startsWith("bypass4netnsd is not running");
        assertThat(unmet.get(1)).startsWith("The kernel is 5.4.0;");
        assertThat(unmet.get(2)).startsWith("bypass4netns needs runc");
        assertThat(unmet.get(3)).startsWith("bypass4netns needs libseccomp");
        assertThat(unmet.get(4)).startsWith("nerdctl is not installed");
        // reasonFor gives them all for any container
        assertThat(new Bypass4netnsReadiness(unmet, Optional.empty(), true).ready()).isFalse();
    }

    /** The light host probe finds what HostProbe finds for these three checks, on this machine. */
    @Test
    void probeOnThisHostWithoutDaemonOrSystemd() throws Exception {
        XdgDirs dirs = new XdgDirs(tmp, tmp, tmp.resolve("data"), tmp.resolve("config"));
        Bypass4netnsReadiness r = Bypass4netnsRequirements.probe(null, dirs, new ProcessRunner());
        assertThat(r.ready()).isFalse();
        assertThat(r.unmet().get(0)).satisfiesAnyOf(
                s -> assertThat(s).isEqualTo("bypass4netnsd is not running: no socket at " + tmp.resolve(
                        "bypass4netnsd.sock") + "; start it on the Overview page (systemctl --user start bypass4netnsd)."),
                s -> assertThat(s).startsWith("bypass4netnsd is not installed"));
        HostFacts facts = Bypass4netnsRequirements.hostFacts(new ProcessRunner(), Path.of("/"));
        assertThat(facts.kernelRelease()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        assertThat(facts.os().id()).isNotEmpty();
    }

    /**
     * On the real parts: the throwaway user's systemd, Debian's containerd and runc, and bypass4netnsd as the
     * project's stand-in (bypass4netns has no Debian package) installed with the panel's command line. nerdctl
     * has no package and no stand-in here, so it is the one requirement left.
     */
    @Test
    @Tag("real-systemd")
    void probeOfTheRealUnitAndHost() throws Exception {
        TestUser.home();
        XdgDirs dirs = XdgDirs.from(System.getenv());
        Path socket = Bypass4netnsdClient.defaultSocket(dirs);
        TestUser.removeUnit(Bypass4netnsdClient.UNIT);   // leftovers of an earlier run
        TestUser.removeUnit("containerd.service");
        try (DbusUserManager systemd = DbusUserManager.connect(TestUser.busAddress())) {
            TestUser.Result containerd = TestUser.panel("install", "containerd");
            assertThat(containerd.exitCode()).as(containerd.output()).isZero();
            try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                dirs.runtimeDir().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                TestUser.Result daemon = TestUser.panel("install", "bypass4netnsd");
                assertThat(daemon.exitCode()).as(daemon.output()).isZero();
                // the unit is active once forked; the socket comes a moment later
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!Files.exists(socket)) {
                    WatchKey key = watch.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    assertThat(key).as("no " + socket).isNotNull();
                    key.pollEvents();
                    key.reset();
                }
            }
            Bypass4netnsReadiness r = Bypass4netnsRequirements.probe(systemd, dirs, new ProcessRunner());
            System.out.println("with bypass4netnsd: " + r);
            assertThat(r.unmet()).containsExactly("nerdctl is not installed: bypass4netns is switched by recreating "
                    + "the container with nerdctl. Install nerdctl (see the check bin-nerdctl on the Setup page).");

            TestUser.systemctl("stop", Bypass4netnsdClient.UNIT);
            Bypass4netnsReadiness stopped = Bypass4netnsRequirements.probe(systemd, dirs, new ProcessRunner());
            System.out.println("stopped: " + stopped);
            assertThat(stopped.unmet()).first().isEqualTo("bypass4netnsd is not running: start it on the Overview "
                    + "page (systemctl --user start bypass4netnsd).");
        } finally {
            TestUser.panel("uninstall", "bypass4netnsd");
            TestUser.panel("uninstall", "containerd");
            TestUser.removeUnit(Bypass4netnsdClient.UNIT);
            TestUser.removeUnit("containerd.service");
        }
    }
}
