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
 * {@code rootless-panel COMMAND ...}: the same services as the window, for scripts.
 * Exit codes: 0 success; 1 the job ran and failed (systemd's reason on stderr); 2 usage error;
 * 3 systemd refused the request (not installed, masked, not applicable, access denied);
 * 4 the systemd user manager cannot be reached.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;
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
        if (a.isEmpty() || a.contains("-h") || a.contains("--help") || a.get(0).equals("help")) {
            if (a.isEmpty()) {
                err.print(usage());
                return USAGE;
            }
            out.print(usage());
            return OK;
        }
        if (a.get(0).equals("--version") || a.get(0).equals("version")) {
            out.println("rootless-panel " + Version.get());
            return OK;
        }
        String command = a.remove(0);
        if (command.equals("status")) {
            boolean json = a.remove("--json");
            if (!a.isEmpty()) {
                return usageError("status takes no arguments besides --json, got: " + String.join(" ", a));
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
        if (kind == null) {
            return usageError("unknown command '" + command + "'");
        }
        if (a.size() != 1) {
            return usageError(command + " needs exactly one UNIT (one of: " + componentList() + ")");
        }
        Optional<Component> c = Component.find(a.get(0));
        if (c.isEmpty()) {
            return usageError("'" + a.get(0) + "' is not a component the panel manages; use one of: "
                    + componentList());
        }
        return job(kind, c.get().unit());
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
            return JOB_FAILED;
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

    private int usageError(String message) {
        err.println("rootless-panel: " + message);
        err.println("Try 'rootless-panel --help'.");
        return USAGE;
    }

    private static String componentList() {
        return List.of(Component.values()).stream().map(Component::id).collect(Collectors.joining(", "));
    }

    public static String usage() {
        return """
                Usage: rootless-panel                      open the window
                       rootless-panel status [--json]      state of every component
                       rootless-panel start|stop|restart|enable|disable UNIT
                       rootless-panel check [--json]       prerequisite checks with fix-it hints
                       rootless-panel install COMPONENT [--dry-run] [--replace]
                                      [--namespace NS] [--snapshotter NAME] [--keep-on-failure]
                       rootless-panel uninstall COMPONENT [--dry-run] [--remove-drop-ins]
                       rootless-panel rootlesskit show [--json]
                       rootless-panel rootlesskit set KEY=VALUE... [--unset KEY] [--dry-run] [--restart]
                       rootless-panel rootlesskit restore
                       rootless-panel snapshotter list [--json]
                       rootless-panel snapshotter enable|disable fuse-overlayfs|stargz [--dry-run]
                       rootless-panel snapshotter default NAME
                       rootless-panel containers [--json]
                       rootless-panel bypass4netns on|off CONTAINER [--dry-run] [--commit] [--yes]
                       rootless-panel topology [--json|--dot]  namespaces, interfaces, processes, containers,
                                      ports (JSON schema version 1; --dot for Graphviz)

                UNIT is a component, by short name or unit name:
                  containerd      containerd.service
                  buildkit        buildkit.service
                  fuse-overlayfs  containerd-fuse-overlayfs.service
                  stargz          stargz-snapshotter.service
                  bypass4netnsd   bypass4netnsd.service

                COMPONENT for install/uninstall: containerd, buildkit (OCI worker),
                buildkit-containerd (containerd worker), fuse-overlayfs, stargz, bypass4netnsd.
                install shows its plan and carries it out step by step; a failed step rolls back
                what was done. --dry-run prints the plan and the exact unit file.

                check exits 1 when a check failed.

                rootlesskit edits containerd.service.d/override.conf: KEY is NET, MTU, PORT_DRIVER,
                SLIRP4NETNS_SANDBOX, SLIRP4NETNS_SECCOMP, DETACH_NETNS, IPV6, STATE_DIR or FLAGS (or
                the full CONTAINERD_ROOTLESS_ROOTLESSKIT_ name); KEY= or --unset KEY goes back to the
                default. Invalid values exit 2 and write nothing; --dry-run prints the diff;
                --restart restarts containerd and waits until it answers; restore puts the previous
                file back.

                containers lists every container of rootless containerd (all namespaces) with
                state, PID, addresses, ports and bypass4netns configured/live; exit 4 when
                containerd cannot be reached.
                bypass4netns switches it for one container (by nerdctl name or id). The setting is
                fixed when a container is created, so the container is recreated through nerdctl:
                stop, rename aside, run the new one, remove the old one; a failure removes the new
                one and restores the old. --dry-run prints the plan and the exact nerdctl commands;
                --commit keeps the writable layer (nerdctl commit first); --yes confirms losing
                what cannot be carried over. Exit 3 with the reason when requirements are unmet.

                Jobs wait until systemd reports them finished. Exit status: 0 done, 1 the job
                failed (systemd's reason is printed), 2 usage error, 3 systemd refused (not
                installed, masked, ...), 4 the systemd user manager cannot be reached.

                Options: --json (status, check, rootlesskit show, snapshotter list, containers), --help, --version
                """;
    }
}
