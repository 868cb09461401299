package io.github.rootlesspanel.ui.preferences;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.Preferences.Notifications;
import io.github.rootlesspanel.config.prefs.Preferences.Theme;
import io.github.rootlesspanel.setup.Component;

/** The Preferences dialog's choices, filled from the preferences in force; {@link #save()} puts them in force. */
public final class PreferencesViewModel {

    /** A component's "show its card" box. */
    public record ComponentChoice(Component component, BooleanProperty shown) {
    }

    private final PreferencesStore store;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ObjectProperty<Notifications> notifications = new SimpleObjectProperty<>();
    private final IntegerProperty journalLines = new SimpleIntegerProperty();
    private final List<ComponentChoice> components = new ArrayList<>();

    public PreferencesViewModel(PreferencesStore store) {
        this.store = store;
        Preferences p = store.current().get();
        theme.set(p.theme());
        notifications.set(p.notifications());
        journalLines.set(p.journalLines());
        for (Component c : Component.values()) {
            components.add(new ComponentChoice(c, new SimpleBooleanProperty(!p.hiddenComponents().contains(c.id()))));
        }
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObjectProperty<Notifications> notificationsProperty() {
        return notifications;
    }

    public IntegerProperty journalLinesProperty() {
        return journalLines;
    }

    public List<ComponentChoice> components() {
        return components;
    }

    /** The choices as preferences (the window geometry and anything else kept as it is). */
    public Preferences chosen() {
        List<String> hidden = components.stream().filter(c -> !c.shown().get()).map(c -> c.component().id()).toList();
        int lines = Math.max(Preferences.MIN_JOURNAL_LINES, Math.min(Preferences.MAX_JOURNAL_LINES, journalLines.get()));
        return store.current().get().withTheme(theme.get()).withNotifications(notifications.get())
                .withJournalLines(lines).withHiddenComponents(hidden);
    }

    /** Puts the choices in force and writes them to the settings file. */
    public void save() {
        store.save(chosen());
    }
}
