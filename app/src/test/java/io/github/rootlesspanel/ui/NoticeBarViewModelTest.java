package io.github.rootlesspanel.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.desktop.Notifier.Notice;
import io.github.rootlesspanel.ui.common.Navigator;
import io.github.rootlesspanel.ui.main.NoticeBarViewModel;

class NoticeBarViewModelTest {

    final List<String> shown = new ArrayList<>();
    final NoticeBarViewModel vm = new NoticeBarViewModel(new Navigator() {
        @Override
        public void showLogs(String unit, Optional<Instant> around) {
            throw new AssertionError("not asked");
        }

        @Override
        public void showUnit(String unit) {
            shown.add(unit);
        }
    });

    @Test
    void theNewestNoticeStaysUntilDismissed() {
        Notice first = new Notice("containerd stopped", "", false, Optional.of("containerd.service"));
        Notice second = new Notice("buildkit failed", "exit-code", true, Optional.of("buildkit.service"));
        vm.show(first);
        vm.show(second);
        assertThat(vm.currentProperty().get()).isEqualTo(second);
        vm.dismiss();
        assertThat(vm.currentProperty().get()).isNull();
    }

    @Test
    void openShowsTheUnitAndClearsTheNotice() {
        vm.show(new Notice("containerd stopped", "", false, Optional.of("containerd.service")));
        vm.open();
        assertThat(shown).containsExactly("containerd.service");
        assertThat(vm.currentProperty().get()).isNull();
    }

    @Test
    void aNoticeWithoutAUnitHasNothingToOpen() {
        Notice summary = new Notice("3 more changes", "", false, Optional.empty());
        vm.show(summary);
        vm.open();
        assertThat(shown).isEmpty();
        assertThat(vm.currentProperty().get()).isEqualTo(summary);
    }
}
