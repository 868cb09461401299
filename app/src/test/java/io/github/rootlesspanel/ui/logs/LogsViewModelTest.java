package io.github.rootlesspanel.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.journal.JournalAvailability;
import io.github.rootlesspanel.journal.JournalEntry;
import io.github.rootlesspanel.journal.OutputTarget;
import io.github.rootlesspanel.journal.Priority;
import io.github.rootlesspanel.journal.UnitLogging;
import io.github.rootlesspanel.systemd.ConnectionState;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * The Logs view model without a journal: lines are handed to it as the follower would (the follower itself and the
 * real journal are tested in JournalIT and LogsUiTest). It is never activated, so no journalctl runs.
 */
class LogsViewModelTest {

    static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

    /** Neither the user manager nor journalctl may be reached by these tests. */
    static final UserManager UNTOUCHABLE = new UserManager() {
        @Override
        public ConnectionState connectionState() {
            throw new AssertionError("not expected");
        }

        @Override
        public io.github.rootlesspanel.systemd.UnitOutput output(String unit) {
            throw new AssertionError("not expected");
        }

        @Override
        public UnitStatus status(String unit) {
            throw new AssertionError("not expected");
        }

        @Override
        public List<UnitStatus> statuses(Collection<String> units) {
            throw new AssertionError("not expected");
        }

        @Override
        public JobOutcome run(JobKind kind, String unit) {
            throw new AssertionError("not expected");
        }

        @Override
        public void reload() {
            throw new AssertionError("not expected");
        }

        @Override
        public Watch watch(Collection<String> units, Consumer<UnitEvent> listener) {
            throw new AssertionError("not expected");
        }

        @Override
        public void close() {
        }
    };

    final List<String> clipboard = new ArrayList<>();
    final DialogService dialogs = new DialogService() {
        @Override
        public void showError(String title, String message, String details) {
            throw new AssertionError("unexpected error: " + message);
        }

        @Override
        public boolean confirm(String title, String question, String details, String yesLabel) {
            throw new AssertionError("unexpected question");
        }

        @Override
        public void copyToClipboard(String text) {
            clipboard.add(text);
        }
    };

    final LogsViewModel vm = new LogsViewModel(new JournalAvailability(UNTOUCHABLE), () -> 500, TaskRunner.direct(),
            dialogs, Runnable::run, ZoneOffset.UTC);

    static JournalEntry entry(Instant at, Priority p, String message) {
        return new JournalEntry(at, p, message, Optional.of("containerd.service"), OptionalInt.of(42), Optional.of("sh"),
                Optional.empty(), Optional.empty());
    }

    void fourLines() {
        vm.accept(List.of(entry(T, Priority.ERR, "disk on fire"), entry(T.plusSeconds(1), Priority.WARNING, "Disk warm"),
                entry(T.plusSeconds(2), Priority.INFO, "all fine"), entry(T.plusSeconds(3), Priority.UNKNOWN, "raw")));
    }

    @Test
    void eachLineShowsItsPriorityInWordsAndItsSource() {
        fourLines();
        assertThat(vm.visibleRows()).extracting(LogRow::priorityText)
                .containsExactly("Error", "Warning", "Info", "No priority");
        assertThat(vm.visibleRows().get(0).copyText()).isEqualTo("2026-12-04 10:00:00.000 Error sh[42]: disk on fire");
    }

    @Test
    void aPriorityFilterHidesTheLessSevereLinesAndIsInTheTerminalCommand() {
        fourLines();
        vm.minimumPriorityProperty().set(Priority.WARNING);

        assertThat(vm.visibleRows()).extracting(LogRow::message).containsExactly("disk on fire", "Disk warm");
        assertThat(vm.hiddenText().get()).isEqualTo("2 lines hidden by the filter");
        assertThat(vm.commandProperty().get()).isEqualTo(
                "journalctl --user -u containerd.service -o short-iso -n 500 -f --priority=warning");

        vm.minimumPriorityProperty().set(null);
        assertThat(vm.visibleRows()).hasSize(4);
        assertThat(vm.hiddenText().get()).isEmpty();
    }

    @Test
    void searchMatchesMessagesWhateverTheCase() {
        fourLines();
        vm.searchProperty().set("DISK");
        assertThat(vm.visibleRows()).extracting(LogRow::message).containsExactly("disk on fire", "Disk warm");
        vm.searchProperty().set("nothing like it");
        assertThat(vm.visibleRows()).isEmpty();
    }

    @Test
    void thisBootOnlyIsJournalctlsBootOption() {
        vm.thisBootOnlyProperty().set(true);
        assertThat(vm.commandProperty().get()).endsWith("--boot");
    }

    @Test
    void aroundAMomentMarksTheLinesLeadingUpToItAndScrollsToTheFirst() {
        vm.open("buildkit.service", Optional.of(T));
        assertThat(vm.unitProperty().get()).isEqualTo("buildkit.service");
        vm.accept(List.of(entry(T.minusSeconds(120), Priority.INFO, "long before"),
                entry(T.minusSeconds(30), Priority.INFO, "leading up"), entry(T.plusSeconds(5), Priority.ERR, "failed"),
                entry(T.plusSeconds(60), Priority.INFO, "much later")));

        assertThat(vm.visibleRows()).extracting(LogRow::marked).containsExactly(false, true, true, false);
        assertThat(vm.scrollTargetProperty().get().message()).isEqualTo("leading up");

        vm.unitProperty().set("containerd.service"); // another unit chosen by hand: nothing to mark there
        assertThat(vm.aroundProperty().get()).isEmpty();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void aUnitOutsideTheComponentsJoinsTheChooser() {
        vm.open("other.service", Optional.empty());
        assertThat(vm.units()).contains("containerd.service", "other.service");
    }

    @Test
    void copyPutsTheShownLinesOnTheClipboard() {
        fourLines();
        vm.minimumPriorityProperty().set(Priority.ERR);
        vm.copyAll();
        vm.copySelected(List.of(vm.rows().get(2)));
        vm.copyCommand();
        assertThat(clipboard).containsExactly("2026-12-04 10:00:00.000 Error sh[42]: disk on fire",
                "2026-12-04 10:00:02.000 Info sh[42]: all fine",
                "journalctl --user -u containerd.service -o short-iso -n 500 -f --priority=err");
    }

    @Test
    void noJournalSaysWhereTheOutputGoes() {
        UnitLogging toFile = new UnitLogging(true, new OutputTarget(OutputTarget.Kind.FILE, Optional.of("/home/u/x.log")),
                new OutputTarget(OutputTarget.Kind.NULL, Optional.empty()));
        assertThat(LogsViewModel.noJournalText("a.service", toFile))
                .isEqualTo("No journal for the output of a.service: its standard output goes to the file /home/u/x.log, "
                        + "its standard error to nowhere (discarded). Only systemd's own lines about the unit are in "
                        + "the journal.");
        UnitLogging noJournald = new UnitLogging(false, OutputTarget.of("journal", Optional.empty()),
                OutputTarget.of("journal", Optional.empty()));
        assertThat(LogsViewModel.noJournalText("a.service", noJournald)).contains("systemd-journald does not run");
        UnitLogging fine = new UnitLogging(true, OutputTarget.of("journal+console", Optional.empty()),
                OutputTarget.of("inherit", Optional.empty()));
        assertThat(LogsViewModel.noJournalText("a.service", fine)).isEmpty();
    }
}
