package io.github.rootlesspanel.setup.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.FileSnapshot;
import io.github.rootlesspanel.host.Identity;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.rootlesskit.Readiness;
import io.github.rootlesspanel.rootlesskit.StateDir;
import io.github.rootlesspanel.setup.units.InstallContext;
import io.github.rootlesspanel.setup.units.UnitRenderer;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * Builds install and uninstall plans for the components: what containerd-rootless-setuptool.sh does,
 * as named steps, waiting on systemd's job results and RootlessKit's API instead of sleeping, with an
 * undo for every step that changes something.
 */
public final class Installer {

    /**
     * Options of an install. The namespace names a unit file and both land in its ExecStart=, so they are held to
     * containerd's own rule for names (letters and digits, single '.', '_' or '-' between them, at most 76): a
     * '/', a blank, a quote, '%', '$' or a leading '-' is refused here instead of reaching a path or a command line.
     */
    public record Options(boolean replaceChangedUnit, Optional<String> containerdNamespace,
                          Optional<String> containerdSnapshotter) {
        public static final Options DEFAULT = new Options(false, Optional.empty(), Optional.empty());

        private static final java.util.regex.Pattern IDENTIFIER =
                java.util.regex.Pattern.compile("[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");

        /** @throws IllegalArgumentException for a namespace or snapshotter name containerd would refuse */
        public Options {
            containerdNamespace.ifPresent(n -> requireIdentifier("namespace", n));
            containerdSnapshotter.ifPresent(n -> requireIdentifier("snapshotter", n));
        }

        private static void requireIdentifier(String what, String name) {
            if (name.length() > 76 || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name.replace("\n", "\\n").replace("\r", "\\r")
                        + "' is not a valid containerd " + what + " name: use letters and digits, with single '.', "
                        + "'_' or '-' between them (at most 76 characters)");
            }
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final UserManager manager;
    private final ProcessRunner runner;
    private final Path runtimeDir;
    private final Path dataHome;
    private final Path configHome;

    public Installer(UserManager manager, ProcessRunner runner) {
        this.manager = manager;
        this.runner = runner;
        XdgDirs dirs = XdgDirs.from(runner.environment());
        this.runtimeDir = dirs.runtimeDir();
        this.dataHome = dirs.dataHome();
        this.configHome = dirs.configHome();
    }

    public Path unitDir() {
        return configHome.resolve("systemd/user");
    }

    public Path nsenterHelper() {
        return dataHome.resolve("rootless-panel/libexec/rootless-panel-nsenter");
    }

    /** The unit name a target installs. */
    public String unitName(Target t, Options o) {
        if (t == Target.BUILDKIT_CONTAINERD) {
            return o.containerdNamespace().map(ns -> ns + "-buildkit.service").orElse("buildkit.service");
        }
        return t.component().unit();
    }

    /** What the setup script would expand at install time, read from this session. */
    public InstallContext context(Options o) {
        Path bin = runner.which("containerd-rootless.sh").map(p -> p.toAbsolutePath().getParent())
                .or(() -> runner.which("rootlesskit").map(p -> p.toAbsolutePath().getParent()))
                .orElse(Path.of("/usr/local/bin"));
        boolean bridge = runner.which("buildkitd")
                .map(p -> runner.runQuietly(List.of(p.toString(), "--help"), Duration.ofSeconds(10)).output()
                        .contains("bridge"))
                .orElse(false);
        return new InstallContext(bin, runner.environment().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"),
                runtimeDir, dataHome, configHome, nsenterHelper(),
                runner.environment().getOrDefault("CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS", ""),
                runner.which("bypass4netnsd").map(Path::toAbsolutePath), bridge,
                o.containerdNamespace(), o.containerdSnapshotter());
    }

    /** The exact unit file an install writes. */
    public String render(Target t, InstallContext c) {
        return switch (t) {
            case CONTAINERD -> UnitRenderer.containerd(c);
            case BUILDKIT -> UnitRenderer.buildkitOci(c);
            case BUILDKIT_CONTAINERD -> UnitRenderer.buildkitContainerd(c);
            case FUSE_OVERLAYFS -> UnitRenderer.fuseOverlayfs(c);
            case STARGZ -> UnitRenderer.stargz(c);
            case BYPASS4NETNSD -> UnitRenderer.bypass4netnsd(c);
        };
    }

    // ------------------------------------------------------------------ install

    /** If the target's unit file exists and differs from what would be written: the diff. */
    public Optional<String> changedUnitDiff(Target t, Options o) throws IOException {
        InstallContext c = context(o);
        Path file = unitDir().resolve(unitName(t, o));
        FileSnapshot now = FileSnapshot.read(file);
        String text = render(t, c);
        if (!now.exists() || now.sameAs(text.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(io.github.rootlesspanel.config.Diff.unified(now.text(), text, file.toString()));
    }

    public Plan installPlan(Target t, Options o) {
        InstallContext c = context(o);
        String unit = unitName(t, o);
        String text = render(t, c);
        Path file = unitDir().resolve(unit);
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("Check that " + String.join(", ", t.requiredBinaries()) + " "
                + (t.requiredBinaries().size() == 1 ? "is" : "are") + " installed"
                + (t.needsContainerdActive() ? " and containerd.service is running" : ""), () -> precheck(t)));
        if (t.usesNsenter()) {
            steps.add(writeFileStep("Install the namespace helper " + nsenterHelper(), nsenterHelper(),
                    UnitRenderer.nsenterHelper(), true, true));
        }
        if (t == Target.STARGZ) {
            Path cfg = UnitRenderer.stargzConfig(c);
            steps.add(Step.of("Create " + cfg + " if missing (containerd-stargz-grpc needs the file)",
                    () -> createEmptyIfMissing(cfg), () -> deleteIfEmptyAndOurs(cfg)));
        }
        steps.add(writeFileStep("Write " + file, file, text, false, o.replaceChangedUnit()));
        steps.add(Step.of("Reload systemd (daemon-reload)", this::reload, this::reload));
        steps.add(Step.of("Start " + unit + " and wait for systemd's job result", () -> start(unit),
                () -> job(JobKind.STOP, unit)));
        if (t == Target.CONTAINERD) {
            StateDir state = StateDir.forRuntimeDir(runtimeDir);
            Path sock = runtimeDir.resolve("containerd/containerd.sock");
            steps.add(Step.of("Wait until RootlessKit's API and containerd's socket answer", () -> {
                try {
                    return Readiness.awaitRootlessContainerd(manager, unit, state, sock, READY_TIMEOUT);
                } catch (Readiness.NotReadyException e) {
                    throw new StepFailedException(e.getMessage(), Journal.tail(runner, unit, 20), unit);
                }
            }));
        }
        steps.add(Step.of("Enable " + unit + " (start it with your session)", () -> job(JobKind.ENABLE, unit),
                () -> job(JobKind.DISABLE, unit)));
        List<String> notes = new ArrayList<>();
        if (t == Target.BUILDKIT_CONTAINERD && o.containerdNamespace().isEmpty()) {
            notes.add("buildkitd sees the images of containerd's \"buildkit\" namespace only; choose the namespace "
                    + "\"default\" to share nerdctl's images.");
        }
        if (t == Target.FUSE_OVERLAYFS || t == Target.STARGZ) {
            notes.add("containerd uses the snapshotter once config.toml has its [proxy_plugins] entry "
                    + "(the Snapshotters screen merges it).");
        }
        if (t == Target.BYPASS4NETNSD) {
            notes.add("Containers use bypass4netns when created with the annotation nerdctl/bypass4netns=true.");
        }
        return new Plan("Install " + t.id() + " (" + unit + ")", unit, Optional.of(text), steps, notes);
    }

    private String precheck(Target t) throws StepFailedException {
        if (Identity.isRoot()) {
            throw new StepFailedException("Refusing to install rootless components as root.", Identity.rootRefusal());
        }
        List<String> missing = new ArrayList<>();
        for (String b : t.requiredBinaries()) {
            if (runner.which(b).isEmpty()) {
                missing.add(b);
            }
        }
        if (!missing.isEmpty()) {
            throw new StepFailedException(String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not on your PATH.", "PATH=" + runner.environment().getOrDefault("PATH", ""));
        }
        if (t.needsContainerdActive()) {
            UnitStatus s = status("containerd.service");
            if (s.activeState() != ActiveState.ACTIVE) {
                throw new StepFailedException("containerd.service is not running; install and start containerd first.",
                        "containerd.service is " + s.activeState().wire());
            }
        }
        return "all present";
    }

    private Step writeFileStep(String title, Path file, String content, boolean executable, boolean replaceChanged) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        FileSnapshot[] before = new FileSnapshot[1];
        return Step.of(title, () -> {
            FileSnapshot now = FileSnapshot.read(file);
            before[0] = now;
            if (now.sameAs(bytes)) {
                return "already there, unchanged";
            }
            if (now.exists() && !replaceChanged) {
                throw new StepFailedException(file + " exists and differs from what the panel would write. "
                        + "Review the difference and confirm replacing it (the current file is kept as "
                        + AtomicFile.backupOf(file).getFileName() + ").", io.github.rootlesspanel.config.Diff.unified(now.text(), content, file.toString()));
            }
            AtomicFile.write(now, bytes, executable ? AtomicFile.EXECUTABLE : AtomicFile.REGULAR);
            return now.exists() ? "replaced (previous kept as " + AtomicFile.backupOf(file).getFileName() + ")" : "written";
        }, () -> {
            FileSnapshot was = before[0];
            if (was == null || was.sameAs(bytes)) {
                return "nothing to undo";
            }
            FileSnapshot ours = FileSnapshot.read(file);
            if (!ours.sameAs(bytes)) {
                return "left alone: it changed since the panel wrote it";
            }
            if (was.exists()) {
                AtomicFile.write(ours, was.content().get(), executable ? AtomicFile.EXECUTABLE : AtomicFile.REGULAR);
                return "previous version restored";
            }
            AtomicFile.delete(ours);
            return "removed";
        });
    }

    private static String createEmptyIfMissing(Path f) throws IOException {
        if (Files.exists(f)) {
            return "already there";
        }
        Files.createDirectories(f.getParent());
        AtomicFile.write(FileSnapshot.read(f), new byte[0], AtomicFile.REGULAR);
        return "created";
    }

    private static String deleteIfEmptyAndOurs(Path f) throws IOException {
        if (Files.exists(f) && Files.size(f) == 0) {
            Files.delete(f);
            return "removed";
        }
        return "left alone";
    }

    private String reload() throws SystemdException {
        manager.reload();
        return "done";
    }

    private UnitStatus status(String unit) throws StepFailedException {
        try {
            return manager.status(unit);
        } catch (SystemdException e) {
            throw new StepFailedException(e.getMessage(), e.detail());
        }
    }

    private String start(String unit) throws StepFailedException {
        JobOutcome o;
        try {
            o = manager.run(JobKind.START, unit);
        } catch (SystemdException e) {
            throw new StepFailedException(e.getMessage(), e.detail());
        }
        if (!o.succeeded() || o.after().activeState() == ActiveState.FAILED) {
            throw new StepFailedException(o.message(), Journal.tail(runner, unit, 20), unit);
        }
        return "now " + o.after().activeState().wire() + " (" + o.after().subState() + ")";
    }

    private String job(JobKind kind, String unit) throws StepFailedException {
        try {
            JobOutcome o = manager.run(kind, unit);
            if (!o.succeeded()) {
                throw new StepFailedException(o.message(), Journal.tail(runner, unit, 20), unit);
            }
            return kind == JobKind.ENABLE || kind == JobKind.DISABLE ? o.after().unitFileState().wire() : "done";
        } catch (SystemdException e) {
            throw new StepFailedException(e.getMessage(), e.detail());
        }
    }

    // ------------------------------------------------------------------ uninstall

    public Plan uninstallPlan(Target t, Options o, boolean removeDropIns) {
        String unit = unitName(t, o);
        Path file = unitDir().resolve(unit);
        Path dropIns = unitDir().resolve(unit + ".d");
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of("Stop " + unit, () -> stopIfLoaded(unit), () -> start(unit)));
        steps.add(Step.of("Disable " + unit, () -> disableIfInstalled(unit)));
        FileSnapshot[] removed = new FileSnapshot[1];
        steps.add(Step.of("Remove " + file + " (kept as " + AtomicFile.backupOf(file).getFileName() + ")", () -> {
            FileSnapshot now = FileSnapshot.read(file);
            if (!now.exists()) {
                return "not there";
            }
            removed[0] = now;
            AtomicFile.delete(now);
            return "removed";
        }, () -> {
            if (removed[0] == null) {
                return "nothing to undo";
            }
            AtomicFile.write(FileSnapshot.read(file), removed[0].content().get(), AtomicFile.REGULAR);
            return "restored";
        }));
        if (removeDropIns) {
            Path kept = dropIns.resolveSibling(dropIns.getFileName() + ".bak");
            steps.add(Step.of("Move the drop-ins " + dropIns + " aside to " + kept.getFileName(), () -> {
                if (!Files.isDirectory(dropIns)) {
                    return "none";
                }
                if (Files.exists(kept)) {
                    deleteTree(kept);
                }
                Files.move(dropIns, kept, StandardCopyOption.ATOMIC_MOVE);
                return "moved";
            }, () -> {
                if (Files.isDirectory(kept) && !Files.exists(dropIns)) {
                    Files.move(kept, dropIns, StandardCopyOption.ATOMIC_MOVE);
                    return "moved back";
                }
                return "nothing to undo";
            }));
        }
        steps.add(Step.of("Reload systemd (daemon-reload; the setup script forgets this)", this::reload, this::reload));
        List<String> notes = new ArrayList<>();
        notes.add("Data directories stay. " + dataHint(t));
        if (!removeDropIns && Files.isDirectory(dropIns)) {
            notes.add("The drop-ins in " + dropIns + " stay (ask to remove them).");
        }
        return new Plan("Uninstall " + t.id() + " (" + unit + ")", unit, Optional.empty(), steps, notes);
    }

    private String dataHint(Target t) {
        return switch (t) {
            case CONTAINERD -> "To delete images and containers: rootlesskit rm -rf " + dataHome.resolve("containerd");
            case BUILDKIT, BUILDKIT_CONTAINERD -> "BuildKit's cache is in " + dataHome.resolve("buildkit");
            case FUSE_OVERLAYFS -> "Snapshots are in " + dataHome.resolve("containerd-fuse-overlayfs");
            case STARGZ -> "Snapshots are in " + dataHome.resolve("containerd-stargz-grpc");
            case BYPASS4NETNSD -> "bypass4netnsd keeps no data.";
        };
    }

    private String stopIfLoaded(String unit) throws StepFailedException {
        UnitStatus s = status(unit);
        if (!s.installed() || s.activeState() == ActiveState.INACTIVE) {
            return "not running";
        }
        return job(JobKind.STOP, unit);
    }

    private String disableIfInstalled(String unit) throws StepFailedException {
        UnitStatus s = status(unit);
        if (!s.installed() || !s.unitFileState().isEnabled()) {
            return "not enabled";
        }
        return job(JobKind.DISABLE, unit);
    }

    private static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
