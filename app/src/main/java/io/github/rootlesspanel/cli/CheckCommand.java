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
 * Exit status: 0 nothing failed (warnings allowed), 1 at least one check failed, 2 usage error.
 */
public final class CheckCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

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
            out.print(usage());
            return OK;
        }
        boolean json = a.remove("--json");
        if (!a.isEmpty()) {
            err.println("rootless-panel: check takes no arguments besides --json, got: " + String.join(" ", a));
            err.println("Try 'rootless-panel --help'.");
            return USAGE;
        }
        CheckReport report = CheckReport.of(facts.get());
        out.print(json ? report.json() : report.text());
        out.flush();
        return report.anyFailed() ? FAILED : OK;
    }

    public static String usage() {
        return """
                Usage: rootless-panel check [--json]

                Checks what rootless containerd needs on this machine: the setup script's own checks
                (not root, systemctl --user, HOME, XDG_RUNTIME_DIR, RootlessKit, cgroup v2, overlayfs)
                and what it leaves out (subuid/subgid, newuidmap, sysctls, AppArmor, SELinux, kernel,
                dbus-user-session, lingering, binaries, bypass4netns). Each non-ok check comes with
                the commands to fix it for your distribution; nothing is run with sudo.

                Exit status: 0 nothing failed, 1 at least one check failed, 2 usage error.
                """;
    }
}
