package io.github.rootlesspanel.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.rootlesspanel.host.HostFacts.OsRelease;
import io.github.rootlesspanel.setup.checks.DistroFamily;

/** Real /etc/os-release files of each family (src/test/resources/facts/os-release). */
class DistroFamilyTest {

    @ParameterizedTest
    @CsvSource({
            "debian-12, DEBIAN, false",
            "ubuntu-24.04, DEBIAN, true",
            "linuxmint-21, DEBIAN, true",
            "fedora-39, FEDORA, false",
            "rocky-9, FEDORA, false",
            "arch, ARCH, false",
            "endeavouros, ARCH, false",
            "opensuse-tumbleweed, OPENSUSE, false",
            "alpine-3.19, OTHER, false",
    })
    void familyFromIdAndIdLike(String file, DistroFamily family, boolean ubuntu) {
        OsRelease os = FactSets.osRelease(file);
        assertThat(DistroFamily.of(os)).isEqualTo(family);
        assertThat(DistroFamily.isUbuntu(os)).isEqualTo(ubuntu);
    }

    @Test
    void parsesQuotesAndKeepsTheFieldsTheChecksUse() {
        OsRelease debian = FactSets.osRelease("debian-12");
        assertThat(debian.id()).isEqualTo("debian");
        assertThat(debian.versionId()).isEqualTo("12");
        assertThat(debian.prettyName()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        OsRelease suse = FactSets.osRelease("opensuse-tumbleweed");
        assertThat(suse.id()).isEqualTo("opensuse-tumbleweed");
        assertThat(suse.idLike()).containsExactly("opensuse", "suse");
        assertThat(FactSets.osRelease("fedora-39").versionId()).isEqualTo("39");
        OsRelease odd = OsRelease.parse("ID='sles'\nPRETTY_NAME=\"A \\\"quoted\\\" name\"\n# ID=nope\n");
        assertThat(odd.id()).isEqualTo("sles");
        assertThat(odd.prettyName()).isEqualTo("A \"quoted\" name");
        assertThat(DistroFamily.of(odd)).isEqualTo(DistroFamily.OPENSUSE);
        assertThat(OsRelease.parse("").displayName()).isEqualTo("unknown distribution");
    }
}
