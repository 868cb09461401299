package io.github.rootlesspanel.ui.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.testsupport.RecordingDialogs;
import io.github.rootlesspanel.ui.common.CurrentPreferences;
import io.github.rootlesspanel.ui.common.TaskRunner;

/** Loading and saving settings.toml through the store, on the calling thread, with real files. */
class PreferencesStoreTest {

    final RecordingDialogs dialogs = new RecordingDialogs();
    final CurrentPreferences current = new CurrentPreferences();

    PreferencesStore store(Path file) {
        return new PreferencesStore(Optional.of(new PreferencesFile(file)), current, TaskRunner.direct(), dialogs);
    }

    @Test
    void valuesThatCannotBeUsedAreShownOnceAndTheRestIsInForce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.toml");
        Files.writeString(file, "[panel]\ntheme = \"purple\"\njournal_lines = 40\nnotifications = \"off\"\n");
        AtomicReference<Preferences> loaded = new AtomicReference<>();

        store(file).load(loaded::set);

        assertThat(loaded.get().journalLines()).isEqualTo(40);
        assertThat(current.get().notifications()).isEqualTo(Preferences.Notifications.OFF);
        assertThat(current.journalLines().getAsInt()).isEqualTo(40);
        assertThat(current.notifications().get()).isEqualTo(Preferences.Notifications.OFF);
        assertThat(current.get().theme()).isEqualTo(Preferences.Theme.SYSTEM);
        assertThat(dialogs.errors).hasSize(1).first().asString().startsWith("Settings not used: Some values in " + file);
    }

    @Test
    void aFileThatIsNotTomlIsReportedWithItsLineAndNeverOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.toml");
        String broken = "[panel]\ntheme = \"dark\n";
        Files.writeString(file, broken);
        PreferencesStore store = store(file);
        store.load(p -> { });
        assertThat(dialogs.errors).hasSize(1).first().asString().contains("is not valid TOML (line 2");
        assertThat(current.get()).isEqualTo(Preferences.DEFAULTS);

        store.save(Preferences.DEFAULTS.withJournalLines(99));

        assertThat(Files.readString(file)).isEqualTo(broken);
        assertThat(dialogs.errors).hasSize(2).last().asString().startsWith("Settings not saved: ");
        assertThat(current.get().journalLines()).isEqualTo(99);
    }

    @Test
    void theViewModelsChoicesAreWrittenKeepingTheWindowGeometry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rootless-panel/settings.toml");
        PreferencesStore store = store(file);
        store.load(p -> { });
        store.saveWindow(Optional.of(new Preferences.WindowGeometry(10, 20, 900, 700, true)));

        PreferencesViewModel vm = new PreferencesViewModel(store);
        vm.themeProperty().set(Preferences.Theme.DARK);
        vm.journalLinesProperty().set(20_000);
        vm.components().get(1).shown().set(false);
        vm.save();

        Preferences read = new PreferencesFile(file).load().preferences();
        assertThat(read.theme()).isEqualTo(Preferences.Theme.DARK);
        assertThat(read.journalLines()).isEqualTo(Preferences.MAX_JOURNAL_LINES);
        assertThat(read.hiddenComponents()).isEqualTo(List.of("buildkit"));
        assertThat(read.window()).contains(new Preferences.WindowGeometry(10, 20, 900, 700, true));
        assertThat(dialogs.errors).isEmpty();
    }
}
