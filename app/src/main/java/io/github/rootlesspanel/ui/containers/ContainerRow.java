package io.github.rootlesspanel.ui.containers;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import io.github.rootlesspanel.containers.ContainerState;
import io.github.rootlesspanel.containers.ContainerView;
import io.github.rootlesspanel.ui.overview.Tone;

/**
 * One line of the containers table. It stays the same object while its container lives (keyed by namespace and
 * id), so the table keeps its selection and cells while snapshots come in; {@link #revisionProperty()} changes
 * with every update so sorted and filtered lists re-check it.
 */
public final class ContainerRow {

    private final String key;
    private final ReadOnlyObjectWrapper<ContainerView> view = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper image = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ContainerState> state = new ReadOnlyObjectWrapper<>(ContainerState.UNKNOWN);
    private final ReadOnlyObjectWrapper<Tone> stateTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private long statusOrder;
    private final ReadOnlyStringWrapper pid = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper addresses = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ports = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper bypassConfigured = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper liveText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> liveTone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ReadOnlyStringWrapper liveExplanation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unavailableReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper busyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(0);

    ContainerRow(String key) {
        this.key = key;
    }

    /** {@code namespace/id}. */
    public String key() {
        return key;
    }

    void update(ContainerView v, String reason, java.time.Instant now) {
        view.set(v);
        name.set(v.name());
        image.set(v.info().image());
        state.set(v.state());
        stateTone.set(ContainersViewModel.tone(v.state()));
        pid.set(v.pid() > 0 ? Long.toString(v.pid()) : "");
        addresses.set(String.join(", ", v.addresses().stream().map(a -> a.address()).toList()));
        ports.set(String.join(", ", v.ports().stream().map(p -> p.display()).toList()));
        bypassConfigured.set(v.bypass().enabled());
        liveText.set(ContainersViewModel.liveText(v));
        liveTone.set(ContainersViewModel.liveTone(v));
        liveExplanation.set(ContainersViewModel.liveExplanation(v));
        unavailableReason.set(reason);
        tick(now);
    }

    /** Recomputes what depends on the time ("Up 5 minutes"). */
    /** {@link #tick} and a repaint even when the text stays (what the row shows depends on more than its view). */
    void repaint(java.time.Instant now) {
        tick(now);
        revision.set(revision.get() + 1);
    }

    void tick(java.time.Instant now) {
        ContainerView v = view.get();
        if (v == null) {
            return;
        }
        String text = v.statusText(now);
        // the order key moves on with every row alike, so the rows' order stays; only a new text repaints the row
        statusOrder = ContainersViewModel.statusOrder(v, now);
        if (!text.equals(status.get())) {
            status.set(text);
            revision.set(revision.get() + 1);
        }
    }

    void busy(String text) {
        boolean on = text != null && !text.isEmpty();
        busyText.set(on ? text : "");
        if (busy.get() != on) {
            busy.set(on);
        }
        revision.set(revision.get() + 1);
    }

    public ContainerView view() {
        return view.get();
    }

    public ReadOnlyObjectProperty<ContainerView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    public String name() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public String image() {
        return image.get();
    }

    public ReadOnlyStringProperty imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ContainerState state() {
        return state.get();
    }

    public ReadOnlyObjectProperty<ContainerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> stateToneProperty() {
        return stateTone.getReadOnlyProperty();
    }

    public String status() {
        return status.get();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Sort key of the status column: running (shortest uptime first), paused, created, exited (latest first). */
    public long statusOrder() {
        return statusOrder;
    }

    /** The PID while it runs, else "". */
    public String pid() {
        return pid.get();
    }

    public ReadOnlyStringProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    public String addresses() {
        return addresses.get();
    }

    public ReadOnlyStringProperty addressesProperty() {
        return addresses.getReadOnlyProperty();
    }

    public String ports() {
        return ports.get();
    }

    public ReadOnlyStringProperty portsProperty() {
        return ports.getReadOnlyProperty();
    }

    /** bypass4netns as the container was created (its spec annotation). */
    public boolean bypassConfigured() {
        return bypassConfigured.get();
    }

    public ReadOnlyBooleanProperty bypassConfiguredProperty() {
        return bypassConfigured.getReadOnlyProperty();
    }

    /** "active", "not active" or "unknown": whether bypass4netnsd lists it now. */
    public String liveText() {
        return liveText.get();
    }

    public ReadOnlyStringProperty liveTextProperty() {
        return liveText.getReadOnlyProperty();
    }

    public Tone liveTone() {
        return liveTone.get();
    }

    public ReadOnlyObjectProperty<Tone> liveToneProperty() {
        return liveTone.getReadOnlyProperty();
    }

    /** A sentence about configured vs live (e.g. why a configured container is not accelerated). */
    public String liveExplanation() {
        return liveExplanation.get();
    }

    public ReadOnlyStringProperty liveExplanationProperty() {
        return liveExplanation.getReadOnlyProperty();
    }

    /** Why the switch cannot be used for this container; "" when it can. */
    public String unavailableReason() {
        return unavailableReason.get();
    }

    public ReadOnlyStringProperty unavailableReasonProperty() {
        return unavailableReason.getReadOnlyProperty();
    }

    public boolean switchAvailable() {
        return unavailableReason.get().isEmpty();
    }

    /** Being prepared, recreated, started or stopped. */
    public boolean busy() {
        return busy.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public String busyText() {
        return busyText.get();
    }

    public ReadOnlyStringProperty busyTextProperty() {
        return busyText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return key + " " + name.get() + " " + state.get() + (busy.get() ? " (" + busyText.get() + ")" : "");
    }
}
