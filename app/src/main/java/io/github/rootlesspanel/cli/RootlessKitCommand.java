package io.github.rootlesspanel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.rootlesspanel.config.ChangedOnDiskException;
import io.github.rootlesspanel.config.dropin.DropInParseException;
import io.github.rootlesspanel.config.rootlesskit.Effective;
import io.github.rootlesspanel.config.rootlesskit.EffectiveSettings;
import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Problem;
import io.github.rootlesspanel.config.rootlesskit.Resolved;
import io.github.rootlesspanel.config.rootlesskit.Rules;
import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.rootlesskit.Readiness;
import io.github.rootlesspanel.rootlesskit.SettingsService;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * {@code rootlesskit show [--json]}, {@code rootlesskit set KEY=VALUE... [--unset KEY] [--dry-run [--json]] [--restart]}
 * and {@code rootlesskit restore}: the same service and the same messages as the RootlessKit screen.
 */
final class RootlessKitCommand {

    private RootlessKitCommand() {
    }

    static int run(List<String> argv, InstallCommand.Connection connection, ProcessRunner runner, PrintStream out,
                   PrintStream err) {
        List<String> a = new ArrayList<>(argv);
        if (a.isEmpty() || !List.of("show", "set", "restore").contains(a.get(0))) {
            return Cli.usageError(err, "rootlesskit", a.isEmpty() ? "rootlesskit needs a subcommand: show, set or restore"
                    : "unknown rootlesskit subcommand '" + a.get(0) + "' (show, set, restore)");
        }
        String sub = a.remove(0);
        if (sub.equals("restore") && !a.isEmpty()) {
            return Cli.usageError(err, "rootlesskit", "rootlesskit restore takes no arguments");
        }
        if (sub.equals("set") && a.contains("--json") && !a.contains("--dry-run")) {
            return Cli.usageError(err, "rootlesskit", "--json goes with --dry-run");
        }
        // a bad KEY=VALUE is a usage error found before systemd is asked (exit 2, not 4)
        if (sub.equals("set")) {
            int checked = changes(new ArrayList<>(a), new LinkedHashMap<>(), err);
            if (checked != Cli.OK) {
                return checked;
            }
        }
        UserManager manager = null;
        try {
            try {
                manager = connection.open();
            } catch (SystemdException e) {
                if (sub.equals("restore") || sub.equals("set") && !a.contains("--dry-run")) {
                    err.println("rootless-panel: " + e.getMessage());
                    return Cli.UNREACHABLE;
                }
            }
            SettingsService service = new SettingsService(manager, runner);
            return switch (sub) {
                case "show" -> show(a, service, manager != null, out, err);
                case "set" -> set(a, service, out, err);
                default -> restore(service, out, err);
            };
        } finally {
            if (manager != null) {
                manager.close();
            }
        }
    }

    // ------------------------------------------------------------------ show

    private static int show(List<String> a, SettingsService service, boolean connected, PrintStream out,
                            PrintStream err) {
        boolean json = a.remove("--json");
        if (!a.isEmpty()) {
            return Cli.usageError(err, "rootlesskit", "rootlesskit show takes only --json");
        }
        SettingsService.Loaded loaded;
        try {
            loaded = service.load();
        } catch (DropInParseException e) {
            err.println("rootless-panel: " + service.overrideFile() + ": " + e.getMessage());
            return Cli.REFUSED;
        } catch (IOException e) {
            err.println("rootless-panel: " + e.getMessage()); // FileSnapshot's sentence names the file
            return Cli.FAILED;
        }
        HostCapabilities host = service.capabilities();
        EffectiveSettings fromFile = Effective.resolve(loaded.settings(), host);
        List<Problem> problems = Rules.validate(loaded.settings(), host);
        Optional<SettingsService.Running> running = Optional.empty();
        if (connected) {
            try {
                running = Optional.of(service.running(host));
            } catch (SystemdException e) {
                err.println("rootless-panel: " + e.getMessage());
            }
        }
        if (json) {
            out.print(json(service, loaded, fromFile, running, problems));
            return Cli.OK;
        }
        out.println("File: " + service.overrideFile() + (loaded.snapshot().exists() ? "" : " (does not exist: all defaults)"));
        String fmt = "%-21s %-22s %s%n";
        out.printf(fmt, "VARIABLE", "IN FILE", "EFFECTIVE AFTER RESTART");
        for (Variable v : Variable.values()) {
            out.printf(fmt, v.name(), loaded.settings().get(v).orElse("(default)"), fromFile.get(v).display());
        }
        running.ifPresent(r -> {
            out.println();
            out.println("Running containerd.service: " + r.unit().activeState().wire()
                    + (r.unit().subState().isEmpty() ? "" : " (" + r.unit().subState() + ")"));
            if (r.active()) {
                for (Variable v : Variable.values()) {
                    Resolved now = r.effective().get(v);
                    if (!now.value().equals(fromFile.get(v).value())) {
                        out.printf("  %s is %s now; a restart makes it %s%n", v.name(),
                                now.value().orElse("(auto)"), fromFile.get(v).value().orElse("(auto)"));
                    }
                }
                r.info().ifPresent(info -> out.println("  RootlessKit /v1/info: network driver "
                        + nested(info, "networkDriver", "driver") + ", port driver " + nested(info, "portDriver", "driver")
                        + ", child IP " + nested(info, "networkDriver", "childIP") + ", version " + info.get("version")));
            }
        });
        if (!problems.isEmpty()) {
            out.println();
            problems.forEach(p -> out.println((p.isError() ? "error: " : "warning: ") + p.message()));
        }
        return Cli.OK;
    }

    private static String nested(Map<String, Object> m, String outer, String inner) {
        Object o = m.get(outer);
        return o instanceof Map<?, ?> mm && mm.get(inner) != null ? String.valueOf(mm.get(inner)) : "?";
    }

    private static String json(SettingsService service, SettingsService.Loaded loaded, EffectiveSettings fromFile,
                               Optional<SettingsService.Running> running, List<Problem> problems) {
        ObjectNode root = CliJson.document();
        root.put("file", service.overrideFile().toString());
        root.put("fileExists", loaded.snapshot().exists());
        ArrayNode vars = root.putArray("variables");
        for (Variable v : Variable.values()) {
            ObjectNode n = vars.addObject();
            n.put("name", v.name());
            n.put("env", v.envName());
            n.put("file", loaded.settings().get(v).orElse(null));
            Resolved r = fromFile.get(v);
            n.put("effective", r.value().orElse(null));
            n.put("source", r.source().name().toLowerCase());
            n.put("reason", r.reason());
            running.filter(SettingsService.Running::active)
                    .ifPresent(run -> n.put("running", run.effective().get(v).value().orElse(null)));
        }
        running.ifPresent(r -> {
            ObjectNode rn = root.putObject("running");
            rn.put("activeState", r.unit().activeState().wire());
            rn.put("subState", r.unit().subState());
            r.info().ifPresent(info -> {
                rn.put("networkDriver", nested(info, "networkDriver", "driver"));
                rn.put("portDriver", nested(info, "portDriver", "driver"));
                rn.put("childIP", nested(info, "networkDriver", "childIP"));
                rn.put("rootlesskitVersion", String.valueOf(info.get("version")));
            });
        });
        problems(root, problems);
        return CliJson.write(root);
    }

    /** {@code "problems":[{"variable","severity","message"}]}, as show and set --dry-run --json print them. */
    private static void problems(ObjectNode root, List<Problem> problems) {
        ArrayNode ps = root.putArray("problems");
        for (Problem p : problems) {
            ObjectNode n = ps.addObject();
            n.put("variable", p.field().map(Variable::name).orElse(null));
            n.put("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
            n.put("message", p.message());
        }
    }

    // ------------------------------------------------------------------ set

    /** Reads set's KEY=VALUE and --unset KEY words into {@code changes}; OK or a usage error (printed). */
    private static int changes(List<String> a, Map<Variable, Optional<String>> changes, PrintStream err) {
        a.removeAll(List.of("--dry-run", "--restart", "--json"));
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            if (arg.equals("--unset")) {
                if (i + 1 >= a.size()) {
                    return Cli.usageError(err, "rootlesskit", "--unset needs a KEY");
                }
                Optional<Variable> v = variable(a.get(++i));
                if (v.isEmpty()) {
                    return unknownKey(a.get(i), err);
                }
                changes.put(v.get(), Optional.empty());
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                return Cli.usageError(err, "rootlesskit", "expected KEY=VALUE, got '" + arg + "'");
            }
            Optional<Variable> v = variable(arg.substring(0, eq));
            if (v.isEmpty()) {
                return unknownKey(arg.substring(0, eq), err);
            }
            String value = arg.substring(eq + 1);
            // an empty value means "back to the default", as in the form
            changes.put(v.get(), value.isEmpty() ? Optional.empty() : Optional.of(value));
        }
        return Cli.OK;
    }

    private static int set(List<String> a, SettingsService service, PrintStream out, PrintStream err) {
        boolean dryRun = a.remove("--dry-run");
        boolean restart = a.remove("--restart");
        boolean json = a.remove("--json");
        Map<Variable, Optional<String>> changes = new LinkedHashMap<>();
        int parsed = changes(a, changes, err);
        if (parsed != Cli.OK) {
            return parsed;
        }
        if (changes.isEmpty() && !restart) {
            return Cli.usageError(err, "rootlesskit", "rootlesskit set needs KEY=VALUE or --unset KEY");
        }
        SettingsService.Loaded loaded;
        try {
            loaded = service.load();
        } catch (DropInParseException e) {
            err.println("rootless-panel: " + service.overrideFile() + ": " + e.getMessage() + "; nothing was written");
            return Cli.REFUSED;
        } catch (IOException e) {
            err.println("rootless-panel: " + e.getMessage()); // FileSnapshot's sentence names the file
            return Cli.FAILED;
        }
        SettingsService.Edit edit = service.edit(loaded, changes, service.capabilities());
        for (Problem p : edit.problems()) {
            err.println("rootless-panel: " + (p.isError() ? "error: " : "warning: ") + p.message());
        }
        if (edit.blocked()) {
            err.println("rootless-panel: nothing was written.");
            return Cli.USAGE;
        }
        if (dryRun) {
            if (json) {
                ObjectNode root = CliJson.document();
                root.put("file", service.overrideFile().toString());
                root.put("changed", edit.changed());
                root.put("diff", edit.changed() ? edit.diff() : null);
                problems(root, edit.problems());
                out.print(CliJson.write(root));
            } else {
                out.print(edit.changed() ? edit.diff() : "(no changes)\n");
            }
            return Cli.OK;
        }
        try {
            if (edit.changed()) {
                service.write(edit);
                out.println("Wrote " + service.overrideFile() + " (previous version kept as override.conf.bak).");
                service.reload();
                out.println("Reloaded systemd.");
            } else {
                out.println("No changes to write.");
            }
            if (!restart) {
                if (edit.changed()) {
                    out.println("containerd.service uses the new settings after a restart (it stops running containers): "
                            + "rootless-panel rootlesskit set --restart");
                }
                return Cli.OK;
            }
            out.println("Restarting containerd.service (running containers stop) …");
            String ready = service.restartAndWait();
            out.println(ready);
            return Cli.OK;
        } catch (ChangedOnDiskException e) {
            err.println("rootless-panel: " + e.getMessage());
            return Cli.REFUSED;
        } catch (IOException e) {
            err.println("rootless-panel: " + e.getMessage()); // AtomicFile's sentence names the file and what is left
            return Cli.FAILED;
        } catch (SystemdException e) {
            err.println("rootless-panel: " + e.getMessage());
            return e instanceof SystemdException.BusUnavailable ? Cli.UNREACHABLE : Cli.REFUSED;
        } catch (Readiness.NotReadyException e) {
            err.println("rootless-panel: containerd did not come back: " + e.getMessage());
            err.println("To put the previous settings back: rootless-panel rootlesskit restore");
            return Cli.FAILED;
        }
    }

    private static int restore(SettingsService service, PrintStream out, PrintStream err) {
        if (!service.hasPrevious()) {
            err.println("rootless-panel: there is no previous version of " + service.overrideFile());
            return Cli.REFUSED;
        }
        try {
            service.restorePrevious();
            out.println("Restored the previous " + service.overrideFile() + " and reloaded systemd. "
                    + "Restart containerd for it to take effect: rootless-panel rootlesskit set --restart");
            return Cli.OK;
        } catch (IOException e) {
            err.println("rootless-panel: " + e.getMessage());
            return Cli.FAILED;
        } catch (SystemdException e) {
            err.println("rootless-panel: " + e.getMessage());
            return e instanceof SystemdException.BusUnavailable ? Cli.UNREACHABLE : Cli.REFUSED;
        }
    }

    private static Optional<Variable> variable(String key) {
        Optional<Variable> v = Variable.fromEnvName(key);
        if (v.isPresent()) {
            return v;
        }
        try {
            return Optional.of(Variable.valueOf(key.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int unknownKey(String key, PrintStream err) {
        StringBuilder names = new StringBuilder();
        for (Variable v : Variable.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(v.name());
        }
        return Cli.usageError(err, "rootlesskit", "unknown setting '" + key + "'; use one of " + names
                + " (or their CONTAINERD_ROOTLESS_ROOTLESSKIT_ names)");
    }
}
