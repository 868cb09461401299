package io.github.rootlesspanel.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.rootlesspanel.host.HostFacts.Binary;
import io.github.rootlesspanel.host.HostFacts.Caps;
import io.github.rootlesspanel.host.HostFacts.Cgroups;
import io.github.rootlesspanel.host.HostFacts.IdMapper;
import io.github.rootlesspanel.host.HostFacts.OsRelease;
import io.github.rootlesspanel.host.HostFacts.Selinux;
import io.github.rootlesspanel.host.HostFacts.Session;
import io.github.rootlesspanel.host.HostFacts.SubIds;
import io.github.rootlesspanel.host.HostFacts.Sysctls;
import io.github.rootlesspanel.host.HostFacts.Trial;
import io.github.rootlesspanel.host.HostFacts.TrialState;
import io.github.rootlesspanel.host.HostFacts.User;
import io.github.rootlesspanel.host.HostFacts.UserManagerProbe;

/**
 * Gathers {@link HostFacts}: file reads under a configurable root (so tests can point it at a prepared
 * tree), programs found on the runner's PATH, their {@code --version} output, and the setup script's two
 * trial runs. Independent probes run in parallel on a small pool of their own; nothing here throws for a
 * missing file or tool — it is recorded as absent. Blocking: call it off the FX thread.
 */
public final class HostProbe {

    /** Every program the checks look for, in the order the checks list them. */
    public static final List<String> BINARIES = List.of("containerd-rootless.sh", "rootlesskit", "slirp4netns",
            "containerd", "runc", "crun", "nerdctl", "buildkitd", "containerd-fuse-overlayfs-grpc",
            "containerd-stargz-grpc", "bypass4netnsd", "bypass4netns", "fuse-overlayfs", "vpnkit");

    /**
     * Found but never run: containerd-rootless.sh has no version flag (it would start RootlessKit), and
     * bypass4netns/vpnkit only matter by presence.
     */
    private static final Set<String> PRESENCE_ONLY = Set.of("containerd-rootless.sh", "bypass4netns", "vpnkit");

    /**
     * Also looked for in /usr/sbin and /sbin, which a desktop user's PATH often lacks (Debian's runc is
     * /usr/sbin/runc); containerd.service as the setup script writes it puts /sbin:/usr/sbin on its PATH.
     */
    private static final Set<String> SBIN_TOO = Set.of("runc", "crun");

    public static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration TRIAL_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_KEPT_OUTPUT = 4000;
    private static final Pattern VERSIONISH = Pattern.compile("\\d+\\.\\d+");

    /** The setup script's RootlessKit check, argument for argument (after the program itself). */
    public static final List<String> ROOTLESSKIT_TRIAL_ARGS =
            List.of("--disable-host-loopback", "--copy-up=/etc", "--copy-up=/run", "--copy-up=/var/lib", "true");

    private final ProcessRunner runner;
    private final Path root;
    private final Supplier<Optional<String>> userManagerProblem;
    private final int uid;
    private final String userName;
    private final boolean runTrials;

    /**
     * @param runner             runs the programs; its environment supplies HOME, XDG_RUNTIME_DIR,
     *                           DBUS_SESSION_BUS_ADDRESS, TMPDIR and the PATH that is searched
     * @param root               prefix for /proc, /sys, /etc, /var/lib, /usr/lib ("/" on a real host)
     * @param userManagerProblem asks the systemd user manager: empty when it answered, else what went wrong;
     *                           {@code null} records "not checked"
     */
    public HostProbe(ProcessRunner runner, Path root, Supplier<Optional<String>> userManagerProblem) {
        this(runner, root, userManagerProblem, Identity.effectiveUid(), System.getProperty("user.name", ""), true);
    }

    /** As above with an explicit identity, and with the two RootlessKit trial runs switchable. */
    public HostProbe(ProcessRunner runner, Path root, Supplier<Optional<String>> userManagerProblem, int uid,
            String userName, boolean runTrials) {
        this.runner = runner;
        this.root = root;
        this.userManagerProblem = userManagerProblem;
        this.uid = uid;
        this.userName = userName == null ? "" : userName;
        this.runTrials = runTrials;
    }

    /** This process's host, user and environment. */
    public static HostProbe forThisHost(Supplier<Optional<String>> userManagerProblem) {
        return new HostProbe(new ProcessRunner(), Path.of("/"), userManagerProblem);
    }

    /**
     * The setup script's own test for a user manager: {@code systemctl --user show-environment} succeeds.
     * For callers that have no D-Bus connection at hand.
     */
    public static Supplier<Optional<String>> systemctlShowEnvironment(ProcessRunner runner) {
        return () -> {
            Optional<Path> systemctl = runner.which("systemctl");
            if (systemctl.isEmpty()) {
                return Optional.of("systemctl is not on PATH");
            }
            ProcessRunner.Result r = runner.runQuietly(
                    List.of(systemctl.get().toString(), "--user", "show-environment"), Duration.ofSeconds(10));
            if (r.ok()) {
                return Optional.empty();
            }
            String why = r.timedOut() ? "timed out" : firstLine(r.output());
            return Optional.of("systemctl --user show-environment failed"
                    + (why.isEmpty() ? " (exit status " + r.exitCode() + ")" : ": " + why));
        };
    }

    /** Gathers everything. Blocks for as long as the slowest probe (trial runs: at most 20 s). */
    public HostFacts probe() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6, r -> {
            Thread t = new Thread(r, "host-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return gather(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private HostFacts gather(ExecutorService pool) {
        Map<String, String> env = runner.environment();
        CompletableFuture<UserManagerProbe> manager = CompletableFuture.supplyAsync(this::askUserManager, pool);

        // where each program is: cheap, and the trials need rootlesskit's path
        List<Located> located = BINARIES.stream().map(this::locate).toList();
        Optional<Path> rootlesskit = located.stream().filter(l -> l.name.equals("rootlesskit"))
                .findFirst().flatMap(l -> l.path);

        List<CompletableFuture<Binary>> binaries = located.stream()
                .map(l -> CompletableFuture.supplyAsync(() -> describe(l), pool)).toList();
        CompletableFuture<IdMapper> newuidmap = CompletableFuture.supplyAsync(() -> idMapper("newuidmap", "cap_setuid"), pool);
        CompletableFuture<IdMapper> newgidmap = CompletableFuture.supplyAsync(() -> idMapper("newgidmap", "cap_setgid"), pool);
        CompletableFuture<Trial> rkTrial = CompletableFuture.supplyAsync(() -> rootlesskitTrial(rootlesskit), pool);
        CompletableFuture<Trial> ovTrial = CompletableFuture.supplyAsync(() -> overlayTrial(rootlesskit, env), pool);

        // the file reads are quick: here, while the programs run
        HostFacts.Builder b = HostFacts.builder()
                .user(user(env))
                .os(read(at("/etc/os-release")).or(() -> read(at("/usr/lib/os-release")))
                        .map(OsRelease::parse).orElse(OsRelease.unknown()))
                .kernelRelease(read(at("/proc/sys/kernel/osrelease")).map(String::strip).orElse(""))
                .arch(arch())
                .selinux(selinux())
                .sysctls(new Sysctls(sysctl("kernel/unprivileged_userns_clone"), sysctl("user/max_user_namespaces"),
                        sysctl("kernel/apparmor_restrict_unprivileged_userns"),
                        sysctl("net/ipv4/ip_unprivileged_port_start")))
                .cgroups(cgroups())
                .subuid(subIds("/etc/subuid"))
                .subgid(subIds("/etc/subgid"))
                .dbusSocketUnit(firstExisting("/usr/lib/systemd/user/dbus.socket", "/lib/systemd/user/dbus.socket",
                        "/etc/systemd/user/dbus.socket"));
        Path linger = at("/var/lib/systemd/linger").resolve(userName.isEmpty() ? "?" : userName);
        b.linger(linger, !userName.isEmpty() && Files.exists(linger));

        b.session(session(env, join(manager, UserManagerProbe.failed("the check of the user manager failed"))));
        for (int i = 0; i < binaries.size(); i++) {
            Located l = located.get(i);
            b.binary(join(binaries.get(i), new Binary(l.name, l.path, l.onPath, "", "")));
        }
        b.newuidmap(join(newuidmap, IdMapper.absent("newuidmap")));
        b.newgidmap(join(newgidmap, IdMapper.absent("newgidmap")));
        b.rootlesskitTrial(join(rkTrial, Trial.notRun("the trial run could not be started")));
        b.overlayTrial(join(ovTrial, Trial.notRun("the trial run could not be started")));
        return b.build();
    }

    private static <T> T join(CompletableFuture<T> f, T fallback) {
        try {
            return f.join();
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    // ---- identity and session ------------------------------------------------------------------------------

    private UserManagerProbe askUserManager() {
        if (userManagerProblem == null) {
            return UserManagerProbe.notChecked();
        }
        try {
            Optional<String> problem = userManagerProblem.get();
            return problem == null || problem.isEmpty() ? UserManagerProbe.answered()
                    : UserManagerProbe.failed(problem.get());
        } catch (RuntimeException e) {
            return UserManagerProbe.failed(String.valueOf(e.getMessage()));
        }
    }

    private User user(Map<String, String> env) {
        String home = env.getOrDefault("HOME", "");
        boolean dir = false;
        boolean writable = false;
        if (!home.isEmpty()) {
            try {
                Path h = Path.of(home);
                dir = Files.isDirectory(h);
                writable = dir && Files.isWritable(h);
            } catch (RuntimeException e) {
                // an unusable HOME value stays "not a directory"
            }
        }
        return new User(uid, userName, home, dir, writable);
    }

    private Session session(Map<String, String> env, UserManagerProbe manager) {
        String xdg = env.getOrDefault("XDG_RUNTIME_DIR", "");
        boolean exists = false;
        boolean writable = false;
        int owner = -1;
        boolean bus = false;
        if (!xdg.isEmpty()) {
            try {
                Path p = Path.of(xdg);
                exists = Files.isDirectory(p);
                writable = exists && Files.isWritable(p);
                owner = exists ? ((Number) Files.getAttribute(p, "unix:uid")).intValue() : -1;
                bus = Files.exists(p.resolve("bus"), LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | RuntimeException e) {
                // recorded as far as it got
            }
        }
        return new Session(xdg, exists, writable, owner, bus, env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", ""),
                manager);
    }

    private static String arch() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> a;
        };
    }

    // ---- kernel, cgroups, security -------------------------------------------------------------------------

    private OptionalLong sysctl(String name) {
        Optional<String> v = read(at("/proc/sys/" + name));
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private Selinux selinux() {
        Path fs = at("/sys/fs/selinux");
        if (!Files.isDirectory(fs)) {
            return Selinux.ABSENT;
        }
        Optional<String> enforce = read(fs.resolve("enforce")).map(String::strip);
        if (enforce.isEmpty()) {
            return Selinux.DISABLED;
        }
        return enforce.get().equals("1") ? Selinux.ENFORCING : Selinux.PERMISSIVE;
    }

    private Cgroups cgroups() {
        Optional<String> rootControllers = read(at("/sys/fs/cgroup/cgroup.controllers"));
        boolean hybrid = Files.isDirectory(at("/sys/fs/cgroup/unified"));
        List<String> controllers = rootControllers.map(HostProbe::words)
                .or(() -> hybrid ? read(at("/sys/fs/cgroup/unified/cgroup.controllers")).map(HostProbe::words)
                        : Optional.empty())
                .orElse(List.of());
        String rel = "/sys/fs/cgroup/user.slice/user-" + uid + ".slice/user@" + uid + ".service/cgroup.controllers";
        Optional<List<String>> delegated = read(at(rel)).map(HostProbe::words);
        return new Cgroups(rootControllers.isPresent(), controllers, hybrid, rel, delegated);
    }

    private static List<String> words(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    // ---- subordinate ids and their helpers -----------------------------------------------------------------

    private SubIds subIds(String file) {
        Path p = at(file);
        boolean symlink = Files.isSymbolicLink(p);
        if (!Files.exists(p)) {
            return new SubIds(file, false, symlink, false, List.of(), SubIdParser.DEFAULT_START);
        }
        Optional<String> content = read(p);
        if (content.isEmpty()) {
            return new SubIds(file, true, symlink, false, List.of(), SubIdParser.DEFAULT_START);
        }
        List<SubIdParser.Range> all = SubIdParser.parse(content.get());
        return new SubIds(file, true, symlink, true, SubIdParser.forUser(all, userName, uid),
                SubIdParser.nextFreeStart(all));
    }

    private IdMapper idMapper(String name, String capability) {
        Optional<Path> onPath = runner.which(name);
        Optional<Path> path = onPath.or(() -> firstExecutable(name, "/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        if (path.isEmpty()) {
            return IdMapper.absent(name);
        }
        boolean setuid = false;
        try {
            int mode = ((Number) Files.getAttribute(path.get(), "unix:mode")).intValue();
            setuid = (mode & 04000) != 0;
        } catch (IOException | RuntimeException e) {
            // mode unreadable: not known to be setuid
        }
        Caps caps = Caps.UNKNOWN;
        String capsText = "";
        Optional<Path> getcap = runner.which("getcap").or(() -> firstExecutable("getcap", "/usr/sbin", "/sbin"));
        if (getcap.isPresent()) {
            ProcessRunner.Result r = runner.runQuietly(List.of(getcap.get().toString(), path.get().toString()),
                    VERSION_TIMEOUT);
            if (r.ok()) {
                capsText = capsOf(r.stdout(), path.get().toString());
                caps = capsText.isEmpty() ? Caps.NONE : Caps.PRESENT;
            }
        }
        if (caps == Caps.PRESENT && !capsText.contains(capability)) {
            // e.g. only cap_net_bind_service: as good as none for mapping ids
            capsText = capsText + " (no " + capability + ")";
        }
        return new IdMapper(name, path, onPath.isPresent(), setuid, caps, capsText);
    }

    /**
     * The capability text of a {@code getcap FILE} line: "FILE cap_setuid=ep" (libcap >= 2.4x) or
     * "FILE = cap_setuid+ep" (older); "" when getcap printed nothing (no capabilities).
     */
    static String capsOf(String getcapOutput, String file) {
        for (String line : getcapOutput.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith(file)) {
                l = l.substring(file.length()).strip();
            }
            if (l.startsWith("=")) {
                l = l.substring(1).strip();
            }
            return l;
        }
        return "";
    }

    // ---- programs ------------------------------------------------------------------------------------------

    private record Located(String name, Optional<Path> path, boolean onPath) {
    }

    private Located locate(String name) {
        Optional<Path> onPath = runner.which(name);
        if (onPath.isPresent() || !SBIN_TOO.contains(name)) {
            return new Located(name, onPath, onPath.isPresent());
        }
        return new Located(name, firstExecutable(name, "/usr/sbin", "/sbin"), false);
    }

    private Binary describe(Located l) {
        if (l.path.isEmpty() || PRESENCE_ONLY.contains(l.name)) {
            return new Binary(l.name, l.path, l.onPath, "", "");
        }
        ProcessRunner.Result r = runner.runQuietly(List.of(l.path.get().toString(), "--version"), VERSION_TIMEOUT);
        String out = r.output().strip();
        if (r.timedOut()) {
            out = (out + "\n(--version timed out after " + VERSION_TIMEOUT.toSeconds() + " s)").strip();
        }
        return new Binary(l.name, l.path, l.onPath, versionLine(l.name, out), clip(out));
    }

    /**
     * The line of {@code --version} output that carries the version: the first one naming the program and
     * holding a dotted number ("fuse-overlayfs: version 1.10", not "fusermount3 version: 3.14.0"), else the
     * first with a dotted number, else the first non-blank line.
     */
    public static String versionLine(String name, String output) {
        List<String> lines = output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String l : lines) {
            if (l.contains(name) && VERSIONISH.matcher(l).find()) {
                return l;
            }
        }
        for (String l : lines) {
            if (VERSIONISH.matcher(l).find()) {
                return l;
            }
        }
        return lines.isEmpty() ? "" : lines.get(0);
    }

    // ---- the setup script's trial runs ---------------------------------------------------------------------

    private Trial rootlesskitTrial(Optional<Path> rootlesskit) {
        if (!runTrials) {
            return Trial.notRun("trial runs switched off");
        }
        if (rootlesskit.isEmpty()) {
            return Trial.notRun("rootlesskit is not installed");
        }
        List<String> argv = new ArrayList<>();
        argv.add(rootlesskit.get().toString());
        argv.addAll(ROOTLESSKIT_TRIAL_ARGS);
        return trial(argv);
    }

    private Trial overlayTrial(Optional<Path> rootlesskit, Map<String, String> env) {
        if (!runTrials) {
            return Trial.notRun("trial runs switched off");
        }
        if (rootlesskit.isEmpty()) {
            return Trial.notRun("rootlesskit is not installed");
        }
        Path tmp;
        try {
            String base = env.getOrDefault("TMPDIR", "");
            tmp = Files.createTempDirectory(base.isEmpty() ? Path.of("/tmp") : Path.of(base), "rootless-panel-overlay.");
        } catch (IOException | RuntimeException e) {
            return Trial.notRun("cannot make a temporary directory: " + e.getMessage());
        }
        try {
            for (String d : List.of("l", "u", "w", "m")) {
                Files.createDirectory(tmp.resolve(d));
            }
            return trial(List.of(rootlesskit.get().toString(), "mount", "-t", "overlay", "-o",
                    "lowerdir=" + tmp.resolve("l") + ",upperdir=" + tmp.resolve("u") + ",workdir=" + tmp.resolve("w"),
                    "overlay", tmp.resolve("m").toString()));
        } catch (IOException e) {
            return Trial.notRun("cannot prepare " + tmp + ": " + e.getMessage());
        } finally {
            deleteTree(tmp);
        }
    }

    private Trial trial(List<String> argv) {
        String shown = String.join(" ", argv.subList(1, argv.size()));
        shown = Path.of(argv.get(0)).getFileName() + (shown.isEmpty() ? "" : " " + shown);
        ProcessRunner.Result r = runner.runQuietly(argv, TRIAL_TIMEOUT);
        String out = r.output().strip();
        if (r.timedOut()) {
            out = (out + "\n(timed out after " + TRIAL_TIMEOUT.toSeconds() + " s)").strip();
        }
        return new Trial(r.ok() ? TrialState.OK : TrialState.FAILED, shown, r.exitCode(), clip(out));
    }

    /**
     * Removes the trial directory. The kernel leaves {@code w/work} with mode 000 after an overlay mount,
     * so each directory is made readable and writable for its owner before it is listed.
     */
    static void deleteTree(Path p) {
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.setPosixFilePermissions(p, EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
                } catch (IOException | UnsupportedOperationException e) {
                    // try to list it anyway
                }
                try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
                    for (Path c : children) {
                        deleteTree(c);
                    }
                }
            }
            Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover empty directory in /tmp is harmless
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** An absolute host path under the probe's root. */
    private Path at(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private Optional<Path> firstExisting(String... absolutes) {
        for (String a : absolutes) {
            Path p = at(a);
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> firstExecutable(String name, String... dirs) {
        for (String d : dirs) {
            Path p = at(d).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a small file with large reads. Not {@code Files.readString}: it reads /proc/sys files (size 0)
     * one byte first, and the kernel's integer sysctls answer only a read at offset 0, so
     * {@code user/max_user_namespaces} "96362" would come back as "9".
     */
    static Optional<String> read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            int n;
            while ((n = in.read(chunk)) >= 0 && buf.size() < (1 << 20)) {
                buf.write(chunk, 0, n);
            }
            return Optional.of(buf.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    private static String clip(String s) {
        return s.length() <= MAX_KEPT_OUTPUT ? s : s.substring(0, MAX_KEPT_OUTPUT) + "...";
    }
}
