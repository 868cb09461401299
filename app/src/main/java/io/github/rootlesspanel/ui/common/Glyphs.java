package io.github.rootlesspanel.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.layout.Region;
import javafx.scene.shape.SVGPath;

/**
 * In-app glyphs from icons/glyphs/NAME.svg (one path, 24x24), drawn as a shaped region so CSS
 * colours them like text ({@code .glyph { -fx-background-color: ... }}).
 */
public final class Glyphs {

    private static final Pattern PATH_D = Pattern.compile("<path[^>]*\\sd=\"([^\"]+)\"");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Glyphs() {
    }

    public static Region of(String name, double size) {
        SVGPath shape = new SVGPath();
        shape.setContent(pathData(name));
        Region r = new Region();
        r.setShape(shape);
        r.setScaleShape(true);
        r.setMinSize(size, size);
        r.setPrefSize(size, size);
        r.setMaxSize(size, size);
        r.getStyleClass().addAll("glyph", "glyph-" + name);
        return r;
    }

    static String pathData(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try (InputStream in = Glyphs.class.getResourceAsStream("/icons/glyphs/" + n + ".svg")) {
                if (in == null) {
                    throw new IllegalArgumentException("no glyph " + n);
                }
                Matcher m = PATH_D.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (!m.find()) {
                    throw new IllegalArgumentException("glyph " + n + " has no path");
                }
                return m.group(1);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
