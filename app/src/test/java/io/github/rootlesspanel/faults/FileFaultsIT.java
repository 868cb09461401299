package io.github.rootlesspanel.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.config.AtomicFile;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.host.Identity;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * File faults that need a user who is not root (root reads a mode-000 file and writes a 0555 directory) and what
 * only root can prepare (test-user.sh start): a full disk (a 1 MiB tmpfs of the user's), a read-only directory,
 * an unreadable file, another user's file in the user's own directory; the root refusal in a user namespace; and
 * that a sequence of real writing operations changes nothing outside the XDG config/data dirs and ~/.local/bin.
 * The command line is the real one ({@code java … io.github.rootlesspanel.Main}, an argument list) against the
 * test user's real systemd; the window shows the same services' messages (the same exceptions, its error dialog).
 */
@Tag("real-systemd")
@Tag("real-parts")
class FileFaultsIT {

    static final int KINDS = 5;
    /** The two file kinds with a writing CLI command of their own: `snapshotter default`, `rootlesskit set`. */
    static final int CLI_KINDS = 2;

    record Run(int exit, String stdout, String stderr, long millis) { }

    /** The real command line with HOME and the XDG config/data dirs moved to {@code home}. */
    static Run cli(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.github.rootlesspanel.Main"));
        cmd.addAll(List.of(args));
        return run(cmd, home);
    }

    static Run run(List<String> cmd, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (home != null) {
            Map<String, String> env = pb.environment();
            env.put("HOME", home.toString());
            env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        }
        Path out = Files.createTempFile(TestUser.home(), ".cli", ".out");
        Path err = Files.createTempFile(TestUser.home(), ".cli", ".err");
        try {
            long t0 = System.nanoTime();
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err), (System.nanoTime() - t0) / 1_000_000);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Every file kind at version A with a .bak (A, B, A), under a fresh {@code home}. */
    static Path freshHome(Path home) throws Exception {
        deleteTree(home);
        Files.createDirectories(home);
        for (Writers k : Writers.values()) {
            k.write(home, false);
            k.write(home, true);
            k.write(home, false);
        }
        return home;
    }

    /** The bytes of every file kind and its .bak. */
    static Map<Path, byte[]> contents(Path home) throws IOException {
        Map<Path, byte[]> m = new LinkedHashMap<>();
        for (Writers k : Writers.values()) {
            m.put(k.file(home), Files.readAllBytes(k.file(home)));
            m.put(AtomicFile.backupOf(k.file(home)), Files.readAllBytes(AtomicFile.backupOf(k.file(home))));
        }
        return m;
    }

    static void assertUnchanged(Map<Path, byte[]> before) throws IOException {
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertThat(Files.readAllBytes(e.getKey())).as("%s byte for byte as before", e.getKey()).isEqualTo(e.getValue());
            try (Stream<Path> s = Files.list(e.getKey().getParent())) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
                        .as("no temporary file left beside %s", e.getKey()).isEmpty();
            }
        }
    }

    /** The file kinds without a CLI command of their own, through their services (what the window calls). */
    static Map<Writers, String> serviceFailures(Path home) {
        Map<Writers, String> m = new LinkedHashMap<>();
        for (Writers k : List.of(Writers.UNIT_FILE, Writers.CONFIG_TOML, Writers.SETTINGS_TOML)) {
            Throwable t = catchThrowable(() -> k.write(home, true));
            assertThat(t).as("%s written?", k).isInstanceOf(IOException.class);
            m.put(k, t.getMessage());
        }
        return m;
    }

    /** One try of every file kind: the two CLI commands and the three services, each expected to refuse. */
    record Attempt(Run nerdctl, Run rootlesskit, Map<Writers, String> services) {

        static Attempt of(String what, Path home) throws Exception {
            Attempt a = new Attempt(cli(home, "snapshotter", "default", "native"),
                    cli(home, "rootlesskit", "set", "MTU=65520"), serviceFailures(home));
            System.out.printf("%s: snapshotter default -> %d in %d ms: %s%n  rootlesskit set -> %d in %d ms: %s%n"
                    + "  services: %s%n", what, a.nerdctl.exit, a.nerdctl.millis, a.nerdctl.stderr.strip(),
                    a.rootlesskit.exit, a.rootlesskit.millis, a.rootlesskit.stderr.strip(), a.services);
            return a;
        }

        /** CLI exit 1 and every message (CLI and services) naming its file and containing {@code words}. */
        void failedSaying(Path home, String... words) {
            for (Run r : List.of(nerdctl, rootlesskit)) {
                assertThat(r.exit).as(r.stderr).isEqualTo(Cli.FAILED);
                assertThat(r.stderr).contains(words);
            }
            assertThat(nerdctl.stderr).contains(Writers.NERDCTL_TOML.file(home).toString());
            assertThat(rootlesskit.stderr).contains(Writers.OVERRIDE_CONF.file(home).toString());
            services.forEach((k, m) -> assertThat(m).contains(k.file(home).toString()).contains(words));
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(q, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(q, PosixFilePermissions.fromString("rwx------"));
                }
                Files.delete(q);
            }
        }
    }

    // ------------------------------------------------------------------ disk full

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @Tried(kind = Tried.Kind.FAULT, what = "disk full (a 1 MiB tmpfs as HOME, filled up) while writing each file kind",
            cases = KINDS, outcome = "CLI exit 1 with \"No space left on device … the file is unchanged\"; the services "
                    + "throw the same sentence; file and .bak byte for byte as before; no temporary file left")
    void diskFull() throws Exception {
        String user = System.getProperty("user.name");
        Path small = Path.of("/var/tmp/rootless-panel-test/" + user + "-small");
        assertThat(Files.readString(Path.of("/proc/mounts"))).as("test-user.sh start mounted the small tmpfs")
                .contains(" " + small + " tmpfs ");
        Path home = freshHome(small.resolve("home"));
        Path filler = small.resolve("filler");
        try {
            try (OutputStream o = Files.newOutputStream(filler)) {
                byte[] chunk = new byte[4096];
                while (true) {
                    o.write(chunk);
                }
            } catch (IOException full) {
                assertThat(full.getMessage()).contains("No space left on device");
            }
            Map<Path, byte[]> before = contents(home);

            Attempt.of("disk full", home).failedSaying(home, "No space left on device", "the file is unchanged");
            assertUnchanged(before);
        } finally {
            Files.deleteIfExists(filler);
            deleteTree(home);
        }
    }

    // ------------------------------------------------------------------ read-only directory

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @Tried(kind = Tried.Kind.FAULT, what = "the directory of each file kind read-only (chmod 0555)", cases = KINDS,
            outcome = "CLI exit 1 with \"permission denied … read-only? … unchanged\"; services the same; files as before")
    void readOnlyDirectory() throws Exception {
        Path home = freshHome(TestUser.home().resolve(".faults-ro"));
        Map<Path, byte[]> before = contents(home);
        List<Path> dirs = Stream.of(Writers.values()).map(k -> k.file(home).getParent()).distinct().toList();
        try {
            for (Path d : dirs) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-xr-xr-x"));
            }
            Attempt.of("read-only", home).failedSaying(home, "permission denied", "read-only?", "unchanged");
            assertUnchanged(before);
        } finally {
            for (Path d : dirs) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            deleteTree(home);
        }
    }

    // ------------------------------------------------------------------ unreadable

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @Tried(kind = Tried.Kind.INPUT, what = "a config file of each kind that is unreadable (chmod 000)", cases = KINDS,
            outcome = "\"cannot read … permission denied (owner, mode ---------)\"; CLI exit 1; mode and bytes kept")
    void unreadable() throws Exception {
        Path home = freshHome(TestUser.home().resolve(".faults-unreadable"));
        Map<Path, byte[]> before = contents(home);
        try {
            for (Writers k : Writers.values()) {
                Files.setPosixFilePermissions(k.file(home), PosixFilePermissions.fromString("---------"));
            }
            Attempt.of("unreadable", home).failedSaying(home, "cannot read", "permission denied", "---------");
            for (Writers k : Writers.values()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k.file(home)))).isEqualTo("---------");
            }
        } finally {
            for (Writers k : Writers.values()) {
                Files.setPosixFilePermissions(k.file(home), PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        assertUnchanged(before);
        deleteTree(home);
    }

    // ------------------------------------------------------------------ another user's file

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @Tried(kind = Tried.Kind.INPUT, what = "a config file of each kind owned by root in the user's own directory "
            + "(rename over it would succeed and take it over)", cases = KINDS,
            outcome = "refused: \"belongs to root (uid 0), not to you\"; CLI exit 1; still root's, byte for byte, no .bak")
    void anotherUsersFileIsNotTakenOver() throws Exception {
        Path home = TestUser.home().resolve(".faults-foreign");
        deleteTree(home);
        Files.createDirectories(home);
        Files.createSymbolicLink(home.resolve(".config"), TestUser.home().resolve(".faults/config"));
        Map<Path, byte[]> before = new HashMap<>();
        for (Writers k : Writers.values()) {
            Path f = k.file(home);
            assertThat(Files.getAttribute(f, "unix:uid")).as("test-user.sh start made %s root's", f).isEqualTo(0);
            before.put(f, Files.readAllBytes(f));
        }
        try {
            Attempt.of("root's files", home).failedSaying(home, "belongs to root (uid 0), not to you", "Nothing was written");
            for (Map.Entry<Path, byte[]> e : before.entrySet()) {
                assertThat(Files.getAttribute(e.getKey(), "unix:uid")).as("%s still root's", e.getKey()).isEqualTo(0);
                assertThat(Files.readAllBytes(e.getKey())).isEqualTo(e.getValue());
                assertThat(AtomicFile.backupOf(e.getKey())).doesNotExist();
            }
        } finally {
            deleteTree(home);
        }
    }

    // ------------------------------------------------------------------ root

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    @Tried(kind = Tried.Kind.INPUT, what = "started as root: uid 0 in a user namespace (unshare --user --map-root-user, "
            + "what id -u sees), the window and a writing command", cases = 2,
            outcome = "exit 2 with \"must not run as root\" before any window or file; nothing written")
    void refusesToRunAsRootWindowAndCommand() throws Exception {
        Path home = TestUser.home().resolve(".faults-root");
        deleteTree(home);
        Files.createDirectories(home);
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> base = List.of("unshare", "--user", "--map-root-user", java, "-XX:-UsePerfData", "-cp",
                    System.getProperty("java.class.path"), "io.github.rootlesspanel.Main");
            Run id = run(List.of("unshare", "--user", "--map-root-user", "id", "-u"), home);
            assertThat(id.stdout.strip()).as("uid in the user namespace").isEqualTo("0");
            Run window = run(base, home); // no arguments: the window
            List<String> set = new ArrayList<>(base);
            set.addAll(List.of("rootlesskit", "set", "MTU=65520"));
            Run command = run(set, home);
            for (Run r : List.of(window, command)) {
                assertThat(r.exit).as(r.stderr).isEqualTo(Cli.USAGE);
                assertThat(r.stderr).contains("must not run as root");
            }
            try (Stream<Path> s = Files.walk(home)) {
                assertThat(s.filter(p -> !p.equals(home)).toList()).as("nothing written").isEmpty();
            }
        } finally {
            deleteTree(home);
        }
    }

    // ------------------------------------------------------------------ where the panel writes

    record Seen(Object inode, long mtime, String mode, boolean dir, int uid) { }

    static Map<Path, Seen> scan(List<Path> roots) throws IOException {
        Map<Path, Seen> m = new TreeMap<>();
        for (Path root : roots) {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    put(d, a);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    put(f, a);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE; // another user's, e.g. in /tmp
                }

                private void put(Path p, BasicFileAttributes a) {
                    String mode;
                    int uid;
                    try {
                        mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                        uid = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException | UnsupportedOperationException e) {
                        mode = "?";
                        uid = -1;
                    }
                    m.put(p, new Seen(a.fileKey(), a.lastModifiedTime().toMillis(), mode, a.isDirectory(), uid));
                }
            });
        }
        return m;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    @Tried(kind = Tried.Kind.FAULT, what = "where a sequence of real writes lands: snapshotter default, rootlesskit set "
            + "and --unset, the settings store, install and uninstall of bypass4netnsd (stand-in daemon, real systemd)",
            cases = 6, outcome = "every file created or changed is in the XDG config or data dir or ~/.local/bin; "
                    + "files 0644 (helper 0755), directories 0755; nothing in XDG_RUNTIME_DIR or /tmp but systemd's "
                    + "and the daemon's own")
    void writesOnlyInsideTheUsersConfigAndDataDirs() throws Exception {
        assertThat(Identity.isRoot()).isFalse();
        Path home = TestUser.home();
        XdgDirs xdg = XdgDirs.from(System.getenv());
        Path runtime = xdg.runtimeDir();
        List<Path> roots = List.of(home, runtime, Path.of("/tmp"), Path.of("/var/tmp"));
        Map<Path, Seen> before = scan(roots);
        long t0 = System.currentTimeMillis() - 1000;
        int me = Identity.effectiveUid();
        Path project = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path nerdctlToml = xdg.configHome().resolve("nerdctl/nerdctl.toml");
        Path dropIns = xdg.configHome().resolve("systemd/user/containerd.service.d");
        PreferencesFile prefs = PreferencesFile.of(xdg);
        List<Path> ours = Stream.of(nerdctlToml, dropIns, prefs.path()).filter(p -> !Files.exists(p)).toList();

        List<Run> runs = new ArrayList<>();
        runs.add(cli(null, "snapshotter", "default", "native"));
        runs.add(cli(null, "rootlesskit", "set", "MTU=65520"));
        runs.add(cli(null, "rootlesskit", "set", "--unset", "MTU"));
        prefs.save(prefs.load(), Preferences.DEFAULTS.withTheme(Preferences.Theme.DARK));
        runs.add(cli(null, "install", "bypass4netnsd"));
        runs.add(cli(null, "uninstall", "bypass4netnsd"));
        try {
            for (Run r : runs) {
                assertThat(r.exit).as(r.stdout + r.stderr).isZero();
            }
            Map<Path, Seen> after = scan(roots);
            List<Path> allowed = List.of(xdg.configHome(), xdg.dataHome(), home.resolve(".local/bin"));
            List<String> report = new ArrayList<>();
            for (Map.Entry<Path, Seen> e : after.entrySet()) {
                Path p = e.getKey();
                Seen was = before.get(p);
                Seen now = e.getValue();
                boolean created = was == null || !was.inode().equals(now.inode());
                boolean changed = created || !now.dir() && was.mtime() != now.mtime();
                if (!changed || now.mtime() < t0 && !created || now.uid() != me) {
                    continue; // unchanged, or another user's (other test users share /tmp): the panel runs as me
                }
                if (p.getFileName().toString().startsWith(".cli") || p.startsWith(project) || p.startsWith(home.resolve(".m2"))
                        || p.toString().contains("hsperfdata_") || p.toString().contains("surefire")) {
                    continue; // this test's own output capture, the JVM's perf data, Maven's files
                }
                report.add((created ? "created " : "changed ") + now.mode() + " " + p);
                if (p.startsWith(runtime.resolve("systemd")) || p.startsWith(runtime.resolve("bypass4netnsd"))) {
                    continue; // the user manager's own state and the started daemon's (removed when it stops)
                }
                assertThat(allowed.stream().anyMatch(p::startsWith)).as("%s is inside %s", p, allowed).isTrue();
                if (created && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(now.mode()).as("mode of %s", p).isIn("rw-r--r--", "rwxr-xr-x");
                } else if (created && now.dir()) {
                    assertThat(now.mode()).as("mode of %s", p).isEqualTo("rwxr-xr-x");
                }
            }
            System.out.println("written by the sequence:\n  " + String.join("\n  ", report));
            assertThat(report).as("the sequence wrote something").anyMatch(s -> s.endsWith("nerdctl/nerdctl.toml"))
                    .anyMatch(s -> s.endsWith("override.conf")).anyMatch(s -> s.endsWith("settings.toml"))
                    .anyMatch(s -> s.endsWith("bypass4netnsd.service.bak"));
        } finally {
            for (Path p : ours) { // what this test made, with its .bak
                deleteTree(p);
                deleteTree(AtomicFile.backupOf(p));
            }
        }
    }
}
