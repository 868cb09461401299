package io.github.rootlesspanel.checks;

import static io.github.rootlesspanel.setup.checks.CheckState.FAILED;
import static io.github.rootlesspanel.setup.checks.CheckState.NOT_APPLICABLE;
import static io.github.rootlesspanel.setup.checks.CheckState.OK;
import static io.github.rootlesspanel.setup.checks.CheckState.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostFacts.Caps;
import io.github.rootlesspanel.host.HostFacts.IdMapper;
import io.github.rootlesspanel.host.HostFacts.Selinux;
import io.github.rootlesspanel.host.HostFacts.Session;
import io.github.rootlesspanel.host.HostFacts.SubIds;
import io.github.rootlesspanel.host.HostFacts.Sysctls;
import io.github.rootlesspanel.host.HostFacts.Trial;
import io.github.rootlesspanel.host.HostFacts.User;
import io.github.rootlesspanel.host.HostFacts.UserManagerProbe;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.checks.Checks;

class ChecksTest {

    static Map<String, CheckResult> byId(HostFacts f) {
        return Checks.evaluate(f).stream().collect(Collectors.toMap(CheckResult::id, Function.identity()));
    }

    static CheckResult check(HostFacts f, String id) {
        CheckResult r = byId(f).get(id);
        assertThat(r).as("check %s", id).isNotNull();
        return r;
    }

    static final List<HostFacts> ALL = List.of(FactSets.debian12TestMachine(), FactSets.ubuntu2404NerdctlFull(),
            FactSets.fedora39OldKernel(), FactSets.archAllFine(), FactSets.opensuseNoSubuid(), HostFacts.builder().build());

    @Test
    void everyFactSetGetsEveryCheckOnceInTheDocumentedOrder() {
        for (HostFacts f : ALL) {
            List<CheckResult> results = Checks.evaluate(f);
            assertThat(results).extracting(CheckResult::id).containsExactlyElementsOf(Checks.IDS);
        }
        assertThat(Set.copyOf(Checks.IDS)).hasSameSizeAs(Checks.IDS);
        assertThat(Checks.IDS).allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void everyNonOkResultSaysWhatWasFoundWhyAndWhatToDo_andOkOnesHaveNoHint() {
        for (HostFacts f : ALL) {
            for (CheckResult r : Checks.evaluate(f)) {
                assertThat(r.title()).as(r.id()).isNotBlank();
                assertThat(r.found()).as(r.id()).isNotBlank();
                assertThat(r.why()).as(r.id()).isNotBlank();
                assertThat(r.group()).as(r.id()).isIn("Session", "User namespaces", "cgroups", "Storage", "Network",
                        "Binaries", "bypass4netns");
                if (r.state() == OK) {
                    assertThat(r.hint()).as(r.id()).isEmpty();
                } else {
                    assertThat(r.hint()).as("hint of %s (%s)", r.id(), r.state()).isNotBlank();
                }
            }
        }
    }

    @Test
    void hintsNeverRunAsRootSilently_everyPrivilegedCommandSaysSudo() {
        for (HostFacts f : ALL) {
            for (CheckResult r : Checks.evaluate(f)) {
                for (String line : r.hint().split("\n")) {
                    if (line.matches("^(apt-get|dnf|pacman|zypper|usermod|loginctl|sysctl|setcap|chmod|tee) .*")) {
                        throw new AssertionError(r.id() + ": privileged command without sudo: " + line);
                    }
                }
            }
        }
    }

    @Nested
    class TheDebian12TestMachine {
        final HostFacts f = FactSets.debian12TestMachine();

        @Test
        void cgroupV1HybridIsAWarningThatSaysLimitsAreIgnored() {
            CheckResult v2 = check(f, "cgroup-v2");
            assertThat(v2.state()).isEqualTo(WARNING);
            assertThat(v2.found()).contains("hybrid").contains("/sys/fs/cgroup/unified").contains("hugetlb")
                    .contains("--memory/--cpus");
            assertThat(v2.hint()).contains("systemd.unified_cgroup_hierarchy=1").contains("sudo update-grub");
            assertThat(check(f, "cgroup-delegation").state()).isEqualTo(NOT_APPLICABLE);
        }

        @Test
        void kernel618AllowsRootlessOverlay() {
            CheckResult k = check(f, "overlay-kernel");
            assertThat(k.state()).isEqualTo(OK);
            assertThat(k.found()).contains("6.18.44-fc-v1147").contains(">= 5.13");
            assertThat(check(f, "overlay-trial").state()).isEqualTo(OK);
            assertThat(check(f, "bin-fuse-overlayfs").found()).contains("fuse-overlayfs: version 1.10");
            assertThat(check(f, "bin-containerd-fuse-overlayfs-grpc").state()).isEqualTo(NOT_APPLICABLE);
        }

        @Test
        void theSessionIsFineButThereIsNoLinger() {
            for (String id : List.of("not-root", "home", "xdg-runtime-dir", "user-bus", "systemd-user", "dbus-user-session")) {
                assertThat(check(f, id).state()).as(id).isEqualTo(OK);
            }
            CheckResult linger = check(f, "linger");
            assertThat(linger.state()).isEqualTo(WARNING);
            assertThat(linger.found()).contains("/var/lib/systemd/linger/rptest").contains("only at login");
            assertThat(linger.hint()).isEqualTo("sudo loginctl enable-linger rptest");
        }

        @Test
        void userNamespacesWork() {
            for (String id : List.of("subuid", "subgid", "newuidmap", "newgidmap", "unprivileged-userns-clone",
                    "max-user-namespaces", "apparmor-userns", "rootlesskit-trial")) {
                assertThat(check(f, id).state()).as(id).isEqualTo(OK);
            }
            assertThat(check(f, "subuid").found()).contains("rptest:100000:65536");
            assertThat(check(f, "unprivileged-userns-clone").found()).contains("no such switch");
            assertThat(check(f, "max-user-namespaces").found()).contains("96362");
        }

        @Test
        void portsBelow1024CannotBePublished() {
            CheckResult p = check(f, "ip-unprivileged-port-start");
            assertThat(p.state()).isEqualTo(WARNING);
            assertThat(p.found()).contains("ports below 1024 cannot be published");
            assertThat(p.hint()).contains("net.ipv4.ip_unprivileged_port_start=0").contains("/etc/sysctl.d/")
                    .contains("sudo sysctl --system");
        }

        @Test
        void debianPackagesAreFoundWithVersions_runcInUsrSbin() {
            assertThat(check(f, "bin-rootlesskit").found()).isEqualTo("rootlesskit version 1.1.0 (/usr/bin/rootlesskit)");
            assertThat(check(f, "bin-slirp4netns").state()).isEqualTo(OK);
            assertThat(check(f, "bin-containerd").found()).contains("1.6.20~ds1");
            CheckResult oci = check(f, "bin-oci-runtime");
            assertThat(oci.state()).isEqualTo(OK);
            assertThat(oci.found()).contains("runc version 1.1.5+ds1").contains("/usr/sbin/runc");
        }

        @Test
        void withoutNerdctlsScriptTheSetupCannotRun() {
            CheckResult s = check(f, "bin-containerd-rootless-sh");
            assertThat(s.state()).isEqualTo(FAILED);
            assertThat(s.hint()).contains("nerdctl-full").contains("linux-amd64.tar.gz").contains("sudo tar");
            assertThat(check(f, "bin-nerdctl").state()).isEqualTo(WARNING);
            assertThat(check(f, "bin-buildkitd").state()).isEqualTo(NOT_APPLICABLE);
        }

        @Test
        void bypass4netnsRequirementsAreNotApplicableWithoutTheDaemon() {
            for (String id : List.of("bypass4netns-kernel", "bypass4netns-oci-runtime", "bypass4netns-libseccomp")) {
                CheckResult r = check(f, id);
                assertThat(r.state()).as(id).isEqualTo(NOT_APPLICABLE);
                assertThat(r.hint()).contains("bin-bypass4netnsd");
            }
        }
    }

    @Nested
    class Ubuntu2404WithRootlesskitInUsrLocalBin {
        final HostFacts f = FactSets.ubuntu2404NerdctlFull();

        @Test
        void apparmorBlocksRootlesskitAndTheHintIsAProfileForItsPath() {
            CheckResult a = check(f, "apparmor-userns");
            assertThat(a.state()).isEqualTo(FAILED);
            assertThat(a.found()).contains("= 1").contains("/usr/local/bin/rootlesskit");
            assertThat(a.hint())
                    .contains("sudo tee /etc/apparmor.d/usr.local.bin.rootlesskit")
                    .contains("abi <abi/4.0>,")
                    .contains("/usr/local/bin/rootlesskit flags=(unconfined) {")
                    .contains("  userns,")
                    .contains("include if exists <local/usr.local.bin.rootlesskit>")
                    .contains("sudo systemctl restart apparmor.service");
            assertThat(a.why()).contains("fork/exec /proc/self/exe: operation not permitted");
        }

        @Test
        void theTrialFailsAndPointsAtApparmor() {
            CheckResult t = check(f, "rootlesskit-trial");
            assertThat(t.state()).isEqualTo(FAILED);
            assertThat(t.found()).contains("operation not permitted");
            assertThat(t.hint()).contains("apparmor-userns").contains("rootlesskit --disable-host-loopback");
        }

        @Test
        void rootlesskitFromTheUbuntuPackageIsCoveredByUbuntusProfile() {
            HostFacts pkg = f.toBuilder()
                    .binary(FactSets.bin("rootlesskit", "/usr/bin/rootlesskit", "rootlesskit version 2.0.2"))
                    .rootlesskitTrial(new Trial(HostFacts.TrialState.FAILED, "x", 1, "other"))
                    .build();
            assertThat(check(pkg, "apparmor-userns").state()).isEqualTo(OK);
        }

        @Test
        void aProfileThatIsAlreadyThereShowsInTheTrial() {
            HostFacts profiled = f.toBuilder().rootlesskitTrial(FactSets.ok(FactSets.RK_TRIAL)).build();
            assertThat(check(profiled, "apparmor-userns").state()).isEqualTo(OK);
        }

        @Test
        void ubuntuKernelsAllowRootlessOverlayAndTheDebianHintsUseApt() {
            assertThat(check(f, "overlay-kernel").state()).isEqualTo(OK);
            HostFacts old = f.toBuilder().kernelRelease("5.4.0-150-generic").build();
            assertThat(check(old, "overlay-kernel").state()).isEqualTo(OK);
            assertThat(check(old, "overlay-kernel").found()).contains("Ubuntu");
            HostFacts noFuse = f.toBuilder().kernelRelease("5.4.0-150-generic").build();
            assertThat(check(noFuse, "bin-fuse-overlayfs").hint()).isEqualTo("sudo apt-get install fuse-overlayfs");
        }

        @Test
        void nerdctlFullHintsOnUbuntuMentionTheApparmorProfile() {
            HostFacts noStargz = f;
            assertThat(check(noStargz, "bin-containerd-stargz-grpc").hint()).contains("AppArmor");
        }

        @Test
        void cpuMemoryPidsDelegatedIsOk_cpusetAndIoAreMentioned() {
            CheckResult d = check(f, "cgroup-delegation");
            assertThat(d.state()).isEqualTo(OK);
            assertThat(d.found()).contains("cpuset, io not delegated");
        }
    }

    @Nested
    class Fedora39WithSelinuxAndKernel510 {
        final HostFacts f = FactSets.fedora39OldKernel();

        @Test
        void overlayfsIsAWarningWithTheFuseOverlayfsRoute() {
            CheckResult k = check(f, "overlay-kernel");
            assertThat(k.state()).isEqualTo(WARNING);
            assertThat(k.found()).contains("5.10.23").contains("SELinux enforcing").contains("below 5.13");
            assertThat(k.hint()).contains("sudo dnf install fuse-overlayfs")
                    .contains("containerd-rootless-setuptool.sh install-fuse-overlayfs")
                    .contains("CONTAINERD_SNAPSHOTTER=fuse-overlayfs");
            assertThat(check(f, "overlay-trial").state()).isEqualTo(WARNING);
            assertThat(check(f, "selinux").found()).isEqualTo("enabled, enforcing");
        }

        @Test
        void theFuseOverlayfsPartsBecomeNeeded() {
            CheckResult fo = check(f, "bin-fuse-overlayfs");
            assertThat(fo.state()).isEqualTo(WARNING);
            assertThat(fo.hint()).isEqualTo("sudo dnf install fuse-overlayfs");
            assertThat(check(f, "bin-containerd-fuse-overlayfs-grpc").state()).isEqualTo(WARNING);
        }

        @Test
        void kernel511WithoutSelinuxWouldBeFine_withPermissiveSelinuxNot() {
            HostFacts noSelinux = f.toBuilder().kernelRelease("5.11.22-100.fc32.x86_64").selinux(Selinux.ABSENT)
                    .overlayTrial(FactSets.ok("x")).build();
            assertThat(check(noSelinux, "overlay-kernel").state()).isEqualTo(OK);
            assertThat(check(noSelinux, "overlay-kernel").found()).contains("without SELinux");
            HostFacts permissive = noSelinux.toBuilder().selinux(Selinux.PERMISSIVE).build();
            assertThat(check(permissive, "overlay-kernel").state()).isEqualTo(WARNING);
            HostFacts k513 = f.toBuilder().kernelRelease("5.13.0").build();
            assertThat(check(k513, "overlay-kernel").state()).isEqualTo(OK);
        }

        @Test
        void newuidmapWithFileCapabilitiesIsFine() {
            assertThat(check(f, "newuidmap").state()).isEqualTo(OK);
            assertThat(check(f, "newuidmap").found()).contains("cap_setuid=ep");
            assertThat(check(f, "newgidmap").state()).isEqualTo(OK);
        }

        @Test
        void crunCountsAsTheRuntime() {
            assertThat(check(f, "bin-oci-runtime").state()).isEqualTo(OK);
            assertThat(check(f, "bin-oci-runtime").found()).contains("crun version 1.14");
        }

        @Test
        void withoutSlirp4netnsAnOldRootlesskitHasNoNetworkDriver_andTheHintUsesDnf() {
            CheckResult s = check(f, "bin-slirp4netns");
            assertThat(s.state()).isEqualTo(FAILED);
            assertThat(s.found()).contains("RootlessKit 1.1.1").contains("gvisor-tap-vsock");
            assertThat(s.hint()).isEqualTo("sudo dnf install slirp4netns");
            HostFacts rk3 = f.toBuilder().binary(FactSets.bin("rootlesskit", "/usr/bin/rootlesskit",
                    "rootlesskit version 3.0.0")).build();
            assertThat(check(rk3, "bin-slirp4netns").state()).isEqualTo(WARNING);
            HostFacts vpnkit = f.toBuilder().binary(FactSets.bin("vpnkit", "/usr/bin/vpnkit", "")).build();
            assertThat(check(vpnkit, "bin-slirp4netns").state()).isEqualTo(WARNING);
            assertThat(check(vpnkit, "bin-slirp4netns").found()).contains("vpnkit");
        }

        @Test
        void slirp4netnsOlderThan04IsNotUsed() {
            HostFacts old = f.toBuilder().binary(FactSets.bin("slirp4netns", "/usr/bin/slirp4netns",
                    "slirp4netns version 0.3.0")).build();
            CheckResult s = check(old, "bin-slirp4netns");
            assertThat(s.state()).isEqualTo(WARNING);
            assertThat(s.found()).contains("older than 0.4.0");
        }

        @Test
        void cgroupV1OnFedoraIsFixedWithGrubby() {
            HostFacts v1 = f.toBuilder().cgroups(HostFacts.Cgroups.unknown()).build();
            assertThat(check(v1, "cgroup-v2").hint())
                    .contains("sudo grubby --update-kernel=ALL --args=\"systemd.unified_cgroup_hierarchy=1\"");
        }
    }

    @Nested
    class ArchWithEverythingNeeded {
        final HostFacts f = FactSets.archAllFine();

        @Test
        void allOkApartFromOptionalBinaries() {
            Set<String> optional = Set.of("bin-buildkitd", "bin-containerd-fuse-overlayfs-grpc",
                    "bin-containerd-stargz-grpc", "bin-bypass4netnsd", "bin-fuse-overlayfs", "bypass4netns-kernel",
                    "bypass4netns-oci-runtime", "bypass4netns-libseccomp");
            for (CheckResult r : Checks.evaluate(f)) {
                assertThat(r.state()).as("%s: %s", r.id(), r.found())
                        .isEqualTo(optional.contains(r.id()) ? NOT_APPLICABLE : OK);
            }
        }

        @Test
        void optionalBinariesSayWhatTheyAreForAndHowToGetThem() {
            CheckResult b = check(f, "bin-buildkitd");
            assertThat(b.why()).contains("nerdctl build");
            assertThat(b.hint()).contains("sudo pacman -S buildkit").contains("install-buildkit");
            assertThat(check(f, "bin-fuse-overlayfs").hint()).isEqualTo("sudo pacman -S fuse-overlayfs");
        }

        @Test
        void archHintsUsePacman() {
            HostFacts missing = f.toBuilder().newuidmap(IdMapper.absent("newuidmap"))
                    .binary(HostFacts.Binary.absent("rootlesskit"))
                    .binary(HostFacts.Binary.absent("containerd-rootless.sh"))
                    .dbusSocketUnit(Optional.empty()).build();
            assertThat(check(missing, "newuidmap").hint()).isEqualTo("sudo pacman -S shadow");
            assertThat(check(missing, "bin-rootlesskit").hint()).isEqualTo("sudo pacman -S rootlesskit");
            assertThat(check(missing, "bin-containerd-rootless-sh").hint()).isEqualTo("sudo pacman -S nerdctl");
            assertThat(check(missing, "dbus-user-session").hint()).contains("sudo pacman -S dbus-broker-units");
        }
    }

    @Nested
    class OpensuseWithoutSubordinateIds {
        final HostFacts f = FactSets.opensuseNoSubuid();

        @Test
        void missingSubuidFailsWithAUsermodHintForAFreeRange() {
            CheckResult s = check(f, "subuid");
            assertThat(s.state()).isEqualTo(FAILED);
            assertThat(s.found()).contains("no line for dave").contains("uid 1002");
            assertThat(s.hint()).isEqualTo("sudo usermod --add-subuids 231072-296607 dave");
            assertThat(check(f, "subgid").hint()).isEqualTo("sudo usermod --add-subgids 231072-296607 dave");
        }

        @Test
        void missingNewuidmapIsInstalledWithZypper() {
            CheckResult n = check(f, "newuidmap");
            assertThat(n.state()).isEqualTo(FAILED);
            assertThat(n.hint()).isEqualTo("sudo zypper install shadow");
        }

        @Test
        void theTrialShowsRootlesskitsOwnComplaint() {
            CheckResult t = check(f, "rootlesskit-trial");
            assertThat(t.state()).isEqualTo(FAILED);
            assertThat(t.found()).contains("No subuid ranges found for user 1002");
        }
    }

    @Nested
    class Sessions {
        final HostFacts base = FactSets.debian12TestMachine();

        @Test
        void runningAsRootFails() {
            HostFacts root = base.toBuilder().user(new User(0, "root", "/root", true, true)).build();
            CheckResult r = check(root, "not-root");
            assertThat(r.state()).isEqualTo(FAILED);
            assertThat(r.found()).contains("root");
            assertThat(r.hint()).contains("not through sudo");
        }

        @Test
        void noXdgRuntimeDirFailsWithTheSuSudoHint() {
            HostFacts su = base.toBuilder()
                    .session(new Session("", false, false, -1, false, "",
                            UserManagerProbe.failed("Failed to connect to bus: No medium found")))
                    .build();
            CheckResult x = check(su, "xdg-runtime-dir");
            assertThat(x.state()).isEqualTo(FAILED);
            assertThat(x.found()).isEqualTo("XDG_RUNTIME_DIR is not set");
            assertThat(x.hint()).contains("su and sudo").contains("machinectl shell rptest@")
                    .contains("sudo apt-get install systemd-container")
                    .contains("sudo loginctl enable-linger rptest").contains("export XDG_RUNTIME_DIR=");
            CheckResult m = check(su, "systemd-user");
            assertThat(m.state()).isEqualTo(FAILED);
            assertThat(m.found()).contains("No medium found");
            assertThat(m.hint()).contains("machinectl shell");
            assertThat(check(su, "user-bus").state()).isEqualTo(FAILED);
        }

        @Test
        void anXdgRuntimeDirOfSomebodyElseIsAWarning() {
            HostFacts other = base.toBuilder().session(new Session("/run/user/1000", true, true, 1000, true, "",
                    UserManagerProbe.answered())).build();
            assertThat(check(other, "xdg-runtime-dir").state()).isEqualTo(WARNING);
            assertThat(check(other, "xdg-runtime-dir").found()).contains("uid 1000");
        }

        @Test
        void anUnwritableXdgRuntimeDirOrHomeFails() {
            HostFacts ro = base.toBuilder().session(new Session("/run/user/1001", true, false, 0, true, "",
                    UserManagerProbe.answered())).user(new User(1001, "rptest", "/home/rptest", true, false)).build();
            assertThat(check(ro, "xdg-runtime-dir").state()).isEqualTo(FAILED);
            assertThat(check(ro, "home").state()).isEqualTo(FAILED);
            assertThat(check(ro, "home").hint()).isEqualTo("sudo chown rptest: /home/rptest");
            HostFacts noHome = base.toBuilder().user(new User(1001, "rptest", "", false, false)).build();
            assertThat(check(noHome, "home").found()).isEqualTo("HOME is not set");
        }

        @Test
        void aBusSocketWithoutTheVariableIsEnough_noBusAtAllFails() {
            HostFacts socketOnly = base.toBuilder().session(new Session("/run/user/1001", true, true, 1001, true, "",
                    UserManagerProbe.answered())).build();
            assertThat(check(socketOnly, "user-bus").state()).isEqualTo(OK);
            HostFacts none = base.toBuilder().session(new Session("/run/user/1001", true, true, 1001, false, "",
                    UserManagerProbe.answered())).dbusSocketUnit(Optional.empty()).build();
            CheckResult b = check(none, "user-bus");
            assertThat(b.state()).isEqualTo(FAILED);
            assertThat(b.hint()).contains("sudo apt-get install dbus-user-session");
            assertThat(check(none, "dbus-user-session").state()).isEqualTo(WARNING);
        }

        @Test
        void anUncheckedUserManagerIsAWarning() {
            HostFacts unchecked = base.toBuilder().session(new Session("/run/user/1001", true, true, 1001, true, "",
                    UserManagerProbe.notChecked())).build();
            assertThat(check(unchecked, "systemd-user").state()).isEqualTo(WARNING);
        }

        @Test
        void cgroupV2WithoutAUserServiceCgroupOrWithoutCpuWarns() {
            HostFacts noCgroup = base.toBuilder().cgroups(new HostFacts.Cgroups(true, List.of("cpu", "memory", "pids"),
                    false, "/sys/fs/cgroup/user.slice/user-1001.slice/user@1001.service/cgroup.controllers",
                    Optional.empty())).build();
            assertThat(check(noCgroup, "cgroup-v2").state()).isEqualTo(OK);
            assertThat(check(noCgroup, "cgroup-delegation").state()).isEqualTo(WARNING);
            HostFacts noCpu = base.toBuilder().cgroups(new HostFacts.Cgroups(true, List.of("cpu", "memory", "pids"),
                    false, "x", Optional.of(List.of("memory", "pids")))).build();
            CheckResult d = check(noCpu, "cgroup-delegation");
            assertThat(d.state()).isEqualTo(WARNING);
            assertThat(d.found()).contains("missing: cpu").contains("--cpus");
            assertThat(d.hint()).contains("/etc/systemd/system/user@.service.d/delegate.conf")
                    .contains("[Service]\nDelegate=cpu cpuset io memory pids").contains("sudo systemctl daemon-reload");
        }
    }

    @Nested
    class SubordinateIds {
        final HostFacts base = FactSets.debian12TestMachine();

        HostFacts withSubuid(String content) {
            return base.toBuilder().subuid(FactSets.subIds("/etc/subuid", content, "rptest", 1001)).build();
        }

        @Test
        void twoLinesForTheUserAreAWarningWithAHintThatKeepsTheLargest() {
            CheckResult s = check(withSubuid("rptest:100000:65536\nother:165536:65536\n1001:300000:1000\n"), "subuid");
            assertThat(s.state()).isEqualTo(WARNING);
            assertThat(s.found()).contains("2 lines").contains("rptest:100000:65536").contains("1001:300000:1000");
            assertThat(s.hint()).contains("sudo usermod --del-subuids 300000-300999 rptest")
                    .doesNotContain("--del-subuids 100000");
        }

        @Test
        void fewerThan65536IdsFail() {
            CheckResult s = check(withSubuid("rptest:100000:1000\n"), "subuid");
            assertThat(s.state()).isEqualTo(FAILED);
            assertThat(s.found()).contains("1000").contains("fewer than 65536");
            assertThat(s.hint()).isEqualTo("sudo usermod --add-subuids 101000-166535 rptest");
        }

        @Test
        void twoSmallLinesDoNotAddUp() {
            CheckResult s = check(withSubuid("rptest:100000:40000\nrptest:140000:40000\n"), "subuid");
            assertThat(s.state()).isEqualTo(FAILED);
        }

        @Test
        void aMissingOrSymlinkedFile() {
            HostFacts missing = base.toBuilder().subgid(SubIds.missing("/etc/subgid")).build();
            CheckResult g = check(missing, "subgid");
            assertThat(g.state()).isEqualTo(FAILED);
            assertThat(g.found()).isEqualTo("/etc/subgid does not exist");
            assertThat(g.hint()).contains("sudo usermod --add-subgids 100000-165535 rptest");
            SubIds s = base.subuid();
            HostFacts link = base.toBuilder().subuid(new SubIds(s.file(), true, true, true, s.entries(),
                    s.nextFreeStart())).build();
            assertThat(check(link, "subuid").state()).isEqualTo(WARNING);
            assertThat(check(link, "subuid").found()).contains("symbolic link");
        }
    }

    @Nested
    class IdMappers {
        final HostFacts base = FactSets.debian12TestMachine();

        @Test
        void neitherSetuidNorCapsFailsWithAReinstall() {
            HostFacts plain = base.toBuilder().newuidmap(new IdMapper("newuidmap",
                    Optional.of(Path.of("/usr/bin/newuidmap")), true, false, Caps.NONE, "")).build();
            CheckResult n = check(plain, "newuidmap");
            assertThat(n.state()).isEqualTo(FAILED);
            assertThat(n.hint()).contains("sudo apt-get install --reinstall uidmap").contains("sudo chmod u+s /usr/bin/newuidmap");
        }

        @Test
        void theWrongCapabilityDoesNotCount() {
            HostFacts wrong = base.toBuilder().newgidmap(new IdMapper("newgidmap",
                    Optional.of(Path.of("/usr/bin/newgidmap")), true, false, Caps.PRESENT, "cap_setuid=ep (no cap_setgid)"))
                    .build();
            assertThat(check(wrong, "newgidmap").state()).isEqualTo(FAILED);
        }

        @Test
        void unknownCapsAreOkWhenTheTrialWorked_elseAWarningToInstallGetcap() {
            IdMapper unknown = new IdMapper("newuidmap", Optional.of(Path.of("/usr/bin/newuidmap")), true, false,
                    Caps.UNKNOWN, "");
            assertThat(check(base.toBuilder().newuidmap(unknown).build(), "newuidmap").state()).isEqualTo(OK);
            HostFacts noTrial = base.toBuilder().newuidmap(unknown).rootlesskitTrial(Trial.notRun("x")).build();
            CheckResult n = check(noTrial, "newuidmap");
            assertThat(n.state()).isEqualTo(WARNING);
            assertThat(n.hint()).contains("sudo apt-get install libcap2-bin").contains("getcap /usr/bin/newuidmap");
        }
    }

    @Nested
    class Sysctls_ {
        final HostFacts base = FactSets.debian12TestMachine();

        HostFacts with(Long clone, Long max, Long apparmor, Long port) {
            return base.toBuilder().sysctls(new Sysctls(opt(clone), opt(max), opt(apparmor), opt(port))).build();
        }

        OptionalLong opt(Long v) {
            return v == null ? OptionalLong.empty() : OptionalLong.of(v);
        }

        @Test
        void userNamespacesSwitchedOffFail() {
            CheckResult c = check(with(0L, 100L, null, 0L), "unprivileged-userns-clone");
            assertThat(c.state()).isEqualTo(FAILED);
            assertThat(c.hint()).contains("kernel.unprivileged_userns_clone=1").contains("sudo sysctl --system");
            CheckResult m = check(with(null, 0L, null, 0L), "max-user-namespaces");
            assertThat(m.state()).isEqualTo(FAILED);
            assertThat(m.hint()).contains("user.max_user_namespaces=28633");
            assertThat(check(with(1L, 100L, null, 0L), "unprivileged-userns-clone").state()).isEqualTo(OK);
        }

        @Test
        void portStartZeroIsOk() {
            assertThat(check(with(null, 100L, null, 0L), "ip-unprivileged-port-start").state()).isEqualTo(OK);
            CheckResult p = check(with(null, 100L, null, 80L), "ip-unprivileged-port-start");
            assertThat(p.found()).contains("ports below 80 cannot be published");
        }

        @Test
        void apparmorRestrictionWithoutRootlesskitIsAWarningToUseThePackage() {
            HostFacts f = with(null, 100L, 1L, 0L).toBuilder().binary(HostFacts.Binary.absent("rootlesskit"))
                    .rootlesskitTrial(Trial.notRun("rootlesskit is not installed")).build();
            CheckResult a = check(f, "apparmor-userns");
            assertThat(a.state()).isEqualTo(WARNING);
            assertThat(a.hint()).contains("sudo apt-get install rootlesskit");
            assertThat(check(with(null, 100L, 0L, 0L), "apparmor-userns").state()).isEqualTo(OK);
        }
    }

    @Nested
    class Bypass4netns {
        final HostFacts base = FactSets.debian12TestMachine();

        HostFacts withDaemon(HostFacts f) {
            return f.toBuilder()
                    .binary(FactSets.bin("bypass4netnsd", "/usr/local/bin/bypass4netnsd", "bypass4netnsd version 0.4.2"))
                    .binary(FactSets.bin("bypass4netns", "/usr/local/bin/bypass4netns", ""))
                    .build();
        }

        @Test
        void requirementsMetOnTheTestMachine() {
            HostFacts f = withDaemon(base);
            assertThat(check(f, "bin-bypass4netnsd").state()).isEqualTo(OK);
            CheckResult k = check(f, "bypass4netns-kernel");
            assertThat(k.state()).isEqualTo(OK);
            CheckResult r = check(f, "bypass4netns-oci-runtime");
            assertThat(r.state()).isEqualTo(OK);
            assertThat(r.found()).contains("runc 1.1.5+ds1");
            CheckResult s = check(f, "bypass4netns-libseccomp");
            assertThat(s.state()).isEqualTo(OK);
            assertThat(s.found()).contains("2.5.4").contains("runc");
        }

        @Test
        void requirementsNotMet() {
            HostFacts old = withDaemon(base.toBuilder()
                    .kernelRelease("5.4.0-1-amd64")
                    .binary(FactSets.bin("runc", "/usr/sbin/runc", "runc version 1.0.2\nlibseccomp: 2.4.3"))
                    .binary(HostFacts.Binary.absent("slirp4netns"))
                    .build());
            for (String id : List.of("bypass4netns-kernel", "bypass4netns-oci-runtime", "bypass4netns-libseccomp")) {
                CheckResult r = check(old, id);
                assertThat(r.state()).as(id).isEqualTo(WARNING);
                assertThat(r.hint()).as(id).isNotBlank();
            }
            assertThat(check(old, "bypass4netns-kernel").found()).contains("older than 5.9");
            assertThat(check(old, "bypass4netns-libseccomp").found()).contains("2.4.3");
        }

        @Test
        void crun16IsEnoughAndLibseccompCanComeFromSlirp4netns() {
            HostFacts crun = withDaemon(base.toBuilder()
                    .binary(HostFacts.Binary.absent("runc"))
                    .binary(FactSets.bin("crun", "/usr/bin/crun", "crun version 1.6\n+SECCOMP"))
                    .build());
            assertThat(check(crun, "bypass4netns-oci-runtime").state()).isEqualTo(OK);
            CheckResult s = check(crun, "bypass4netns-libseccomp");
            assertThat(s.state()).isEqualTo(OK);
            assertThat(s.found()).contains("slirp4netns");
            HostFacts crun15 = crun.toBuilder().binary(FactSets.bin("crun", "/usr/bin/crun", "crun version 1.5")).build();
            assertThat(check(crun15, "bypass4netns-oci-runtime").state()).isEqualTo(WARNING);
        }

        @Test
        void aRuncReleaseCandidateBelow11DoesNotCount() {
            HostFacts rc = withDaemon(base.toBuilder()
                    .binary(FactSets.bin("runc", "/usr/sbin/runc", "runc version 1.1.0-rc.1\nlibseccomp: 2.5.1")).build());
            assertThat(check(rc, "bypass4netns-oci-runtime").state()).isEqualTo(WARNING);
        }

        @Test
        void theDaemonNeedsItsHelperNextToIt() {
            HostFacts lonely = base.toBuilder()
                    .binary(FactSets.bin("bypass4netnsd", "/usr/local/bin/bypass4netnsd", "bypass4netnsd version 0.4.2"))
                    .build();
            CheckResult d = check(lonely, "bin-bypass4netnsd");
            assertThat(d.state()).isEqualTo(WARNING);
            assertThat(d.found()).contains("/usr/local/bin/bypass4netns is missing");
        }
    }

    @Test
    void nothingKnownMeansFailuresNotExceptions() {
        Map<String, CheckResult> r = byId(HostFacts.builder().build());
        assertThat(r.get("home").state()).isEqualTo(FAILED);
        assertThat(r.get("bin-rootlesskit").state()).isEqualTo(FAILED);
        assertThat(r.get("rootlesskit-trial").state()).isEqualTo(NOT_APPLICABLE);
        assertThat(r.get("overlay-kernel").state()).isEqualTo(WARNING);
        assertThat(r.values()).extracting(CheckResult::state).contains(CheckState.values());
    }

    @Test
    void aProgramWithoutAVersionFlagIsShownByItsPath() {
        HostFacts f = FactSets.archAllFine().toBuilder().binary(FactSets.bin("containerd-stargz-grpc",
                "/usr/local/bin/containerd-stargz-grpc", "flag provided but not defined: -version\nUsage of x:")).build();
        CheckResult s = check(f, "bin-containerd-stargz-grpc");
        assertThat(s.state()).isEqualTo(OK);
        assertThat(s.found()).isEqualTo("/usr/local/bin/containerd-stargz-grpc");
    }

    @Test
    void anUnknownDistributionGetsThePackageNamesOfEveryFamily() {
        HostFacts alpine = FactSets.debian12TestMachine().toBuilder().os(FactSets.osRelease("alpine-3.19"))
                .newuidmap(IdMapper.absent("newuidmap")).build();
        assertThat(check(alpine, "newuidmap").hint()).contains("Debian/Ubuntu: uidmap").contains("Fedora/RHEL: shadow-utils")
                .contains("Arch: shadow").contains("openSUSE: shadow");
    }
}
