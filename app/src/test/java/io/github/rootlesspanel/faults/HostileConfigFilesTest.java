package io.github.rootlesspanel.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.ChangedOnDiskException;
import io.github.rootlesspanel.config.FileSnapshot;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.rootlesskit.SettingsService;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * Config files the panel finds in a state it did not make: huge, binary, not UTF-8, a symbolic link (dangling or
 * not), changed by another program between reading and writing — for every file kind, through the code path the
 * window and the command line use ({@link Writers}). Pure: files in a temporary HOME. (Unreadable files, another
 * user's files, a full disk and a read-only directory need a user that is not root: {@link FileFaultsIT}.)
 */
class HostileConfigFilesTest {

    static final int KINDS = 5;
    /** huge, binary, not UTF-8. */
    static final int BAD_CONTENTS = 3;

    @TempDir
    Path home;

    enum Bad {
        HUGE, BINARY, NOT_UTF8;

        byte[] bytes(byte[] good) {
            return switch (this) {
                case HUGE -> {
                    byte[] b = new byte[10 << 20];
                    Arrays.fill(b, (byte) '#');
                    for (int i = 99; i < b.length; i += 100) {
                        b[i] = '\n';
                    }
                    yield b;
                }
                case BINARY -> concat(good, "# a\0b\n".getBytes(StandardCharsets.ISO_8859_1));
                case NOT_UTF8 -> concat(good, "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
            };
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static Stream<Object[]> kindsAndBad() {
        return Arrays.stream(Writers.values()).flatMap(k -> Arrays.stream(Bad.values()).map(b -> new Object[] {k, b}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.MethodSource("kindsAndBad")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @Tried(kind = Tried.Kind.INPUT, what = "a config file of each kind that is 10 MB, has a NUL byte, or is not UTF-8",
            cases = KINDS * BAD_CONTENTS,
            outcome = "refused with a sentence (line and column for NUL / bad UTF-8), in bounded time; "
                    + "file byte for byte as it was, no .bak, no temporary file")
    void hostileContentIsRefusedAndKept(Writers kind, Bad bad) throws Exception {
        assertThat(Writers.values()).hasSize(KINDS);
        assertThat(Bad.values()).hasSize(BAD_CONTENTS);
        kind.write(home, false);
        Path file = kind.file(home);
        byte[] content = bad.bytes(Files.readAllBytes(file));
        Files.write(file, content);
        Files.deleteIfExists(AtomicFile.backupOf(file));
        int lines = (int) new String(content, StandardCharsets.ISO_8859_1).lines().count();

        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> kind.write(home, true));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%s %s: refused in %d ms: %s%n", kind, bad, ms, t == null ? "(nothing)" : t.getMessage());

        assertThat(t).as("%s with %s content", kind, bad).isNotNull();
        String m = allMessages(t);
        switch (bad) {
            case HUGE -> assertThat(m).contains(file.toString()).contains("larger than 4 MiB");
            case BINARY -> assertThat(m).contains(file.toString()).contains("line " + lines + ", column 4: a NUL byte");
            case NOT_UTF8 -> assertThat(m).contains(file.toString())
                    .contains("line " + lines + ", column 6: byte 0xe9 is not valid UTF-8");
        }
        assertThat(m).contains("nothing was written");
        assertThat(Files.readAllBytes(file)).as("the file as it was").isEqualTo(content);
        assertThat(AtomicFile.backupOf(file)).doesNotExist();
        assertThat(tmpFiles(file)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Writers.class)
    @Tried(kind = Tried.Kind.INPUT, what = "a config file of each kind that is a symbolic link (as dotfiles managers make)",
            cases = KINDS, outcome = "written through: the link stays, its target gets the new version atomically, "
                    + "the .bak beside the link is the old one")
    void symlinkIsWrittenThrough(Writers kind) throws Exception {
        kind.write(home, false);
        Path file = kind.file(home);
        byte[] a = Files.readAllBytes(file);
        Path dotfiles = Files.createDirectories(home.resolve("dotfiles"));
        Path target = dotfiles.resolve(file.getFileName());
        Files.move(file, target);
        Files.createSymbolicLink(file, target);
        Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        kind.write(home, true);

        assertThat(Files.isSymbolicLink(file)).as("the link stays").isTrue();
        assertThat(Files.readSymbolicLink(file)).isEqualTo(target);
        byte[] b = Files.readAllBytes(target);
        assertThat(Arrays.equals(a, b)).as("the target has the new version").isFalse();
        assertThat(Files.readAllBytes(AtomicFile.backupOf(file))).as("the .bak beside the link").isEqualTo(a);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .as("the user's mode kept").isEqualTo("rw-------");
        assertThat(tmpFiles(target)).isEmpty();
        assertThat(tmpFiles(file)).isEmpty();
        // and back again, through the link
        kind.write(home, false);
        assertThat(Files.readAllBytes(target)).isEqualTo(a);
    }

    @ParameterizedTest
    @EnumSource(Writers.class)
    @Tried(kind = Tried.Kind.INPUT, what = "a config file of each kind that is a dangling symbolic link",
            cases = KINDS, outcome = "refused with a sentence naming the link and its target; nothing created")
    void danglingSymlinkIsRefused(Writers kind) throws Exception {
        Path file = kind.file(home);
        Files.createDirectories(file.getParent());
        Path nowhere = home.resolve("dotfiles/missing");
        Files.createSymbolicLink(file, nowhere);
        Throwable t = catchThrowable(() -> kind.write(home, true));
        assertThat(t).isNotNull();
        assertThat(allMessages(t)).contains(file.toString()).contains("symbolic link to " + nowhere)
                .contains("does not exist");
        assertThat(nowhere).doesNotExist();
        assertThat(Files.isSymbolicLink(file)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Writers.class)
    @Tried(kind = Tried.Kind.FAULT, what = "another program changes the file between the panel's read and its write "
            + "(each file kind)", cases = KINDS,
            outcome = "ChangedOnDiskException; the other program's version kept byte for byte, .bak untouched")
    void changedBetweenReadAndWrite(Writers kind) throws Exception {
        kind.write(home, false);
        kind.write(home, true);
        Path file = kind.file(home);
        byte[] bak = Files.readAllBytes(AtomicFile.backupOf(file));
        FileSnapshot read = FileSnapshot.read(file);
        byte[] theirs = concat(read.content().get(), "# edited meanwhile\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, theirs);

        assertThatThrownBy(() -> AtomicFile.write(read, "new".getBytes(StandardCharsets.UTF_8), AtomicFile.REGULAR))
                .isInstanceOf(ChangedOnDiskException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("nothing was written");
        assertThat(Files.readAllBytes(file)).isEqualTo(theirs);
        assertThat(Files.readAllBytes(AtomicFile.backupOf(file))).isEqualTo(bak);
    }

    /** The two services whose read and write are apart in the UI (a form, a dialog): the gap a change can fall in. */
    @Test
    @Tried(kind = Tried.Kind.FAULT, what = "override.conf and settings.toml changed while the RootlessKit form or the "
            + "Preferences dialog is open", cases = 2,
            outcome = "Apply/Save refused with ChangedOnDiskException; the other program's file kept")
    void servicesDetectAChangeMadeWhileTheFormIsOpen() throws Exception {
        ProcessRunner runner = new ProcessRunner(Writers.env(home));
        SettingsService s = new SettingsService(null, runner);
        SettingsService.Loaded loaded = s.load();
        SettingsService.Edit edit = s.edit(loaded, Map.of(Variable.MTU, Optional.of("65520")), HostCapabilities.unknown());
        byte[] theirs = "[Service]\nEnvironment=CONTAINERD_ROOTLESS_ROOTLESSKIT_NET=slirp4netns\n".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(s.overrideFile().getParent());
        Files.write(s.overrideFile(), theirs);
        assertThatThrownBy(() -> s.write(edit)).isInstanceOf(ChangedOnDiskException.class);
        assertThat(Files.readAllBytes(s.overrideFile())).isEqualTo(theirs);

        PreferencesFile p = PreferencesFile.of(XdgDirs.from(Writers.env(home)));
        PreferencesFile.Loaded prefs = p.load();
        byte[] mine = "# my own\n[panel]\ntheme = \"dark\"\n".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(p.path().getParent());
        Files.write(p.path(), mine);
        assertThatThrownBy(() -> p.save(prefs, Preferences.DEFAULTS.withTheme(Preferences.Theme.LIGHT)))
                .isInstanceOf(ChangedOnDiskException.class);
        assertThat(Files.readAllBytes(p.path())).isEqualTo(mine);
        assertThat(List.of(AtomicFile.backupOf(p.path()), AtomicFile.backupOf(s.overrideFile()))).allSatisfy(b ->
                assertThat(b).doesNotExist());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    @Tried(kind = Tried.Kind.INPUT, what = "override.conf.bak (what `rootlesskit restore` puts back) a FIFO or binary",
            cases = 2, outcome = "restore refused at once with a sentence; override.conf byte for byte as it was")
    void restoreRefusesABackupThatIsNoConfigFile() throws Exception {
        SettingsService s = new SettingsService(null, new ProcessRunner(Writers.env(home)));
        Writers.OVERRIDE_CONF.write(home, false);
        byte[] current = Files.readAllBytes(s.overrideFile());
        Path bak = AtomicFile.backupOf(s.overrideFile());

        Files.deleteIfExists(bak);
        Process mkfifo = new ProcessBuilder("mkfifo", bak.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThatThrownBy(s::restorePrevious).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(bak.toString()).hasMessageContaining("not a regular file");

        Files.delete(bak);
        Files.write(bak, new byte[] {'[', 0, ']'});
        assertThatThrownBy(s::restorePrevious).isInstanceOf(FileSnapshot.NotTextException.class)
                .hasMessageContaining("line 1, column 2: a NUL byte");
        assertThat(Files.readAllBytes(s.overrideFile())).isEqualTo(current);
    }

    static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    static List<String> tmpFiles(Path file) throws Exception {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }
}
