package io.github.rootlesspanel.ui.overview;

/** The colour family of a status; the view maps each to a style class and always shows text as well. */
public enum Tone {
    OK, BUSY, WARNING, ERROR, NEUTRAL, MUTED;

    public String styleClass() {
        return "tone-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
