package io.github.rootlesspanel.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The throwaway user's desktop services, started by the tests that need them and stopped again: the real dunst on
 * the user's bus, whose hook appends a line per notification it receives to a log, and the real
 * xdg-desktop-portal (+ gtk backend), whose colour scheme follows GSettings (dconf). Only while a desktop test
 * class runs: with them up, killing the bus (ReconnectIT, the Overview's lost-bus test) left systemd --user
 * without a bus for 90 s in about half the runs (the portal's bus-activated helpers going down with it).
 */
public final class TestDesktop implements AutoCloseable {

    /** The units the bus activates for the portal and gsettings; stopped again with the session. */
    private static final List<String> ACTIVATED = List.of("xdg-permission-store.service", "dconf.service",
            "at-spi-dbus-bus.service");

    private final List<Process> processes = new ArrayList<>();

    private TestDesktop() {
    }

    /**
     * Starts dunst, xdg-desktop-portal-gtk and xdg-desktop-portal as the test user on its bus and X display
     * (test-environment.md steps 9 and 10) and waits until each owns its bus name.
     */
    public static TestDesktop start() {
        TestUser.home();
        Path dir = dir();
        TestDesktop d = new TestDesktop();
        try {
            Files.createDirectories(dir);
            // dunst runs the hook once per notification: $1 appname $2 summary $3 body $4 icon $5 urgency
            Path hook = dir.resolve("notify-hook.sh");
            Files.writeString(hook, "#!/bin/sh\nprintf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' \"$DUNST_ID\" \"$1\" \"$2\" "
                    + "\"$3\" \"$5\" \"$4\" >> '" + dir.resolve("notifications.log") + "'\n");
            hook.toFile().setExecutable(true);
            Files.writeString(dir.resolve("dunstrc"), "[global]\n    history_length = 100\n[log_all]\n"
                    + "    summary = \"*\"\n    script = " + hook + "\n");
            Files.writeString(dir.resolve("notifications.log"), "");
            // the portal has the bus activate the document portal, a FUSE mount that outlives a killed bus
            TestUser.run(List.of("systemctl", "--user", "mask", "--runtime", "xdg-document-portal.service"),
                    Duration.ofSeconds(10));
            d.launch("org.freedesktop.Notifications", dir.resolve("dunst.log"), "dunst", "-config",
                    dir.resolve("dunstrc").toString());
            // the backend first, so the portal finds it running instead of asking the bus to activate it
            d.launch("org.freedesktop.impl.portal.desktop.gtk", dir.resolve("portal-gtk.log"),
                    "/usr/libexec/xdg-desktop-portal-gtk");
            d.launch("org.freedesktop.portal.Desktop", dir.resolve("portal.log"), "/usr/libexec/xdg-desktop-portal");
            return d;
        } catch (IOException e) {
            d.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            d.close();
            throw e;
        }
    }

    private void launch(String busName, Path log, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // xdg-desktop-portal 1.16 picks gtk.portal by its UseIn=gnome
        pb.environment().put("XDG_CURRENT_DESKTOP", "GNOME");
        pb.environment().put("GSETTINGS_BACKEND", "dconf");
        Process p = pb.start();
        processes.add(p);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            // startup: nothing tells when a name is taken short of watching the bus, and this runs three times
            if (TestUser.run(List.of("busctl", "--user", "status", busName), Duration.ofSeconds(5)).exitCode() == 0) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(String.join(" ", cmd) + " did not take " + busName + " on the user bus: "
                + Files.readString(log));
    }

    /** Stops what start() started, and the helper units the bus activated for them. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        List<String> stop = new ArrayList<>(List.of("systemctl", "--user", "stop"));
        stop.addAll(ACTIVATED);
        TestUser.run(stop, Duration.ofSeconds(20));
    }

    private static Path dir() {
        String run = System.getenv("XDG_RUNTIME_DIR");
        assertThat(run).as("XDG_RUNTIME_DIR of the test user").isNotBlank();
        return Path.of(run, "test-desktop");
    }

    /** One notification as dunst received it. */
    public record Received(long id, String app, String summary, String body, String urgency) {
        static Received parse(String line) {
            String[] f = line.split("\t", -1);
            return new Received(Long.parseLong(f[0]), f[1], f[2], f[3], f[4]);
        }
    }

    public static Path notificationsLog() {
        TestUser.home();
        Path log = dir().resolve("notifications.log");
        assertThat(log).as("dunst's log (TestDesktop.start)").exists();
        return log;
    }

    /** Every notification dunst has received since it started. */
    public static List<Received> notifications() {
        try {
            List<Received> out = new ArrayList<>();
            for (String line : Files.readAllLines(notificationsLog())) {
                if (!line.isEmpty()) {
                    out.add(Received.parse(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (on the log file's changes, not a timer) until dunst has received COUNT notifications in all. */
    public static List<Received> awaitNotifications(int count, Duration timeout) {
        Path log = notificationsLog();
        long end = System.nanoTime() + timeout.toNanos();
        try (WatchService w = FileSystems.getDefault().newWatchService()) {
            log.getParent().register(w, StandardWatchEventKinds.ENTRY_MODIFY);
            while (true) {
                List<Received> now = notifications();
                if (now.size() >= count) {
                    return now;
                }
                long left = end - System.nanoTime();
                var key = left <= 0 ? null : w.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("dunst received " + now.size() + " notification(s), not " + count
                            + ", within " + timeout + ": " + now);
                }
                key.pollEvents();
                key.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code dunstctl ARGS} as the user (close-all, action 0, count displayed). */
    public static String dunstctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dunstctl"));
        cmd.addAll(List.of(args));
        TestUser.Result r = TestUser.run(cmd, Duration.ofSeconds(10));
        assertThat(r.exitCode()).as("dunstctl %s: %s", String.join(" ", args), r.output()).isZero();
        return r.output().trim();
    }

    /**
     * {@code gsettings set org.gnome.desktop.interface color-scheme VALUE} (default, prefer-dark, prefer-light)
     * through dconf, as a desktop's settings app does; the portal's gtk backend follows it. The JVM runs with
     * GSETTINGS_BACKEND=memory (pom.xml), so the command gets dconf explicitly.
     */
    public static void setColorScheme(String value) {
        TestUser.home();
        try {
            ProcessBuilder pb = new ProcessBuilder("gsettings", "set", "org.gnome.desktop.interface", "color-scheme",
                    value).redirectErrorStream(true);
            pb.environment().putAll(Map.of("GSETTINGS_BACKEND", "dconf"));
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("gsettings finished").isTrue();
            assertThat(p.exitValue()).as("gsettings set color-scheme %s: %s", value, out).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
