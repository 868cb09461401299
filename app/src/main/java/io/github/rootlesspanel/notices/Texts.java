package io.github.rootlesspanel.notices;

/** The translated text of a key with its arguments (the window passes its resource bundles). */
@FunctionalInterface
public interface Texts {
    String get(String key, Object... args);
}
