package io.github.rootlesspanel.ui.main;

import java.util.List;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

import io.github.rootlesspanel.config.prefs.Preferences.WindowGeometry;

/**
 * The main window's place and size, saved at close and restored at start. Remembers the last bounds the window had
 * while not maximized, so a maximized window is restored maximized and un-maximizes to where it was.
 */
final class WindowPlacement {

    private final Stage stage;
    private Rectangle2D normal;

    WindowPlacement(Stage stage) {
        this.stage = stage;
        remember();
        stage.xProperty().addListener((o, was, now) -> remember());
        stage.yProperty().addListener((o, was, now) -> remember());
        stage.widthProperty().addListener((o, was, now) -> remember());
        stage.heightProperty().addListener((o, was, now) -> remember());
    }

    /** Puts the window where G says, moved and shrunk as needed to lie on a screen that is there now. */
    void restore(WindowGeometry g) {
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        Rectangle2D r = clamp(new Rectangle2D(g.x(), g.y(), g.width(), g.height()), screens,
                Screen.getPrimary().getVisualBounds());
        stage.setX(r.getMinX());
        stage.setY(r.getMinY());
        stage.setWidth(r.getWidth());
        stage.setHeight(r.getHeight());
        normal = r;
        stage.setMaximized(g.maximized());
    }

    WindowGeometry geometry() {
        remember();
        Rectangle2D r = normal;
        return new WindowGeometry((int) Math.round(r.getMinX()), (int) Math.round(r.getMinY()),
                Math.max(1, (int) Math.round(r.getWidth())), Math.max(1, (int) Math.round(r.getHeight())),
                stage.isMaximized());
    }

    private void remember() {
        if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0
                && !Double.isNaN(stage.getX())) {
            normal = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        } else if (normal == null) {
            normal = new Rectangle2D(0, 0, 1400, 860);
        }
    }

    /**
     * WANT on the screen it overlaps most (PRIMARY when it overlaps none, e.g. a monitor unplugged since): no larger
     * than that screen's usable area, and moved inside it. Pure.
     */
    static Rectangle2D clamp(Rectangle2D want, List<Rectangle2D> screens, Rectangle2D primary) {
        Rectangle2D best = primary;
        double most = 0;
        for (Rectangle2D s : screens) {
            double w = Math.min(want.getMaxX(), s.getMaxX()) - Math.max(want.getMinX(), s.getMinX());
            double h = Math.min(want.getMaxY(), s.getMaxY()) - Math.max(want.getMinY(), s.getMinY());
            if (w > 0 && h > 0 && w * h > most) {
                most = w * h;
                best = s;
            }
        }
        double width = Math.min(want.getWidth(), best.getWidth());
        double height = Math.min(want.getHeight(), best.getHeight());
        double x = Math.max(best.getMinX(), Math.min(want.getMinX(), best.getMaxX() - width));
        double y = Math.max(best.getMinY(), Math.min(want.getMinY(), best.getMaxY() - height));
        return new Rectangle2D(x, y, width, height);
    }
}
