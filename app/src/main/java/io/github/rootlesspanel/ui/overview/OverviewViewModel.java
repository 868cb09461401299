package io.github.rootlesspanel.ui.overview;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.ConnectionState;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.Navigator;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * The Overview: a card per component, live from systemd's signals, and the connection state.
 * {@link #activate()} starts listening; events hop to the UI executor before touching any property.
 */
public final class OverviewViewModel {

    private final UserManager manager;
    private final TaskRunner tasks;
    private final Executor ui;
    private final ObservableList<UnitCardViewModel> cards;
    private final FilteredList<UnitCardViewModel> shownCards;
    private final ReadOnlyObjectWrapper<ConnectionState> connection =
            new ReadOnlyObjectWrapper<>(ConnectionState.CONNECTING);
    private final ReadOnlyStringWrapper connectionText =
            new ReadOnlyStringWrapper(Messages.get("overview.connection.connecting"));
    private UserManager.Watch watch;
    /** Component ids the user chose not to see (Preferences); their cards are not shown. */
    private final javafx.beans.property.ObjectProperty<java.util.Set<String>> hiddenComponents =
            new javafx.beans.property.SimpleObjectProperty<>(java.util.Set.of());

    public OverviewViewModel(UserManager manager, TaskRunner tasks, DialogService dialogs, Executor ui, Clock clock) {
        this.manager = manager;
        this.tasks = tasks;
        this.ui = ui;
        List<UnitCardViewModel> list = new ArrayList<>();
        for (Component c : Component.values()) {
            list.add(new UnitCardViewModel(c, manager, tasks, dialogs, clock));
        }
        this.cards = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(list));
        this.shownCards = new FilteredList<>(cards, c -> true);
        hiddenComponents.addListener((o, was, now) -> shownCards.setPredicate(
                c -> now == null || !now.contains(c.component().id())));
    }

    /** Where "Logs" and "Show log" on the cards go; {@link Navigator#NONE} until the window sets it. */
    public void setNavigator(Navigator navigator) {
        cards.forEach(c -> c.setNavigator(navigator));
    }

    public javafx.beans.property.ObjectProperty<java.util.Set<String>> hiddenComponentsProperty() {
        return hiddenComponents;
    }

    public ObservableList<UnitCardViewModel> cards() {
        return cards;
    }

    /** The cards the user wants to see: every card but those of {@link #hiddenComponentsProperty()}, in order. */
    public ObservableList<UnitCardViewModel> shownCards() {
        return shownCards;
    }

    public UnitCardViewModel card(Component c) {
        return cards.stream().filter(x -> x.component() == c).findFirst().orElseThrow();
    }

    /** Starts following systemd. Idempotent. */
    public void activate() {
        if (watch == null) {
            watch = manager.watch(Component.units(), ev -> ui.execute(() -> apply(ev)));
        }
    }

    public void deactivate() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    void apply(UnitEvent ev) {
        if (ev instanceof UnitEvent.Connected) {
            connection.set(ConnectionState.CONNECTED);
            connectionText.set(Messages.get("overview.connection.connected"));
            cards.forEach(c -> c.setConnected(true));
        } else if (ev instanceof UnitEvent.Disconnected d) {
            connection.set(ConnectionState.DISCONNECTED);
            connectionText.set(Messages.get("overview.connection.disconnected", d.reason()));
            cards.forEach(c -> c.setConnected(false));
        } else if (ev instanceof UnitEvent.Changed ch) {
            UnitStatus s = ch.status();
            Component.find(s.name()).ifPresent(c -> card(c).apply(s));
        }
    }

    /** Re-renders relative times ("3 min ago"). */
    public void tick() {
        cards.forEach(UnitCardViewModel::tick);
    }

    /**
     * Memory is one of the few things systemd never signals (MemoryCurrent does not emit), so the
     * cards of running units re-read it when the view asks, while it is shown.
     */
    public void refreshCounters() {
        if (connection.get() != ConnectionState.CONNECTED) {
            return;
        }
        for (UnitCardViewModel c : cards) {
            UnitStatus s = c.statusProperty().get();
            if (s != null && s.activeState() == ActiveState.ACTIVE && c.runningJobProperty().get() == null) {
                tasks.task(() -> manager.status(c.unit())).onSuccess(c::apply).start();
            }
        }
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }
}
