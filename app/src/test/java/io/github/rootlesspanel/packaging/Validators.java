package io.github.rootlesspanel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.rootlesspanel.cli.Version;

/**
 * Debian's own validators over the desktop entry and the AppStream metainfo, for the files in the checkout
 * and the installed ones alike. Nothing is tolerated but the one pedantic note the app id brings.
 */
final class Validators {

    /**
     * `cid-contains-uppercase-letter`: AppStream's pedantic note on the reverse-DNS id the issue fixes
     * (io.github.rootlesspanel.RootlessPanel), in the style of Flathub's ids. Only shown with --pedantic.
     */
    static final String EXPLAINED_PEDANTIC = "cid-contains-uppercase-letter";

    private Validators() {
    }

    /** desktop-file-validate prints nothing for a file without errors, warnings or hints. */
    static void assertDesktopEntryValid(Path desktop) {
        Run r = run(List.of("desktop-file-validate", desktop.toString()));
        assertThat(r.output()).as("desktop-file-validate %s", desktop).isEmpty();
        assertThat(r.exitCode()).as("desktop-file-validate %s", desktop).isZero();
    }

    /** appstreamcli validate --no-net --pedantic --strict: no network here; every note shown, any but pedantic fails. */
    static void assertMetainfoValid(Path metainfo) {
        Run r = run(List.of("appstreamcli", "validate", "--no-net", "--pedantic", "--strict", "--no-color", metainfo.toString()));
        assertThat(r.exitCode()).as("appstreamcli validate: %s", r.output()).isZero();
        List<String> notes = r.output().lines().filter(l -> l.matches("^[EWIP]: .*")).toList();
        assertThat(notes).as("appstreamcli validate: %s", r.output())
                .allSatisfy(l -> assertThat(l).startsWith("P: ").contains(EXPLAINED_PEDANTIC));
    }

    /**
     * Both launchers of the app image at APP (the window's, the command line's) have their AppCDS archive, and
     * it fits: with -Xshare:on the JVM refuses to start when an archive does not match its class path.
     */
    static void assertArchivesFit(Path app) {
        for (String launcher : List.of("rootless-panel", "rootless-panel-cli")) {
            assertThat(app.resolve("lib/app/" + launcher + ".jsa")).isRegularFile();
            Run r = run(List.of("env", "JAVA_TOOL_OPTIONS=-Xshare:on", app.resolve("bin/" + launcher).toString(), "--version"));
            assertThat(r.exitCode()).as("%s with -Xshare:on: %s", launcher, r.output()).isZero();
            assertThat(r.output()).as(launcher).contains("rootless-panel " + Version.get()).doesNotContain("shared archive");
        }
    }

    /** Runs a command (argument list, no shell), stdout and stderr together. */
    static Run run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + cmd.get(0) + " (see .ci/run for the packages)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Run(int exitCode, String output) { }
}
