package io.github.rootlesspanel.desktop;

/**
 * The desktop's colour preference, as the XDG desktop portal's {@code org.freedesktop.appearance}
 * {@code color-scheme} setting gives it: 0 no preference, 1 prefer dark, 2 prefer light.
 */
public enum ColorScheme {
    NO_PREFERENCE, PREFER_DARK, PREFER_LIGHT;

    /** The portal's number; anything unknown counts as no preference, as the portal spec says. */
    public static ColorScheme ofPortalValue(long value) {
        return value == 1 ? PREFER_DARK : value == 2 ? PREFER_LIGHT : NO_PREFERENCE;
    }
}
