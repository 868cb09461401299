package io.github.rootlesspanel.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.host.HostProbe;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserBusAddress;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * {@code rootless-panel COMMAND ...}: the same services as the window, for scripts. What it accepts is written
 * down once in {@link Usage}; the exit statuses below mean the same in every command.
 */
public final class Cli {

    public static final int OK = 0;
    /** The operation ran and failed (systemd's or the step's reason on stderr), or a check failed. */
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Refused before anything changed: systemd said no, a requirement is unmet, a file does not parse. */
    public static final int REFUSED = 3;
    /** The systemd user manager or containerd cannot be reached. */
    public static final int UNREACHABLE = 4;

    /** Opens a connection to the user manager at a bus address. */
    @FunctionalInterface
    public interface Connector {
        UserManager connect(String address) throws SystemdException;
    }

    private final Connector connector;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final ProcessRunner runner;

    public Cli(Connector connector, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
        this.connector = connector;
        this.env = env;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.runner = new ProcessRunner(env);
    }

    public int run(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        if (a.isEmpty()) {
            err.print(Usage.text());
            return USAGE;
        }
        String first = a.get(0);
        if (first.equals("-h") || first.equals("--help")) {
            out.print(Usage.text());
            return OK;
        }
        if (first.equals("--version")) {
            out.println("rootless-panel " + Version.get());
            return OK;
        }
        if (first.equals(Usage.TRACE_STARTUP)) {
            return usageError(err, null, Usage.TRACE_STARTUP + " opens the window and takes no other arguments");
        }
        boolean wantsHelp = a.contains("-h") || a.contains("--help");
        if (first.equals("help") && !wantsHelp) {
            return help(a.subList(1, a.size()));
        }
        Optional<Usage.Command> spec = Usage.find(first);
        if (spec.isEmpty()) {
            return usageError(err, null, "unknown command '" + first + "'");
        }
        if (wantsHelp) {
            out.print(Usage.text(spec.get()));
            return OK;
        }
        String command = a.remove(0);
        if (command.equals("status")) {
            boolean json = a.remove("--json");
            if (!a.isEmpty()) {
                return usageError(err, command, "status takes no arguments besides --json, got: " + String.join(" ", a));
            }
            return status(json);
        }
        if (command.equals("check")) {
            HostProbe probe = new HostProbe(runner, java.nio.file.Path.of("/"), this::userManagerProblem);
            return CheckCommand.run(a, probe, out, err);
        }
        if (command.equals("snapshotter")) {
            return SnapshotterCommand.run(a, this::connect, runner, out, err);
        }
        if (command.equals("rootlesskit")) {
            return RootlessKitCommand.run(a, this::connect, runner, out, err);
        }
        if (command.equals("containers") || command.equals("bypass4netns")) {
            UserManager manager = null;
            try {
                manager = connect();
            } catch (SystemdException e) {
                // containers come from containerd; systemd only tells bypass4netnsd's state (then unknown)
            }
            try (ContainersService service = ContainersService.forThisUser(env, manager)) {
                return command.equals("containers") ? ContainersCommand.list(a, service, clock, out, err)
                        : ContainersCommand.bypass4netns(a, service, out, err);
            } finally {
                if (manager != null) {
                    manager.close();
                }
            }
        }
        if (command.equals("topology")) {
            UserManager manager = null;
            try {
                manager = connect();
            } catch (SystemdException e) {
                // the picture comes from /proc, RootlessKit and containerd; systemd only adds the units' state
            }
            try {
                return TopologyCommand.run(a, io.github.rootlesspanel.topology.TopologyProbe.forThisUser(env, manager),
                        out, err);
            } finally {
                if (manager != null) {
                    manager.close();
                }
            }
        }
        if (command.equals("install") || command.equals("uninstall")) {
            return InstallCommand.run(command.equals("install"), a, this::connect, runner, out, err);
        }
        JobKind kind = JobKind.parse(command);
        if (a.size() != 1) {
            return usageError(err, command, command + " needs exactly one UNIT (one of: " + componentList() + ")");
        }
        Optional<Component> c = Component.find(a.get(0));
        if (c.isEmpty()) {
            return usageError(err, command, "'" + a.get(0) + "' is not a component the panel manages; use one of: "
                    + componentList());
        }
        return job(kind, c.get().unit());
    }

    private int help(List<String> a) {
        if (a.isEmpty()) {
            out.print(Usage.text());
            return OK;
        }
        Optional<Usage.Command> c = a.size() == 1 ? Usage.find(a.get(0)) : Optional.empty();
        if (c.isEmpty()) {
            return usageError(err, "help", "no command '" + String.join(" ", a) + "'; commands: "
                    + String.join(", ", Usage.commandNames()));
        }
        out.print(Usage.text(c.get()));
        return OK;
    }

    private int status(boolean json) {
        try (UserManager m = connect()) {
            List<UnitStatus> statuses = m.statuses(Component.units());
            out.print(json ? StatusReport.json(statuses) : StatusReport.table(statuses, clock));
            return OK;
        } catch (SystemdException e) {
            return fail(e);
        }
    }

    private int job(JobKind kind, String unit) {
        try (UserManager m = connect()) {
            JobOutcome o = m.run(kind, unit);
            if (o.succeeded()) {
                out.println(o.message());
                return OK;
            }
            err.println("rootless-panel: " + o.message());
            return FAILED;
        } catch (SystemdException e) {
            return fail(e);
        }
    }

    /** The setup script's "systemctl --user works" check, asked over D-Bus. */
    private Optional<String> userManagerProblem() {
        try (UserManager m = connect()) {
            return Optional.empty();
        } catch (SystemdException e) {
            return Optional.of(e.getMessage());
        }
    }

    private UserManager connect() throws SystemdException {
        Optional<String> address = UserBusAddress.resolve(env);
        if (address.isEmpty()) {
            throw new SystemdException.BusUnavailable(UserBusAddress.missingHint(), "", null);
        }
        return connector.connect(address.get());
    }

    private int fail(SystemdException e) {
        err.println("rootless-panel: " + e.getMessage());
        return e instanceof SystemdException.BusUnavailable ? UNREACHABLE : REFUSED;
    }

    /**
     * The one way a command reports a usage error: the message, then where to read more.
     *
     * @param command the command whose help is meant, or null for the program's
     */
    static int usageError(PrintStream err, String command, String message) {
        err.println("rootless-panel: " + message);
        err.println(command == null ? "Try 'rootless-panel --help'." : "Try 'rootless-panel help " + command + "'.");
        return USAGE;
    }

    private static String componentList() {
        return List.of(Component.values()).stream().map(Component::id).collect(Collectors.joining(", "));
    }
}
