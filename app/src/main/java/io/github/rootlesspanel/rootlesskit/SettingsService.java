package io.github.rootlesspanel.rootlesskit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.ChangedOnDiskException;
import io.github.rootlesspanel.config.Diff;
import io.github.rootlesspanel.config.FileSnapshot;
import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.DropInParseException;
import io.github.rootlesspanel.config.rootlesskit.Effective;
import io.github.rootlesspanel.config.rootlesskit.EffectiveSettings;
import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Problem;
import io.github.rootlesspanel.config.rootlesskit.Rules;
import io.github.rootlesspanel.config.rootlesskit.Settings;
import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.host.Identity;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * The RootlessKit settings of rootless containerd: {@code containerd.service.d/override.conf} (the file
 * {@code systemctl --user edit containerd.service} makes), what the running service uses, and applying
 * a change (write atomically, daemon-reload, restart, wait until ready). Blocking; run off the FX thread.
 */
public final class SettingsService {

    public static final String UNIT = "containerd.service";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final UserManager manager;
    private final ProcessRunner runner;
    private final Path overrideFile;
    private final Path runtimeDir;

    /** {@code manager} may be null for offline uses (a dry run without a user bus). */
    public SettingsService(UserManager manager, ProcessRunner runner) {
        this.manager = manager;
        this.runner = runner;
        XdgDirs dirs = XdgDirs.from(runner.environment());
        this.overrideFile = dirs.userUnitDir().resolve("containerd.service.d/override.conf");
        this.runtimeDir = dirs.runtimeDir();
    }

    public Path overrideFile() {
        return overrideFile;
    }

    public StateDir stateDir() {
        return StateDir.forRuntimeDir(runtimeDir);
    }

    public HostCapabilities capabilities() {
        return HostCapabilitiesProbe.probe(runner);
    }

    // ------------------------------------------------------------------ the file

    /** The file as read now: its exact bytes (for change detection), the parsed drop-in and its settings. */
    public record Loaded(FileSnapshot snapshot, DropIn dropIn, Settings settings) { }

    /** Reads override.conf; a missing file is an empty drop-in. Malformed files throw with line and column. */
    public Loaded load() throws IOException, DropInParseException {
        FileSnapshot snap = FileSnapshot.read(overrideFile);
        DropIn d = snap.exists() ? DropIn.parse(snap.content().get()) : DropIn.empty();
        return new Loaded(snap, d, Settings.fromEnvironment(d.environmentMap(DropIn.SERVICE)));
    }

    /** A proposed change: the new file, its diff, and every problem with the resulting settings. */
    public record Edit(Loaded base, Settings after, Optional<DropIn> result, String diff, List<Problem> problems) {
        public boolean blocked() {
            return result.isEmpty() || Rules.blocking(problems);
        }

        public boolean changed() {
            return result.isPresent() && !result.get().text().equals(base.dropIn().text());
        }
    }

    /** Applies changes in memory only (Optional.empty() removes an assignment, i.e. back to the default). */
    public Edit edit(Loaded base, Map<Variable, Optional<String>> changes, HostCapabilities host) {
        Settings after = base.settings();
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        for (Map.Entry<Variable, Optional<String>> c : changes.entrySet()) {
            after = after.with(c.getKey(), c.getValue());
            env.put(c.getKey().envName(), c.getValue());
        }
        List<Problem> problems = Rules.validate(after, host);
        Optional<DropIn> result;
        try {
            result = Optional.of(base.dropIn().withEnvironment(env));
        } catch (IllegalArgumentException e) {
            problems = new java.util.ArrayList<>(problems);
            problems.add(new Problem(Optional.empty(), Problem.Severity.ERROR, e.getMessage()));
            result = Optional.empty();
        }
        String diff = result.map(r -> Diff.unified(base.dropIn().text(), r.text(), overrideFile.toString())).orElse("");
        return new Edit(base, after, result, diff, List.copyOf(problems));
    }

    /**
     * Writes the edit if the file is still what was read (else {@link ChangedOnDiskException}); the
     * previous version is kept as override.conf.bak.
     */
    public void write(Edit e) throws IOException {
        if (e.blocked()) {
            throw new IllegalStateException("refusing to write settings with errors");
        }
        Files.createDirectories(overrideFile.getParent());
        AtomicFile.write(e.base().snapshot(), e.result().get().text().getBytes(StandardCharsets.UTF_8),
                AtomicFile.REGULAR);
    }

    public boolean hasPrevious() {
        return Files.isRegularFile(AtomicFile.backupOf(overrideFile));
    }

    /** Puts override.conf.bak back (the current file becomes the new .bak), then daemon-reload. */
    public void restorePrevious() throws IOException, SystemdException {
        // the .bak is read like any config file: a FIFO, a huge or a binary file there is refused, not waited on or copied
        byte[] previous = FileSnapshot.read(AtomicFile.backupOf(overrideFile)).content()
                .orElseThrow(() -> new java.nio.file.NoSuchFileException(AtomicFile.backupOf(overrideFile).toString()));
        AtomicFile.write(FileSnapshot.read(overrideFile), previous, AtomicFile.REGULAR);
        reload();
    }

    // ------------------------------------------------------------------ the running service

    /** What the service uses now: its Environment as systemd has it, resolved like the script, and RootlessKit's answer. */
    public record Running(UnitStatus unit, Settings settings, EffectiveSettings effective,
                          Optional<Map<String, Object>> info) {
        public boolean active() {
            return unit.activeState() == ActiveState.ACTIVE;
        }
    }

    public Running running(HostCapabilities host) throws SystemdException {
        UnitStatus s = requireManager().status(UNIT);
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : s.environment()) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Settings settings = Settings.fromEnvironment(env);
        Optional<Map<String, Object>> info = s.activeState() == ActiveState.ACTIVE
                ? stateDir().infoFields(Duration.ofSeconds(2)) : Optional.empty();
        return new Running(s, settings, Effective.resolve(settings, host), info);
    }

    public void reload() throws SystemdException {
        requireManager().reload();
    }

    /** Restarts containerd.service and waits until RootlessKit and containerd answer again. */
    public String restartAndWait() throws SystemdException, Readiness.NotReadyException {
        JobOutcome o = requireManager().run(JobKind.RESTART, UNIT);
        if (!o.succeeded()) {
            throw new Readiness.NotReadyException(o.message());
        }
        return Readiness.awaitRootlessContainerd(manager, UNIT, stateDir(),
                runtimeDir.resolve("containerd/containerd.sock"), READY_TIMEOUT);
    }

    private UserManager requireManager() throws SystemdException {
        if (manager == null) {
            throw new SystemdException.BusUnavailable("Not connected to the systemd user manager.", "", null);
        }
        return manager;
    }

    /** The MTU of tap0 in RootlessKit's network namespace, read through netlink (ip) inside it. */
    public Optional<Integer> tap0Mtu() {
        Optional<Long> pid = stateDir().liveChildPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("nsenter", "-U", "--preserve-credentials", "-t",
                Long.toString(pid.get())));
        if (stateDir().detachedNetns()) {
            cmd.addAll(List.of("-m", "--net=/proc/" + pid.get() + "/root" + stateDir().dir() + "/netns"));
        } else {
            cmd.add("-n");
        }
        cmd.addAll(List.of("ip", "-o", "link", "show", "dev", "tap0"));
        ProcessRunner.Result r = runner.runQuietly(cmd, Duration.ofSeconds(10));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bmtu (\\d+)").matcher(r.stdout());
        return r.ok() && m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
