package io.github.rootlesspanel.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostProbe;
import io.github.rootlesspanel.setup.checks.CheckReport;

/**
 * {@code rootless-panel check [--json]}: the prerequisite checks for rootless containerd. Prints a grouped
 * list (or the JSON document of {@link CheckReport}); never runs sudo, only prints the commands.
 */
public final class CheckCommand {

    private CheckCommand() {
    }

    /**
     * @param args  the arguments after the command word ({@code check} itself at the front is tolerated)
     * @param probe gathers the host's facts; its user-manager question is the caller's
     */
    public static int run(List<String> args, HostProbe probe, PrintStream out, PrintStream err) {
        return run(args, (Supplier<HostFacts>) probe::probe, out, err);
    }

    /** As above, with the facts from anywhere (tests pass prepared ones). Gathered only for a valid command line. */
    public static int run(List<String> args, Supplier<HostFacts> facts, PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(args);
        if (!a.isEmpty() && a.get(0).equals("check")) {
            a.remove(0);
        }
        if (a.contains("-h") || a.contains("--help")) {
            out.print(Usage.text(Usage.find("check").orElseThrow()));
            return Cli.OK;
        }
        boolean json = a.remove("--json");
        if (!a.isEmpty()) {
            return Cli.usageError(err, "check", "check takes no arguments besides --json, got: " + String.join(" ", a));
        }
        CheckReport report = CheckReport.of(facts.get());
        out.print(json ? report.json() : report.text());
        out.flush();
        return report.anyFailed() ? Cli.FAILED : Cli.OK;
    }
}
