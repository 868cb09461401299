package io.github.rootlesspanel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.setup.install.Target;
import io.github.rootlesspanel.snapshotters.Snapshotter;
import io.github.rootlesspanel.config.rootlesskit.Variable;

/** The bash completion, run by real bash as bash runs it on TAB, offers what {@link Usage} and the enums say. */
class CompletionTest {

    static final Path SCRIPT = ManPageTest.PROJECT.resolve("packaging/linux/completion/rootless-panel.bash");
    /** Sources the script, sets the words as bash would, runs the function, prints one reply per line. */
    static final String DRIVER = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); "
            + "_rootless_panel; printf '%s\\n' \"${COMPREPLY[@]}\"";

    /** What TAB offers after these words; the last one is the word being completed. */
    static List<String> complete(String... words) throws IOException {
        List<String> argv = new ArrayList<>(List.of("bash", "--norc", "-c", DRIVER, "bash", SCRIPT.toString()));
        argv.addAll(List.of(words));
        ProcessRunner.Result r = new ProcessRunner(System.getenv()).run(argv, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        return r.stdout().lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theFirstWordIsACommandOrAProgramOption() throws IOException {
        List<String> expected = new ArrayList<>(Usage.commandNames());
        Usage.GLOBAL_OPTIONS.forEach(o -> expected.add(o.name()));
        assertThat(complete("rootless-panel", "")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(complete("rootless-panel", "ins")).containsExactly("install");
        assertThat(complete("rootless-panel", "--v")).containsExactly("--version");
    }

    @Test
    void everyOptionOfEveryCommandIsOffered() throws IOException {
        for (Usage.Command c : Usage.COMMANDS) {
            for (String name : c.names()) {
                List<String> offered = new ArrayList<>(complete("rootless-panel", name, "-"));
                // options that belong to one subcommand are offered after it
                switch (name) {
                    case "rootlesskit" -> List.of("show", "set")
                            .forEach(sub -> offered.addAll(uncheckedComplete("rootless-panel", name, sub, "-")));
                    case "snapshotter" -> List.of("list", "enable")
                            .forEach(sub -> offered.addAll(uncheckedComplete("rootless-panel", name, sub, "-")));
                    default -> { }
                }
                c.options().forEach(o -> assertThat(offered).as(name).contains(o.name()));
            }
        }
    }

    private static List<String> uncheckedComplete(String... words) {
        try {
            return complete(words);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unitsComponentsTargetsKeysAndSnapshottersAreOffered() throws IOException {
        List<String> units = new ArrayList<>();
        for (Component c : Component.values()) {
            units.add(c.id());
            units.add(c.unit());
        }
        assertThat(complete("rootless-panel", "restart", "")).containsExactlyInAnyOrderElementsOf(units);
        assertThat(complete("rootless-panel", "start", "containerd", "")).isEmpty();
        assertThat(complete("rootless-panel", "install", "--dry-run", ""))
                .containsExactlyInAnyOrderElementsOf(List.of(Target.values()).stream().map(Target::id).toList());
        assertThat(complete("rootless-panel", "install", "buildkit-containerd", "--snapshotter", "st"))
                .containsExactly("stargz");
        assertThat(complete("rootless-panel", "rootlesskit", "set", ""))
                .containsExactlyInAnyOrderElementsOf(List.of(Variable.values()).stream().map(v -> v.name() + "=").toList());
        assertThat(complete("rootless-panel", "rootlesskit", "set", "--unset", "M")).containsExactly("MTU");
        assertThat(complete("rootless-panel", "snapshotter", "default", ""))
                .containsExactlyInAnyOrderElementsOf(List.of(Snapshotter.values()).stream().map(Snapshotter::id).toList());
        assertThat(complete("rootless-panel", "snapshotter", "disable", "")).containsExactly("fuse-overlayfs", "stargz");
        assertThat(complete("rootless-panel", "help", "snap")).containsExactly("snapshotter");
        assertThat(complete("rootless-panel", "bypass4netns", "")).containsExactly("on", "off");
    }

    @Test
    void containerNamesComeFromContainersJson(@TempDir Path dir) throws IOException {
        // a stand-in rootless-panel that answers `containers --json` with what the real renderer prints
        Path json = Files.writeString(dir.resolve("containers.json"),
                ContainersCommand.json(ContainersCommandTest.snapshot(), ContainersCommandTest.NOW));
        Path panel = dir.resolve("rootless-panel");
        Files.writeString(panel, "#!/bin/sh\n[ \"$1 $2\" = \"containers --json\" ] && exec cat '" + json + "'\nexit 2\n");
        Files.setPosixFilePermissions(panel, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(complete(panel.toString(), "bypass4netns", "on", "")).containsExactlyInAnyOrder("web", "db");
        assertThat(complete(panel.toString(), "bypass4netns", "off", "w")).containsExactly("web");
        assertThat(complete(panel.toString(), "bypass4netns", "off", "web", "")).isEmpty();
    }
}
