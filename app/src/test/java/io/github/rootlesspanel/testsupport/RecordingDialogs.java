package io.github.rootlesspanel.testsupport;

import java.util.ArrayList;
import java.util.List;

import io.github.rootlesspanel.ui.common.DialogService;

/**
 * The dialog service of view-model tests: errors are recorded as "title: message"; a question or the clipboard is
 * not expected and fails the test.
 */
public final class RecordingDialogs implements DialogService {

    public final List<String> errors = new ArrayList<>();

    @Override
    public void showError(String title, String message, String details) {
        errors.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String question, String details, String yesLabel) {
        throw new AssertionError("unexpected question: " + question);
    }

    @Override
    public void copyToClipboard(String text) {
        throw new AssertionError("unexpected clipboard use");
    }
}
