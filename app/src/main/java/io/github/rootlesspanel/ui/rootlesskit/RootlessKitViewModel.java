package io.github.rootlesspanel.ui.rootlesskit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import io.github.rootlesspanel.config.ChangedOnDiskException;
import io.github.rootlesspanel.config.dropin.DropInParseException;
import io.github.rootlesspanel.config.rootlesskit.Effective;
import io.github.rootlesspanel.config.rootlesskit.EffectiveSettings;
import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Problem;
import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.rootlesskit.SettingsService;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * The RootlessKit screen: a field per CONTAINERD_ROOTLESS_ROOTLESSKIT_* variable, validated alone and
 * together on every change, with the file's value, the effective value and what the running service
 * uses beside it; Apply shows the diff, writes, reloads and (after asking) restarts containerd.
 */
public final class RootlessKitViewModel {

    private static final String VARIABLE_KEYS = "rootlesskit.var.";

    /** The word the form shows for "no assignment: the script's default", in the user's language. */
    public static String defaultWord() {
        return Messages.get("rootlesskit.default");
    }

    /** A variable's short label for the form, in the user's language. */
    public static String label(Variable v) {
        return variableText(v, "label");
    }

    /** One or two sentences about a variable, in the user's language. */
    public static String explanation(Variable v) {
        return variableText(v, "explanation");
    }

    /** What the script does when a variable is unset, in the user's language. */
    public static String defaultDescription(Variable v) {
        return variableText(v, "default");
    }

    /** rootlesskit.var.NAME.PART: the form's texts of a variable (Variable's own stay English for the CLI). */
    private static String variableText(Variable v, String part) {
        return Messages.get(VARIABLE_KEYS + v.name() + "." + part);
    }

    /** One form field. */
    public static final class Field {
        private final Variable variable;
        private final StringProperty value = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper fileValue = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper effective = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper running = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
        private final ReadOnlyObjectWrapper<Problem.Severity> severity = new ReadOnlyObjectWrapper<>();

        Field(Variable variable) {
            this.variable = variable;
        }

        public Variable variable() {
            return variable;
        }

        /** What the user typed or chose; empty means the default. */
        public StringProperty valueProperty() {
            return value;
        }

        public ReadOnlyStringProperty fileValueProperty() {
            return fileValue.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty effectiveProperty() {
            return effective.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty runningProperty() {
            return running.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty problemProperty() {
            return problem.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<Problem.Severity> severityProperty() {
            return severity.getReadOnlyProperty();
        }

        Optional<String> typed() {
            String v = value.get() == null ? "" : value.get();
            return v.isEmpty() || v.equals(defaultWord()) ? Optional.empty() : Optional.of(v);
        }
    }

    private final SettingsService service;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Map<Variable, Field> fields = new EnumMap<>(Variable.class);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRestore = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            Messages.get("rootlesskit.status.reading"));
    private final ReadOnlyStringWrapper generalProblems = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fileInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper runningInfo = new ReadOnlyStringWrapper("");
    private SettingsService.Loaded base;
    private HostCapabilities host = HostCapabilities.unknown();
    private SettingsService.Edit current;
    private boolean filling;

    public RootlessKitViewModel(SettingsService service, TaskRunner tasks, DialogService dialogs) {
        this.service = service;
        this.tasks = tasks;
        this.dialogs = dialogs;
        for (Variable v : Variable.values()) {
            Field f = new Field(v);
            f.value.addListener((o, was, now) -> {
                if (!filling) {
                    revalidate();
                }
            });
            fields.put(v, f);
        }
    }

    public List<Field> fields() {
        return new ArrayList<>(fields.values());
    }

    public Field field(Variable v) {
        return fields.get(v);
    }

    // ---- Loading

    /** Reads the file, probes the host and asks the running service, off the FX thread. */
    public void load() {
        busy.set(true);
        tasks.task(() -> {
            HostCapabilities caps = service.capabilities();
            SettingsService.Loaded l = service.load();
            Optional<SettingsService.Running> r;
            try {
                r = Optional.of(service.running(caps));
            } catch (Exception e) {
                r = Optional.empty();
            }
            return new Object[] {caps, l, r};
        }).onSuccess(result -> {
            host = (HostCapabilities) result[0];
            base = (SettingsService.Loaded) result[1];
            @SuppressWarnings("unchecked")
            Optional<SettingsService.Running> running = (Optional<SettingsService.Running>) result[2];
            fill(running);
            loaded.set(true);
        }).onFailure(e -> {
            loaded.set(false);
            if (e instanceof DropInParseException p) {
                status.set(Messages.get("rootlesskit.status.unparsable", service.overrideFile(), p.getMessage()));
            } else {
                status.set(Messages.get("rootlesskit.status.unreadable", service.overrideFile(), e.getMessage()));
            }
        }).andFinally(() -> busy.set(false)).start();
    }

    private void fill(Optional<SettingsService.Running> running) {
        filling = true;
        try {
            for (Field f : fields.values()) {
                String inFile = base.settings().get(f.variable).orElse("");
                f.value.set(inFile);
                f.fileValue.set(inFile.isEmpty() ? Messages.get("rootlesskit.value.notSet") : inFile);
                f.running.set(running.filter(SettingsService.Running::active)
                        .map(r -> r.effective().get(f.variable).value()
                                .map(x -> x.isEmpty() ? Messages.get("rootlesskit.value.none") : x)
                                .orElse(Messages.get("rootlesskit.value.auto")))
                        .orElse(Messages.get("rootlesskit.value.unknown")));
            }
        } finally {
            filling = false;
        }
        String file = service.overrideFile().toString();
        fileInfo.set(base.snapshot().exists() ? file : Messages.get("rootlesskit.file.missing", file));
        runningInfo.set(running.map(r -> {
            String s = Messages.get("rootlesskit.running.unit", r.unit().activeState().wire());
            if (r.info().isPresent()) {
                Map<String, Object> info = r.info().get();
                s = Messages.get("rootlesskit.running.info", s, String.valueOf(info.get("version")),
                        nested(info, "networkDriver", "driver"), nested(info, "portDriver", "driver"),
                        nested(info, "networkDriver", "childIP"));
            }
            return s;
        }).orElse(Messages.get("rootlesskit.running.notConnected")));
        canRestore.set(service.hasPrevious());
        revalidate();
    }

    private static String nested(Map<String, Object> m, String outer, String inner) {
        Object o = m.get(outer);
        return o instanceof Map<?, ?> mm && mm.get(inner) != null ? String.valueOf(mm.get(inner)) : "?";
    }

    // ---- Validation, on every change

    private void revalidate() {
        if (base == null) {
            return;
        }
        Map<Variable, Optional<String>> changes = new LinkedHashMap<>();
        for (Field f : fields.values()) {
            Optional<String> typed = f.typed();
            if (!typed.equals(base.settings().get(f.variable))) {
                changes.put(f.variable, typed);
            }
        }
        current = service.edit(base, changes, host);
        EffectiveSettings eff = Effective.resolve(current.after(), host);
        List<String> general = new ArrayList<>();
        for (Field f : fields.values()) {
            f.problem.set("");
            f.severity.set(null);
            f.effective.set(eff.get(f.variable).display().strip()); // an empty FLAGS value leaves a leading space
        }
        for (Problem p : current.problems()) {
            if (p.field().isPresent()) {
                Field f = fields.get(p.field().get());
                if (f.severity.get() == null || p.isError() && f.severity.get() == Problem.Severity.WARNING) {
                    f.problem.set(p.message());
                    f.severity.set(p.severity());
                }
            } else {
                general.add(Messages.get(p.isError() ? "rootlesskit.problem.error" : "rootlesskit.problem.warning",
                        p.message()));
            }
        }
        generalProblems.set(String.join("\n", general));
        dirty.set(!changes.isEmpty());
        canApply.set(!changes.isEmpty() && !current.blocked() && !busy.get());
        long errors = current.problems().stream().filter(Problem::isError).count();
        status.set(errors > 0 ? Messages.get("rootlesskit.status.errors", errors)
                : changes.isEmpty() ? Messages.get("rootlesskit.status.noChanges")
                : Messages.get("rootlesskit.status.changes", changes.size()));
    }

    /** The unified diff Apply would write. */
    public String diff() {
        return current == null ? "" : current.diff();
    }

    // ---- Commands

    public void revert() {
        if (base != null) {
            fill(Optional.empty());
            load();
        }
    }

    /** Diff → write → daemon-reload → (ask) restart and wait → on failure offer the previous file. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        SettingsService.Edit edit = current;
        if (!dialogs.confirm(Messages.get("rootlesskit.write.title"),
                Messages.get("rootlesskit.write.question", service.overrideFile().toString()), edit.diff(),
                Messages.get("rootlesskit.write.yes"))) {
            return;
        }
        busy.set(true);
        canApply.set(false);
        status.set(Messages.get("rootlesskit.status.writing"));
        // a reload that fails after the write must not be reported as "the previous file is unchanged"
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
        tasks.task(() -> {
            service.write(edit);
            written.set(true);
            service.reload();
            return true;
        }).onSuccess(ok -> {
            boolean restart = dialogs.confirm(Messages.get("rootlesskit.restart.title"),
                    Messages.get("rootlesskit.restart.question"), "", Messages.get("rootlesskit.restart.yes"));
            if (restart) {
                restartAndWait();
            } else {
                busy.set(false);
                status.set(Messages.get("rootlesskit.status.written"));
                load();
            }
        }).onFailure(e -> {
            busy.set(false);
            if (e instanceof ChangedOnDiskException) {
                dialogs.showError(Messages.get("rootlesskit.changedOnDisk.title"), e.getMessage(), "");
                load();
            } else if (written.get()) {
                dialogs.showError(Messages.get("rootlesskit.reloadFailed.title"),
                        Messages.get("rootlesskit.reloadFailed.message", e.getMessage()), e.toString());
                load();
            } else {
                dialogs.showError(Messages.get("rootlesskit.writeFailed.title"),
                        Messages.get("rootlesskit.writeFailed.message", e.getMessage()), e.toString());
                revalidate();
            }
        }).start();
    }

    private void restartAndWait() {
        status.set(Messages.get("rootlesskit.status.restarting"));
        tasks.task(service::restartAndWait)
                .onSuccess(ready -> {
                    int cut = ready.indexOf("): ");
                    status.set(cut > 0
                            ? Messages.get("rootlesskit.status.appliedWith", ready.substring(ready.indexOf('('), cut + 1))
                            : Messages.get("rootlesskit.status.applied"));
                    load();
                })
                .onFailure(e -> {
                    busy.set(false);
                    if (dialogs.confirm(Messages.get("rootlesskit.notBack.title"),
                            Messages.get("rootlesskit.notBack.question", e.getMessage()), "",
                            Messages.get("rootlesskit.notBack.yes"))) {
                        restorePreviousAndRestart();
                    } else {
                        status.set(Messages.get("rootlesskit.status.notBack", e.getMessage()));
                        load();
                    }
                })
                .start();
    }

    /** Puts override.conf.bak back and restarts containerd. */
    public void restorePreviousAndRestart() {
        busy.set(true);
        status.set(Messages.get("rootlesskit.status.restoring"));
        tasks.task(() -> {
            service.restorePrevious();
            return service.restartAndWait();
        }).onSuccess(ready -> {
            status.set(Messages.get("rootlesskit.status.restored"));
            load();
        }).onFailure(e -> {
            busy.set(false);
            status.set(Messages.get("rootlesskit.status.restoreFailed", e.getMessage()));
        }).start();
    }

    // ---- Read-only views

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRestoreProperty() {
        return canRestore.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty generalProblemsProperty() {
        return generalProblems.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fileInfoProperty() {
        return fileInfo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runningInfoProperty() {
        return runningInfo.getReadOnlyProperty();
    }
}
