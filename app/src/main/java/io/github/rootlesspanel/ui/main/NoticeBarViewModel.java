package io.github.rootlesspanel.ui.main;

import java.util.Objects;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import io.github.rootlesspanel.desktop.Notifier.Notice;
import io.github.rootlesspanel.ui.common.Navigator;

/**
 * The window's notice area: the newest notice (the same ones the desktop shows) until the user dismisses it
 * or a newer one replaces it; it does not vanish on a timer, so it can be read at any pace. FX thread only.
 */
public final class NoticeBarViewModel {

    private final Navigator navigator;
    private final ReadOnlyObjectWrapper<Notice> current = new ReadOnlyObjectWrapper<>();

    public NoticeBarViewModel(Navigator navigator) {
        this.navigator = Objects.requireNonNull(navigator, "navigator");
    }

    public void show(Notice notice) {
        current.set(Objects.requireNonNull(notice, "notice"));
    }

    public void dismiss() {
        current.set(null);
    }

    /** "Open": the notice's unit on the Overview; the notice has done its job. */
    public void open() {
        Notice n = current.get();
        if (n != null && n.unit().isPresent()) {
            navigator.showUnit(n.unit().get());
            dismiss();
        }
    }

    /** The notice shown, or null when the area is hidden. */
    public ReadOnlyObjectProperty<Notice> currentProperty() {
        return current.getReadOnlyProperty();
    }
}
