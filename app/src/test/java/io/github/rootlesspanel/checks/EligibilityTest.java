package io.github.rootlesspanel.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.snapshotters.Eligibility;
import io.github.rootlesspanel.snapshotters.Snapshotter;

/** Snapshotter eligibility over prepared host facts (the same fact sets as the prerequisite checks). */
class EligibilityTest {

    @Test
    void overlayfsIsExpectedOnTheDebianTestMachine() {
        Eligibility.Verdict v = Eligibility.of(Snapshotter.OVERLAYFS, FactSets.debian12TestMachine(), true);
        assertThat(v.expected()).isTrue();
        assertThat(String.join(" ", v.reasons())).contains("Trial mount");
    }

    @Test
    void overlayfsIsNotExpectedOnFedoraWithSelinuxAndKernel510() {
        Eligibility.Verdict v = Eligibility.of(Snapshotter.OVERLAYFS, FactSets.fedora39OldKernel(), true);
        assertThat(v.expected()).isFalse();
        assertThat(String.join(" ", v.reasons())).contains("5.10");
    }

    @Test
    void fuseOverlayfsNeedsTheBinariesAndDevFuse() {
        HostFacts arch = FactSets.archAllFine();
        Eligibility.Verdict noDevice = Eligibility.of(Snapshotter.FUSE_OVERLAYFS, arch, false);
        assertThat(noDevice.expected()).isFalse();
        assertThat(String.join(" ", noDevice.reasons())).contains("/dev/fuse").contains("containerd-fuse-overlayfs-grpc");

        HostFacts withAll = arch.toBuilder()
                .binary(FactSets.bin("fuse-overlayfs", "/usr/bin/fuse-overlayfs", "fuse-overlayfs: version 1.10"))
                .binary(FactSets.bin("containerd-fuse-overlayfs-grpc", "/usr/local/bin/containerd-fuse-overlayfs-grpc",
                        "containerd-fuse-overlayfs-grpc v2.1.7"))
                .build();
        assertThat(Eligibility.of(Snapshotter.FUSE_OVERLAYFS, withAll, true).expected()).isTrue();

        HostFacts oldFuse = withAll.toBuilder()
                .binary(FactSets.bin("fuse-overlayfs", "/usr/bin/fuse-overlayfs", "fuse-overlayfs: version 0.6.2")).build();
        Eligibility.Verdict tooOld = Eligibility.of(Snapshotter.FUSE_OVERLAYFS, oldFuse, true);
        assertThat(tooOld.expected()).isFalse();
        assertThat(String.join(" ", tooOld.reasons())).contains("older than 0.7");

        HostFacts oldKernel = withAll.toBuilder().kernelRelease("4.15.0-20-generic").build();
        assertThat(Eligibility.of(Snapshotter.FUSE_OVERLAYFS, oldKernel, true).reasons())
                .anyMatch(r -> r.contains("older than 4.18"));
    }

    @Test
    void stargzNeedsItsDaemon() {
        assertThat(Eligibility.of(Snapshotter.STARGZ, FactSets.archAllFine(), true).expected()).isFalse();
        HostFacts with = FactSets.archAllFine().toBuilder()
                .binary(FactSets.bin("containerd-stargz-grpc", "/usr/local/bin/containerd-stargz-grpc", "v0.18.2")).build();
        assertThat(Eligibility.of(Snapshotter.STARGZ, with, true).expected()).isTrue();
    }

    @Test
    void nativeAlwaysWorks() {
        assertThat(Eligibility.of(Snapshotter.NATIVE, FactSets.opensuseNoSubuid(), false).expected()).isTrue();
    }

    /** The documented kernel rules alone (no trial mount ran): Ubuntu's patched kernels, 5.11 without SELinux. */
    @Test
    void kernelRulesDecideWhenNoTrialRan() {
        HostFacts ubuntu54 = FactSets.ubuntu2404NerdctlFull().toBuilder().kernelRelease("5.4.0-150-generic")
                .overlayTrial(HostFacts.Trial.notRun("not run")).build();
        assertThat(Eligibility.of(Snapshotter.OVERLAYFS, ubuntu54, true).expected()).as("Ubuntu 5.4").isTrue();

        HostFacts debian510 = FactSets.debian12TestMachine().toBuilder().kernelRelease("5.10.0-28-amd64")
                .overlayTrial(HostFacts.Trial.notRun("not run")).build();
        assertThat(Eligibility.of(Snapshotter.OVERLAYFS, debian510, true).expected()).as("Debian 5.10").isFalse();

        HostFacts debian511 = debian510.toBuilder().kernelRelease("5.11.0-1-amd64").build();
        assertThat(Eligibility.of(Snapshotter.OVERLAYFS, debian511, true).expected()).as("Debian 5.11").isTrue();

        HostFacts fedora513 = FactSets.fedora39OldKernel().toBuilder().kernelRelease("5.13.4-200.fc39.x86_64")
                .overlayTrial(HostFacts.Trial.notRun("not run")).build();
        assertThat(Eligibility.of(Snapshotter.OVERLAYFS, fedora513, true).expected()).as("Fedora 5.13 + SELinux").isTrue();
    }
}
