package io.github.rootlesspanel.ui.setup;

import java.time.Clock;
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
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.Navigator;
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
        private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(Messages.get("setup.component.unknown"));
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
                case BUILDKIT -> Messages.get("setup.component.buildkitOci");
                case BUILDKIT_CONTAINERD -> Messages.get("setup.component.buildkitContainerd");
                default -> target.component().displayName();
            };
        }

        public String setupToolCommand() {
            return "containerd-rootless-setuptool.sh " + target.setupToolCommand();
        }

        void apply(UnitStatus s) {
            known.set(true);
            installed.set(s.installed());
            // systemd's own state words (active, running) stay as systemctl prints them
            String active = s.subState().isEmpty() ? s.activeState().wire()
                    : Messages.get("setup.component.activeSub", s.activeState().wire(), s.subState());
            state.set(!s.installed() ? Messages.get("setup.component.notInstalled")
                    : Messages.get(s.unitFileState().isEnabled() ? "setup.component.installedEnabled"
                            : "setup.component.installed", active));
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
    private final Navigator navigator;
    private final Clock clock;

    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final ObservableList<ComponentRow> components;
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(Messages.get("setup.checks.notRun"));
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private UserManager.Watch watch;

    /** NAVIGATOR takes a failed install to the unit's journal; CLOCK dates the failure. */
    public SetupViewModel(UserManager manager, Supplier<Installer> installer, Supplier<CheckReport> checks,
                          TaskRunner tasks, DialogService dialogs, Executor ui, Navigator navigator, Clock clock) {
        this.manager = manager;
        this.installer = installer;
        this.checks = checks;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        this.navigator = navigator;
        this.clock = clock;
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
        summary.set(Messages.get("setup.checks.running"));
        tasks.task(checks::get)
                .onSuccess(report -> {
                    results.setAll(report.results());
                    failed.set((int) report.count(CheckState.FAILED));
                    warnings.set((int) report.count(CheckState.WARNING));
                    summary.set(Messages.get("setup.checks.summary", report.count(CheckState.FAILED),
                            report.count(CheckState.WARNING), report.count(CheckState.OK),
                            report.count(CheckState.NOT_APPLICABLE)));
                    CheckReport.Subject who = report.subject();
                    subject.set(Messages.get("setup.checks.subject", who.distribution(), who.kernel(), who.user(),
                            Integer.toString(who.uid())));
                })
                .onFailure(e -> summary.set(Messages.get("setup.checks.failed", e.getMessage())))
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
                        if (!dialogs.confirm(Messages.get("setup.replace.title"), Messages.get("setup.replace.question"),
                                diff.get(), Messages.get("setup.replace.yes"))) {
                            return;
                        }
                        o = new Installer.Options(true, options.containerdNamespace(), options.containerdSnapshotter());
                    }
                    Installer.Options chosen = o;
                    prepare(() -> installer.get().installPlan(target, chosen), show);
                })
                .onFailure(e -> {
                    busy.set(false);
                    error.set(Messages.get("setup.plan.prepareFailed", e.getMessage()));
                })
                .start();
    }

    /** Builds the uninstall plan; if the unit has drop-ins, asks whether to move them aside too. */
    public void prepareUninstall(Target target, Consumer<PlanRunViewModel> show) {
        java.nio.file.Path dir = installer.get().unitDir().resolve(target.component().unit() + ".d");
        tasks.task(() -> hasFiles(dir)).onSuccess(has -> {
            boolean removeDropIns = has && dialogs.confirm(Messages.get("setup.dropIns.title"),
                    Messages.get("setup.dropIns.question", target.component().unit(), dir.toString(),
                            dir.getFileName() + ".bak"), "", Messages.get("setup.dropIns.yes"));
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
                .onSuccess(plan -> show.accept(new PlanRunViewModel(plan, tasks, ui, this::runChecks, navigator, clock)))
                .onFailure(e -> error.set(Messages.get("setup.plan.prepareFailed", e.getMessage())))
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
