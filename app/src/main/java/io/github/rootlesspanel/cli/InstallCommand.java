package io.github.rootlesspanel.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.setup.install.StepFailedException;
import io.github.rootlesspanel.setup.install.Target;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * {@code install TARGET [--dry-run [--json]] [--replace] [--namespace NS] [--snapshotter NAME] [--keep-on-failure]}
 * and {@code uninstall TARGET [--dry-run [--json]] [--remove-drop-ins]}: prints the plan, carries it out step by
 * step, and on a failure rolls back what was done (unless told to keep it).
 */
final class InstallCommand {

    /** Connects to the user manager when needed (a dry run prints the plan without it if need be). */
    interface Connection {
        UserManager open() throws SystemdException;
    }

    private InstallCommand() {
    }

    static int run(boolean install, List<String> argv, Connection connection, ProcessRunner runner,
                   PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(argv);
        String command = install ? "install" : "uninstall";
        boolean dryRun = a.remove("--dry-run");
        boolean json = a.remove("--json");
        // each takes only its own options; the other's are left over and reported below
        boolean replace = install && a.remove("--replace");
        boolean keep = install && a.remove("--keep-on-failure");
        boolean dropIns = !install && a.remove("--remove-drop-ins");
        Optional<String> ns = install ? option(a, "--namespace") : Optional.empty();
        Optional<String> snapshotter = install ? option(a, "--snapshotter") : Optional.empty();
        if (a.size() != 1 || a.get(0).startsWith("-")) {
            return Cli.usageError(err, command, command + " needs one component: " + targets()
                    + (a.size() > 1 ? " (unknown: " + String.join(" ", a.subList(1, a.size())) + ")" : ""));
        }
        if (json && !dryRun) {
            return Cli.usageError(err, command, "--json goes with --dry-run (progress is text)");
        }
        Optional<Target> target = Target.find(a.get(0));
        if (target.isEmpty()) {
            return Cli.usageError(err, command, "'" + a.get(0) + "' is not a component; use one of: " + targets());
        }
        Installer.Options options;
        try {
            options = new Installer.Options(replace, ns, snapshotter);
        } catch (IllegalArgumentException e) {
            return Cli.usageError(err, command, e.getMessage());
        }
        UserManager manager = null;
        try {
            try {
                manager = connection.open();
            } catch (SystemdException e) {
                if (!dryRun) {
                    err.println("rootless-panel: " + e.getMessage());
                    return Cli.UNREACHABLE;
                }
            }
            Installer installer = new Installer(manager, runner);
            Plan plan;
            try {
                plan = install ? installer.installPlan(target.get(), options)
                        : installer.uninstallPlan(target.get(), options, dropIns);
            } catch (IllegalArgumentException e) {
                // a path of this session that no unit file can hold (SystemdQuoting says which); nothing was changed
                err.println("rootless-panel: " + e.getMessage());
                return Cli.REFUSED;
            }
            if (dryRun) {
                out.print(json ? CliJson.write(CliJson.document().set("plan", CliJson.plan(plan))) : plan.describe());
                return Cli.OK;
            }
            return execute(plan, keep, out, err);
        } finally {
            if (manager != null) {
                manager.close();
            }
        }
    }

    static int execute(Plan plan, boolean keepOnFailure, PrintStream out, PrintStream err) {
        out.println(plan.title());
        long t0 = System.nanoTime();
        int total = plan.steps().size();
        PlanRunner runner = new PlanRunner();
        PlanRunner.Outcome outcome = runner.run(plan, new PlanRunner.Listener() {
            @Override
            public void started(int index, Step step) {
                out.printf("[%d/%d] %s … ", index + 1, total, step.title());
                out.flush();
            }

            @Override
            public void finished(int index, Step step, String result) {
                out.println(result);
            }

            @Override
            public void failed(int index, Step step, Exception error) {
                out.println("FAILED");
            }
        });
        if (outcome.succeeded()) {
            out.printf("%s: done in %.1f s.%n", plan.title(), (System.nanoTime() - t0) / 1e9);
            plan.notes().forEach(n -> out.println("Note: " + n));
            return Cli.OK;
        }
        Exception e = outcome.failure().get();
        err.println("rootless-panel: " + e.getMessage());
        if (e instanceof StepFailedException sf && !sf.details().isBlank()) {
            err.println(sf.details());
        }
        if (keepOnFailure || outcome.undoable().isEmpty()) {
            return Cli.FAILED;
        }
        out.println("Rolling back what was done:");
        List<String> problems = runner.rollback(outcome, new PlanRunner.Listener() {
            @Override
            public void started(int index, Step step) {
                out.print("  " + step.title() + " … ");
                out.flush();
            }

            @Override
            public void finished(int index, Step step, String result) {
                out.println(result);
            }

            @Override
            public void failed(int index, Step step, Exception error) {
                out.println("FAILED: " + error.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            err.println("rootless-panel: the rollback could not undo everything; see above.");
        }
        return Cli.FAILED;
    }

    private static Optional<String> option(List<String> a, String name) {
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            if (s.startsWith(name + "=")) {
                a.remove(i);
                return Optional.of(s.substring(name.length() + 1));
            }
            if (s.equals(name) && i + 1 < a.size()) {
                String v = a.get(i + 1);
                a.remove(i + 1);
                a.remove(i);
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static String targets() {
        StringBuilder sb = new StringBuilder();
        for (Target t : Target.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.id());
        }
        return sb.toString();
    }
}
