package io.github.rootlesspanel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.setup.install.Target;
import io.github.rootlesspanel.snapshotters.Snapshotter;
import io.github.rootlesspanel.config.rootlesskit.Variable;

/**
 * The bash and zsh completions, run by the real shells with the words set as each sets them on TAB, offer what
 * {@link Usage} and the enums say.
 */
class CompletionTest {

    static final Path DIR = ManPageTest.PROJECT.resolve("packaging/linux/completion");

    enum Shell {
        /** Sources the script, sets the words as bash would, runs the function, prints one reply per line. */
        BASH(List.of("bash", "--norc", "-c", "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); "
                + "_rootless_panel; printf '%s\\n' \"${COMPREPLY[@]}\"", "bash"), "rootless-panel.bash"),
        /**
         * Sets words and CURRENT as zsh's completion system does and sources the function file, which runs it;
         * compadd prints what it is given that matches the word being completed, as compadd would offer it.
         */
        ZSH(List.of("zsh", "-f", "-c", "compadd() { local suffix='' cur=${words[CURRENT]} c; "
                + "while [[ $1 != -- ]]; do if [[ $1 == -S ]]; then suffix=$2; shift; fi; shift; done; shift; "
                + "for c in \"$@\"; do [[ ${c[1,${#cur}]} == \"$cur\" ]] && print -r -- \"$c$suffix\"; done; return 0; }; "
                + "words=(\"${@:2}\"); CURRENT=$#words; source \"$1\"", "zsh"), "_rootless-panel");

        final List<String> driver;
        final Path script;

        Shell(List<String> driver, String script) {
            this.driver = driver;
            this.script = DIR.resolve(script);
        }
    }

    /** What TAB offers after these words; the last one is the word being completed. */
    static List<String> complete(Shell shell, String... words) throws IOException {
        List<String> argv = new ArrayList<>(shell.driver);
        argv.add(shell.script.toString());
        argv.addAll(List.of(words));
        ProcessRunner.Result r = new ProcessRunner(System.getenv()).run(argv, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        return r.stdout().lines().filter(l -> !l.isEmpty()).toList();
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void theFirstWordIsACommandOrAProgramOption(Shell shell) throws IOException {
        List<String> expected = new ArrayList<>(Usage.commandNames());
        Usage.GLOBAL_OPTIONS.forEach(o -> expected.add(o.name()));
        assertThat(complete(shell, "rootless-panel", "")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(complete(shell, "rootless-panel", "ins")).containsExactly("install");
        assertThat(complete(shell, "rootless-panel", "--v")).containsExactly("--version");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void everyOptionOfEveryCommandIsOffered(Shell shell) throws IOException {
        for (Usage.Command c : Usage.COMMANDS) {
            for (String name : c.names()) {
                List<String> offered = new ArrayList<>(complete(shell, "rootless-panel", name, "-"));
                // options that belong to one subcommand are offered after it
                switch (name) {
                    case "rootlesskit" -> List.of("show", "set")
                            .forEach(sub -> offered.addAll(uncheckedComplete(shell, "rootless-panel", name, sub, "-")));
                    case "snapshotter" -> List.of("list", "enable")
                            .forEach(sub -> offered.addAll(uncheckedComplete(shell, "rootless-panel", name, sub, "-")));
                    default -> { }
                }
                c.options().forEach(o -> assertThat(offered).as(name).contains(o.name()));
            }
        }
    }

    private static List<String> uncheckedComplete(Shell shell, String... words) {
        try {
            return complete(shell, words);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void unitsComponentsTargetsKeysAndSnapshottersAreOffered(Shell shell) throws IOException {
        List<String> units = new ArrayList<>();
        for (Component c : Component.values()) {
            units.add(c.id());
            units.add(c.unit());
        }
        assertThat(complete(shell, "rootless-panel", "restart", "")).containsExactlyInAnyOrderElementsOf(units);
        assertThat(complete(shell, "rootless-panel", "start", "containerd", "")).isEmpty();
        assertThat(complete(shell, "rootless-panel", "install", "--dry-run", ""))
                .containsExactlyInAnyOrderElementsOf(List.of(Target.values()).stream().map(Target::id).toList());
        assertThat(complete(shell, "rootless-panel", "install", "buildkit-containerd", "--snapshotter", "st"))
                .containsExactly("stargz");
        assertThat(complete(shell, "rootless-panel", "rootlesskit", "set", ""))
                .containsExactlyInAnyOrderElementsOf(List.of(Variable.values()).stream().map(v -> v.name() + "=").toList());
        assertThat(complete(shell, "rootless-panel", "rootlesskit", "set", "--unset", "M")).containsExactly("MTU");
        assertThat(complete(shell, "rootless-panel", "snapshotter", "default", ""))
                .containsExactlyInAnyOrderElementsOf(List.of(Snapshotter.values()).stream().map(Snapshotter::id).toList());
        assertThat(complete(shell, "rootless-panel", "snapshotter", "disable", "")).containsExactly("fuse-overlayfs", "stargz");
        assertThat(complete(shell, "rootless-panel", "help", "snap")).containsExactly("snapshotter");
        assertThat(complete(shell, "rootless-panel", "bypass4netns", "")).containsExactly("on", "off");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void containerNamesComeFromContainersJson(Shell shell, @TempDir Path dir) throws IOException {
        // a stand-in rootless-panel that answers `containers --json` with what the real renderer prints
        Path json = Files.writeString(dir.resolve("containers.json"),
                ContainersCommand.json(ContainersCommandTest.snapshot(), ContainersCommandTest.NOW));
        Path panel = dir.resolve("rootless-panel");
        Files.writeString(panel, "#!/bin/sh\n[ \"$1 $2\" = \"containers --json\" ] && exec cat '" + json + "'\nexit 2\n");
        Files.setPosixFilePermissions(panel, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(complete(shell, panel.toString(), "bypass4netns", "on", "")).containsExactlyInAnyOrder("web", "db");
        assertThat(complete(shell, panel.toString(), "bypass4netns", "off", "w")).containsExactly("web");
        assertThat(complete(shell, panel.toString(), "bypass4netns", "off", "web", "")).isEmpty();
    }
}
