package io.github.rootlesspanel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.host.HostProbe;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.snapshotters.Snapshotter;
import io.github.rootlesspanel.snapshotters.SnapshotterService;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * {@code snapshotter list [--json]}, {@code snapshotter enable|disable fuse-overlayfs|stargz [--dry-run [--json]]},
 * {@code snapshotter default NAME}.
 */
final class SnapshotterCommand {

    private SnapshotterCommand() {
    }

    static int run(List<String> argv, InstallCommand.Connection connection, ProcessRunner runner, PrintStream out,
                   PrintStream err) {
        List<String> a = new ArrayList<>(argv);
        if (a.isEmpty() || !List.of("list", "enable", "disable", "default").contains(a.get(0))) {
            return Cli.usageError(err, "snapshotter", a.isEmpty()
                    ? "snapshotter needs a subcommand: list, enable, disable or default"
                    : "unknown snapshotter subcommand '" + a.get(0) + "' (list, enable, disable, default)");
        }
        String sub = a.remove(0);
        boolean dryRun = a.remove("--dry-run");
        boolean json = a.remove("--json");
        boolean change = sub.equals("enable") || sub.equals("disable");
        if (sub.equals("list") && (dryRun || !a.isEmpty()) || sub.equals("default") && (dryRun || json)
                || change && json && !dryRun) {
            return Cli.usageError(err, "snapshotter", "snapshotter " + sub + " does not take "
                    + String.join(" ", argv.subList(1, argv.size())));
        }
        if (sub.equals("default") && (a.size() != 1 || Snapshotter.find(a.get(0)).isEmpty())) {
            return Cli.usageError(err, "snapshotter", "snapshotter default needs one of overlayfs, native, "
                    + "fuse-overlayfs, stargz" + (a.isEmpty() ? "" : ", got '" + String.join(" ", a) + "'"));
        }
        UserManager manager = null;
        try {
            try {
                manager = connection.open();
            } catch (SystemdException e) {
                if (change && !dryRun) {
                    err.println("rootless-panel: " + e.getMessage());
                    return Cli.UNREACHABLE;
                }
            }
            SnapshotterService service = new SnapshotterService(manager, runner);
            return switch (sub) {
                case "list" -> list(service, runner, json, out);
                case "default" -> setDefault(a, service, out, err);
                default -> change(sub.equals("enable"), a, dryRun, json, service, out, err);
            };
        } finally {
            if (manager != null) {
                manager.close();
            }
        }
    }

    private static int list(SnapshotterService service, ProcessRunner runner, boolean json, PrintStream out) {
        HostProbe probe = new HostProbe(runner, Path.of("/"), Optional::empty);
        List<SnapshotterService.Row> rows = service.list(probe.probe());
        if (json) {
            ObjectNode root = CliJson.document();
            root.put("default", service.defaultSnapshotter());
            ArrayNode list = root.putArray("snapshotters");
            for (SnapshotterService.Row r : rows) {
                ObjectNode n = list.addObject();
                n.put("name", r.snapshotter().id());
                n.put("expectedToWork", r.verdict().expected());
                ArrayNode why = n.putArray("reasons");
                r.verdict().reasons().forEach(why::add);
                n.put("loaded", r.loaded());
                n.put("containerd", r.pluginState());
                if (r.unit().isPresent()) {
                    n.put("unit", r.snapshotter().unit().get().component().unit());
                    n.put("unitState", r.unit().get().installed() ? r.unit().get().activeState().wire() : "not-installed");
                } else {
                    n.putNull("unit");
                    n.putNull("unitState");
                }
                n.put("default", r.isDefault());
            }
            out.print(CliJson.write(root));
            return Cli.OK;
        }
        String fmt = "%-15s %-9s %-40s %-14s %s%n";
        out.printf(fmt, "SNAPSHOTTER", "EXPECTED", "CONTAINERD", "UNIT", "DEFAULT");
        for (SnapshotterService.Row r : rows) {
            out.printf(fmt, r.snapshotter().id(), r.verdict().expected() ? "yes" : "no", r.pluginState(),
                    r.unit().map(u -> u.installed() ? u.activeState().wire() : "not installed").orElse("-"),
                    r.isDefault() ? "yes" : "");
        }
        return Cli.OK;
    }

    private static int setDefault(List<String> a, SnapshotterService service, PrintStream out, PrintStream err) {
        try {
            out.println("nerdctl's default snapshotter: " + a.get(0) + " (" + service.setDefault(Snapshotter.find(a.get(0)).get())
                    + "). For one shell: export CONTAINERD_SNAPSHOTTER=" + a.get(0) + "; for one command: nerdctl --snapshotter="
                    + a.get(0));
            return Cli.OK;
        } catch (ConfigParseException e) {
            err.println("rootless-panel: " + service.nerdctlToml() + " does not parse (line " + e.line() + ", column "
                    + e.column() + "): " + e.reason() + "; nothing was written");
            return Cli.REFUSED;
        } catch (io.github.rootlesspanel.config.ChangedOnDiskException e) {
            err.println("rootless-panel: " + e.getMessage());
            return Cli.REFUSED;
        } catch (IOException e) {
            err.println("rootless-panel: " + e.getMessage());
            return Cli.FAILED;
        }
    }

    private static int change(boolean enable, List<String> a, boolean dryRun, boolean json, SnapshotterService service,
                              PrintStream out, PrintStream err) {
        Optional<Snapshotter> s = a.size() == 1 ? Snapshotter.find(a.get(0)) : Optional.empty();
        if (s.isEmpty() || !s.get().proxy()) {
            return Cli.usageError(err, "snapshotter", "snapshotter " + (enable ? "enable" : "disable")
                    + " needs fuse-overlayfs or stargz (overlayfs and native are built into containerd)");
        }
        Plan plan = enable ? service.enablePlan(s.get()) : service.disablePlan(s.get());
        if (dryRun) {
            try {
                String diff = service.configDiff(s.get(), enable);
                if (json) {
                    ObjectNode root = CliJson.document();
                    root.set("plan", CliJson.plan(plan));
                    root.put("file", service.configToml().toString());
                    root.put("diff", diff);
                    out.print(CliJson.write(root));
                } else {
                    out.print(plan.describe());
                    out.println();
                    out.println("Change to " + service.configToml() + " (apply with patch -p0):");
                    out.print(diff);
                }
            } catch (ConfigParseException e) {
                err.println("rootless-panel: " + service.configToml() + " does not parse (line " + e.line() + ", column "
                        + e.column() + "): " + e.reason());
                return Cli.REFUSED;
            } catch (IOException e) {
                err.println("rootless-panel: " + e.getMessage());
                return Cli.FAILED;
            }
            return Cli.OK;
        }
        return InstallCommand.execute(plan, false, out, err);
    }
}
