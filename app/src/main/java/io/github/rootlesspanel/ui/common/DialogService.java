package io.github.rootlesspanel.ui.common;

/** Every dialog and clipboard use of the UI goes through here, so view models stay testable. */
public interface DialogService {

    /** An error the user should read now: a sentence, and optional technical details (expandable). */
    void showError(String title, String message, String details);

    /**
     * Asks a yes/no question before something is changed; {@code details} (e.g. a diff) is shown
     * expandable. Returns true for yes.
     */
    boolean confirm(String title, String question, String details, String yesLabel);

    /** Puts text on the clipboard (e.g. a systemctl command) and says so. */
    void copyToClipboard(String text);
}
