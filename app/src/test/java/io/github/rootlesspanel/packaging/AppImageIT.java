package io.github.rootlesspanel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.cli.Version;
import io.github.rootlesspanel.testsupport.TestUser;

/** The app image as the tarball carries it, unpacked by the user anywhere and run from there. */
@Tag("package")
class AppImageIT {

    @TempDir
    static Path unpacked;
    static Path launcher;

    @BeforeAll
    static void unpack() {
        Path tarball = Packages.tarball();
        TestUser.Result r = TestUser.run(List.of("tar", "-C", unpacked.toString(), "-xzf", tarball.toString()),
                Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.output()).isZero();
        String top = tarball.getFileName().toString().replace("-linux-x86_64.tar.gz", "");
        launcher = unpacked.resolve(top).resolve("rootless-panel");
        assertThat(launcher).isExecutable();
    }

    @Test
    void theImageMakesItsClassDataSharingArchivesWhereItWasUnpacked() {
        TestUser.Result first = TestUser.run(List.of(launcher.toString(), "--version"), Duration.ofSeconds(120));
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output().strip()).isEqualTo("rootless-panel " + Version.get());
        Validators.assertArchivesFit(launcher.getParent());
    }

    @Test
    void statusJsonAnswersFromTheUsersRealSystemd() throws Exception {
        TestUser.Split r = TestUser.runSplit(List.of(launcher.toString(), "status", "--json"), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(new ObjectMapper().readTree(r.stdout()).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void theImageCarriesTheDesktopFilesForOtherDistributions() {
        Path share = launcher.resolveSibling("share");
        assertThat(share.resolve("applications/" + DesktopFilesTest.APP_ID + ".desktop")).isRegularFile();
        assertThat(share.resolve("metainfo/" + DesktopFilesTest.APP_ID + ".metainfo.xml")).isRegularFile();
        for (String icon : DesktopFilesTest.ICON_FILES) {
            assertThat(share.resolve("icons/hicolor").resolve(icon)).as(icon).isRegularFile();
        }
        assertThat(Files.isDirectory(launcher.resolveSibling("lib/runtime"))).isTrue();
    }
}
