package io.github.rootlesspanel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.systemd.SystemdException;

/**
 * Help, usage errors and exit statuses of every command, in-process. The user manager is never there: a command
 * that needs it must say so with 4, and a usage error must be found before anything is asked.
 */
class CliUsageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    /** No user bus anywhere: the runtime dir does not exist, so containerd's socket is not there either. */
    private static final Map<String, String> ENV = Map.of("XDG_RUNTIME_DIR", "/nonexistent/run", "HOME",
            "/nonexistent/home", "PATH", "/usr/bin:/bin");

    private final List<String> connects = new ArrayList<>();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        outBytes.reset();
        errBytes.reset();
        Cli.Connector unreachable = address -> {
            connects.add(address);
            throw new SystemdException.BusUnavailable("Cannot reach the systemd user manager at " + address, "", null);
        };
        return new Cli(unreachable, ENV, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8), CLOCK).run(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    static List<String> commandNames() {
        return Usage.commandNames();
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void everyCommandHasHelpThreeWaysOnStdout(String name) {
        assertThat(run("help", name)).as(err()).isZero();
        String help = out();
        assertThat(help).startsWith("Usage: rootless-panel ").contains(name).contains("Exit status:");
        assertThat(err()).isEmpty();
        assertThat(run(name, "--help")).isZero();
        assertThat(out()).isEqualTo(help);
        assertThat(run(name, "-h")).isZero();
        assertThat(out()).isEqualTo(help);
        assertThat(connects).as("help asks nothing").isEmpty();
    }

    @Test
    void everyOptionAndExitStatusOfACommandIsInItsHelp() {
        for (Usage.Command c : Usage.COMMANDS) {
            run("help", c.name());
            c.options().forEach(o -> assertThat(out()).as(c.name()).contains(o.name()));
            c.exits().forEach(e -> assertThat(out()).as(c.name()).containsPattern("(?m)^  " + e.code() + "  "));
            assertThat(c.exits()).as(c.name()).extracting(Usage.Exit::code)
                    .isSubsetOf(Usage.EXIT_CODES.stream().map(Usage.Exit::code).toList());
        }
    }

    @Test
    void programHelpListsEveryCommandAndTheExitStatuses() {
        assertThat(run("--help")).isZero();
        String help = out();
        Usage.commandNames().forEach(n -> assertThat(help).contains(n));
        assertThat(help).contains("--version").contains("rootless-panel [--trace-startup]  open the window")
                .containsPattern("(?m)^  4  the systemd user manager or containerd");
        assertThat(run("-h")).isZero();
        assertThat(out()).isEqualTo(help);
        assertThat(run("help")).isZero();
        assertThat(out()).isEqualTo(help);
        assertThat(run()).isEqualTo(Cli.USAGE);
        assertThat(err()).isEqualTo(help);
    }

    @Test
    void versionIsOneLine() {
        assertThat(run("--version")).isZero();
        assertThat(out()).matches("rootless-panel \\S+\\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            frobnicate                                 | --help
            --json                                     | --help
            --trace-startup status                     | --help
            help frobnicate                            | help help
            status --dry-run                           | help status
            check extra                                | help check
            start                                      | help start
            stop nosuch                                | help stop
            install                                    | help install
            install nosuch                             | help install
            install containerd --json                  | help install
            install containerd --frobnicate            | help install
            uninstall containerd --replace             | help uninstall
            rootlesskit                                | help rootlesskit
            rootlesskit frobnicate                     | help rootlesskit
            rootlesskit show --dry-run                 | help rootlesskit
            rootlesskit restore now                    | help rootlesskit
            rootlesskit set MTU=1500 --json            | help rootlesskit
            snapshotter                                | help snapshotter
            snapshotter list --dry-run                 | help snapshotter
            snapshotter default stargz --json          | help snapshotter
            snapshotter enable fuse-overlayfs --json   | help snapshotter
            snapshotter enable overlayfs --dry-run     | help snapshotter
            containers --all                           | help containers
            bypass4netns on                            | help bypass4netns
            bypass4netns on web --json                 | help bypass4netns
            topology --json --dot                      | help topology
            """)
    void usageErrorsExit2AndSayWhereHelpIs(String args, String helpHint) {
        assertThat(run(args.split(" "))).as(err()).isEqualTo(Cli.USAGE);
        assertThat(err()).startsWith("rootless-panel: ").endsWith("Try 'rootless-panel " + helpHint + "'.\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void usageErrorsAreFoundBeforeTheUserManagerIsAsked() {
        for (String args : List.of("install nosuch", "install containerd --json", "rootlesskit frobnicate",
                "rootlesskit restore now", "snapshotter list --dry-run", "start nosuch", "status extra")) {
            run(args.split(" "));
        }
        assertThat(connects).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            status
            start containerd
            install containerd
            uninstall stargz
            rootlesskit restore
            snapshotter enable stargz
            containers
            containers --json
            bypass4netns on web --dry-run
            """)
    void whatNeedsTheUserManagerOrContainerdExits4WhenItIsNotThere(String args) {
        assertThat(run(args.split(" "))).as(out() + err()).isEqualTo(Cli.UNREACHABLE);
        assertThat(err()).startsWith("rootless-panel: ");
    }

    @Test
    void installDryRunJsonIsThePlanWithoutTheUserManager() throws Exception {
        assertThat(run("install", "containerd", "--dry-run", "--json")).as(err()).isZero();
        JsonNode root = new ObjectMapper().readTree(out());
        assertThat(root.get("version").asInt()).isEqualTo(CliJson.VERSION);
        JsonNode plan = root.get("plan");
        assertThat(plan.get("title").asText()).startsWith("Install containerd");
        assertThat(plan.get("unit").asText()).isEqualTo("containerd.service");
        assertThat(plan.get("steps")).isNotEmpty();
        assertThat(plan.get("attachmentTitle").asText()).isEqualTo("Unit file");
        assertThat(plan.get("attachment").asText()).contains("ExecStart=").contains("[Install]");

        assertThat(run("uninstall", "stargz", "--dry-run", "--json")).as(err()).isZero();
        assertThat(new ObjectMapper().readTree(out()).get("plan").get("title").asText()).startsWith("Uninstall");
    }
}
