package io.github.rootlesspanel.ui.overview;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import io.github.rootlesspanel.cli.StatusReport;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.JobKind;
import io.github.rootlesspanel.systemd.JobOutcome;
import io.github.rootlesspanel.systemd.LoadState;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitFileState;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.Navigator;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * One component card: what systemd says about the unit, turned into texts and enabled commands.
 * All mutators run on the UI thread; jobs go through the {@link TaskRunner}.
 */
public final class UnitCardViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').appendPattern("HH:mm").toFormatter(Locale.ROOT);

    private final Component component;
    private final UserManager manager;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Clock clock;

    // ---- Properties
    private final ReadOnlyObjectWrapper<UnitStatus> status = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<JobKind> runningJob = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(Messages.get("overview.state.connecting"));
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.MUTED);
    private final ReadOnlyStringWrapper sinceText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper pidText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper memoryHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper restartsText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper enabledText = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper installed = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper messageDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRestart = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canEnable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canDisable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private Navigator navigator = Navigator.NONE;

    public UnitCardViewModel(Component component, UserManager manager, TaskRunner tasks, DialogService dialogs,
                             Clock clock) {
        this.component = component;
        this.manager = manager;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clock = clock;
    }

    public Component component() {
        return component;
    }

    public String title() {
        return component.displayName();
    }

    public String unit() {
        return component.unit();
    }

    public String purpose() {
        return component.purpose();
    }

    /** What to do about a missing component, until the panel installs it itself. */
    public String notInstalledHint() {
        return Messages.get("overview.notInstalled.hint", component.setupToolCommand());
    }

    /** The equivalent command, for tooltips. */
    public String commandLine(JobKind kind) {
        return kind.systemctl(component.unit());
    }

    // ---- Commands

    public void run(JobKind kind) {
        if (!allowed(kind)) {
            return;
        }
        runningJob.set(kind);
        progressText.set(Messages.get(switch (kind) {
            case START -> "overview.progress.start";
            case STOP -> "overview.progress.stop";
            case RESTART -> "overview.progress.restart";
            case ENABLE -> "overview.progress.enable";
            case DISABLE -> "overview.progress.disable";
        }, component.unit()));
        message.set("");
        messageDetail.set("");
        recompute();
        tasks.task(() -> manager.run(kind, component.unit()))
                .onSuccess(this::finished)
                .onFailure(this::failed)
                .andFinally(() -> {
                    runningJob.set(null);
                    progressText.set("");
                    recompute();
                })
                .start();
    }

    public void start() {
        run(JobKind.START);
    }

    /** Puts the equivalent systemctl command on the clipboard. */
    public void copyCommand(JobKind kind) {
        dialogs.copyToClipboard(commandLine(kind));
    }

    /** Opens the last failure with systemd's own words. */
    public void showFailureDetails() {
        if (!message.get().isEmpty()) {
            dialogs.showError(Messages.get("overview.failure.title", component.displayName()), message.get(),
                    messageDetail.get());
        }
    }

    public void stop() {
        run(JobKind.STOP);
    }

    public void restart() {
        run(JobKind.RESTART);
    }

    public void enable() {
        run(JobKind.ENABLE);
    }

    public void disable() {
        run(JobKind.DISABLE);
    }

    private boolean allowed(JobKind kind) {
        return switch (kind) {
            case START -> canStart.get();
            case STOP -> canStop.get();
            case RESTART -> canRestart.get();
            case ENABLE -> canEnable.get();
            case DISABLE -> canDisable.get();
        };
    }

    private void finished(JobOutcome o) {
        apply(o.after());
        if (!o.succeeded()) {
            message.set(o.message());
            messageDetail.set(Messages.get("overview.failure.detail", o.result().wire(), o.after().result()));
        }
    }

    private void failed(Exception e) {
        message.set(e.getMessage());
        messageDetail.set(e instanceof SystemdException se ? se.detail() : e.toString());
    }

    // ---- Updates from systemd

    public void apply(UnitStatus s) {
        status.set(s);
        recompute();
    }

    public void setConnected(boolean value) {
        connected.set(value);
        recompute();
    }

    /** Re-renders the time-relative texts. */
    public void tick() {
        recompute();
    }

    private void recompute() {
        UnitStatus s = status.get();
        boolean idle = runningJob.get() == null && connected.get() && s != null && s.installed()
                && s.loadState() != LoadState.MASKED;
        ActiveState a = s == null ? ActiveState.UNKNOWN : s.activeState();
        UnitFileState f = s == null ? UnitFileState.UNKNOWN : s.unitFileState();
        canStart.set(idle && (a == ActiveState.INACTIVE || a == ActiveState.FAILED));
        canStop.set(idle && (a == ActiveState.ACTIVE || a == ActiveState.ACTIVATING || a == ActiveState.RELOADING));
        canRestart.set(idle && (a == ActiveState.ACTIVE || a == ActiveState.FAILED));
        canEnable.set(idle && (f == UnitFileState.DISABLED || f == UnitFileState.LINKED));
        canDisable.set(idle && (f.isEnabled() || f == UnitFileState.LINKED_RUNTIME));

        installed.set(s == null || s.installed());
        failed.set(a == ActiveState.FAILED);
        if (s == null) {
            stateText.set(Messages.get(connected.get() ? "overview.state.reading" : "overview.state.unknown"));
            tone.set(Tone.MUTED);
            clearDetails();
            return;
        }
        if (!s.installed()) {
            stateText.set(Messages.get("overview.state.notInstalled"));
            tone.set(Tone.MUTED);
            clearDetails();
            return;
        }
        if (s.loadState() == LoadState.MASKED) {
            stateText.set(Messages.get("overview.state.masked"));
            tone.set(Tone.WARNING);
        } else {
            stateText.set(stateLabel(s));
            tone.set(toneOf(s));
        }
        Instant since = s.since();
        sinceText.set(since == null ? "—" : formatSince(since));
        pidText.set(s.mainPid() > 0 ? Long.toString(s.mainPid()) : "—");
        boolean running = a == ActiveState.ACTIVE || a == ActiveState.ACTIVATING || a == ActiveState.RELOADING;
        if (s.memoryBytes().isPresent()) {
            memoryText.set(bytes(s.memoryBytes().getAsLong()));
            memoryHint.set(Messages.get("overview.memory.hint"));
        } else {
            memoryText.set(running ? Messages.get("overview.memory.notMeasured") : "—");
            memoryHint.set(running ? Messages.get("overview.memory.notMeasuredHint") : "");
        }
        restartsText.set(Long.toString(s.restarts()));
        enabledText.set(enabledLabel(f));
    }

    private void clearDetails() {
        sinceText.set("—");
        pidText.set("—");
        memoryText.set("—");
        memoryHint.set("");
        restartsText.set("—");
        enabledText.set("—");
    }

    static String stateLabel(UnitStatus s) {
        return switch (s.activeState()) {
            case ACTIVE -> Messages.get("overview.state.active") + sub(s);
            case FAILED -> Messages.get("overview.state.failed") + (s.hasFailureResult() ? " · " + s.result() : "");
            case INACTIVE -> Messages.get("overview.state.inactive");
            case ACTIVATING -> Messages.get("overview.state.starting") + sub(s);
            case DEACTIVATING -> Messages.get("overview.state.stopping") + sub(s);
            case RELOADING -> Messages.get("overview.state.reloading");
            case MAINTENANCE -> Messages.get("overview.state.maintenance");
            case UNKNOWN -> Messages.get("overview.state.unknown");
        };
    }

    private static String sub(UnitStatus s) {
        return s.subState().isEmpty() ? "" : " · " + s.subState();
    }

    static Tone toneOf(UnitStatus s) {
        return switch (s.activeState()) {
            case ACTIVE -> Tone.OK;
            case FAILED -> Tone.ERROR;
            case ACTIVATING, DEACTIVATING, RELOADING, MAINTENANCE -> Tone.BUSY;
            case INACTIVE -> Tone.NEUTRAL;
            case UNKNOWN -> Tone.MUTED;
        };
    }

    static String enabledLabel(UnitFileState f) {
        return switch (f) {
            case ENABLED, ENABLED_RUNTIME -> Messages.get("overview.enabled.yes");
            case DISABLED -> Messages.get("overview.enabled.no");
            case STATIC -> Messages.get("overview.enabled.static");
            case MASKED, MASKED_RUNTIME -> Messages.get("overview.enabled.masked");
            case LINKED, LINKED_RUNTIME -> Messages.get("overview.enabled.linked");
            case INDIRECT -> Messages.get("overview.enabled.indirect");
            case GENERATED -> Messages.get("overview.enabled.generated");
            case TRANSIENT -> Messages.get("overview.enabled.transient");
            case ALIAS -> Messages.get("overview.enabled.alias");
            case BAD -> Messages.get("overview.enabled.bad");
            case UNKNOWN -> "—";
        };
    }

    // ---- The journal

    public void setNavigator(Navigator navigator) {
        this.navigator = navigator;
    }

    /** Opens the Logs screen on this unit's journal. */
    public void showLogs() {
        navigator.showLogs(component.unit(), Optional.empty());
    }

    /**
     * Opens the journal at the lines around the failure: when the unit entered its failed state as systemd recorded
     * it, else now (the failure was just seen).
     */
    public void showFailureLog() {
        UnitStatus s = status.get();
        Instant when = s != null && s.since() != null ? s.since() : clock.instant();
        navigator.showLogs(component.unit(), Optional.of(when));
    }

    private String formatSince(Instant since) {
        Instant now = clock.instant();
        ZoneId zone = clock.getZone();
        boolean today = since.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        String at = (today ? TIME : DATE_TIME).format(since.atZone(zone));
        return at + " (" + StatusReport.ago(since, now) + ")";
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = -1;
        do {
            v /= 1024;
            i++;
        } while (v >= 1024 && i < units.length - 1);
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[i]);
    }

    // ---- Read-only views

    public ReadOnlyObjectProperty<UnitStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JobKind> runningJobProperty() {
        return runningJob.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sinceTextProperty() {
        return sinceText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pidTextProperty() {
        return pidText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryTextProperty() {
        return memoryText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryHintProperty() {
        return memoryHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty restartsTextProperty() {
        return restartsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty enabledTextProperty() {
        return enabledText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** False only when systemd said the unit has no file; unknown counts as installed. */
    public ReadOnlyBooleanProperty installedProperty() {
        return installed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageDetailProperty() {
        return messageDetail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRestartProperty() {
        return canRestart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canEnableProperty() {
        return canEnable.getReadOnlyProperty();
    }

    /** The unit is in the failed state: the card links to the lines around the failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDisableProperty() {
        return canDisable.getReadOnlyProperty();
    }
}
