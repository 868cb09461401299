package io.github.rootlesspanel.systemd;

import static io.github.rootlesspanel.testsupport.Events.changed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.testsupport.Events;
import io.github.rootlesspanel.testsupport.TestUser;

/** The user-manager client against the throwaway user's real systemd --user over its real user bus. */
@Tag("real-systemd")
class UserManagerIT {

    static final String CONTAINERD = "containerd.service";
    static DbusUserManager manager;

    @BeforeAll
    static void connect() throws SystemdException {
        manager = DbusUserManager.connect(TestUser.busAddress());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @BeforeEach
    void installStandIn() {
        TestUser.installUnit("containerd.service", CONTAINERD);
    }

    @AfterEach
    void cleanUp() {
        for (String u : List.of(CONTAINERD, "buildkit.service", "stargz-snapshotter.service", "bypass4netnsd.service")) {
            TestUser.removeUnit(u);
        }
    }

    @Test
    void unitWithoutFileIsNotInstalled() throws SystemdException {
        UnitStatus s = manager.status("bypass4netnsd.service");
        assertThat(s.installed()).isFalse();
        assertThat(s.loadState()).isEqualTo(LoadState.NOT_FOUND);
        assertThat(s.activeState()).isEqualTo(ActiveState.INACTIVE);
    }

    @Test
    void startAndStopWaitForTheJobAndReportTheNewState() throws SystemdException {
        JobOutcome started = manager.run(JobKind.START, CONTAINERD);
        assertThat(started.succeeded()).isTrue();
        assertThat(started.after().activeState()).isEqualTo(ActiveState.ACTIVE);
        assertThat(started.after().subState()).isEqualTo("running");
        assertThat(started.after().mainPid()).isEqualTo(TestUser.mainPid(CONTAINERD)).isPositive();
        assertThat(started.after().since()).isNotNull();
        assertThat(started.after().description()).contains("containerd");
        assertThat(started.after().fragmentPath()).endsWith(".config/systemd/user/containerd.service");
        assertThat(TestUser.systemctl("is-active", CONTAINERD).trim()).isEqualTo("active");

        JobOutcome stopped = manager.run(JobKind.STOP, CONTAINERD);
        assertThat(stopped.succeeded()).isTrue();
        assertThat(stopped.after().activeState()).isEqualTo(ActiveState.INACTIVE);
        assertThat(stopped.after().mainPid()).isZero();
        assertThat(TestUser.systemctlMayFail("is-active", CONTAINERD).output().trim()).isEqualTo("inactive");
    }

    @Test
    void restartGivesANewMainProcess() throws SystemdException {
        long before = manager.run(JobKind.START, CONTAINERD).after().mainPid();
        JobOutcome restarted = manager.run(JobKind.RESTART, CONTAINERD);
        assertThat(restarted.succeeded()).isTrue();
        assertThat(restarted.after().mainPid()).isPositive().isNotEqualTo(before);
    }

    @Test
    void failedStartCarriesSystemdsResult() throws SystemdException {
        TestUser.installUnit("failing.service", "buildkit.service");
        JobOutcome o = manager.run(JobKind.START, "buildkit.service");
        assertThat(o.succeeded()).isFalse();
        assertThat(o.result()).isEqualTo(JobResult.FAILED);
        assertThat(o.after().activeState()).isEqualTo(ActiveState.FAILED);
        assertThat(o.after().result()).isEqualTo("exit-code");
        assertThat(o.message()).contains("exit-code").contains("journalctl --user -u buildkit.service");
    }

    @Test
    void enableAndDisableChangeTheUnitFileState() throws Exception {
        JobOutcome enabled = manager.run(JobKind.ENABLE, CONTAINERD);
        assertThat(enabled.after().unitFileState()).isEqualTo(UnitFileState.ENABLED);
        assertThat(Files.isSymbolicLink(TestUser.unitDir().resolve("default.target.wants/containerd.service"))).isTrue();
        assertThat(TestUser.systemctl("is-enabled", CONTAINERD).trim()).isEqualTo("enabled");

        JobOutcome disabled = manager.run(JobKind.DISABLE, CONTAINERD);
        assertThat(disabled.after().unitFileState()).isEqualTo(UnitFileState.DISABLED);
        assertThat(Files.exists(TestUser.unitDir().resolve("default.target.wants/containerd.service"))).isFalse();
    }

    @Test
    void enablingAUnitWithoutInstallSectionIsExplained() {
        TestUser.installUnit("static.service", "stargz-snapshotter.service");
        assertThatThrownBy(() -> manager.run(JobKind.ENABLE, "stargz-snapshotter.service"))
                .isInstanceOf(SystemdException.NotApplicable.class)
                .hasMessageContaining("no [Install] section");
    }

    @Test
    void startingAMissingUnitSaysItIsNotInstalled() {
        assertThatThrownBy(() -> manager.run(JobKind.START, "bypass4netnsd.service"))
                .isInstanceOf(SystemdException.NoSuchUnit.class)
                .hasMessageContaining("bypass4netnsd.service is not installed");
    }

    @Test
    void startingAMaskedUnitSaysItIsMasked() {
        // a mask is a symlink to /dev/null in ~/.config/systemd/user (removeUnit unmasks it again)
        TestUser.systemctl("mask", "stargz-snapshotter.service");
        assertThatThrownBy(() -> manager.run(JobKind.START, "stargz-snapshotter.service"))
                .isInstanceOf(SystemdException.UnitMasked.class)
                .hasMessageContaining("is masked");
    }

    @Test
    void watchSeesChangesMadeOutsideThePanel() throws Exception {
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(List.of(CONTAINERD), events)) {
            events.await(e -> e instanceof UnitEvent.Connected, Duration.ofSeconds(10), "connected");
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.INACTIVE), Duration.ofSeconds(10),
                    "initial inactive");
            TestUser.systemctl("start", CONTAINERD);
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.ACTIVE && s.mainPid() > 0),
                    Duration.ofSeconds(10), "active after systemctl start");
            TestUser.systemctl("stop", CONTAINERD);
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.INACTIVE), Duration.ofSeconds(10),
                    "inactive after systemctl stop");
            TestUser.systemctl("enable", CONTAINERD);
            events.await(changed(CONTAINERD, s -> s.unitFileState() == UnitFileState.ENABLED), Duration.ofSeconds(10),
                    "enabled after systemctl enable");
        }
    }

    @Test
    void watchSeesAUnitBeingInstalled() throws Exception {
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(List.of("bypass4netnsd.service"), events)) {
            events.await(changed("bypass4netnsd.service", s -> !s.installed()), Duration.ofSeconds(10), "not installed");
            TestUser.installUnit("containerd.service", "bypass4netnsd.service");
            events.await(changed("bypass4netnsd.service", UnitStatus::installed), Duration.ofSeconds(10),
                    "installed after daemon-reload");
        }
    }

    /**
     * Reading a unit that is not loaded loads it (UnitNew) and systemd unloads it again (UnitRemoved); the watch
     * must not read again on those echoes of its own read — it did, hundreds of times a second, which kept an idle
     * panel at 10–35 % of a core (issue 10). Three not-installed units and one installed but inactive, as the
     * Overview watches them; still heard: an installed unit starting.
     */
    @Test
    void aWatchOfUnitsThatAreNotLoadedStaysQuiet() throws Exception {
        List<String> units = List.of("buildkit.service", "stargz-snapshotter.service", "bypass4netnsd.service",
                CONTAINERD);
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        Events events = new Events();
        try (UserManager.Watch w = manager.watch(units, e -> {
            if (e instanceof UnitEvent.Changed) {
                changes.incrementAndGet();
            }
            events.accept(e);
        })) {
            events.await(changed("buildkit.service", s -> !s.installed()), Duration.ofSeconds(10), "not installed");
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.INACTIVE), Duration.ofSeconds(10),
                    "initial inactive");
            Thread.sleep(1000);
            int before = changes.get();
            Thread.sleep(3000);
            assertThat(changes.get() - before).as("changes heard in 3 s of nothing changing").isLessThanOrEqualTo(2);
            TestUser.systemctl("start", CONTAINERD);
            events.await(changed(CONTAINERD, s -> s.activeState() == ActiveState.ACTIVE), Duration.ofSeconds(10),
                    "active after systemctl start");
        }
    }
}
