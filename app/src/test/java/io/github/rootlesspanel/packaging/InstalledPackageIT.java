package io.github.rootlesspanel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.cli.Version;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The .deb as a user gets it: installed by run-tests.sh with `apt-get install ./rootless-panel_….deb` (which
 * pulled its declared dependencies), then used as the throwaway user from /usr/bin. run-tests.sh removes it
 * after the tests and checks that its files are gone.
 */
@Tag("package")
class InstalledPackageIT {

    static final String APP_ID = DesktopFilesTest.APP_ID;
    static final Path USR_BIN = Path.of("/usr/bin/rootless-panel");
    static final Path APP = Path.of("/usr/lib/rootless-panel");
    static final Path SHARE = Path.of("/usr/share");

    @BeforeAll
    static void installed() {
        Packages.dir();
        TestUser.Result r = TestUser.run(List.of("dpkg-query", "-W", "-f=${Status} ${Version}", "rootless-panel"),
                Duration.ofSeconds(30));
        assertThat(r.output()).as("rootless-panel installed by run-tests.sh")
                .startsWith("install ok installed " + Version.get().replaceFirst("-SNAPSHOT$", "") + "-1");
    }

    @Test
    void versionRunsFromUsrBinThroughTheLauncherThatLinksThere() throws Exception {
        assertThat(Files.isSymbolicLink(USR_BIN)).isTrue();
        assertThat(USR_BIN.toRealPath()).isEqualTo(APP.resolve("rootless-panel"));
        TestUser.Result r = TestUser.run(List.of(USR_BIN.toString(), "--version"), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("rootless-panel " + Version.get());
    }

    @Test
    void statusJsonAnswersFromTheUsersRealSystemd() throws Exception {
        TestUser.Split r = TestUser.runSplit(List.of(USR_BIN.toString(), "status", "--json"), Duration.ofSeconds(120));
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        List<String> units = new ArrayList<>();
        json.get("components").forEach(c -> units.add(c.get("unit").asText()));
        assertThat(units).contains("containerd.service", "buildkit.service", "bypass4netnsd.service");
    }

    @Test
    void theClassDataSharingArchivesThePostinstMadeAreUsable() {
        Validators.assertArchivesFit(APP);
    }

    @Test
    void theDesktopFindsTheEntryTheMetainfoAndEveryIconAndTheyValidate() {
        Path desktop = SHARE.resolve("applications/" + APP_ID + ".desktop");
        Path metainfo = SHARE.resolve("metainfo/" + APP_ID + ".metainfo.xml");
        Validators.assertDesktopEntryValid(desktop);
        Validators.assertMetainfoValid(metainfo);
        for (String icon : DesktopFilesTest.ICON_FILES) {
            assertThat(SHARE.resolve("icons/hicolor").resolve(icon)).as(icon).isRegularFile();
        }
    }

    @Test
    void theManPageAndTheCompletionsAreInstalled() {
        // written with the command line (packaging/linux); the package must carry every one of them
        Path linux = DesktopFilesTest.LINUX;
        Map<Path, Path> files = Map.of(
                linux.resolve("rootless-panel.1"), SHARE.resolve("man/man1/rootless-panel.1.gz"),
                linux.resolve("completion/rootless-panel.bash"), SHARE.resolve("bash-completion/completions/rootless-panel"),
                linux.resolve("completion/_rootless-panel"), SHARE.resolve("zsh/vendor-completions/_rootless-panel"));
        files.forEach((source, installed) -> {
            assertThat(source).as("in the checkout").isRegularFile();
            assertThat(installed).as("%s installed from %s", installed, source).isRegularFile();
        });
    }

    @Test
    void everyNativeLibraryFindsWhatItLinksAgainstThroughTheDeclaredDependencies() throws Exception {
        // apt installed the Depends; ldd shows whether they cover what the runtime and JavaFX's natives need
        List<Path> elf;
        try (var walk = Files.walk(APP)) {
            elf = walk.filter(p -> p.toString().endsWith(".so")).toList();
        }
        assertThat(elf).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Path so : elf) {
            TestUser.Result r = TestUser.run(List.of("ldd", so.toString()), Duration.ofSeconds(30));
            r.output().lines().filter(l -> l.contains("not found")).forEach(l -> missing.add(so.getFileName() + ": " + l.strip()));
        }
        // libjvm.so is found by the launcher inside the runtime, not through the system's library path
        assertThat(missing).allSatisfy(m -> assertThat(m).contains("libjvm.so"));
    }
}
