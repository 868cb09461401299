package io.github.rootlesspanel.config.prefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.TomlParseResult;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.ChangedOnDiskException;
import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.config.containerd.TomlText;
import io.github.rootlesspanel.config.prefs.Preferences.Notifications;
import io.github.rootlesspanel.config.prefs.Preferences.Theme;
import io.github.rootlesspanel.config.prefs.Preferences.WindowGeometry;
import io.github.rootlesspanel.host.XdgDirs;

class PreferencesFileTest {

    @TempDir
    Path dir;

    private PreferencesFile file() {
        return PreferencesFile.of(XdgDirs.from(Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME",
                dir.resolve("cfg").toString(), "XDG_RUNTIME_DIR", dir.toString())));
    }

    private Path write(String text) throws Exception {
        Path p = file().path();
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void theFileLivesUnderXdgConfigHome() {
        assertEquals(dir.resolve("cfg/rootless-panel/settings.toml"), file().path());
    }

    @Test
    void anAbsentFileGivesTheDefaults() throws Exception {
        PreferencesFile.Loaded l = file().load();
        assertEquals(Preferences.DEFAULTS, l.preferences());
        assertEquals(List.of(), l.problems());
        assertFalse(l.snapshot().exists());
        assertEquals(500, Preferences.DEFAULTS.journalLines());
        assertEquals(Theme.SYSTEM, Preferences.DEFAULTS.theme());
        assertEquals(Notifications.ALL, Preferences.DEFAULTS.notifications());
        assertEquals(Optional.empty(), Preferences.DEFAULTS.window());
    }

    @Test
    void whatIsSavedReadsBackTheSame() throws Exception {
        PreferencesFile f = file();
        Preferences p = new Preferences(Theme.DARK, List.of("stargz", "buildkit"), Notifications.FAILURES_ONLY, 2000,
                Optional.of(new WindowGeometry(-1920, 40, 1200, 800, true)));
        PreferencesFile.Loaded saved = f.save(f.load(), p);
        PreferencesFile.Loaded again = f.load();
        assertEquals(p, again.preferences());
        assertEquals(List.of(), again.problems());
        assertEquals(saved.snapshot(), again.snapshot());

        // and back to no geometry: the window keys go, the rest stays
        Preferences q = p.withWindow(Optional.empty()).withTheme(Theme.LIGHT);
        f.save(again, q);
        assertEquals(q, f.load().preferences());
        assertFalse(Files.readString(f.path()).contains("width"));
    }

    @Test
    void commentsBlankLinesAndUnknownKeysStayByteForByte() throws Exception {
        String before = "# my panel settings\n"
                + "\n"
                + "[panel]\n"
                + "  theme = \"light\"   # I like it bright\n"
                + "\n"
                + "  # lines in log views\n"
                + "  journal_lines = 300\n"
                + "  future_key = { a = 1 }\n"
                + "\n"
                + "[other]  # not ours\n"
                + "x = [\n"
                + "  1, # one\n"
                + "  2,\n"
                + "]\n";
        Path p = write(before);
        PreferencesFile f = file();
        PreferencesFile.Loaded l = f.load();
        assertEquals(Theme.LIGHT, l.preferences().theme());
        assertEquals(300, l.preferences().journalLines());
        assertEquals(List.of(), l.problems());

        f.save(l, l.preferences().withTheme(Theme.DARK).withNotifications(Notifications.OFF));
        String after = Files.readString(p);
        String expected = before.replace("theme = \"light\"   # I like it bright", "theme = \"dark\"   # I like it bright")
                .replace("  future_key = { a = 1 }\n", "  future_key = { a = 1 }\n  notifications = \"off\"\n");
        assertEquals(expected, after);

        // saving what is there changes nothing, not even the .bak
        PreferencesFile.Loaded l2 = f.load();
        byte[] bak = Files.readAllBytes(AtomicFile.backupOf(p));
        f.save(l2, l2.preferences());
        assertEquals(expected, Files.readString(p));
        assertArrayEquals(bak, Files.readAllBytes(AtomicFile.backupOf(p)));
    }

    @Test
    void missingTablesAreAppendedAfterTheUsersText() throws Exception {
        Path p = write("# just a comment\n[other]\nk = 1\n");
        PreferencesFile f = file();
        f.save(f.load(), Preferences.DEFAULTS.withJournalLines(42)
                .withWindow(Optional.of(new WindowGeometry(1, 2, 300, 400, false))));
        assertEquals("# just a comment\n[other]\nk = 1\n\n[panel]\njournal_lines = 42\n\n[window]\nx = 1\ny = 2\n"
                + "width = 300\nheight = 400\n", Files.readString(p));
    }

    @Test
    void aFileThatIsNotTomlIsAnErrorWithItsPositionAndIsNotWritten() throws Exception {
        String broken = "[panel]\ntheme = \"dark\"\njournal_lines = = 3\n";
        Path p = write(broken);
        PreferencesFile f = file();
        ConfigParseException e = assertThrows(ConfigParseException.class, f::load);
        assertEquals(3, e.line());
        assertTrue(e.column() > 1, "column " + e.column());

        PreferencesFile.Loaded fake = new PreferencesFile.Loaded(Preferences.DEFAULTS, List.of(),
                io.github.rootlesspanel.config.FileSnapshot.read(p));
        assertThrows(ConfigParseException.class, () -> f.save(fake, Preferences.DEFAULTS.withTheme(Theme.LIGHT)));
        assertEquals(broken, Files.readString(p));
        assertFalse(Files.exists(AtomicFile.backupOf(p)));
    }

    @Test
    void wrongValuesAreProblemSentencesAndTheDefaults() throws Exception {
        write("[panel]\ntheme = \"blue\"\nnotifications = 3\njournal_lines = 5\n"
                + "hidden_components = [\"stargz\", \"nope\"]\n[window]\nx = 1\nwidth = \"wide\"\n");
        PreferencesFile.Loaded l = file().load();
        Preferences p = l.preferences();
        assertEquals(Theme.SYSTEM, p.theme());
        assertEquals(Notifications.ALL, p.notifications());
        assertEquals(500, p.journalLines());
        assertEquals(List.of("stargz"), p.hiddenComponents());
        assertEquals(Optional.empty(), p.window());
        List<String> problems = l.problems();
        assertTrue(problems.contains("line 2: theme \"blue\" is not one of system, light, dark; using system."),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("line 3: notifications 3 is not one of all, failures-only, off")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("line 4: journal_lines must be a whole number from 10 to 10000")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.contains("\"nope\" is not a component id")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.contains("width must be a whole number")), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("window: x, y, width and height are all needed")),
                problems.toString());
    }

    @Test
    void savingOverAWrongValueFixesThatLineOnly() throws Exception {
        Path p = write("[panel]\ntheme = \"blue\" # oops\nextra = true\n");
        PreferencesFile f = file();
        PreferencesFile.Loaded l = f.load();
        f.save(l, l.preferences());
        assertEquals("[panel]\ntheme = \"system\" # oops\nextra = true\n", Files.readString(p));
        assertEquals(List.of(), f.load().problems());
    }

    @Test
    void stringsAreEscapedNeverInjected() throws Exception {
        String evil = "x\"\ninjected = true\n[window]\\";
        String out = TomlText.set("[panel]\n", "panel", "name", TomlText.quote(evil));
        assertEquals("[panel]\nname = \"x\\\"\\ninjected = true\\n[window]\\\\\"\n", out);
        TomlParseResult r = TomlText.parse(out);
        assertEquals(evil, r.getString("panel.name"));
        assertEquals(null, r.get("panel.injected"));
        assertEquals(null, r.get("window"));

        // through the file: a hand-written escaped value of an unknown key survives a save unchanged
        Path p = write("[panel]\nnote = \"say \\\"hi\\\"\\nbye\"\n");
        PreferencesFile f = file();
        f.save(f.load(), Preferences.DEFAULTS.withTheme(Theme.DARK));
        assertEquals("[panel]\nnote = \"say \\\"hi\\\"\\nbye\"\ntheme = \"dark\"\n", Files.readString(p));
    }

    @Test
    void aFileChangedSinceItWasReadIsNotOverwritten() throws Exception {
        Path p = write("[panel]\ntheme = \"light\"\n");
        PreferencesFile f = file();
        PreferencesFile.Loaded l = f.load();
        Files.writeString(p, "[panel]\ntheme = \"dark\"\n");
        assertThrows(ChangedOnDiskException.class, () -> f.save(l, l.preferences().withJournalLines(99)));
        assertEquals("[panel]\ntheme = \"dark\"\n", Files.readString(p));
    }

    @Test
    void theFileIsCreatedAndThePreviousVersionKeptAsBak() throws Exception {
        PreferencesFile f = file();
        f.save(f.load(), Preferences.DEFAULTS.withTheme(Theme.DARK));
        assertEquals("[panel]\ntheme = \"dark\"\n", Files.readString(f.path()));
        assertFalse(Files.exists(AtomicFile.backupOf(f.path())));

        f.save(f.load(), Preferences.DEFAULTS.withTheme(Theme.LIGHT));
        assertEquals("[panel]\ntheme = \"dark\"\n",
                new String(Files.readAllBytes(AtomicFile.backupOf(f.path())), StandardCharsets.UTF_8));
        assertEquals("[panel]\ntheme = \"light\"\n", Files.readString(f.path()));
    }

    @Test
    void preferencesRejectOutOfRangeLinesAndUnknownComponents() {
        assertThrows(IllegalArgumentException.class, () -> Preferences.DEFAULTS.withJournalLines(9));
        assertThrows(IllegalArgumentException.class, () -> Preferences.DEFAULTS.withJournalLines(10_001));
        assertEquals(10_000, Preferences.DEFAULTS.withJournalLines(10_000).journalLines());
        assertThrows(IllegalArgumentException.class, () -> Preferences.DEFAULTS.withHiddenComponents(List.of("nope")));
    }
}
