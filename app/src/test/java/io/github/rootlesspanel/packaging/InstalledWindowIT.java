package io.github.rootlesspanel.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import javafx.geometry.Rectangle2D;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import io.github.rootlesspanel.testsupport.Fx;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The window of the installed package: /usr/bin/rootless-panel without arguments, a separate process on the
 * test's Xvfb, found by X (xwininfo, xprop from x11-utils) and photographed through this JVM's robot.
 */
@Tag("package")
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class InstalledWindowIT {

    @Test
    void theInstalledLauncherOpensAndPaintsTheWindowUnderTheDesktopEntrysWindowClass(FxRobot robot) throws Exception {
        Packages.dir();
        Path log = Files.createTempFile("installed-window", ".log");
        Process panel = new ProcessBuilder(InstalledPackageIT.USR_BIN.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String window = awaitWindowOf(panel, log, Duration.ofSeconds(60));
            String tree = x("xwininfo", "-id", window);
            Rectangle2D r = new Rectangle2D(number(tree, "Absolute upper-left X"), number(tree, "Absolute upper-left Y"),
                    number(tree, "Width"), number(tree, "Height"));
            assertThat(r.getWidth()).isGreaterThan(400);
            assertThat(awaitPaintedScreenshot(robot, r)).as("the window shows its content").isTrue();
            // the desktop entry's StartupWMClass is how a dock ties the window to the entry and its icon
            // (JavaFX names the window's class after the Application class)
            String startupWmClass = DesktopFilesTest.value(Files.readString(DesktopFilesTest.DESKTOP), "StartupWMClass");
            assertThat(x("xprop", "-id", window, "WM_CLASS")).contains("\"" + startupWmClass + "\"");
        } finally {
            panel.destroy();
            if (!panel.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                panel.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
    }

    /** The id of the top-level window titled "Rootless Panel" whose _NET_WM_PID is the process's. */
    static String awaitWindowOf(Process p, Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the installed launcher exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            Matcher m = Pattern.compile("(?m)^\\s*(0x[0-9a-f]+) \"Rootless Panel\"").matcher(x("xwininfo", "-root", "-tree"));
            while (m.find()) {
                String id = m.group(1);
                if (x("xprop", "-id", id, "_NET_WM_PID").strip().endsWith("= " + p.pid())) {
                    return id;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no \"Rootless Panel\" window of PID " + p.pid() + " after " + timeout + ":\n"
                + Files.readString(log));
    }

    /** Photographs the window until it shows more than a blank surface (mapped comes before painted). */
    static boolean awaitPaintedScreenshot(FxRobot robot, Rectangle2D region) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            BufferedImage img = ImageIO.read(Fx.screenshot(robot, region, "installed-package-window").toFile());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 4) {
                for (int x = 0; x < img.getWidth(); x += 4) {
                    colours.add(img.getRGB(x, y));
                }
            }
            if (colours.size() > 20) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    static String x(String... cmd) {
        TestUser.Result r = TestUser.run(List.of(cmd), Duration.ofSeconds(20));
        assertThat(r.exitCode()).as("%s: %s", List.of(cmd), r.output()).isZero();
        return r.output();
    }

    static double number(String xwininfo, String label) {
        Matcher m = Pattern.compile(label + ":\\s+(-?\\d+)").matcher(xwininfo);
        assertThat(m.find()).as(label + " in " + xwininfo).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
