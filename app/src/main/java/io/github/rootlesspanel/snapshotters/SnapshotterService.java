package io.github.rootlesspanel.snapshotters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.Diff;
import io.github.rootlesspanel.config.FileSnapshot;
import io.github.rootlesspanel.config.containerd.ConfigMerge;
import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.config.containerd.NerdctlToml;
import io.github.rootlesspanel.config.containerd.UserDirs;
import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.containers.ContainerdException;
import io.github.rootlesspanel.containers.PluginInfo;
import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.rootlesskit.Readiness;
import io.github.rootlesspanel.rootlesskit.StateDir;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.setup.install.StepFailedException;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * The snapshotters of rootless containerd: which ones are expected to work, which ones containerd
 * actually loaded (its plugin list, over its API), enabling fuse-overlayfs or stargz end to end
 * (daemon unit, config.toml merge, restart, verification) and nerdctl's default. Blocking.
 */
public final class SnapshotterService {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final UserManager manager;
    private final ProcessRunner runner;
    private final Path home;
    private final Path configHome;
    private final Path runtimeDir;
    private final Map<String, String> env;

    public SnapshotterService(UserManager manager, ProcessRunner runner) {
        this.manager = manager;
        this.runner = runner;
        this.env = runner.environment();
        XdgDirs dirs = XdgDirs.from(env);
        this.home = dirs.home();
        this.configHome = dirs.configHome();
        this.runtimeDir = dirs.runtimeDir();
    }

    public Path configToml() {
        return configHome.resolve("containerd/config.toml");
    }

    public Path nerdctlToml() {
        return configHome.resolve("nerdctl/nerdctl.toml");
    }

    UserDirs dirs() {
        return UserDirs.fromEnvironment(env, home);
    }

    // ------------------------------------------------------------------ list

    /** One snapshotter as the panel sees it. */
    public record Row(Snapshotter snapshotter, Eligibility.Verdict verdict, Optional<PluginInfo> plugin,
                      String pluginState, Optional<UnitStatus> unit, boolean isDefault) {
        public boolean loaded() {
            return plugin.map(PluginInfo::loaded).orElse(false);
        }
    }

    public List<Row> list(HostFacts facts) {
        boolean devFuse = Files.isReadable(Path.of("/dev/fuse")) && Files.isWritable(Path.of("/dev/fuse"));
        List<PluginInfo> plugins = List.of();
        String pluginProblem = "";
        try (ContainerdClient c = ContainerdClient.connect(ContainerdClient.defaultSocket(env))) {
            plugins = c.plugins(List.of("type==" + PluginInfo.SNAPSHOTTER));
        } catch (ContainerdException e) {
            pluginProblem = e.getMessage();
        }
        String def = defaultSnapshotter();
        List<Row> rows = new ArrayList<>();
        for (Snapshotter s : Snapshotter.values()) {
            Optional<PluginInfo> p = plugins.stream().filter(x -> x.id().equals(s.id())).findFirst();
            String state = !pluginProblem.isEmpty() ? pluginProblem
                    : p.isEmpty() ? "not loaded by containerd" + (s.proxy() ? " (no [proxy_plugins] entry)" : "")
                    : p.get().initError().map(e -> "failed to load: " + e).orElse("loaded");
            Optional<UnitStatus> unit = Optional.empty();
            if (s.unit().isPresent() && manager != null) {
                try {
                    unit = Optional.of(manager.status(s.unit().get().component().unit()));
                } catch (SystemdException e) {
                    unit = Optional.empty();
                }
            }
            rows.add(new Row(s, Eligibility.of(s, facts, devFuse), p, state, unit, s.id().equals(def)));
        }
        return rows;
    }

    /** nerdctl's default snapshotter: nerdctl.toml's {@code snapshotter}, else overlayfs. */
    public String defaultSnapshotter() {
        try {
            FileSnapshot f = FileSnapshot.read(nerdctlToml());
            return f.exists() ? NerdctlToml.snapshotter(f.text()).orElse("overlayfs") : "overlayfs";
        } catch (IOException | ConfigParseException e) {
            return "overlayfs";
        }
    }

    /** Writes {@code snapshotter = "NAME"} into nerdctl.toml, keeping everything else. */
    public String setDefault(Snapshotter s) throws IOException, ConfigParseException {
        FileSnapshot f = FileSnapshot.read(nerdctlToml());
        NerdctlToml.Edit e = NerdctlToml.setSnapshotter(f.text(), s.id());
        if (!e.changed()) {
            return "already the default";
        }
        Files.createDirectories(nerdctlToml().getParent());
        AtomicFile.write(f, e.text().getBytes(StandardCharsets.UTF_8), AtomicFile.REGULAR);
        return "written to " + nerdctlToml();
    }

    // ------------------------------------------------------------------ enable / disable

    /** The config.toml change an enable or disable makes, as a diff patch(1) applies. */
    public String configDiff(Snapshotter s, boolean enable) throws IOException, ConfigParseException {
        FileSnapshot f = FileSnapshot.read(configToml());
        ConfigMerge.Result r = merge(f.text(), s, enable);
        return r.changed() ? Diff.unified(f.text(), r.text(), configToml().toString()) : "(no changes)\n";
    }

    private ConfigMerge.Result merge(String text, Snapshotter s, boolean enable) throws ConfigParseException {
        var which = EnumSet.of(toConfig(s));
        return enable ? ConfigMerge.enable(text, which, dirs()) : ConfigMerge.disable(text, which, dirs());
    }

    private static io.github.rootlesspanel.config.containerd.Snapshotter toConfig(Snapshotter s) {
        return switch (s) {
            case FUSE_OVERLAYFS -> io.github.rootlesspanel.config.containerd.Snapshotter.FUSE_OVERLAYFS;
            case STARGZ -> io.github.rootlesspanel.config.containerd.Snapshotter.STARGZ;
            default -> throw new IllegalArgumentException(s.id() + " is built into containerd");
        };
    }

    /** Install the daemon unit, merge config.toml, restart containerd, and check it lists the plugin. */
    public Plan enablePlan(Snapshotter s) {
        Installer installer = new Installer(manager, runner);
        Plan unit = installer.installPlan(s.unit().orElseThrow(), Installer.Options.DEFAULT);
        List<Step> steps = new ArrayList<>(unit.steps());
        steps.addAll(configSteps(s, true));
        List<String> notes = new ArrayList<>(unit.notes());
        notes.add("Restarting containerd stops running containers.");
        notes.add("nerdctl uses it with --snapshotter=" + s.id() + ", CONTAINERD_SNAPSHOTTER=" + s.id()
                + ", or as the default in nerdctl.toml.");
        return new Plan("Enable the " + s.id() + " snapshotter", unit.unit(), unit.unitFile(), steps, notes);
    }

    /** The reverse: remove what enable merged, restart, then uninstall the daemon unit. */
    public Plan disablePlan(Snapshotter s) {
        Installer installer = new Installer(manager, runner);
        Plan unit = installer.uninstallPlan(s.unit().orElseThrow(), Installer.Options.DEFAULT, false);
        List<Step> steps = new ArrayList<>(configSteps(s, false));
        steps.addAll(unit.steps());
        return new Plan("Disable the " + s.id() + " snapshotter", unit.unit(), Optional.empty(), steps, unit.notes());
    }

    private List<Step> configSteps(Snapshotter s, boolean enable) {
        Path file = configToml();
        FileSnapshot[] before = new FileSnapshot[1];
        String[] written = new String[1];
        List<Step> steps = new ArrayList<>();
        steps.add(Step.of((enable ? "Add " : "Remove ") + "the " + s.id() + " proxy plugin "
                + (enable ? "to " : "from ") + file + " (comments and other settings kept)", () -> {
                    FileSnapshot now = FileSnapshot.read(file);
                    ConfigMerge.Result r;
                    try {
                        r = merge(now.text(), s, enable);
                    } catch (ConfigParseException e) {
                        throw new StepFailedException(file + " does not parse (line " + e.line() + ", column "
                                + e.column() + "): " + e.reason() + ". Nothing was written.", "");
                    }
                    before[0] = now;
                    if (!r.changed()) {
                        return "already " + (enable ? "there" : "gone");
                    }
                    validateWithContainerd(r.text());
                    Files.createDirectories(file.getParent());
                    AtomicFile.write(now, r.text().getBytes(StandardCharsets.UTF_8), AtomicFile.REGULAR);
                    written[0] = r.text();
                    String conflicts = r.conflicts().isEmpty() ? "" : "; kept your own values: "
                            + String.join("; ", r.conflicts().stream().map(Object::toString).toList());
                    return "written (previous kept as config.toml.bak)" + conflicts;
                }, () -> {
                    if (written[0] == null) {
                        return "nothing to undo";
                    }
                    FileSnapshot now = FileSnapshot.read(file);
                    if (!now.sameAs(written[0].getBytes(StandardCharsets.UTF_8))) {
                        return "left alone: it changed since the panel wrote it";
                    }
                    AtomicFile.write(now, before[0].content().orElse(new byte[0]), AtomicFile.REGULAR);
                    return "previous version restored";
                }));
        steps.add(Step.of("Restart containerd.service and wait until it answers (running containers stop)",
                this::restartContainerd, this::restartContainerd));
        steps.add(Step.of("Check that containerd " + (enable ? "lists" : "no longer lists") + " the " + s.id()
                + " snapshotter", () -> verify(s, enable)));
        return steps;
    }

    /** containerd's own parser over the new text ({@code containerd config dump}), before anything is written. */
    private void validateWithContainerd(String text) throws IOException, StepFailedException {
        if (runner.which("containerd").isEmpty()) {
            return;
        }
        Path tmp = Files.createTempFile(configToml().getParent() == null ? Path.of("/tmp")
                : Files.createDirectories(configToml().getParent()), ".config.", ".toml.check");
        try {
            Files.writeString(tmp, text);
            ProcessRunner.Result r = runner.runQuietly(List.of("containerd", "--config", tmp.toString(), "config", "dump"),
                    Duration.ofSeconds(20));
            if (!r.ok()) {
                throw new StepFailedException("containerd rejects the merged config.toml: "
                        + r.stderr().strip() + ". Nothing was written.", r.output());
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String restartContainerd() throws StepFailedException {
        try {
            JobOutcome o = manager.run(JobKind.RESTART, "containerd.service");
            if (!o.succeeded()) {
                throw new StepFailedException(o.message(), "", "containerd.service");
            }
            Path runtime = runtimeDir;
            return Readiness.awaitRootlessContainerd(manager, "containerd.service", StateDir.forRuntimeDir(runtime),
                    runtime.resolve("containerd/containerd.sock"), READY_TIMEOUT).replaceAll(": \\{.*", "");
        } catch (SystemdException e) {
            throw new StepFailedException(e.getMessage(), e.detail());
        } catch (Readiness.NotReadyException e) {
            throw new StepFailedException("containerd did not come back: " + e.getMessage(), "", "containerd.service");
        }
    }

    private String verify(Snapshotter s, boolean enabled) throws StepFailedException {
        try (ContainerdClient c = ContainerdClient.connect(ContainerdClient.defaultSocket(env))) {
            Optional<PluginInfo> p = c.plugins(List.of("type==" + PluginInfo.SNAPSHOTTER)).stream()
                    .filter(x -> x.id().equals(s.id())).findFirst();
            if (enabled && p.isEmpty()) {
                throw new StepFailedException("containerd does not list the " + s.id() + " snapshotter after the restart.",
                        "");
            }
            if (enabled && p.get().initError().isPresent()) {
                throw new StepFailedException("containerd could not load " + s.id() + ": " + p.get().initError().get(), "");
            }
            if (!enabled && p.isPresent()) {
                throw new StepFailedException("containerd still lists the " + s.id() + " snapshotter.", "");
            }
            return enabled ? "listed and loaded" : "not listed";
        } catch (ContainerdException e) {
            throw new StepFailedException(e.getMessage(), "");
        }
    }
}
