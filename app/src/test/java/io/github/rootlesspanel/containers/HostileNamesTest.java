package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.journal.JournalCommand;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.testsupport.Tried;
import io.github.rootlesspanel.ui.containers.ContainersViewModel;

/**
 * Names that start with '-' and names that are not names, everywhere the panel hands a name to another program or
 * into a file name: each is refused with a message that names it, or passed where it cannot be read as an option
 * (after {@code --}, or glued to its option as {@code --opt=value}). The argument lists are checked as data;
 * DashNamesIT runs them through the stand-in nerdctl on the real containerd.
 */
class HostileNamesTest {

    /** Words a program would read as its own options. */
    static final List<String> DASHED = List.of("-rf", "--help", "-", "--", "-x=y", "--namespace=evil", "-u",
            "--version", "-n", "-f");

    /** Not names at all: blanks, line breaks, paths, shell and systemd syntax, nothing, non-ASCII. */
    static final List<String> INVALID = List.of("a b", "a\nb", "../x", "/x", "x;rm", "$X", "${X}", "%h", "a\"b",
            "a'b", "", " ", "ä", "a\\b");

    /** The sizes of the lists above, as the annotations need constants; the tests check them. */
    static final int DASHED_CASES = 10;
    static final int CASES_CLI = 24;

    static List<String> all() {
        List<String> all = Stream.concat(DASHED.stream(), INVALID.stream()).toList();
        assertThat(all).hasSize(CASES_CLI);
        return all;
    }

    // --- nerdctl ---------------------------------------------------------------------------------------------------

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "nerdctl start/stop/rename/rm/commit of a container whose name or id "
            + "starts with '-'", cases = DASHED_CASES, outcome = "every operand after --; nothing in an option position")
    void nerdctlOperandsComeAfterTheDoubleDash() {
        assertThat(DASHED).hasSize(DASHED_CASES);
        ContainerView c = RecreatePlannerTest.web();
        for (String name : DASHED) {
            for (String sub : List.of("start", "stop", "rm", "commit", "rename")) {
                List<String> argv = sub.equals("rename") || sub.equals("commit")
                        ? RecreatePlanner.global(c, sub, name, name + "-old") : RecreatePlanner.global(c, sub, name);
                assertOperandsAfterDoubleDash(argv, name);
            }
        }
    }

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "Run dialog and nerdctl run: image references and container names that "
            + "start with '-' or are not names", cases = CASES_CLI, outcome = "refused with the rule (form error and "
            + "plan error); a planned image only after --")
    void theRunDialogAndTheRunPlanRefuseThem() throws Exception {
        RecreatePlanner p = RecreatePlannerTest.planner("nerdctl version 2.0.3");
        for (String bad : all()) {
            assertThat(ContainersViewModel.runProblem(bad, "", "")).as("image %s", show(bad)).isNotEmpty();
            if (!bad.isBlank()) {
                assertThat(ContainersViewModel.runProblem("nginx", bad, "")).as("name %s", show(bad)).isNotEmpty();
                assertThatThrownBy(() -> p.runPlan(new RunRequest("nginx", bad, List.of(), false)))
                        .as("name %s", show(bad)).isInstanceOf(NerdctlException.class).hasMessageContaining(bad);
            }
            assertThatThrownBy(() -> p.runPlan(new RunRequest(bad, "", List.of(), false)))
                    .as("image %s", show(bad)).isInstanceOf(NerdctlException.class);
            // the argument list alone (what a caller past the checks would get): the image is an operand
            assertOperandsAfterDoubleDash(p.runArgs(new RunRequest(bad, "site", List.of(), true)), bad);
        }
        assertThat(ContainersViewModel.runProblem("docker.io/library/nginx:alpine", "site", "8080:80")).isEmpty();
        assertThat(ContainersViewModel.runProblem("[::1]:5000/x@sha256:" + "a".repeat(64), "a1", "")).isEmpty();
    }

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "recreate (bypass4netns) of a container whose nerdctl name starts with "
            + "'-' or is not a name", cases = CASES_CLI, outcome = "refused with a message naming it; no command run")
    void theRecreatePlannerRefusesThem() {
        RecreatePlanner p = RecreatePlannerTest.planner("nerdctl version 2.0.3");
        for (String bad : all()) {
            if (bad.isBlank()) {
                continue;   // a blank nerdctl/name is no name: the container goes by its id
            }
            Map<String, String> labels = RecreatePlannerTest.labels();
            labels.put("nerdctl/name", bad);
            ContainerView c = RecreatePlannerTest.view(RecreatePlannerTest.SPEC, labels, RecreatePlannerTest.RUNNING,
                    RecreatePlannerTest.PORTS);
            assertThatThrownBy(() -> p.plan(c, true, false)).as(show(bad)).isInstanceOf(NerdctlException.class);
        }
    }

    // --- journalctl ------------------------------------------------------------------------------------------------

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "journalctl --user -u UNIT with unit names that start with '-'",
            cases = DASHED_CASES, outcome = "refused before journalctl runs; a valid unit only as -u's argument")
    void theJournalCommandRefusesThem() {
        assertThat(DASHED).hasSize(DASHED_CASES);
        for (String name : DASHED) {
            assertThatThrownBy(() -> JournalCommand.forUnit(name)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name);
        }
        List<String> argv = JournalCommand.forUnit("containerd.service").following(true).argv();
        assertThat(argv.get(argv.indexOf("-u") + 1)).isEqualTo("containerd.service");
    }

    // --- the command line and the install options ------------------------------------------------------------------

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "command line: start/stop/restart/enable/disable UNIT, install "
            + "--namespace/--snapshotter, rootlesskit set, snapshotter default with names that start with '-' or are "
            + "not names", cases = CASES_CLI, outcome = "exit 2 with a message before systemd is asked; nothing written")
    void theCommandLineRefusesThemBeforeAskingAnything() {
        for (String bad : all()) {
            for (String verb : List.of("start", "stop", "restart", "enable", "disable")) {
                expectUsageError(bad, verb, bad);
            }
            expectUsageError(bad, "install", "buildkit-containerd", "--namespace", bad, "--dry-run");
            expectUsageError(bad, "install", "buildkit-containerd", "--namespace=" + bad);
            expectUsageError(bad, "install", "buildkit-containerd", "--snapshotter", bad, "--dry-run");
            expectUsageError(bad, "snapshotter", "default", bad);
            if (!bad.contains("=")) {
                expectUsageError(bad, "rootlesskit", "set", bad);
            }
        }
    }

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "install options that name a unit file and land in ExecStart= "
            + "(containerd namespace, snapshotter)", cases = CASES_CLI,
            outcome = "refused by containerd's name rule; no path outside the unit directory, no quoting to get wrong")
    void installOptionsFollowContainerdsNameRule() {
        for (String bad : all()) {
            assertThatThrownBy(() -> new Installer.Options(false, Optional.of(bad), Optional.empty())).as(show(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
            assertThatThrownBy(() -> new Installer.Options(false, Optional.empty(), Optional.of(bad))).as(show(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshotter");
        }
        for (String good : List.of("buildkit", "k8s.io", "my_ns-2", "fuse-overlayfs", "a")) {
            assertThat(new Installer.Options(false, Optional.of(good), Optional.of(good)).containerdNamespace())
                    .contains(good);
        }
        assertThatThrownBy(() -> new Installer.Options(false, Optional.of("a".repeat(77)), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** The word is an operand: it comes after a "--" and nothing before that "--" is it. */
    static void assertOperandsAfterDoubleDash(List<String> argv, String word) {
        int dd = argv.indexOf("--");
        assertThat(dd).as("%s has a --", argv).isNotNegative();
        assertThat(argv.subList(0, dd)).as("%s before --", argv).doesNotContain(word);
        assertThat(argv.subList(dd + 1, argv.size())).as("%s after --", argv).contains(word);
        for (String a : argv.subList(0, dd)) {
            // before "--" only the subcommand, nerdctl's own options and options with their value glued on
            assertThat(a.startsWith("-") || a.matches("[a-z]+")).as("%s in %s", a, argv).isTrue();
        }
    }

    private void expectUsageError(String bad, String... args) {
        List<String> connects = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli.Connector connector = address -> {
            connects.add(address);
            throw new SystemdException.BusUnavailable("no bus in this test", "", null);
        };
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", "/nonexistent/run", "HOME", "/nonexistent/home", "PATH",
                "/usr/bin:/bin", "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        int code = new Cli(connector, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .run(args);
        String text = err.toString(StandardCharsets.UTF_8);
        if (List.of(args).contains("--help")) {   // every command's own --help: the help, and nothing asked or changed
            assertThat(code).isEqualTo(Cli.OK);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: rootless-panel ").contains(args[0]);
            assertThat(connects).isEmpty();
            return;
        }
        assertThat(code).as("%s: %s", List.of(args), text).isEqualTo(Cli.USAGE);
        assertThat(connects).as("%s asked systemd", List.of(args)).isEmpty();
        assertThat(text).as("%s names what it refused", List.of(args)).startsWith("rootless-panel: ");
        if (!bad.isBlank() && !bad.contains("\n")) {
            // "--snapshotter --namespace=evil": the option left without its value is what gets named
            int at = List.of(args).indexOf(bad);
            String named = text.contains(bad) || at < 1 ? bad : args[at - 1];
            assertThat(text).as("%s names %s", List.of(args), bad).contains(named);
        }
    }

    private static String show(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
