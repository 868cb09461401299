package io.github.rootlesspanel.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.FileSnapshot;
import io.github.rootlesspanel.config.containerd.ConfigMerge;
import io.github.rootlesspanel.config.containerd.Snapshotter;
import io.github.rootlesspanel.config.containerd.UserDirs;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.rootlesskit.SettingsService;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.setup.install.Target;
import io.github.rootlesspanel.snapshotters.SnapshotterService;

/**
 * Each file kind the panel writes, written to version A or B through the code path the window and the command
 * line use (the service, not a bare AtomicFile call, where the service writes without systemd). Shared by the
 * fault tests and the child JVM they kill ({@link KillWriter}).
 */
public enum Writers {
    /** Installer's "Write …containerd.service" step (the two versions differ in the RootlessKit flags carried over). */
    UNIT_FILE(".config/systemd/user/containerd.service"),
    /** SettingsService.write, as `rootlesskit set` and Apply do (MTU 1500 / 65520). */
    OVERRIDE_CONF(".config/systemd/user/containerd.service.d/override.conf"),
    /** The config.toml merge of snapshotter enable/disable: ConfigMerge, then AtomicFile.write as its step does. */
    CONFIG_TOML(".config/containerd/config.toml"),
    /** SnapshotterService.setDefault, as `snapshotter default` and the Snapshotters page do. */
    NERDCTL_TOML(".config/nerdctl/nerdctl.toml"),
    /** PreferencesFile.save, as the Preferences dialog does. */
    SETTINGS_TOML(".config/rootless-panel/settings.toml");

    public final String relative;

    Writers(String relative) {
        this.relative = relative;
    }

    public Path file(Path home) {
        return home.resolve(relative);
    }

    public static Map<String, String> env(Path home) {
        return env(home, "");
    }

    static Map<String, String> env(Path home, String rootlessKitFlags) {
        return Map.of("CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS", rootlessKitFlags, "HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                "XDG_RUNTIME_DIR", home.resolve("run").toString(), "PATH", "/usr/bin:/bin");
    }

    /** Writes version B ({@code b}) or A through the panel's code path for this kind. */
    public void write(Path home, boolean b) throws Exception {
        ProcessRunner runner = new ProcessRunner(env(home));
        switch (this) {
            case UNIT_FILE -> {
                // the setup tool carries CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS into the unit: the two versions
                Installer i = new Installer(null, new ProcessRunner(env(home, b ? "--mtu=65520" : "--mtu=1500")));
                Step step = i.installPlan(Target.CONTAINERD, new Installer.Options(true, Optional.empty(), Optional.empty()))
                        .steps().stream().filter(s -> s.title().startsWith("Write ")).findFirst().orElseThrow();
                step.action().run();
            }
            case OVERRIDE_CONF -> {
                SettingsService s = new SettingsService(null, runner);
                SettingsService.Edit e = s.edit(s.load(), Map.of(Variable.MTU, Optional.of(b ? "65520" : "1500")),
                        HostCapabilities.unknown());
                s.write(e);
            }
            case CONFIG_TOML -> {
                Path f = file(home);
                FileSnapshot now = FileSnapshot.read(f);
                String base = now.exists() ? now.text() : "version = 2\n# the user's comment\n";
                UserDirs dirs = UserDirs.fromEnvironment(env(home), home);
                var which = EnumSet.of(Snapshotter.FUSE_OVERLAYFS);
                String text = b ? ConfigMerge.enable(base, which, dirs).text() : ConfigMerge.disable(base, which, dirs).text();
                Files.createDirectories(f.getParent());
                AtomicFile.write(now, text.getBytes(StandardCharsets.UTF_8), AtomicFile.REGULAR);
            }
            case NERDCTL_TOML -> new SnapshotterService(null, runner).setDefault(
                    b ? io.github.rootlesspanel.snapshotters.Snapshotter.NATIVE
                            : io.github.rootlesspanel.snapshotters.Snapshotter.OVERLAYFS);
            case SETTINGS_TOML -> {
                PreferencesFile p = PreferencesFile.of(XdgDirs.from(env(home)));
                p.save(p.load(), Preferences.DEFAULTS.withTheme(b ? Preferences.Theme.DARK : Preferences.Theme.LIGHT));
            }
            default -> throw new IllegalStateException();
        }
    }
}
