package io.github.rootlesspanel.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The throwaway user the real-parts tests run as (made by app/src/test/env/test-user.sh): its HOME,
 * its user bus, and a few systemctl calls for arranging a scene "from outside" the panel.
 * Refuses to do anything unless HOME carries the throwaway marker, so a developer's own units are
 * never touched.
 */
public final class TestUser {

    /**
     * How long a killed user bus may take to come back. Usually well under a second (dbus.socket activates a new
     * dbus-daemon at the next connection); on this VM's systemd --user (no systemd PID 1, cgroup v1) the new bus
     * now and then only comes 90 s later, systemd's default stop timeout, whatever the client does. Tests that
     * kill the bus wait this long for the reconnection, so they test the panel, not that stall.
     */
    public static final java.time.Duration BUS_BACK = java.time.Duration.ofSeconds(150);


    public static final String MARKER = ".rootless-panel-throwaway";

    private TestUser() {
    }

    public static Path home() {
        Path home = Path.of(System.getProperty("user.home"));
        if (!Files.exists(home.resolve(MARKER))) {
            throw new IllegalStateException("These tests change systemd user units and must run as the throwaway "
                    + "test user: use app/src/test/env/run-tests.sh (HOME " + home + " has no " + MARKER + ")");
        }
        return home;
    }

    public static String busAddress() {
        home();
        String a = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        assertThat(a).as("DBUS_SESSION_BUS_ADDRESS of the test user").isNotBlank();
        return a;
    }

    public static Path unitDir() {
        return home().resolve(".config/systemd/user");
    }

    /** Installs a unit file from src/test/resources/units under another or the same name, then daemon-reload. */
    public static void installUnit(String resource, String asName) {
        try (InputStream in = TestUser.class.getResourceAsStream("/units/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test unit " + resource);
            }
            Files.createDirectories(unitDir());
            Files.write(unitDir().resolve(asName), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        systemctl("daemon-reload");
    }

    /** Stops, unmasks, disables and deletes a unit the tests installed, then daemon-reload. */
    public static void removeUnit(String name) {
        systemctlMayFail("stop", name);
        systemctlMayFail("unmask", name);
        systemctlMayFail("disable", name);
        try {
            Files.deleteIfExists(unitDir().resolve(name));
            Files.deleteIfExists(unitDir().resolve(name + ".bak"));
            for (String dir : List.of(name + ".d", name + ".d.bak")) {
                Path d = unitDir().resolve(dir);
                if (Files.isDirectory(d)) {
                    try (var walk = Files.walk(d)) {
                        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        systemctl("daemon-reload");
        systemctlMayFail("reset-failed", name);
    }

    public static String systemctl(String... args) {
        Result r = systemctlMayFail(args);
        assertThat(r.exitCode()).as("systemctl --user %s: %s", String.join(" ", args), r.output()).isZero();
        return r.output();
    }

    public static Result systemctlMayFail(String... args) {
        List<String> cmd = new ArrayList<>(List.of("systemctl", "--user", "--no-pager"));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofSeconds(60));
    }

    /** Runs a command (argument list, no shell) and captures stdout+stderr. */
    public static Result run(List<String> cmd, Duration timeout) {
        home();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** packaging/bin/rootless-panel of the checkout under test. */
    public static final Path LAUNCHER = Path.of(System.getProperty("rp.project.dir", "."), "packaging/bin/rootless-panel");

    /** Runs the command line as the user does: the launcher, with these arguments. */
    public static Result panel(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Duration.ofSeconds(120));
    }

    /** The launcher with these arguments, stdout and stderr kept apart (for JSON on stdout). */
    public static Split panelSplit(String... args) {
        List<String> cmd = new ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        return runSplit(cmd, Duration.ofSeconds(120));
    }

    /** Runs a command (argument list, no shell) with stdout and stderr kept apart. */
    public static Split runSplit(List<String> cmd, Duration timeout) {
        home();
        try {
            Path out = Files.createTempFile("panel", ".out");
            Path err = Files.createTempFile("panel", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Split(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What {@link #runSplit} saw. */
    public record Split(int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }
    }

    /** The main PID of a unit, read from outside the panel. */
    public static long mainPid(String unit) {
        return Long.parseLong(systemctl("show", "-P", "MainPID", unit).trim());
    }

    /** The PID of this user's systemd --user (the parent of the bus daemon it runs as dbus.service). */
    public static long managerPid() {
        long bus = mainPid("dbus.service");
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + bus + "/status"))) {
                if (line.startsWith("PPid:")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no PPid for " + bus);
    }

    public record Result(int exitCode, String output) { }
}
