package io.github.rootlesspanel.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.rootlesspanel.setup.checks.VersionNumber;

class VersionNumberTest {

    static VersionNumber v(String s) {
        return VersionNumber.find(s).orElseThrow(() -> new AssertionError("no version in " + s));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.1.5|1.1.5",
            "v0.13.2|0.13.2",
            "1.2.0-rc.1|1.2.0",
            "2.5.4|2.5.4",
            "5.10.0-28-amd64|5.10.0",
            "6.18.0|6.18.0",
            "6.18.44-fc-v1147|6.18.44",
            "runc version 1.1.5+ds1|1.1.5",
            "rootlesskit version 1.1.0|1.1.0",
            "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3|1.6.20",
            "containerd github.com/containerd/containerd/v2 v2.0.0 207ad711eabd375a01713109a8a197d197ff6542|2.0.0",
            "buildkitd github.com/moby/buildkit v0.16.0 a5cd4a6a|0.16.0",
            "fusermount3 version: 3.14.0|3.14.0",
            "fuse-overlayfs: version 1.10|1.10",
            "libseccomp: 2.5.4|2.5.4",
            "crun version 1.6|1.6",
            "msg=\"containerd-fuse-overlayfs-grpc Version=\\\"v2.1.7\\\" Revision=abc\"|2.1.7",
    })
    void findsTheFirstDottedNumber(String text, String numbers) {
        assertThat(v(text).numbers()).isEqualTo(numbers);
    }

    @Test
    void nothingVersionLikeIsEmpty() {
        assertThat(VersionNumber.find("containerd-rootless.sh")).isEmpty();
        assertThat(VersionNumber.find("fusermount3 ok")).isEmpty();
        assertThat(VersionNumber.find("github.com/containerd/containerd/v2")).isEmpty();
        assertThat(VersionNumber.find("")).isEmpty();
        assertThat(VersionNumber.find(null)).isEqualTo(Optional.empty());
    }

    @Test
    void comparesByNumbers() {
        assertThat(v("1.1.5").atLeast(1, 1)).isTrue();
        assertThat(v("1.0.2").atLeast(1, 1)).isFalse();
        assertThat(v("1.10").compareTo(v("1.9"))).isPositive();
        assertThat(v("6.18.0").atLeast(5, 13)).isTrue();
        assertThat(v("5.10.0-28-amd64").atLeast(5, 11)).isFalse();
        assertThat(v("5.13.0-1-amd64").atLeast(5, 13)).isTrue();
        assertThat(v("0.3.0").atLeast(0, 4)).isFalse();
        assertThat(v("2.5").compareTo(v("2.5.0"))).isZero();
    }

    @Test
    void onlyRealPreReleasesRankBelowTheRelease() {
        assertThat(v("1.2.0-rc.1").preRelease()).isTrue();
        assertThat(v("1.2.0-rc.1").atLeast(1, 2)).isFalse();
        assertThat(v("1.2.0-rc.1").atLeast(1, 1)).isTrue();
        assertThat(v("1.1.0-beta2").atLeast(1, 1)).isFalse();
        assertThat(v("1.6.20~ds1").preRelease()).isFalse();
        assertThat(v("1.1.5+ds1").atLeast(1, 1, 5)).isTrue();
        assertThat(v("5.10.0-28-amd64").preRelease()).isFalse();
        assertThat(v("6.8.0-31-generic").atLeast(6, 8)).isTrue();
    }

    @Test
    void keepsTheTextForMessages() {
        assertThat(v("runc version 1.1.5+ds1").toString()).isEqualTo("1.1.5+ds1");
        assertThat(v("v0.13.2").toString()).isEqualTo("0.13.2");
        assertThat(v("1.2.0-rc.1").major()).isEqualTo(1);
        assertThat(v("1.2.0-rc.1").minor()).isEqualTo(2);
    }
}
