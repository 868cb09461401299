package io.github.rootlesspanel.ui.snapshotters;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.snapshotters.Snapshotter;
import io.github.rootlesspanel.snapshotters.SnapshotterService;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel;

/**
 * The Snapshotters screen: for each snapshotter, whether it is expected to work here, whether containerd
 * loaded it (its plugin list), its daemon unit, and nerdctl's default; enable/disable through a plan
 * after the config.toml diff was shown.
 */
public final class SnapshottersViewModel {

    /** Where a failed containerd restart's "Show log" goes; set by the window. */
    private volatile io.github.rootlesspanel.ui.common.Navigator navigator = io.github.rootlesspanel.ui.common.Navigator.NONE;

    public void setNavigator(io.github.rootlesspanel.ui.common.Navigator navigator) {
        this.navigator = navigator;
    }


    private final SnapshotterService service;
    private final Supplier<HostFacts> facts;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final java.util.concurrent.Executor ui;
    private final ObservableList<SnapshotterService.Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public SnapshottersViewModel(SnapshotterService service, Supplier<HostFacts> facts, TaskRunner tasks,
                                 DialogService dialogs, java.util.concurrent.Executor ui) {
        this.service = service;
        this.facts = facts;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
    }

    public ObservableList<SnapshotterService.Row> rows() {
        return rows;
    }

    /** Probes the host and asks containerd for its plugins, off the FX thread. */
    public void load() {
        busy.set(true);
        status.set(Messages.get("snapshotters.status.loading"));
        tasks.task(() -> service.list(facts.get()))
                .onSuccess(list -> {
                    rows.setAll(list);
                    status.set(Messages.get("snapshotters.status.default", service.defaultSnapshotter()));
                })
                .onFailure(e -> status.set(Messages.get("snapshotters.status.failed", e.getMessage())))
                .andFinally(() -> busy.set(false))
                .start();
    }

    /** Shows the config.toml diff, then hands the plan to {@code show}. */
    public void prepare(Snapshotter s, boolean enable, Consumer<PlanRunViewModel> show) {
        busy.set(true);
        tasks.task(() -> new Object[] {service.configDiff(s, enable),
                enable ? service.enablePlan(s) : service.disablePlan(s)})
                .onSuccess(r -> {
                    busy.set(false);
                    String diff = (String) r[0];
                    Plan plan = (Plan) r[1];
                    if (!dialogs.confirm(Messages.get(enable ? "snapshotters.confirm.enable"
                                    : "snapshotters.confirm.disable", s.id()),
                            Messages.get("snapshotters.confirm.question", service.configToml().toString()),
                            diff, Messages.get("snapshotters.confirm.yes"))) {
                        return;
                    }
                    show.accept(new PlanRunViewModel(plan, tasks, ui, this::load, navigator, java.time.Clock.systemDefaultZone()));
                })
                .onFailure(e -> {
                    busy.set(false);
                    status.set(e.getMessage());
                })
                .start();
    }

    public void makeDefault(Snapshotter s) {
        tasks.task(() -> service.setDefault(s))
                .onSuccess(r -> load())
                .onFailure(e -> status.set(Messages.get("snapshotters.status.defaultFailed", e.getMessage())))
                .start();
    }

    public String shellHint() {
        return Messages.get("snapshotters.shellHint", service.nerdctlToml().toString());
    }

    public List<Snapshotter> proxies() {
        return List.of(Snapshotter.FUSE_OVERLAYFS, Snapshotter.STARGZ);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
