package io.github.rootlesspanel.ui.common;

import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every user-visible string of the window, from the resource bundles in {@code /i18n}. One bundle file per
 * area (so screens are translated independently) merged into one {@link ResourceBundle} for FXML
 * ({@code %key}) and code ({@link #get}). Keys start with their area's name, so they cannot collide.
 */
public final class Messages {

    /** The bundle files, {@code /i18n/NAME.properties} and one {@code NAME_xx.properties} per language. */
    public static final List<String> AREAS = List.of("common", "main", "overview", "setup", "rootlesskit",
            "snapshotters", "containers", "network", "logs", "preferences", "about", "notifications");

    /** Languages with a complete translation besides English (the base files). */
    public static final List<Locale> TRANSLATIONS = List.of(Locale.GERMAN);

    private static volatile ResourceBundle bundle;

    private Messages() {
    }

    /** The merged bundle for the default locale. */
    public static ResourceBundle bundle() {
        ResourceBundle b = bundle;
        if (b == null) {
            b = load(Locale.getDefault());
            bundle = b;
        }
        return b;
    }

    /** Switches the language (tests and screenshots); views loaded afterwards use it. */
    public static void use(Locale locale) {
        bundle = load(locale);
    }

    /** The text of KEY, with {0}, {1}... replaced by ARGS (MessageFormat rules: a quote is written ''). */
    public static String get(String key, Object... args) {
        String pattern = bundle().getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle().getLocale()).format(args);
    }

    public static ResourceBundle load(Locale locale) {
        Map<String, Object> all = new HashMap<>();
        for (String area : AREAS) {
            ResourceBundle part;
            try {
                part = ResourceBundle.getBundle("i18n." + area, locale,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            } catch (MissingResourceException e) {
                throw new IllegalStateException("missing resource bundle /i18n/" + area + ".properties", e);
            }
            for (String k : Collections.list(part.getKeys())) {
                all.put(k, part.getObject(k));
            }
        }
        return new Merged(all, locale);
    }

    private static final class Merged extends ResourceBundle {
        private final Map<String, Object> values;
        private final Locale locale;

        Merged(Map<String, Object> values, Locale locale) {
            this.values = Map.copyOf(values);
            this.locale = locale;
        }

        @Override
        protected Object handleGetObject(String key) {
            return values.get(key);
        }

        @Override
        public Enumeration<String> getKeys() {
            return Collections.enumeration(values.keySet());
        }

        @Override
        public Locale getLocale() {
            return locale;
        }
    }
}
