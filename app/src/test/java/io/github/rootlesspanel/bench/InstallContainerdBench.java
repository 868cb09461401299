package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.setup.install.Target;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Installing containerd until it is ready: the panel's install plan (as {@code rootless-panel install containerd}
 * runs it: write the unit, reload, start, wait until RootlessKit's API and containerd's socket answer, enable)
 * against the setup script's sequence for the same unit file. nerdctl's containerd-rootless-setuptool.sh has no
 * Debian package, so its sequence (rootless-setup.md §1.5: write, daemon-reload, status, start, {@code sleep 3},
 * status, enable, daemon-reload) is replayed here as its commands. Both on the test user's real systemd with
 * Debian's real RootlessKit and containerd; uninstalled between runs (untimed), alternating.
 */
@Tag("real-parts")
class InstallContainerdBench {

    static final String UNIT = "containerd.service";
    static final int ROUNDS = 3;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit(UNIT);
        Files.deleteIfExists(TestUser.unitDir().resolve(UNIT + ".bak"));
    }

    @Test
    void panelInstallAgainstTheSetupScriptsSequence() throws Exception {
        ProcessRunner runner = new ProcessRunner(System.getenv());
        try (UserManager m = DbusUserManager.connect(TestUser.busAddress())) {
            Installer installer = new Installer(m, runner);
            Path file = installer.unitDir().resolve(UNIT);
            String unitText = installer.render(Target.CONTAINERD, installer.context(Installer.Options.DEFAULT));
            Paired.Task uninstall = () -> {
                PlanRunner.Outcome o = new PlanRunner().run(
                        installer.uninstallPlan(Target.CONTAINERD, Installer.Options.DEFAULT, false),
                        PlanRunner.Listener.NONE);
                assertThat(o.failure()).isEmpty();
                Files.deleteIfExists(file.resolveSibling(UNIT + ".bak"));
            };
            double[][] ms = Paired.measure(1, ROUNDS, List.of(
                    new Paired.Task() {
                        @Override
                        public void run() {
                            Plan plan = installer.installPlan(Target.CONTAINERD, Installer.Options.DEFAULT);
                            PlanRunner.Outcome o = new PlanRunner().run(plan, PlanRunner.Listener.NONE);
                            assertThat(o.failure()).isEmpty();
                        }

                        @Override
                        public void between() throws Exception {
                            uninstall.run();
                        }
                    },
                    new Paired.Task() {
                        @Override
                        public void run() throws Exception {
                            setupScriptSequence(file, unitText);
                        }

                        @Override
                        public void between() throws Exception {
                            assertThat(TestUser.systemctl("is-active", UNIT).trim()).isEqualTo("active");
                            uninstall.run();
                        }
                    }));
            Bench.record(new Bench.Result("install-containerd", "Operation latency",
                    new Bench.Series("install containerd until ready (the panel's plan)", "ms", ms[0]))
                    .reference(new Bench.Series("the setup script's sequence (replayed, with its sleep 3)", "ms",
                            ms[1]))
                    .note("the panel waits until RootlessKit's API and containerd's socket answer; the script "
                            + "sleeps 3 s and checks only that the unit is active")
                    .note("containerd-rootless-setuptool.sh has no Debian package: its commands are replayed "
                            + "with the panel's unit file on the same real systemd, RootlessKit and containerd"));
        }
    }

    /** install_systemd_unit as the script runs it for containerd, then its closing daemon-reload. */
    static void setupScriptSequence(Path file, String unitText) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, unitText);
        TestUser.systemctl("daemon-reload");
        TestUser.systemctlMayFail("--no-pager", "status", UNIT);   // not active yet: the script then starts it
        TestUser.systemctl("start", UNIT);
        Thread.sleep(3000);
        TestUser.systemctl("--no-pager", "--full", "status", UNIT);
        TestUser.systemctl("enable", UNIT);
        TestUser.systemctl("daemon-reload");
    }
}
