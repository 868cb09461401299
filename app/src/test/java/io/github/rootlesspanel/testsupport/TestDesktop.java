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
 * The throwaway user's desktop services (app/src/test/env/test-user.sh desktop): the real dunst on the user's
 * bus, whose hook appends a line per notification it receives to a log, and the real xdg-desktop-portal, whose
 * colour scheme follows GSettings (dconf).
 */
public final class TestDesktop {

    private TestDesktop() {
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
        String run = System.getenv("XDG_RUNTIME_DIR");
        assertThat(run).as("XDG_RUNTIME_DIR of the test user").isNotBlank();
        Path log = Path.of(run, "test-desktop", "notifications.log");
        assertThat(log).as("dunst's log (test-user.sh desktop)").exists();
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
