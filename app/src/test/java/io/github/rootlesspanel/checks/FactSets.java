package io.github.rootlesspanel.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostFacts.Binary;
import io.github.rootlesspanel.host.HostFacts.Caps;
import io.github.rootlesspanel.host.HostFacts.Cgroups;
import io.github.rootlesspanel.host.HostFacts.IdMapper;
import io.github.rootlesspanel.host.HostFacts.OsRelease;
import io.github.rootlesspanel.host.HostFacts.Selinux;
import io.github.rootlesspanel.host.HostFacts.Session;
import io.github.rootlesspanel.host.HostFacts.SubIds;
import io.github.rootlesspanel.host.HostFacts.Sysctls;
import io.github.rootlesspanel.host.HostFacts.Trial;
import io.github.rootlesspanel.host.HostFacts.TrialState;
import io.github.rootlesspanel.host.HostFacts.User;
import io.github.rootlesspanel.host.HostFacts.UserManagerProbe;
import io.github.rootlesspanel.host.SubIdParser;

/**
 * Prepared fact sets: the test machine as the throwaway user sees it (as probed: see
 * shared/reference/test-environment.md) and typical machines of the other distribution families.
 * The os-release files are real ones, from src/test/resources/facts/os-release.
 */
final class FactSets {

    static final String RUNC_1_1_5 = """
            runc version 1.1.5+ds1
            commit: 1.1.5+ds1-1+deb12u1
            spec: 1.0.2-dev
            go: go1.19.8
            libseccomp: 2.5.4""";
    static final String SLIRP_1_2_0 = """
            slirp4netns version 1.2.0
            commit: 656041d45cfca7a4176f6b7eed9e4fe6c11e8383
            libslirp: 4.7.0
            SLIRP_CONFIG_VERSION_MAX: 4
            libseccomp: 2.5.4""";
    static final String FUSE_OVERLAYFS_1_10 = """
            unknown argument ignored: lazytime
            fusermount3 version: 3.14.0
            fuse-overlayfs: version 1.10
            FUSE library version 3.14.0
            using FUSE kernel interface version 7.31""";

    private FactSets() {
    }

    static OsRelease osRelease(String name) {
        try (InputStream in = FactSets.class.getResourceAsStream("/facts/os-release/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no os-release sample " + name);
            }
            return OsRelease.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Binary bin(String name, String path, String output) {
        String line = io.github.rootlesspanel.host.HostProbe.versionLine(name, output);
        return new Binary(name, Optional.of(Path.of(path)), true, line, output);
    }

    static Binary binOffPath(String name, String path, String output) {
        String line = io.github.rootlesspanel.host.HostProbe.versionLine(name, output);
        return new Binary(name, Optional.of(Path.of(path)), false, line, output);
    }

    static SubIds subIds(String file, String content, String user, int uid) {
        List<SubIdParser.Range> all = SubIdParser.parse(content);
        return new SubIds(file, true, false, true, SubIdParser.forUser(all, user, uid), SubIdParser.nextFreeStart(all));
    }

    static Session session(int uid) {
        String xdg = "/run/user/" + uid;
        return new Session(xdg, true, true, uid, true, "unix:path=" + xdg + "/bus", UserManagerProbe.answered());
    }

    static IdMapper setuid(String name) {
        return new IdMapper(name, Optional.of(Path.of("/usr/bin/" + name)), true, true, Caps.NONE, "");
    }

    static Trial ok(String command) {
        return new Trial(TrialState.OK, command, 0, "");
    }

    static Trial failed(String command, String output) {
        return new Trial(TrialState.FAILED, command, 1, output);
    }

    static final String RK_TRIAL = "rootlesskit --disable-host-loopback --copy-up=/etc --copy-up=/run --copy-up=/var/lib true";
    static final String OVERLAY_TRIAL = "rootlesskit mount -t overlay -o lowerdir=/tmp/x/l,upperdir=/tmp/x/u,workdir=/tmp/x/w overlay /tmp/x/m";

    /** This machine, as the throwaway test user rptest (uid 1001) sees it, with the packages of .ci/run and the probe. */
    static HostFacts debian12TestMachine() {
        String subids = "rptest:100000:65536\n";
        return HostFacts.builder()
                .user(new User(1001, "rptest", "/home/rptest", true, true))
                .session(session(1001))
                .os(osRelease("debian-12"))
                .kernelRelease("6.18.44-fc-v1147")
                .arch("amd64")
                .selinux(Selinux.ABSENT)
                .sysctls(new Sysctls(OptionalLong.empty(), OptionalLong.of(96362), OptionalLong.empty(), OptionalLong.of(1024)))
                .cgroups(new Cgroups(false, List.of("hugetlb"), true,
                        "/sys/fs/cgroup/user.slice/user-1001.slice/user@1001.service/cgroup.controllers", Optional.empty()))
                .subuid(subIds("/etc/subuid", subids, "rptest", 1001))
                .subgid(subIds("/etc/subgid", subids, "rptest", 1001))
                .newuidmap(setuid("newuidmap"))
                .newgidmap(setuid("newgidmap"))
                .dbusSocketUnit(Optional.of(Path.of("/usr/lib/systemd/user/dbus.socket")))
                .linger(Path.of("/var/lib/systemd/linger/rptest"), false)
                .binary(bin("rootlesskit", "/usr/bin/rootlesskit", "rootlesskit version 1.1.0"))
                .binary(bin("slirp4netns", "/usr/bin/slirp4netns", SLIRP_1_2_0))
                .binary(bin("containerd", "/usr/bin/containerd",
                        "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3"))
                .binary(bin("runc", "/usr/sbin/runc", RUNC_1_1_5))
                .binary(bin("fuse-overlayfs", "/usr/bin/fuse-overlayfs", FUSE_OVERLAYFS_1_10))
                .rootlesskitTrial(ok(RK_TRIAL))
                .overlayTrial(ok(OVERLAY_TRIAL))
                .build();
    }

    /** Everything of nerdctl-full 2.0 under /usr/local/bin, on Ubuntu 24.04, whose AppArmor blocks it. */
    static HostFacts ubuntu2404NerdctlFull() {
        String subids = "alice:100000:65536\n";
        String blocked = "[rootlesskit:parent] error: failed to start the child: fork/exec /proc/self/exe: operation not permitted";
        return HostFacts.builder()
                .user(new User(1000, "alice", "/home/alice", true, true))
                .session(session(1000))
                .os(osRelease("ubuntu-24.04"))
                .kernelRelease("6.8.0-31-generic")
                .arch("amd64")
                .selinux(Selinux.ABSENT)
                .sysctls(new Sysctls(OptionalLong.of(1), OptionalLong.of(63260), OptionalLong.of(1), OptionalLong.of(1024)))
                .cgroups(new Cgroups(true, List.of("cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"),
                        false, "/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers",
                        Optional.of(List.of("cpu", "memory", "pids"))))
                .subuid(subIds("/etc/subuid", subids, "alice", 1000))
                .subgid(subIds("/etc/subgid", subids, "alice", 1000))
                .newuidmap(setuid("newuidmap"))
                .newgidmap(setuid("newgidmap"))
                .dbusSocketUnit(Optional.of(Path.of("/usr/lib/systemd/user/dbus.socket")))
                .linger(Path.of("/var/lib/systemd/linger/alice"), true)
                .binary(bin("containerd-rootless.sh", "/usr/local/bin/containerd-rootless.sh", ""))
                .binary(bin("rootlesskit", "/usr/local/bin/rootlesskit", "rootlesskit version 2.3.1"))
                .binary(bin("slirp4netns", "/usr/local/bin/slirp4netns", "slirp4netns version 1.3.1\nlibseccomp: 2.5.5"))
                .binary(bin("containerd", "/usr/local/bin/containerd",
                        "containerd github.com/containerd/containerd/v2 v2.0.0 207ad711eabd375a01713109a8a197d197ff6542"))
                .binary(bin("runc", "/usr/local/bin/runc", "runc version 1.2.1\ncommit: v1.2.1-0-gd7735e38\nlibseccomp: 2.5.5"))
                .binary(bin("nerdctl", "/usr/local/bin/nerdctl", "nerdctl version 2.0.0"))
                .binary(bin("buildkitd", "/usr/local/bin/buildkitd",
                        "buildkitd github.com/moby/buildkit v0.16.0 a5cd4a6a8c5ff4e4ab3b4f0d0f2a1e0e8b2b0f3c"))
                .rootlesskitTrial(failed(RK_TRIAL, blocked))
                .overlayTrial(failed(OVERLAY_TRIAL, blocked))
                .build();
    }

    /** Fedora 39 with SELinux enforcing on an old 5.10 kernel; newuidmap with file capabilities, as Fedora ships it. */
    static HostFacts fedora39OldKernel() {
        String subids = "bob:524288:65536\n";
        return HostFacts.builder()
                .user(new User(1000, "bob", "/home/bob", true, true))
                .session(session(1000))
                .os(osRelease("fedora-39"))
                .kernelRelease("5.10.23-200.fc39.x86_64")
                .arch("amd64")
                .selinux(Selinux.ENFORCING)
                .sysctls(new Sysctls(OptionalLong.empty(), OptionalLong.of(127655), OptionalLong.empty(), OptionalLong.of(1024)))
                .cgroups(new Cgroups(true, List.of("cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"),
                        false, "/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers",
                        Optional.of(List.of("cpuset", "cpu", "io", "memory", "pids"))))
                .subuid(subIds("/etc/subuid", subids, "bob", 1000))
                .subgid(subIds("/etc/subgid", subids, "bob", 1000))
                .newuidmap(new IdMapper("newuidmap", Optional.of(Path.of("/usr/bin/newuidmap")), true, false,
                        Caps.PRESENT, "cap_setuid=ep"))
                .newgidmap(new IdMapper("newgidmap", Optional.of(Path.of("/usr/bin/newgidmap")), true, false,
                        Caps.PRESENT, "cap_setgid=ep"))
                .dbusSocketUnit(Optional.of(Path.of("/usr/lib/systemd/user/dbus.socket")))
                .linger(Path.of("/var/lib/systemd/linger/bob"), true)
                .binary(bin("containerd-rootless.sh", "/home/bob/.local/bin/containerd-rootless.sh", ""))
                .binary(bin("rootlesskit", "/usr/bin/rootlesskit", "rootlesskit version 1.1.1"))
                .binary(bin("containerd", "/usr/bin/containerd", "containerd containerd.io 1.6.28 ae07eda36dd25f8a1b98dfbf587313b99c0190bb"))
                .binary(bin("crun", "/usr/bin/crun", "crun version 1.14\ncommit: 667e6ebd4e2442d39512e63215e79d693d0780aa\n+SYSTEMD +SELINUX +APPARMOR +CAP +SECCOMP +EBPF +CRIU +YAJL"))
                .binary(bin("nerdctl", "/home/bob/.local/bin/nerdctl", "nerdctl version 1.7.6"))
                .rootlesskitTrial(ok(RK_TRIAL))
                .overlayTrial(failed(OVERLAY_TRIAL, "[rootlesskit:child ] error: executing [[mount -t overlay ...]]: exit status 32"))
                .build();
    }

    /** Arch with everything a rootless containerd needs and nothing optional. */
    static HostFacts archAllFine() {
        String subids = "carol:100000:65536\n";
        return HostFacts.builder()
                .user(new User(1000, "carol", "/home/carol", true, true))
                .session(session(1000))
                .os(osRelease("arch"))
                .kernelRelease("6.7.4-arch1-1")
                .arch("amd64")
                .selinux(Selinux.ABSENT)
                .sysctls(new Sysctls(OptionalLong.empty(), OptionalLong.of(127655), OptionalLong.empty(), OptionalLong.of(0)))
                .cgroups(new Cgroups(true, List.of("cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"),
                        false, "/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/cgroup.controllers",
                        Optional.of(List.of("cpuset", "cpu", "io", "memory", "pids"))))
                .subuid(subIds("/etc/subuid", subids, "carol", 1000))
                .subgid(subIds("/etc/subgid", subids, "carol", 1000))
                .newuidmap(setuid("newuidmap"))
                .newgidmap(setuid("newgidmap"))
                .dbusSocketUnit(Optional.of(Path.of("/usr/lib/systemd/user/dbus.socket")))
                .linger(Path.of("/var/lib/systemd/linger/carol"), true)
                .binary(bin("containerd-rootless.sh", "/usr/bin/containerd-rootless.sh", ""))
                .binary(bin("rootlesskit", "/usr/bin/rootlesskit", "rootlesskit version 2.3.1"))
                .binary(bin("slirp4netns", "/usr/bin/slirp4netns", "slirp4netns version 1.2.3\nlibseccomp: 2.5.5"))
                .binary(bin("containerd", "/usr/bin/containerd", "containerd github.com/containerd/containerd v1.7.13 7c3aca7a610df76212171d200ca3811ff6096eb8.m"))
                .binary(bin("runc", "/usr/bin/runc", "runc version 1.1.12\nlibseccomp: 2.5.5"))
                .binary(bin("nerdctl", "/usr/bin/nerdctl", "nerdctl version 1.7.3"))
                .rootlesskitTrial(ok(RK_TRIAL))
                .overlayTrial(ok(OVERLAY_TRIAL))
                .build();
    }

    /** openSUSE Tumbleweed where the user has no subordinate ids (others do) and no newuidmap. */
    static HostFacts opensuseNoSubuid() {
        String subids = "alice:100000:65536\nbob:165536:65536\n";
        return archAllFine().toBuilder()
                .user(new User(1002, "dave", "/home/dave", true, true))
                .session(session(1002))
                .os(osRelease("opensuse-tumbleweed"))
                .kernelRelease("6.7.7-1-default")
                .subuid(subIds("/etc/subuid", subids, "dave", 1002))
                .subgid(subIds("/etc/subgid", subids, "dave", 1002))
                .newuidmap(IdMapper.absent("newuidmap"))
                .newgidmap(IdMapper.absent("newgidmap"))
                .rootlesskitTrial(failed(RK_TRIAL, "[rootlesskit:parent] error: failed to setup UID/GID map: failed to "
                        + "compute uid/gid map: No subuid ranges found for user 1002 (\"dave\")"))
                .build();
    }
}
