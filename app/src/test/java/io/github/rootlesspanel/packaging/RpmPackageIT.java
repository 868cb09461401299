package io.github.rootlesspanel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .rpm as rpm reads it (not installed: this is Debian): package.sh builds it from the tree it staged for
 * the .deb, so it must carry the same files, declare the Fedora packages the spec lists and run the .deb's
 * AppCDS scripts.
 */
@Tag("package")
class RpmPackageIT {

    /** packaging/linux/rpm/rootless-panel.spec */
    static final List<String> REQUIRES = List.of("gtk3", "mesa-libGL", "libXtst", "libXxf86vm", "fontconfig", "dejavu-sans-fonts");

    static Path rpm;
    // rpm wants a database even to read a package file; the user's ~/.rpmdb is not for tests to make
    @TempDir
    static Path db;

    @BeforeAll
    static void built() {
        rpm = Packages.rpm();
    }

    static Validators.Run rpm(String... args) {
        List<String> cmd = new ArrayList<>(List.of("rpm", "--dbpath", db.toString()));
        cmd.addAll(List.of(args));
        cmd.add(rpm.toString());
        Validators.Run r = Validators.run(cmd);
        assertThat(r.exitCode()).as("%s: %s", cmd, r.output()).isZero();
        return r;
    }

    @Test
    void itsDigestsCheckOut() {
        assertThat(rpm("-K", "--nosignature").output().strip()).isEqualTo(rpm + ": digests OK");
    }

    @Test
    void itCarriesTheFilesOfTheDebWithTheirModesAndZshCompletionWhereFedoraLooks() {
        // dpkg-deb -c: "-rwxr-xr-x root/root 1234 2026-01-01 00:00 ./usr/bin/x[ -> target]"; directories aside,
        // as rpm owns only the app's own
        List<String> deb = Validators.run(List.of("dpkg-deb", "-c", Packages.deb().toString())).output().lines()
                .filter(l -> !l.startsWith("d"))
                .map(l -> l.split("\\s+"))
                .map(f -> f[0] + " " + f[5].substring(1).replace("/zsh/vendor-completions/", "/zsh/site-functions/"))
                .sorted().toList();
        List<String> rpmFiles = rpm("-q", "-p", "--qf", "[%{FILEMODES:perms} %{FILENAMES}\\n]").output().lines()
                .filter(l -> !l.startsWith("d")).sorted().toList();
        assertThat(deb).hasSizeGreaterThan(100).contains("lrwxrwxrwx /usr/bin/rootless-panel");
        assertThat(rpmFiles).isEqualTo(deb);
        // and rpm -ql lists the app's directory with the files
        assertThat(rpm("-q", "-l", "-p").output().lines()).contains("/usr/lib/rootless-panel", "/usr/share/doc/rootless-panel");
    }

    @Test
    void itRequiresTheListedFedoraPackagesAndNothingOfItsBundledRuntime() {
        List<String> requires = rpm("-q", "-p", "--requires").output().lines().map(String::strip)
                .filter(l -> !l.startsWith("rpmlib(") && !l.equals("/bin/sh")).toList();
        assertThat(requires).containsExactlyInAnyOrderElementsOf(REQUIRES);
        // rpm's generator would have provided the bundled libjvm.so and friends to the whole system
        assertThat(rpm("-q", "-p", "--provides").output().lines()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("rootless-panel"));
    }

    @Test
    void itsScriptsMakeTheClassDataSharingArchivesOnInstallAndRemoveThemOnErase() {
        String scripts = rpm("-q", "-p", "--scripts").output();
        String post = scripts.substring(scripts.indexOf("postinstall scriptlet"), scripts.indexOf("preuninstall scriptlet"));
        String preun = scripts.substring(scripts.indexOf("preuninstall scriptlet"));
        // the .deb's own postinst and prerm, as dpkg-deb -I prints them
        Map.of("postinst", post, "prerm", preun).forEach((name, scriptlet) -> {
            String body = Validators.run(List.of("dpkg-deb", "-I", Packages.deb().toString(), name)).output();
            assertThat(scriptlet).as(name).contains(body.substring(body.indexOf('\n') + 1).strip());
        });
        for (String launcher : List.of("rootless-panel", "rootless-panel-cli")) {
            assertThat(preun).contains("/usr/lib/rootless-panel/lib/app/" + launcher + ".jsa");
        }
        assertThat(post).contains("-Xshare:dump -XX:SharedClassListFile=$APP/lib/app/$l.classlist");
        // rpm passes 1 (install) and 2 (upgrade) to %post; on an upgrade's %preun (1) the new archives stay
        assertThat(post).contains("[ \"$1\" = 1 ] || [ \"$1\" = 2 ]");
        assertThat(preun).contains("[ \"$1\" = 1 ] && exit 0");
    }
}
