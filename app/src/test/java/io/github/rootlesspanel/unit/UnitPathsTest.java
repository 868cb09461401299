package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.rootlesspanel.systemd.UnitPaths;

/** systemd's bus_label_escape: [A-Za-z] kept, [0-9] kept except first, every other byte becomes _xx (lower-case hex). */
class UnitPathsTest {

    private static final String PREFIX = "/org/freedesktop/systemd1/unit/";

    @Test
    void dotsAreEscapedAndThePathIsBelowTheUnitPrefix() {
        assertThat(UnitPaths.pathOf("containerd.service"))
                .isEqualTo("/org/freedesktop/systemd1/unit/containerd_2eservice");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "containerd-fuse-overlayfs.service, containerd_2dfuse_2doverlayfs_2eservice",
            "stargz-snapshotter.service,        stargz_2dsnapshotter_2eservice",
            "foo@1.service,                     foo_401_2eservice",
            "1password.service,                 _31password_2eservice",
            "-.slice,                           _2d_2eslice",
            "mnt-x_y.mount,                     mnt_2dx_5fy_2emount",
            "bypass4netnsd.service,             bypass4netnsd_2eservice",
    })
    void unitNamesAreEscapedLikeSystemdDoes(String unit, String label) {
        assertThat(UnitPaths.pathOf(unit)).isEqualTo(PREFIX + label);
    }

    @Test
    void unitNamesWithDashesAreEscaped() {
        assertThat(UnitPaths.pathOf("stargz-snapshotter.service")).doesNotContain("-");
    }

    @Test
    void aLeadingDigitIsEscapedButLaterDigitsAreNot() {
        // '1' is 0x31; the '4' in bypass4netnsd stays as it is
        assertThat(UnitPaths.pathOf("1password.service")).startsWith(PREFIX + "_31");
        assertThat(UnitPaths.pathOf("bypass4netnsd.service")).contains("bypass4netnsd");
    }

    @Test
    void nonAsciiNamesAreEscapedBytewiseAsUtf8() {
        // 'é' is C3 A9 in UTF-8
        assertThat(UnitPaths.pathOf("café.service")).isEqualTo(PREFIX + "caf_c3_a9_2eservice");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "containerd.service", "containerd-fuse-overlayfs.service", "stargz-snapshotter.service",
            "foo@1.service", "1password.service", "-.slice", "mnt-x_y.mount", "café-ünïcødé.service",
            "日本語.service", "a_2e.service", ""})
    void unitOfReversesPathOf(String unit) {
        assertThat(UnitPaths.unitOf(UnitPaths.pathOf(unit))).isEqualTo(unit);
    }

    @Test
    void theEmptyNameIsASingleUnderscore() {
        assertThat(UnitPaths.pathOf("")).isEqualTo(PREFIX + "_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/org/freedesktop/systemd1/job/42", "/org/freedesktop/systemd1", "/", "",
            "/org/freedesktop/systemd1/unitx/containerd_2eservice"})
    void pathsOutsideTheUnitPrefixHaveNoUnit(String path) {
        assertThat(UnitPaths.unitOf(path)).isNull();
    }

    @Test
    void aNullPathHasNoUnit() {
        assertThat(UnitPaths.unitOf(null)).isNull();
    }
}
