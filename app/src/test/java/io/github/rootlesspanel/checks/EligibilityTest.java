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
}
