package io.github.rootlesspanel.ui.setup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.setup.install.StepFailedException;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.Navigator;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * An install or uninstall plan on screen: shown first, then carried out with per-step progress; on a
 * failure, systemd's reason and the unit's journal, the offer to roll back, and (when a unit's start or
 * restart failed) a way to the Logs screen at the time of the failure.
 */
public final class PlanRunViewModel {

    /** Where the whole run stands. */
    public enum Phase { READY, RUNNING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK }

    /** Where one step stands. */
    public enum StepState { PENDING, RUNNING, DONE, FAILED, UNDONE, UNDO_FAILED }

    /** One line of the step list. */
    public static final class StepRow {
        private final String title;
        private final ReadOnlyObjectWrapper<StepState> state = new ReadOnlyObjectWrapper<>(StepState.PENDING);
        private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");

        StepRow(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public ReadOnlyObjectProperty<StepState> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty resultProperty() {
            return result.getReadOnlyProperty();
        }
    }

    private final Plan plan;
    private final TaskRunner tasks;
    private final Executor ui;
    private final Runnable onFinished;
    private final Navigator navigator;
    private final Clock clock;
    private final PlanRunner runner = new PlanRunner();
    private final ObservableList<StepRow> rows;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.READY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canRollback = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper logUnit = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canShowLog = new ReadOnlyBooleanWrapper(false);
    private Instant failedAt;
    private PlanRunner.Outcome outcome;

    /** A plan whose failures do not link to the Logs screen. */
    public PlanRunViewModel(Plan plan, TaskRunner tasks, Executor ui, Runnable onFinished) {
        this(plan, tasks, ui, onFinished, Navigator.NONE, Clock.systemUTC());
    }

    /** A plan whose failed unit jobs link to the Logs screen through NAVIGATOR, at the time CLOCK gives. */
    public PlanRunViewModel(Plan plan, TaskRunner tasks, Executor ui, Runnable onFinished, Navigator navigator,
                            Clock clock) {
        this.plan = plan;
        this.tasks = tasks;
        this.ui = ui;
        this.onFinished = onFinished;
        this.navigator = navigator;
        this.clock = clock;
        List<StepRow> list = new ArrayList<>();
        for (Step s : plan.steps()) {
            list.add(new StepRow(s.title()));
        }
        this.rows = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(list));
    }

    public Plan plan() {
        return plan;
    }

    public String title() {
        return plan.title();
    }

    public String unitFile() {
        return plan.unitFile().orElse("");
    }

    /** The notes, one per line; bulleted when there are several. */
    public String notes() {
        if (plan.notes().size() < 2) {
            return String.join("", plan.notes());
        }
        StringBuilder sb = new StringBuilder();
        for (String n : plan.notes()) {
            sb.append(sb.length() == 0 ? "" : "\n").append("\u2022 ").append(n);
        }
        return sb.toString();
    }

    public ObservableList<StepRow> steps() {
        return rows;
    }

    /** Carries the plan out. */
    public void run() {
        if (phase.get() != Phase.READY) {
            return;
        }
        phase.set(Phase.RUNNING);
        message.set("");
        details.set("");
        tasks.task(() -> runner.run(plan, listener(false)))
                .onSuccess(o -> {
                    outcome = o;
                    if (o.succeeded()) {
                        phase.set(Phase.SUCCEEDED);
                        message.set(Messages.get("setup.plan.done", plan.title()));
                    } else {
                        Exception e = o.failure().get();
                        message.set(e.getMessage());
                        details.set(e instanceof StepFailedException sf ? sf.details() : e.toString());
                        canRollback.set(!o.undoable().isEmpty());
                        // last, so whoever follows the phase sees the rest of the failure already in place
                        phase.set(Phase.FAILED);
                        if (plan.rollbackOnFailure() && canRollback.get()) {
                            rollback();
                        }
                    }
                })
                .onFailure(e -> {
                    phase.set(Phase.FAILED);
                    message.set(String.valueOf(e.getMessage()));
                })
                .andFinally(() -> {
                    if (!(plan.rollbackOnFailure() && phase.get() == Phase.ROLLING_BACK)) {
                        onFinished.run();
                    }
                })
                .start();
    }

    /** Undoes the completed steps of a failed run, most recent first. */
    public void rollback() {
        if (!canRollback.get() || outcome == null) {
            return;
        }
        canRollback.set(false);
        phase.set(Phase.ROLLING_BACK);
        tasks.task(() -> runner.rollback(outcome, listener(true)))
                .onSuccess(problems -> {
                    phase.set(Phase.ROLLED_BACK);
                    String failed = plan.rollbackOnFailure() ? message.get() + "\n" : "";
                    message.set(failed + (problems.isEmpty() ? Messages.get("setup.plan.rolledBack")
                            : Messages.get("setup.plan.rollbackIncomplete", String.join("; ", problems))));
                })
                .onFailure(e -> message.set(Messages.get("setup.plan.rollbackFailed", e.getMessage())))
                .andFinally(onFinished)
                .start();
    }

    private PlanRunner.Listener listener(boolean undoing) {
        return new PlanRunner.Listener() {
            @Override
            public void started(int index, Step step) {
                ui.execute(() -> row(step, undoing).ifPresent(r -> {
                    if (!undoing) {
                        r.state.set(StepState.RUNNING);
                    }
                }));
            }

            @Override
            public void finished(int index, Step step, String result) {
                ui.execute(() -> row(step, undoing).ifPresent(r -> {
                    r.state.set(undoing ? StepState.UNDONE : StepState.DONE);
                    r.result.set(undoing ? Messages.get("setup.plan.undone", result) : result);
                }));
            }

            @Override
            public void failed(int index, Step step, Exception error) {
                // the time of the failure itself, not of its arrival on the UI thread: the Logs screen marks it
                Instant at = clock.instant();
                ui.execute(() -> {
                    if (!undoing && error instanceof StepFailedException sf && sf.unit().isPresent()) {
                        failedAt = at;
                        logUnit.set(sf.unit().get());
                        canShowLog.set(navigator != Navigator.NONE);
                    }
                    row(step, undoing).ifPresent(r -> {
                        r.state.set(undoing ? StepState.UNDO_FAILED : StepState.FAILED);
                        r.result.set(String.valueOf(error.getMessage()));
                    });
                });
            }
        };
    }

    /** Opens the Logs screen on the failed unit's journal, at the lines around the failure. */
    public void showLog() {
        if (canShowLog.get()) {
            navigator.showLogs(logUnit.get(), Optional.of(failedAt));
        }
    }

    private Optional<StepRow> row(Step step, boolean undoing) {
        String title = undoing && step.title().startsWith("Undo: ") ? step.title().substring(6) : step.title();
        return rows.stream().filter(r -> r.title.equals(title)).findFirst();
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRollbackProperty() {
        return canRollback.getReadOnlyProperty();
    }

    /** The unit whose start or restart failed ("" before or without such a failure). */
    public ReadOnlyStringProperty logUnitProperty() {
        return logUnit.getReadOnlyProperty();
    }

    /** True once a unit's job failed and there is a Logs screen to go to. */
    public ReadOnlyBooleanProperty canShowLogProperty() {
        return canShowLog.getReadOnlyProperty();
    }
}
