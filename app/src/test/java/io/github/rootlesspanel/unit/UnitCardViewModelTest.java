package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.ConnectionState;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.LoadState;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UnitFileState;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.overview.Tone;
import io.github.rootlesspanel.ui.overview.UnitCardViewModel;
import io.github.rootlesspanel.ui.overview.OverviewViewModel;
import io.github.rootlesspanel.ui.common.Navigator;

/** Only statuses are fed in; any call to the user manager is a failure. JavaFX properties need no toolkit. */
class UnitCardViewModelTest {

    /** These tests open no dialogs; a call would be a bug. */
    static final io.github.rootlesspanel.ui.common.DialogService NO_DIALOGS =
            new io.github.rootlesspanel.ui.common.DialogService() {
                @Override
                public void showError(String title, String message, String details) {
                    throw new AssertionError("unexpected dialog: " + message);
                }

                @Override
                public boolean confirm(String title, String question, String details, String yesLabel) {
                    throw new AssertionError("unexpected question: " + question);
                }

                @Override
                public void copyToClipboard(String text) {
                    throw new AssertionError("unexpected clipboard use: " + text);
                }
            };

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String UNIT = "containerd.service";

    /** A user manager every method of which fails the test. */
    private static final UserManager UNTOUCHABLE = new UserManager() {
        @Override
        public ConnectionState connectionState() {
            throw new AssertionError("connectionState() must not be called");
        }

        @Override
        public io.github.rootlesspanel.systemd.UnitOutput output(String unit) {
            throw new AssertionError("output() must not be called");
        }

        @Override
        public UnitStatus status(String unit) {
            throw new AssertionError("status() must not be called");
        }

        @Override
        public List<UnitStatus> statuses(Collection<String> units) {
            throw new AssertionError("statuses() must not be called");
        }

        @Override
        public JobOutcome run(JobKind kind, String unit) {
            throw new AssertionError("run(" + kind + ", " + unit + ") must not be called");
        }

        @Override
        public void reload() {
            throw new AssertionError("reload() must not be called");
        }

        @Override
        public Watch watch(Collection<String> units, Consumer<UnitEvent> listener) {
            throw new AssertionError("watch() must not be called");
        }

        @Override
        public void close() {
            throw new AssertionError("close() must not be called");
        }
    };

    private final UnitCardViewModel vm =
            new UnitCardViewModel(Component.CONTAINERD, UNTOUCHABLE, TaskRunner.direct(), NO_DIALOGS, CLOCK);

    private static UnitStatus status(LoadState load, ActiveState active, String sub, UnitFileState file, long pid,
            OptionalLong memory, String result) {
        return new UnitStatus(UNIT, "containerd (Rootless)", load, active, sub, file,
                active == ActiveState.ACTIVE ? NOW.minusSeconds(90) : null,
                active == ActiveState.ACTIVE ? null : NOW.minusSeconds(30),
                NOW.minusSeconds(30), pid, memory, 0, result,
                "/home/u/.config/systemd/user/" + UNIT, List.of(), List.of(), false);
    }

    private static UnitStatus activeRunning(UnitFileState file, OptionalLong memory) {
        return status(LoadState.LOADED, ActiveState.ACTIVE, "running", file, 4242, memory, "success");
    }

    private static UnitStatus activeRunning() {
        return activeRunning(UnitFileState.STATIC, OptionalLong.empty());
    }

    private static UnitStatus failedExitCode() {
        return status(LoadState.LOADED, ActiveState.FAILED, "failed", UnitFileState.STATIC, 0, OptionalLong.empty(),
                "exit-code");
    }

    private static UnitStatus inactive(UnitFileState file) {
        return status(LoadState.LOADED, ActiveState.INACTIVE, "dead", file, 0, OptionalLong.empty(), "success");
    }

    private Map<String, Boolean> commands() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("start", vm.canStartProperty().get());
        m.put("stop", vm.canStopProperty().get());
        m.put("restart", vm.canRestartProperty().get());
        m.put("enable", vm.canEnableProperty().get());
        m.put("disable", vm.canDisableProperty().get());
        return m;
    }

    private Map<String, Boolean> only(String... allowed) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String k : List.of("start", "stop", "restart", "enable", "disable")) {
            m.put(k, List.of(allowed).contains(k));
        }
        return m;
    }

    @Test
    void beforeConnectingNoCommandIsAvailable() {
        assertThat(commands()).isEqualTo(only());
    }

    @Test
    void aStatusWithoutAConnectionEnablesNoCommand() {
        vm.apply(activeRunning());
        assertThat(commands()).isEqualTo(only());
    }

    @Test
    void activeRunningUnitCanBeStoppedAndRestarted() {
        vm.setConnected(true);
        vm.apply(activeRunning());

        assertThat(commands()).isEqualTo(only("stop", "restart"));
        assertThat(vm.stateTextProperty().get()).isEqualTo("Active · running");
        assertThat(vm.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(vm.pidTextProperty().get()).isEqualTo("4242");
        assertThat(vm.installedProperty().get()).isTrue();
    }

    @Test
    void failedUnitShowsItsResultAndCanBeStartedOrRestarted() {
        vm.setConnected(true);
        vm.apply(failedExitCode());

        assertThat(vm.stateTextProperty().get()).isEqualTo("Failed · exit-code");
        assertThat(vm.toneProperty().get()).isEqualTo(Tone.ERROR);
        assertThat(commands()).isEqualTo(only("start", "restart"));
    }

    @Test
    void inactiveUnitCanOnlyBeStarted() {
        vm.setConnected(true);
        vm.apply(inactive(UnitFileState.STATIC));

        assertThat(vm.toneProperty().get()).isEqualTo(Tone.NEUTRAL);
        assertThat(commands()).isEqualTo(only("start"));
    }

    @Test
    void notInstalledUnitOffersNoCommand() {
        vm.setConnected(true);
        vm.apply(UnitStatus.notFound(UNIT));

        assertThat(vm.installedProperty().get()).isFalse();
        assertThat(commands()).isEqualTo(only());
    }

    @Test
    void maskedUnitOffersNoCommand() {
        vm.setConnected(true);
        vm.apply(status(LoadState.MASKED, ActiveState.INACTIVE, "dead", UnitFileState.MASKED, 0,
                OptionalLong.empty(), ""));

        assertThat(commands()).isEqualTo(only());
    }

    @Test
    void maskedUnitOffersNoCommandEvenIfStillRunning() {
        vm.setConnected(true);
        vm.apply(status(LoadState.MASKED, ActiveState.ACTIVE, "running", UnitFileState.MASKED, 4242,
                OptionalLong.empty(), "success"));

        assertThat(commands()).isEqualTo(only());
    }

    @Test
    void disabledUnitCanBeEnabledButNotDisabled() {
        vm.setConnected(true);
        vm.apply(inactive(UnitFileState.DISABLED));

        assertThat(vm.canEnableProperty().get()).isTrue();
        assertThat(vm.canDisableProperty().get()).isFalse();
    }

    @Test
    void enabledUnitCanBeDisabledButNotEnabled() {
        vm.setConnected(true);
        vm.apply(activeRunning(UnitFileState.ENABLED, OptionalLong.empty()));

        assertThat(vm.canDisableProperty().get()).isTrue();
        assertThat(vm.canEnableProperty().get()).isFalse();
    }

    @Test
    void staticUnitCanBeNeitherEnabledNorDisabled() {
        vm.setConnected(true);
        vm.apply(inactive(UnitFileState.STATIC));

        assertThat(vm.canEnableProperty().get()).isFalse();
        assertThat(vm.canDisableProperty().get()).isFalse();
    }

    @Test
    void losingTheConnectionWithdrawsEveryCommand() {
        vm.setConnected(true);
        vm.apply(activeRunning(UnitFileState.ENABLED, OptionalLong.empty()));
        assertThat(commands()).containsValue(true);

        vm.setConnected(false);

        assertThat(commands()).isEqualTo(only());
    }

    @Test
    void commandsThatAreNotAvailableDoNotReachTheUserManager() {
        vm.setConnected(false);
        vm.apply(activeRunning(UnitFileState.ENABLED, OptionalLong.empty()));

        // the manager fails the test if any of these reach it
        vm.start();
        vm.stop();
        vm.restart();
        vm.enable();
        vm.disable();

        assertThat(vm.runningJobProperty().get()).isNull();
    }

    @Test
    void measuredMemoryIsShownInBinaryUnits() {
        vm.setConnected(true);
        vm.apply(activeRunning(UnitFileState.ENABLED, OptionalLong.of(10L * 1024 * 1024)));

        assertThat(vm.memoryTextProperty().get()).isEqualTo("10.0 MiB");
    }

    @Test
    void unmeasuredMemoryOfARunningUnitPointsAtCgroupV2() {
        vm.setConnected(true);
        vm.apply(activeRunning(UnitFileState.ENABLED, OptionalLong.empty()));

        assertThat(vm.memoryTextProperty().get()).isEqualTo("Not measured");
        assertThat(vm.memoryHintProperty().get()).contains("cgroup v2");
    }

    // ---- the journal pane and hidden components

    /** Records where the card navigates. */
    private static final class RecordingNavigator implements Navigator {
        final List<String> calls = new java.util.ArrayList<>();

        @Override
        public void showLogs(String unit, Optional<Instant> around) {
            calls.add(unit + " " + around.map(Instant::toString).orElse("-"));
        }

        @Override
        public void showUnit(String unit) {
            calls.add("unit " + unit);
        }
    }

    @Test
    void logsOpensTheUnitsJournalAndAFailureLinksToItsMoment() {
        RecordingNavigator nav = new RecordingNavigator();
        vm.setNavigator(nav);
        vm.setConnected(true);
        vm.apply(activeRunning());
        assertThat(vm.failedProperty().get()).isFalse();

        vm.showLogs();
        vm.apply(status(LoadState.LOADED, ActiveState.FAILED, "failed", UnitFileState.STATIC, 0, OptionalLong.empty(),
                "exit-code"));
        assertThat(vm.failedProperty().get()).isTrue();
        vm.showFailureLog();

        assertThat(nav.calls).containsExactly(UNIT + " -", UNIT + " " + NOW.minusSeconds(30));
    }

    @Test
    void aFailureWithoutARecordedMomentLinksToNow() {
        RecordingNavigator nav = new RecordingNavigator();
        vm.setNavigator(nav);
        vm.apply(new UnitStatus(UNIT, "", LoadState.LOADED, ActiveState.FAILED, "failed", UnitFileState.STATIC,
                null, null, null, 0, OptionalLong.empty(), 0, "exit-code", "", List.of(), List.of(), false));

        vm.showFailureLog();

        assertThat(nav.calls).containsExactly(UNIT + " " + NOW);
    }

    @Test
    void hiddenComponentsLeaveTheOverviewAndComeBackInOrder() {
        OverviewViewModel overview = new OverviewViewModel(UNTOUCHABLE, TaskRunner.direct(), NO_DIALOGS, Runnable::run,
                CLOCK);
        assertThat(overview.shownCards()).extracting(c -> c.component().id())
                .containsExactly("containerd", "buildkit", "fuse-overlayfs", "stargz", "bypass4netnsd");

        overview.hiddenComponentsProperty().set(java.util.Set.of("buildkit", "stargz"));
        assertThat(overview.shownCards()).extracting(c -> c.component().id())
                .containsExactly("containerd", "fuse-overlayfs", "bypass4netnsd");
        assertThat(overview.cards()).hasSize(5); // hidden cards stay live

        overview.hiddenComponentsProperty().set(java.util.Set.of());
        assertThat(overview.shownCards()).extracting(c -> c.component().id())
                .containsExactly("containerd", "buildkit", "fuse-overlayfs", "stargz", "bypass4netnsd");
    }

    @Test
    void theNavigatorReachesEveryCard() {
        OverviewViewModel overview = new OverviewViewModel(UNTOUCHABLE, TaskRunner.direct(), NO_DIALOGS, Runnable::run,
                CLOCK);
        RecordingNavigator nav = new RecordingNavigator();
        overview.setNavigator(nav);
        overview.cards().forEach(UnitCardViewModel::showLogs);
        assertThat(nav.calls).hasSize(5).allMatch(c -> c.endsWith(" -"));
    }
}
