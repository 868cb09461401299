package io.github.rootlesspanel.ui.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.setup.install.StepFailedException;
import io.github.rootlesspanel.ui.common.Navigator;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel.Phase;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel.StepState;

class PlanRunViewModelTest {

    static final Instant FAILED_AT = Instant.parse("2026-12-04T21:58:03.250Z");

    /** Where the window was asked to go. */
    static final class RecordingNavigator implements Navigator {
        final List<String> visits = new ArrayList<>();

        @Override
        public void showLogs(String unit, Optional<Instant> around) {
            visits.add("logs " + unit + " " + around.map(Instant::toString).orElse("-"));
        }

        @Override
        public void showUnit(String unit) {
            visits.add("unit " + unit);
        }
    }

    final RecordingNavigator navigator = new RecordingNavigator();
    final List<String> undone = new ArrayList<>();

    Plan install(Step.Action start) {
        return new Plan("Install containerd (containerd.service)", "containerd.service", Optional.of("[Unit]\n"),
                List.of(Step.of("Write the unit", () -> "written", () -> {
                    undone.add("unit removed");
                    return "removed";
                }), Step.of("Start containerd.service", start)), List.of());
    }

    PlanRunViewModel run(Plan plan, Navigator nav) {
        PlanRunViewModel vm = new PlanRunViewModel(plan, TaskRunner.direct(), Runnable::run, () -> { }, nav,
                Clock.fixed(FAILED_AT, ZoneOffset.UTC));
        vm.run();
        return vm;
    }

    @Test
    void aFailedStartLinksToTheUnitsJournalAtTheTimeOfTheFailure() {
        PlanRunViewModel vm = run(install(() -> {
            throw new StepFailedException("containerd.service failed: exit-code", "Recent journal of ...",
                    "containerd.service");
        }), navigator);

        assertThat(vm.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(vm.steps().get(1).stateProperty().get()).isEqualTo(StepState.FAILED);
        assertThat(vm.canShowLogProperty().get()).isTrue();
        assertThat(vm.logUnitProperty().get()).isEqualTo("containerd.service");
        assertThat(navigator.visits).isEmpty();

        vm.showLog();
        assertThat(navigator.visits).containsExactly("logs containerd.service 2026-12-04T21:58:03.250Z");
    }

    @Test
    void theLinkStaysAfterTheRollback() {
        PlanRunViewModel vm = run(install(() -> {
            throw new StepFailedException("failed", "", "containerd.service");
        }), navigator);
        vm.rollback();

        assertThat(vm.phaseProperty().get()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(undone).containsExactly("unit removed");
        assertThat(vm.steps().get(0).stateProperty().get()).isEqualTo(StepState.UNDONE);
        assertThat(vm.canShowLogProperty().get()).isTrue();
        vm.showLog();
        assertThat(navigator.visits).containsExactly("logs containerd.service 2026-12-04T21:58:03.250Z");
    }

    @Test
    void aFailureThatNamesNoUnitOffersNoLog() {
        PlanRunViewModel vm = run(install(() -> {
            throw new StepFailedException("containerd is not installed", "");
        }), navigator);

        assertThat(vm.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(vm.canShowLogProperty().get()).isFalse();
        vm.showLog();
        assertThat(navigator.visits).isEmpty();
    }

    @Test
    void withoutAWindowToGoToThereIsNoLink() {
        PlanRunViewModel vm = run(install(() -> {
            throw new StepFailedException("failed", "", "containerd.service");
        }), Navigator.NONE);

        assertThat(vm.logUnitProperty().get()).isEqualTo("containerd.service");
        assertThat(vm.canShowLogProperty().get()).isFalse();
    }

    @Test
    void aRunThatSucceedsSaysSoAndOffersNoLog() {
        PlanRunViewModel vm = run(install(() -> "now active (running)"), navigator);

        assertThat(vm.phaseProperty().get()).isEqualTo(Phase.SUCCEEDED);
        assertThat(vm.messageProperty().get()).isEqualTo("Install containerd (containerd.service): done.");
        assertThat(vm.steps()).allSatisfy(r -> assertThat(r.stateProperty().get()).isEqualTo(StepState.DONE));
        assertThat(vm.steps().get(1).resultProperty().get()).isEqualTo("now active (running)");
        assertThat(vm.canShowLogProperty().get()).isFalse();
    }
}
