package io.github.rootlesspanel.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostFacts.Caps;
import io.github.rootlesspanel.host.HostFacts.Selinux;
import io.github.rootlesspanel.host.HostFacts.TrialState;
import io.github.rootlesspanel.host.HostProbe;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.SubIdParser.Range;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.checks.Checks;

/**
 * The probe against prepared trees under a temporary root: files only, PATH pointing at an empty directory
 * so every program comes out absent. One test puts small shell scripts on PATH instead, to see the
 * version and trial runs through real processes.
 */
class HostProbeTest {

    @TempDir
    Path tmp;

    Path root;
    Path home;
    Path xdg;
    Path emptyBin;

    Path write(String absolute, String content) throws IOException {
        Path p = root.resolve(absolute.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    void layOut() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        home = Files.createDirectories(tmp.resolve("home/alice"));
        xdg = Files.createDirectories(tmp.resolve("run/user/1000"));
        emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", xdg.toString());
        env.put("PATH", emptyBin.toString());
        return env;
    }

    HostFacts probe(Map<String, String> env) {
        return new HostProbe(new ProcessRunner(env), root, Optional::empty, 1000, "alice", true).probe();
    }

    /** Ubuntu 24.04 on cgroup v2, AppArmor restricting user namespaces. */
    void ubuntuTree() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/facts/os-release/ubuntu-24.04")) {
            write("/etc/os-release", new String(in.readAllBytes()));
        }
        write("/etc/subuid", "bob:100000:65536\nalice:165536:65536\n");
        write("/etc/subgid.real", "alice:165536:65536\n");
        Files.createSymbolicLink(root.resolve("etc/subgid"), root.resolve("etc/subgid.real"));
        write("/proc/sys/kernel/osrelease", "6.8.0-31-generic\n");
        write("/proc/sys/user/max_user_namespaces", "63260\n");
        write("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
        write("/proc/sys/net/ipv4/ip_unprivileged_port_start", "1024\n");
        write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n");
        write("/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers", "cpu memory pids\n");
        write("/usr/lib/systemd/user/dbus.socket", "[Socket]\nListenStream=%t/bus\n");
        write("/var/lib/systemd/linger/alice", "");
        Path uidmap = write("/usr/bin/newuidmap", "#!/bin/sh\n");
        Files.setAttribute(uidmap, "unix:mode", 04755);
        Path gidmap = write("/usr/bin/newgidmap", "#!/bin/sh\n");
        Files.setAttribute(gidmap, "unix:mode", 0755);
        Files.writeString(xdg.resolve("bus"), "");
    }

    @Test
    void readsAPreparedUbuntuTree() throws IOException {
        layOut();
        ubuntuTree();
        HostFacts f = probe(env());

        assertThat(f.user().uid()).isEqualTo(1000);
        assertThat(f.user().name()).isEqualTo("alice");
        assertThat(f.user().home()).isEqualTo(home.toString());
        assertThat(f.user().homeIsDirectory()).isTrue();
        assertThat(f.user().homeWritable()).isTrue();

        assertThat(f.session().xdgRuntimeDir()).isEqualTo(xdg.toString());
        assertThat(f.session().xdgExists()).isTrue();
        assertThat(f.session().xdgWritable()).isTrue();
        assertThat(f.session().xdgOwnerUid()).isEqualTo(((Number) Files.getAttribute(xdg, "unix:uid")).intValue());
        assertThat(f.session().busSocket()).isTrue();
        assertThat(f.session().busAddress()).isEmpty();
        assertThat(f.session().userManager().ok()).isTrue();

        assertThat(f.os().id()).isEqualTo("ubuntu");
        assertThat(f.os().versionId()).isEqualTo("24.04");
        assertThat(f.kernelRelease()).isEqualTo("6.8.0-31-generic");
        assertThat(f.selinux()).isEqualTo(Selinux.ABSENT);
        assertThat(f.sysctls().unprivilegedUsernsClone()).isEmpty();
        assertThat(f.sysctls().maxUserNamespaces()).isEqualTo(OptionalLong.of(63260));
        assertThat(f.sysctls().apparmorRestrictUnprivilegedUserns()).isEqualTo(OptionalLong.of(1));
        assertThat(f.sysctls().ipUnprivilegedPortStart()).isEqualTo(OptionalLong.of(1024));

        assertThat(f.cgroups().unified()).isTrue();
        assertThat(f.cgroups().rootControllers()).contains("cpu", "memory", "pids", "io");
        assertThat(f.cgroups().delegated()).contains(List.of("cpu", "memory", "pids"));
        assertThat(f.cgroups().delegationFile())
                .isEqualTo("/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers");

        assertThat(f.subuid().exists()).isTrue();
        assertThat(f.subuid().symlink()).isFalse();
        assertThat(f.subuid().entries()).containsExactly(new Range("alice", 165536, 65536));
        assertThat(f.subuid().nextFreeStart()).isEqualTo(231072);
        assertThat(f.subgid().symlink()).isTrue();
        assertThat(f.subgid().entries()).containsExactly(new Range("alice", 165536, 65536));

        assertThat(f.newuidmap().path()).contains(root.resolve("usr/bin/newuidmap"));
        assertThat(f.newuidmap().onPath()).isFalse();
        assertThat(f.newuidmap().setuid()).isTrue();
        assertThat(f.newuidmap().caps()).isEqualTo(Caps.UNKNOWN);
        assertThat(f.newgidmap().setuid()).isFalse();

        assertThat(f.dbusSocketUnit()).contains(root.resolve("usr/lib/systemd/user/dbus.socket"));
        assertThat(f.linger()).isTrue();
        assertThat(f.lingerFile()).isEqualTo(root.resolve("var/lib/systemd/linger/alice"));

        assertThat(f.binaries().keySet()).containsExactlyInAnyOrderElementsOf(HostProbe.BINARIES);
        assertThat(f.binaries().values()).noneMatch(HostFacts.Binary::present);
        assertThat(f.rootlesskitTrial().state()).isEqualTo(TrialState.NOT_RUN);
        assertThat(f.rootlesskitTrial().output()).contains("rootlesskit is not installed");
        assertThat(f.overlayTrial().state()).isEqualTo(TrialState.NOT_RUN);

        List<CheckResult> results = Checks.evaluate(f);
        assertThat(results).extracting(CheckResult::id).containsExactlyElementsOf(Checks.IDS);
        CheckResult apparmor = results.stream().filter(r -> r.id().equals("apparmor-userns")).findFirst().orElseThrow();
        assertThat(apparmor.state()).isEqualTo(CheckState.WARNING);
    }

    @Test
    void readsAV1HybridTreeLikeTheTestMachine() throws IOException {
        layOut();
        write("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
        write("/proc/sys/kernel/osrelease", "6.18.44-fc-v1147\n");
        write("/proc/sys/user/max_user_namespaces", "not a number\n");
        write("/sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n");
        write("/sys/fs/cgroup/systemd/cgroup.procs", "");
        write("/sys/fs/selinux/enforce", "0\n");
        write("/lib/systemd/user/dbus.socket", "");
        HostFacts f = probe(env());

        assertThat(f.cgroups().unified()).isFalse();
        assertThat(f.cgroups().hybridUnifiedMount()).isTrue();
        assertThat(f.cgroups().rootControllers()).containsExactly("hugetlb");
        assertThat(f.cgroups().delegated()).isEmpty();
        assertThat(f.selinux()).isEqualTo(Selinux.PERMISSIVE);
        assertThat(f.sysctls().maxUserNamespaces()).isEmpty();
        assertThat(f.dbusSocketUnit()).contains(root.resolve("lib/systemd/user/dbus.socket"));
        assertThat(f.subuid().exists()).isFalse();
        assertThat(f.linger()).isFalse();
        assertThat(f.session().busSocket()).isFalse();
    }

    @Test
    void anEmptyTreeAndABadEnvironmentGiveAbsentFactsNotExceptions() throws IOException {
        layOut();
        write("/sys/fs/selinux/load", "");
        Map<String, String> env = Map.of("PATH", emptyBin.toString(), "XDG_RUNTIME_DIR", tmp.resolve("nope").toString());
        HostFacts f = new HostProbe(new ProcessRunner(env), root, () -> {
            throw new IllegalStateException("bus exploded");
        }, 1000, "alice", true).probe();
        assertThat(f.user().homeSet()).isFalse();
        assertThat(f.session().xdgSet()).isTrue();
        assertThat(f.session().xdgExists()).isFalse();
        assertThat(f.session().userManager().checked()).isTrue();
        assertThat(f.session().userManager().problem()).contains("bus exploded");
        assertThat(f.os().id()).isEmpty();
        assertThat(f.kernelRelease()).isEmpty();
        assertThat(f.selinux()).isEqualTo(Selinux.DISABLED);
        assertThat(f.cgroups().unified()).isFalse();
        assertThat(f.newuidmap().path()).isEmpty();
        assertThat(Checks.evaluate(f)).hasSize(Checks.IDS.size());

        HostFacts unchecked = new HostProbe(new ProcessRunner(env), root, null, 1000, "alice", false).probe();
        assertThat(unchecked.session().userManager().checked()).isFalse();
        assertThat(unchecked.rootlesskitTrial().output()).contains("switched off");
    }

    @Test
    void theUserManagerAnswerIsPassedThrough() throws IOException {
        layOut();
        HostFacts f = new HostProbe(new ProcessRunner(env()), root,
                () -> Optional.of("Failed to connect to bus: No medium found"), 1000, "alice", false).probe();
        assertThat(f.session().userManager().ok()).isFalse();
        assertThat(f.session().userManager().problem()).contains("Failed to connect to bus: No medium found");
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void runsVersionsGetcapAndBothTrialsThroughRealProcesses() throws IOException {
        layOut();
        ubuntuTree();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path trialTmp = Files.createDirectories(tmp.resolve("trial-tmp"));
        // RootlessKit stand-in: the plain trial works; the overlay trial leaves the kernel's 000 work dir, then fails
        script(bin, "rootlesskit", """
                if [ "$1" = "--version" ]; then echo "rootlesskit version 2.3.1"; exit 0; fi
                if [ "$1" = "mount" ]; then
                  w=${5##*workdir=}
                  mkdir -p "$w/work/inner" && touch "$w/work/inner/f" && chmod 000 "$w/work/inner" "$w/work"
                  echo "[rootlesskit:child ] error: executing [[mount -t overlay]]: exit status 32" >&2
                  exit 1
                fi
                exit 0""");
        script(bin, "fuse-overlayfs", """
                echo "unknown argument ignored: lazytime" >&2
                echo "fusermount3 version: 3.14.0"
                echo "fuse-overlayfs: version 1.10"
                echo "FUSE library version 3.14.0\"""");
        script(bin, "runc", "printf 'runc version 1.1.5+ds1\\ncommit: x\\nlibseccomp: 2.5.4\\n'");
        script(bin, "containerd-rootless.sh", "echo 'must not be run' >&2; exit 9");
        script(bin, "getcap", "echo \"$1 cap_setuid=ep\"");
        Map<String, String> env = env();
        env.put("PATH", bin.toString());
        env.put("TMPDIR", trialTmp.toString());

        HostFacts f = probe(env);

        assertThat(f.binary("rootlesskit").versionLine()).isEqualTo("rootlesskit version 2.3.1");
        assertThat(f.binary("fuse-overlayfs").versionLine()).isEqualTo("fuse-overlayfs: version 1.10");
        assertThat(f.binary("runc").versionLine()).isEqualTo("runc version 1.1.5+ds1");
        assertThat(f.binary("runc").output()).contains("libseccomp: 2.5.4");
        assertThat(f.binary("containerd-rootless.sh").present()).isTrue();
        assertThat(f.binary("containerd-rootless.sh").output()).isEmpty();
        assertThat(f.binary("containerd").present()).isFalse();
        assertThat(f.newuidmap().caps()).isEqualTo(Caps.PRESENT);
        assertThat(f.newuidmap().capsText()).isEqualTo("cap_setuid=ep");
        assertThat(f.newgidmap().capsText()).isEqualTo("cap_setuid=ep (no cap_setgid)");

        assertThat(f.rootlesskitTrial().state()).isEqualTo(TrialState.OK);
        assertThat(f.rootlesskitTrial().command())
                .isEqualTo("rootlesskit --disable-host-loopback --copy-up=/etc --copy-up=/run --copy-up=/var/lib true");
        assertThat(f.overlayTrial().state()).isEqualTo(TrialState.FAILED);
        assertThat(f.overlayTrial().exitCode()).isEqualTo(1);
        assertThat(f.overlayTrial().output()).contains("exit status 32");
        assertThat(f.overlayTrial().command()).startsWith("rootlesskit mount -t overlay -o lowerdir=" + trialTmp);
        try (Stream<Path> left = Files.list(trialTmp)) {
            assertThat(left).as("the overlay trial's temporary directory is removed").isEmpty();
        }

        List<CheckResult> results = Checks.evaluate(f);
        CheckResult overlay = results.stream().filter(r -> r.id().equals("overlay-trial")).findFirst().orElseThrow();
        assertThat(overlay.state()).isEqualTo(CheckState.WARNING);
        assertThat(overlay.found()).contains("exit status 32");
    }

    @Test
    void versionLinePrefersTheLineNamingTheProgram() {
        assertThat(HostProbe.versionLine("fuse-overlayfs", FactSets.FUSE_OVERLAYFS_1_10)).isEqualTo("fuse-overlayfs: version 1.10");
        assertThat(HostProbe.versionLine("runc", FactSets.RUNC_1_1_5)).isEqualTo("runc version 1.1.5+ds1");
        assertThat(HostProbe.versionLine("x", "no digits here\nsecond")).isEqualTo("no digits here");
        assertThat(HostProbe.versionLine("x", "")).isEmpty();
    }
}
