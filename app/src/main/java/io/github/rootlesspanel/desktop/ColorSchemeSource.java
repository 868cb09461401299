package io.github.rootlesspanel.desktop;

import java.util.function.Consumer;

/** The desktop's colour preference, read once and then followed live (the portal's SettingChanged signal). */
public interface ColorSchemeSource extends AutoCloseable {

    /** The preference now; NO_PREFERENCE when there is no portal. */
    ColorScheme current();

    /** Called (on a background thread) each time the preference changes; replaces any earlier listener. */
    void setListener(Consumer<ColorScheme> listener);

    @Override
    void close();

    /** No desktop portal: always no preference. */
    ColorSchemeSource NONE = new ColorSchemeSource() {
        @Override
        public ColorScheme current() {
            return ColorScheme.NO_PREFERENCE;
        }

        @Override
        public void setListener(Consumer<ColorScheme> listener) {
        }

        @Override
        public void close() {
        }
    };
}
