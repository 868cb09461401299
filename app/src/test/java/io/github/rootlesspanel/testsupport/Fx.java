package io.github.rootlesspanel.testsupport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;

import javax.imageio.ImageIO;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Reading the scene on the FX thread, waiting for what the UI shows, and screenshots. */
public final class Fx {

    private Fx() {
    }

    public static <T> T read(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the condition (evaluated on the FX thread) holds; fails with the last described state. */
    public static void await(Duration timeout, Callable<Boolean> condition, Supplier<String> describe) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (Boolean.TRUE.equals(read(condition))) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("UI did not reach the expected state within " + timeout + "; it shows: "
                + read(describe::get));
    }

    /** Closes every window the test opened (main window, plan windows, dialogs). */
    public static void closeAllWindows(FxRobot robot) {
        robot.interact(() -> java.util.List.copyOf(javafx.stage.Window.getWindows()).forEach(w -> {
            if (w instanceof javafx.stage.Stage s) {
                s.close();
            }
        }));
    }

    /** Writes a snapshot of a node to target/screenshots/NAME.png and returns the path. */
    public static Path screenshot(FxRobot robot, Node node, String name) throws IOException {
        return save(robot.capture(node).getImage(), name);
    }

    /** Writes what the screen shows in a region (any process's windows) to target/screenshots/NAME.png. */
    public static Path screenshot(FxRobot robot, javafx.geometry.Rectangle2D region, String name) throws IOException {
        return save(robot.capture(region).getImage(), name);
    }

    private static Path save(Image img, String name) throws IOException {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Path dir = Path.of(System.getProperty("rp.project.dir", "."), "target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
