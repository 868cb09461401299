package io.github.rootlesspanel.cli;

import java.util.List;
import java.util.Optional;

/**
 * What the command line accepts, written down once: {@code --help}, {@code help COMMAND}, the man page
 * ({@link ManPage}) and the completion tests all read it, so they cannot drift apart.
 * Texts are plain, wrapped at 100 columns for a terminal; a blank line separates paragraphs.
 */
public final class Usage {

    /** One option of a command; {@code argument} is empty for a flag. */
    public record Option(String name, String argument, String help) {
    }

    /** One exit status of a command and what it means there. */
    public record Exit(int code, String meaning) {
    }

    /**
     * A command: several {@code names} share one entry when they differ only in what they do
     * (start, stop, …).
     */
    public record Command(List<String> names, List<String> synopsis, String summary, String description,
                          List<Option> options, List<Exit> exits) {

        public String name() {
            return names.get(0);
        }
    }

    /** The exit statuses every command uses, with the same meaning everywhere. */
    public static final List<Exit> EXIT_CODES = List.of(
            new Exit(Cli.OK, "success (also: nothing to do)"),
            new Exit(Cli.FAILED, "the operation ran and failed (a systemd job, a step of a plan, after its rollback; "
                    + "a file that could not be read or written), or check found a failed prerequisite"),
            new Exit(Cli.USAGE, "usage error: unknown command, option, component or setting, an invalid value, "
                    + "a name that matches nothing; or started as root"),
            new Exit(Cli.REFUSED, "refused, nothing was changed: systemd refused (not installed, masked, no [Install] "
                    + "section, access denied), a requirement is unmet, a file does not parse or changed on disk, "
                    + "a confirmation (--yes) is missing"),
            new Exit(Cli.UNREACHABLE, "the systemd user manager or containerd cannot be reached (no user bus, "
                    + "a su/sudo session, containerd not running)"));

    private static final Option JSON = new Option("--json", "",
            "print a JSON document (schema version " + CliJson.VERSION + ") instead of text");
    private static final Option DRY_RUN_JSON = new Option("--json", "",
            "with --dry-run: print the plan as a JSON document (schema version " + CliJson.VERSION + ")");
    private static final Option HELP = new Option("--help", "", "show this command's help (also -h)");

    private static Exit exit(int code, String meaning) {
        return new Exit(code, meaning);
    }

    public static final List<Command> COMMANDS = List.of(
            new Command(List.of("status"), List.of("status [--json]"),
                    "state of every component from systemd",
                    """
                    Shows the five components (containerd, buildkit, fuse-overlayfs, stargz, bypass4netnsd) with
                    their unit, state, enablement, main PID and since when, as the systemd user manager reports
                    them.""",
                    List.of(JSON, HELP),
                    List.of(exit(0, "printed"), exit(3, "systemd refused the query"),
                            exit(4, "the systemd user manager cannot be reached"))),
            new Command(List.of("start", "stop", "restart", "enable", "disable"),
                    List.of("start|stop|restart|enable|disable UNIT"),
                    "run a systemd job on a component and wait for it",
                    """
                    UNIT is a component by short name or unit name: containerd (containerd.service), buildkit
                    (buildkit.service), fuse-overlayfs (containerd-fuse-overlayfs.service), stargz
                    (stargz-snapshotter.service), bypass4netnsd (bypass4netnsd.service). The command returns
                    when systemd reports the job finished; no polling, no sleeps.""",
                    List.of(HELP),
                    List.of(exit(0, "the job is done"), exit(1, "the job failed; systemd's reason is on stderr. Also "
                                    + "when the connection to systemd was lost while the job ran (the manager "
                                    + "restarted): its result was not seen, and stderr says the unit's state after "
                                    + "reconnecting"),
                            exit(2, "no such component"),
                            exit(3, "systemd refused: not installed, masked, cannot be enabled"),
                            exit(4, "the systemd user manager cannot be reached (also: lost while the job ran and "
                                    + "not back within 30 s, so nothing is known)"))),
            new Command(List.of("check"), List.of("check [--json]"),
                    "prerequisite checks with fix-it hints",
                    """
                    Checks what rootless containerd needs on this machine: the setup script's own checks (not
                    root, systemctl --user, HOME, XDG_RUNTIME_DIR, RootlessKit, cgroup v2, overlayfs) and what it
                    leaves out (subuid/subgid, newuidmap, sysctls, AppArmor, SELinux, kernel, dbus-user-session,
                    lingering, binaries, bypass4netns). Each check that is not ok comes with the commands to fix
                    it for your distribution; nothing is run with sudo. Check ids in the JSON are stable.""",
                    List.of(JSON, HELP),
                    List.of(exit(0, "nothing failed (warnings allowed)"), exit(1, "at least one check failed"))),
            new Command(List.of("install"), List.of(
                    "install COMPONENT [--dry-run [--json]] [--replace] [--namespace NS] [--snapshotter NAME]",
                    "        [--keep-on-failure]"),
                    "install a component's user unit, step by step",
                    """
                    COMPONENT is containerd, buildkit (OCI worker), buildkit-containerd (containerd worker),
                    fuse-overlayfs, stargz or bypass4netnsd. Prints each step as it runs (write the unit file,
                    daemon-reload, enable, start, wait until it answers); a failed step rolls back what was
                    done.""",
                    List.of(new Option("--dry-run", "", "print the plan and the exact unit file; change nothing"),
                            DRY_RUN_JSON,
                            new Option("--replace", "",
                                    "replace a unit file that differs from the panel's (the old one is kept as .bak)"),
                            new Option("--namespace", "NS",
                                    "buildkit-containerd: the containerd namespace (the unit becomes NS-buildkit.service)"),
                            new Option("--snapshotter", "NAME", "buildkit-containerd: the snapshotter BuildKit uses"),
                            new Option("--keep-on-failure", "", "do not roll back when a step fails"),
                            HELP),
                    List.of(exit(0, "installed (or the plan printed)"),
                            exit(1, "a step failed, what was done is rolled back (the first step checks the binaries "
                                    + "and, for the add-ons, that containerd runs; a unit file of your own stops it "
                                    + "unless --replace)"),
                            exit(2, "no such component, or an unknown option"),
                            exit(4, "the systemd user manager cannot be reached"))),
            new Command(List.of("uninstall"), List.of("uninstall COMPONENT [--dry-run [--json]] [--remove-drop-ins]"),
                    "stop, disable and remove a component's user unit",
                    """
                    Stops and disables the unit, moves the unit file aside (NAME.bak) and reloads systemd. Data
                    directories stay.""",
                    List.of(new Option("--dry-run", "", "print the plan; change nothing"), DRY_RUN_JSON,
                            new Option("--remove-drop-ins", "", "also move UNIT.d/ aside as UNIT.d.bak"), HELP),
                    List.of(exit(0, "uninstalled (or the plan printed)"), exit(1, "a step failed"),
                            exit(2, "no such component, or an unknown option"),
                            exit(4, "the systemd user manager cannot be reached"))),
            new Command(List.of("rootlesskit"), List.of(
                    "rootlesskit show [--json]",
                    "rootlesskit set KEY=VALUE... [--unset KEY] [--dry-run [--json]] [--restart]",
                    "rootlesskit restore"),
                    "RootlessKit settings of containerd.service",
                    """
                    Reads and edits ~/.config/systemd/user/containerd.service.d/override.conf. show lists each
                    setting as in the file, its effective value after a restart and why, what the running
                    containerd uses now, and every problem.

                    KEY is NET, MTU, PORT_DRIVER, SLIRP4NETNS_SANDBOX, SLIRP4NETNS_SECCOMP, DETACH_NETNS, IPV6,
                    STATE_DIR or FLAGS, or the full CONTAINERD_ROOTLESS_ROOTLESSKIT_ name; KEY= goes back to the
                    default. set checks each value and the values together (MTU with NET, pasta with its port
                    driver, …) as the RootlessKit screen does; invalid input writes nothing. Writing keeps the
                    previous file as override.conf.bak and reloads systemd; restore puts it back.""",
                    List.of(JSON,
                            new Option("--unset", "KEY", "set: back to the default"),
                            new Option("--dry-run", "", "set: print the diff; write nothing"),
                            new Option("--restart", "",
                                    "set: restart containerd (running containers stop) and wait until it answers"),
                            HELP),
                    List.of(exit(0, "shown, written or restored"),
                            exit(1, "the file could not be read or written, or containerd did not come back"),
                            exit(2, "an unknown KEY or an invalid value"),
                            exit(3, "override.conf does not parse, changed on disk, or has no previous version"),
                            exit(4, "the systemd user manager cannot be reached (set without --dry-run, restore)"))),
            new Command(List.of("snapshotter"), List.of(
                    "snapshotter list [--json]",
                    "snapshotter enable|disable fuse-overlayfs|stargz [--dry-run [--json]]",
                    "snapshotter default overlayfs|native|fuse-overlayfs|stargz"),
                    "snapshotters: eligibility, the proxy plugins, nerdctl's default",
                    """
                    list shows for overlayfs, native, fuse-overlayfs and stargz whether it is expected to work
                    here (and why not), whether containerd loaded it, its unit and whether it is nerdctl's
                    default. enable installs the snapshotter's daemon and adds its proxy plugin to
                    ~/.config/containerd/config.toml (comments kept; added lines carry a "# rootless-panel:"
                    comment), then restarts containerd; disable undoes exactly that. --dry-run prints the plan
                    and the config.toml change as a diff that patch -p0 applies. default writes nerdctl.toml.""",
                    List.of(JSON, new Option("--dry-run", "", "enable, disable: print the plan and the diff; change nothing"),
                            HELP),
                    List.of(exit(0, "done"), exit(1, "a step failed, or a file could not be read or written"),
                            exit(2, "an unknown snapshotter"), exit(3, "config.toml or nerdctl.toml does not parse"),
                            exit(4, "the systemd user manager cannot be reached (enable, disable)"))),
            new Command(List.of("containers"), List.of("containers [--json]"),
                    "containers of rootless containerd, with bypass4netns",
                    """
                    Lists every container of the user's containerd (all namespaces) with status, PID, addresses,
                    published ports and bypass4netns: configured, and live as bypass4netnsd reports it.""",
                    List.of(JSON, HELP),
                    List.of(exit(0, "listed"), exit(4, "containerd cannot be reached"))),
            new Command(List.of("bypass4netns"), List.of("bypass4netns on|off CONTAINER [--dry-run [--json]] [--commit] [--yes]"),
                    "recreate a container with or without bypass4netns",
                    """
                    CONTAINER is a nerdctl name or a container id (or an unambiguous id prefix). The setting is
                    fixed when a container is created, so the container is recreated through nerdctl: stop,
                    rename aside, run the new one, remove the old one; a failure removes the new one and
                    restores the old. The plan, the exact nerdctl commands and what cannot be carried over are
                    printed first.""",
                    List.of(new Option("--dry-run", "", "print the plan and the nerdctl commands; change nothing"),
                            DRY_RUN_JSON,
                            new Option("--commit", "", "keep the writable layer (nerdctl commit first)"),
                            new Option("--yes", "", "go on although not everything carries over (also -y)"), HELP),
                    List.of(exit(0, "recreated, already so, or the plan printed"),
                            exit(1, "a step failed (rolled back)"), exit(2, "no such container, or several match"),
                            exit(3, "a requirement is unmet, or --yes is missing"),
                            exit(4, "containerd cannot be reached"))),
            new Command(List.of("topology"), List.of("topology [--json|--dot]"),
                    "namespaces, interfaces, processes, containers and ports",
                    """
                    The live picture the Network screen draws: mode (detach-netns or the child's own netns),
                    health, every network namespace with its inode and interfaces, the processes placed in
                    their namespaces, containers with their netns and addresses, and published ports with their
                    path. A degraded picture still exits 0; its health field says how.""",
                    List.of(JSON, new Option("--dot", "", "print Graphviz dot"), HELP),
                    List.of(exit(0, "printed"))),
            new Command(List.of("help"), List.of("help [COMMAND]"),
                    "this help, or one command's",
                    "Same as COMMAND --help.",
                    List.of(),
                    List.of(exit(0, "printed"), exit(2, "no such command"))));

    /** The window's one option: without a command, the panel opens its window, logging its start-up with this. */
    public static final String TRACE_STARTUP = "--trace-startup";

    /** Options of the program itself. */
    public static final List<Option> GLOBAL_OPTIONS = List.of(
            new Option("--help", "", "show this help (also -h); COMMAND --help shows one command's"),
            new Option("--version", "", "print the version"),
            new Option(TRACE_STARTUP, "", "open the window and print its start-up milestones on stderr, one line "
                    + "each, in ms since the process started: jvm-start, fx-start, bus-connected, "
                    + "first-states-rendered (every Overview card shows its state from systemd) and exit"));

    private Usage() {
    }

    /** True when ARGS open the window rather than run a command: none, or only {@link #TRACE_STARTUP}. */
    public static boolean opensWindow(String... args) {
        return args.length == 0 || (args.length == 1 && args[0].equals(TRACE_STARTUP));
    }

    public static Optional<Command> find(String name) {
        return COMMANDS.stream().filter(c -> c.names().contains(name)).findFirst();
    }

    /** Every command word ("start", "stop", … each on its own). */
    public static List<String> commandNames() {
        return COMMANDS.stream().flatMap(c -> c.names().stream()).toList();
    }

    /** {@code rootless-panel --help}. */
    public static String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: rootless-panel [--trace-startup]  open the window\n");
        sb.append("       rootless-panel COMMAND [ARGS]     run a command; --help after it explains it\n\n");
        sb.append("Commands:\n");
        for (Command c : COMMANDS) {
            sb.append(String.format("  %-34s %s%n", String.join("|", c.names()), c.summary()));
        }
        sb.append("\nOptions:\n");
        for (Option o : GLOBAL_OPTIONS) {
            sb.append(optionLine(o));
        }
        sb.append("\n--json prints a JSON document with \"version\": ").append(CliJson.VERSION)
                .append(" (the schema version; fields are only ever\nadded while it stays).\n");
        sb.append("\nExit status:\n");
        for (Exit e : EXIT_CODES) {
            sb.append(String.format("  %d  %s%n", e.code(), wrap(e.meaning(), 5)));
        }
        sb.append("\nrootless-panel help COMMAND shows a command's options; man rootless-panel has everything.\n");
        return sb.toString();
    }

    /** {@code rootless-panel COMMAND --help}. */
    public static String text(Command c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.synopsis().size(); i++) {
            String line = c.synopsis().get(i);
            sb.append(i == 0 ? "Usage: " : "       ")
                    .append(line.startsWith(" ") ? "              " + line.strip() : "rootless-panel " + line).append('\n');
        }
        sb.append('\n').append(c.description().strip()).append('\n');
        if (!c.options().isEmpty()) {
            sb.append("\nOptions:\n");
            c.options().forEach(o -> sb.append(optionLine(o)));
        }
        sb.append("\nExit status:\n");
        for (Exit e : c.exits()) {
            sb.append(String.format("  %d  %s%n", e.code(), wrap(e.meaning(), 5)));
        }
        return sb.toString();
    }

    private static String optionLine(Option o) {
        String head = o.name() + (o.argument().isEmpty() ? "" : " " + o.argument());
        return String.format("  %-20s %s%n", head, wrap(o.help(), 23));
    }

    /** Wraps at 100 columns, continuation lines indented to {@code indent}. */
    private static String wrap(String text, int indent) {
        StringBuilder sb = new StringBuilder();
        int col = indent;
        for (String word : text.split(" ")) {
            if (col > indent && col + 1 + word.length() > 100) {
                sb.append('\n').append(" ".repeat(indent));
                col = indent;
            } else if (col > indent) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        return sb.toString();
    }
}
