package io.github.rootlesspanel.ui.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.github.rootlesspanel.setup.checks.CheckReport;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.install.Installer;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.Target;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * The Setup screen: prerequisite checks (run off the FX thread, again on request) and the components
 * with install/uninstall, each through a plan the user sees first.
 */
public final class SetupViewModel {

    /** One component line: what systemd says about its unit. */
    public static final class ComponentRow {
        private final Target target;
        private final String unit;
        private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("…");
        private final ReadOnlyBooleanWrapper installed = new ReadOnlyBooleanWrapper(false);
        private final ReadOnlyBooleanWrapper known = new ReadOnlyBooleanWrapper(false);

        ComponentRow(Target target, String unit) {
            this.target = target;
            this.unit = unit;
        }

        public Target target() {
            return target;
        }

        public String unit() {
            return unit;
        }

        public String title() {
            return switch (target) {
                case BUILDKIT -> "BuildKit (OCI worker)";
                case BUILDKIT_CONTAINERD -> "BuildKit (containerd worker)";
                default -> target.component().displayName();
            };
        }

        public String setupToolCommand() {
            return "containerd-rootless-setuptool.sh " + target.setupToolCommand();
        }

        void apply(UnitStatus s) {
            known.set(true);
            installed.set(s.installed());
            state.set(!s.installed() ? "Not installed"
                    : "Installed · " + s.activeState().wire() + (s.subState().isEmpty() ? "" : " (" + s.subState() + ")")
                    + (s.unitFileState().isEnabled() ? " · enabled" : ""));
        }

        public ReadOnlyStringProperty stateProperty() {
            return state.getReadOnlyProperty();
        }

        public ReadOnlyBooleanProperty installedProperty() {
            return installed.getReadOnlyProperty();
        }

        /** False until systemd has said something about the unit. */
        public ReadOnlyBooleanProperty knownProperty() {
            return known.getReadOnlyProperty();
        }
    }

    private final UserManager manager;
    private final Supplier<Installer> installer;
    private final Supplier<CheckReport> checks;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Executor ui;

    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final ObservableList<ComponentRow> components;
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Checks have not run yet.");
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private UserManager.Watch watch;

    public SetupViewModel(UserManager manager, Supplier<Installer> installer, Supplier<CheckReport> checks,
                          TaskRunner tasks, DialogService dialogs, Executor ui) {
        this.manager = manager;
        this.installer = installer;
        this.checks = checks;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        List<ComponentRow> rows = new ArrayList<>();
        for (Target t : Target.values()) {
            rows.add(new ComponentRow(t, t.component().unit()));
        }
        this.components = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(rows));
    }

    /** Starts following the component units and runs the checks once. */
    public void activate() {
        if (watch == null) {
            List<String> units = components.stream().map(ComponentRow::unit).distinct().toList();
            watch = manager.watch(units, ev -> ui.execute(() -> apply(ev)));
        }
        runChecks();
    }

    public void deactivate() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    void apply(UnitEvent ev) {
        if (ev instanceof UnitEvent.Changed c) {
            for (ComponentRow r : components) {
                if (r.unit.equals(c.status().name())) {
                    r.apply(c.status());
                }
            }
        }
    }

    // ---- Checks

    public void runChecks() {
        if (checking.get()) {
            return;
        }
        checking.set(true);
        summary.set("Checking…");
        tasks.task(checks::get)
                .onSuccess(report -> {
                    results.setAll(report.results());
                    failed.set((int) report.count(CheckState.FAILED));
                    warnings.set((int) report.count(CheckState.WARNING));
                    summary.set(report.summaryLine());
                    subject.set(report.subject().distribution() + " · kernel " + report.subject().kernel() + " · "
                            + report.subject().user() + " (uid " + report.subject().uid() + ")");
                })
                .onFailure(e -> summary.set("The checks could not run: " + e.getMessage()))
                .andFinally(() -> checking.set(false))
                .start();
    }

    /** Puts a check's fix-it commands on the clipboard; the panel never runs sudo itself. */
    public void copyHint(CheckResult r) {
        if (!r.hint().isBlank()) {
            dialogs.copyToClipboard(r.hint());
        }
    }

    // ---- Install / uninstall

    /**
     * Builds the install plan off the FX thread and hands it over for the user to look at. A unit file
     * the user changed is only replaced after the user has seen the difference and said yes.
     */
    public void prepareInstall(Target target, Installer.Options options, Consumer<PlanRunViewModel> show) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        tasks.task(() -> installer.get().changedUnitDiff(target, options))
                .onSuccess(diff -> {
                    busy.set(false);
                    Installer.Options o = options;
                    if (diff.isPresent()) {
                        if (!dialogs.confirm("Replace your changed unit file?", "The existing unit file differs from "
                                + "what the panel would write. Replace it? The current file is kept as a .bak copy.",
                                diff.get(), "Replace")) {
                            return;
                        }
                        o = new Installer.Options(true, options.containerdNamespace(), options.containerdSnapshotter());
                    }
                    Installer.Options chosen = o;
                    prepare(() -> installer.get().installPlan(target, chosen), show);
                })
                .onFailure(e -> {
                    busy.set(false);
                    error.set("Could not prepare the plan: " + e.getMessage());
                })
                .start();
    }

    /** Builds the uninstall plan; if the unit has drop-ins, asks whether to move them aside too. */
    public void prepareUninstall(Target target, Consumer<PlanRunViewModel> show) {
        java.nio.file.Path dir = installer.get().unitDir().resolve(target.component().unit() + ".d");
        tasks.task(() -> hasFiles(dir)).onSuccess(has -> {
            boolean removeDropIns = has && dialogs.confirm("Also remove the drop-ins?", target.component().unit()
                    + " has drop-in files in " + dir + " (for example RootlessKit settings). Move them aside as well "
                    + "(kept as " + dir.getFileName() + ".bak)? Choose Cancel to keep them.", "", "Move aside");
            prepare(() -> installer.get().uninstallPlan(target, Installer.Options.DEFAULT, removeDropIns), show);
        }).start();
    }

    private static boolean hasFiles(java.nio.file.Path dir) {
        try (var list = java.nio.file.Files.list(dir)) {
            return list.findAny().isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // ---- Lingering

    /** Asks logind (through polkit) to start the user's manager at boot; says what to run where it cannot. */
    public void enableLingering() {
        String user = System.getProperty("user.name");
        tasks.task(() -> {
            io.github.rootlesspanel.systemd.Lingering.enable(io.github.rootlesspanel.host.Identity.effectiveUid(), user);
            return true;
        }).onSuccess(ok -> runChecks())
                .onFailure(e -> {
                    error.set(e.getMessage());
                    dialogs.copyToClipboard(io.github.rootlesspanel.systemd.Lingering.command(user));
                })
                .start();
    }

    private void prepare(java.util.concurrent.Callable<Plan> build, Consumer<PlanRunViewModel> show) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        error.set("");
        tasks.task(build)
                .onSuccess(plan -> show.accept(new PlanRunViewModel(plan, tasks, ui, this::runChecks)))
                .onFailure(e -> error.set("Could not prepare the plan: " + e.getMessage()))
                .andFinally(() -> busy.set(false))
                .start();
    }

    // ---- Read-only views

    public ObservableList<CheckResult> results() {
        return results;
    }

    public ObservableList<ComponentRow> components() {
        return components;
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
