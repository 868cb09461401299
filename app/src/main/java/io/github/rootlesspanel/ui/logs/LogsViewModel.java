package io.github.rootlesspanel.ui.logs;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import io.github.rootlesspanel.journal.JournalAvailability;
import io.github.rootlesspanel.journal.JournalCommand;
import io.github.rootlesspanel.journal.JournalEntry;
import io.github.rootlesspanel.journal.JournalFollower;
import io.github.rootlesspanel.journal.OutputTarget;
import io.github.rootlesspanel.journal.Priority;
import io.github.rootlesspanel.journal.UnitLogging;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;

/**
 * The Logs screen: the journal of one unit, followed live ({@code journalctl --user -u UNIT -o json -f}), filtered by
 * priority and search text here, by boot through journalctl. {@link #activate()} starts following and
 * {@link #deactivate()} ends the process; both return at once (the process work runs on the task runner). Entries
 * arrive on the follower's thread and cross to the UI executor in batches.
 */
public final class LogsViewModel {

    /** "Around" marks the lines this long before the moment (what led up to a failure) … */
    static final Duration AROUND_BEFORE = Duration.ofSeconds(60);
    /** … and this long after it (systemd's own "Failed with result" lines). */
    static final Duration AROUND_AFTER = Duration.ofSeconds(10);
    /** Lines kept beyond the loaded ones while following, so a chatty unit cannot fill the memory. */
    static final int FOLLOW_HEADROOM = 5_000;
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ').appendPattern("HH:mm:ss.SSS").toFormatter(Locale.ROOT);

    private final JournalAvailability availability;
    private final IntSupplier journalLines;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Executor ui;
    private final ZoneId zone;

    // ---- Properties
    private final ObservableList<String> units = FXCollections.observableArrayList(Component.units());
    private final ObjectProperty<String> unit = new SimpleObjectProperty<>(Component.CONTAINERD.unit());
    /** Show this priority and more severe ones; null for every line (also those without a priority). */
    private final ObjectProperty<Priority> minimumPriority = new SimpleObjectProperty<>();
    private final BooleanProperty thisBootOnly = new SimpleBooleanProperty(false);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<LogRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LogRow> visible = new FilteredList<>(rows, r -> true);
    private final StringBinding hiddenText = Bindings.createStringBinding(() -> rows.size() == visible.size() ? ""
            : Messages.get("logs.status.hidden", rows.size() - visible.size()), rows, visible);
    private final ReadOnlyStringWrapper command = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper noJournal = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LogRow> scrollTarget = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Optional<Instant>> around = new ReadOnlyObjectWrapper<>(Optional.empty());

    // ---- Following
    private JournalFollower follower;
    /** Bumped on every (re)start: callbacks of an older follower are dropped. Touched on the UI thread only. */
    private long generation;
    private boolean active;
    private boolean opening;
    private int limit = JournalCommand.DEFAULT_LINES + FOLLOW_HEADROOM;
    private final Queue<Arrival> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /** An entry and the follower generation it came from. */
    private record Arrival(long generation, JournalEntry entry) { }

    public LogsViewModel(JournalAvailability availability, IntSupplier journalLines, TaskRunner tasks,
            DialogService dialogs, Executor ui, ZoneId zone) {
        this.availability = availability;
        this.journalLines = journalLines;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        this.zone = zone;
        minimumPriority.addListener((o, was, now) -> refilter());
        search.addListener((o, was, now) -> refilter());
        unit.addListener((o, was, now) -> {
            if (!opening) {
                around.set(Optional.empty()); // the user chose another unit: no moment to mark there
            }
            restart();
        });
        thisBootOnly.addListener((o, was, now) -> restart());
        updateCommand();
        status.set(Messages.get("logs.status.idle"));
    }

    // ---- Commands

    /** Opens UNIT's journal; with a moment, the lines around it are marked and scrolled to. */
    public void open(String unitName, Optional<Instant> moment) {
        if (!units.contains(unitName)) {
            units.add(unitName);
        }
        around.set(moment);
        if (unitName.equals(unit.get())) {
            restart(); // the same unit again: reload, so the marks are computed over fresh lines
        } else {
            opening = true;
            try {
                unit.set(unitName); // restarts through the listener
            } finally {
                opening = false;
            }
        }
    }

    /** Starts following (the screen shows). Idempotent. */
    public void activate() {
        if (!active) {
            active = true;
            restart();
        }
    }

    /** Ends the journalctl process (the screen is hidden or the window closes). */
    public void deactivate() {
        active = false;
        generation++;
        stopFollower();
        status.set(Messages.get("logs.status.paused"));
    }

    public void copySelected(Collection<LogRow> selected) {
        if (!selected.isEmpty()) {
            dialogs.copyToClipboard(selected.stream().map(LogRow::copyText).collect(Collectors.joining("\n")));
        }
    }

    /** The lines shown (after filter and search). */
    public void copyAll() {
        if (!visible.isEmpty()) {
            copySelected(List.copyOf(visible));
        }
    }

    public void copyCommand() {
        dialogs.copyToClipboard(command.get());
    }

    // ---- Following

    private void restart() {
        updateCommand();
        long gen = ++generation;
        stopFollower();
        rows.clear();
        pending.clear();
        scrollTarget.set(null);
        noJournal.set("");
        if (!active || unit.get() == null) {
            return;
        }
        String name = unit.get();
        status.set(Messages.get("logs.status.reading", name));
        tasks.task(() -> availability.check(name))
                .onSuccess(l -> {
                    if (gen == generation) {
                        noJournal.set(noJournalText(name, l));
                    }
                })
                .start(); // a failure to ask systemd leaves the answer out; the journal itself may still speak
        boolean boot = thisBootOnly.get();
        tasks.task(() -> {
            int lines = journalLines.getAsInt();
            JournalCommand cmd = command(name, lines, boot).following(true);
            return new Started(lines, JournalFollower.start(cmd.argv(), e -> arrived(gen, e), end -> ui.execute(() -> ended(gen, end))));
        }).onSuccess(s -> {
            if (gen != generation) {
                closeLater(s.follower());
                return;
            }
            follower = s.follower();
            limit = s.lines() + FOLLOW_HEADROOM;
            status.set(Messages.get("logs.status.following", name, rows.size()));
        }).onFailure(e -> {
            if (gen == generation) {
                status.set(Messages.get("logs.status.cannotStart", e.getMessage()));
            }
        }).start();
    }

    private record Started(int lines, JournalFollower follower) { }

    private JournalCommand command(String name, int lines, boolean boot) {
        JournalCommand c = new JournalCommand(name, lines, false, Optional.empty(), Optional.empty());
        return boot ? c.currentBoot() : c;
    }

    private void updateCommand() {
        if (unit.get() == null) {
            command.set("");
            return;
        }
        JournalCommand c = command(unit.get(), JournalCommand.DEFAULT_LINES, thisBootOnly.get());
        if (minimumPriority.get() != null) {
            c = c.withPriority(minimumPriority.get());
        }
        command.set(c.terminalText());
    }

    private void stopFollower() {
        if (follower != null) {
            closeLater(follower);
            follower = null;
        }
    }

    /** close() waits for the process: never on the UI thread. */
    private void closeLater(JournalFollower f) {
        tasks.task(() -> {
            f.close();
            return null;
        }).start();
    }

    /** On the follower's thread: queue, and schedule one drain on the UI executor for a burst. */
    private void arrived(long gen, JournalEntry e) {
        pending.add(new Arrival(gen, e));
        if (drainScheduled.compareAndSet(false, true)) {
            ui.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<JournalEntry> batch = new ArrayList<>();
        for (Arrival a; (a = pending.poll()) != null; ) {
            if (a.generation() == generation) {
                batch.add(a.entry());
            }
        }
        accept(batch);
    }

    /** Adds entries (in order) as rows; package-private for the view-model tests. */
    void accept(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<LogRow> add = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            add.add(row(e));
        }
        rows.addAll(add);
        if (rows.size() > limit) {
            rows.remove(0, rows.size() - limit);
        }
        around.get().ifPresent(this::aim);
        if (active) {
            status.set(Messages.get("logs.status.following", unit.get(), rows.size()));
        }
    }

    private void ended(long gen, JournalFollower.End end) {
        if (gen != generation) {
            return;
        }
        follower = null;
        if (end.failed()) {
            String why = end.error().map(Exception::getMessage).orElse(end.stderr().strip());
            status.set(Messages.get("logs.status.failed", end.exitStatus(), why));
        } else {
            status.set(Messages.get("logs.status.ended", rows.size()));
        }
    }

    /** Scrolls to the first marked visible line, or the one nearest the moment when none is marked. */
    private void aim(Instant moment) {
        LogRow best = null;
        for (LogRow r : visible) {
            if (r.marked()) {
                best = r;
                break;
            }
            if (best == null || distance(r, moment).compareTo(distance(best, moment)) < 0) {
                best = r;
            }
        }
        if (best != scrollTarget.get()) {
            scrollTarget.set(best);
        }
    }

    private static Duration distance(LogRow r, Instant moment) {
        return Duration.between(r.entry().realtime(), moment).abs();
    }

    LogRow row(JournalEntry e) {
        String source = e.identifier().orElse(e.unit().orElse("?"))
                + (e.pid().isPresent() ? "[" + e.pid().getAsInt() + "]" : "");
        boolean marked = around.get().map(m -> !e.realtime().isBefore(m.minus(AROUND_BEFORE))
                && !e.realtime().isAfter(m.plus(AROUND_AFTER))).orElse(false);
        return new LogRow(e, TIME.format(e.realtime().atZone(zone)), priorityText(e.priority()), source, marked);
    }

    /** The priority in words, from the bundle ("Error", "Warning", …). */
    public static String priorityText(Priority p) {
        return Messages.get(switch (p) {
            case EMERG -> "logs.priority.emerg";
            case ALERT -> "logs.priority.alert";
            case CRIT -> "logs.priority.crit";
            case ERR -> "logs.priority.err";
            case WARNING -> "logs.priority.warning";
            case NOTICE -> "logs.priority.notice";
            case INFO -> "logs.priority.info";
            case DEBUG -> "logs.priority.debug";
            case UNKNOWN -> "logs.priority.unknown";
        });
    }

    private void refilter() {
        Priority min = minimumPriority.get();
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        visible.setPredicate(r -> (min == null || r.entry().priority().atLeast(min))
                && (needle.isEmpty() || r.message().toLowerCase(Locale.ROOT).contains(needle)
                        || r.source().toLowerCase(Locale.ROOT).contains(needle)));
        updateCommand();
    }

    static String noJournalText(String unit, UnitLogging l) {
        if (l.hasJournal()) {
            return "";
        }
        if (!l.journald()) {
            return Messages.get("logs.noJournal.noJournald", unit);
        }
        return Messages.get("logs.noJournal.elsewhere", unit, where(l.stdout()), where(l.stderr()));
    }

    static String where(OutputTarget t) {
        return switch (t.kind()) {
            case JOURNAL -> Messages.get("logs.where.journal");
            case FILE -> t.path().map(p -> Messages.get("logs.where.file", p)).orElse(Messages.get("logs.where.someFile"));
            case NULL -> Messages.get("logs.where.null");
            case TTY -> Messages.get("logs.where.tty");
            case SOCKET -> Messages.get("logs.where.socket");
            case UNKNOWN -> Messages.get("logs.where.unknown");
        };
    }

    // ---- Read-only views and inputs

    public ObservableList<String> units() {
        return units;
    }

    public ObjectProperty<String> unitProperty() {
        return unit;
    }

    public ObjectProperty<Priority> minimumPriorityProperty() {
        return minimumPriority;
    }

    public BooleanProperty thisBootOnlyProperty() {
        return thisBootOnly;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** Every loaded line. */
    public ObservableList<LogRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The lines that pass the priority filter and the search. */
    public ObservableList<LogRow> visibleRows() {
        return visible;
    }

    /** "N lines hidden by the filter", or empty. */
    public StringBinding hiddenText() {
        return hiddenText;
    }

    /** The equivalent command for a terminal ({@code -o short-iso -f}). */
    public ReadOnlyStringProperty commandProperty() {
        return command.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Empty when the unit's output is in the journal; else where it goes instead. */
    public ReadOnlyStringProperty noJournalProperty() {
        return noJournal.getReadOnlyProperty();
    }

    /** The line to scroll to in "around" mode; null otherwise. */
    public ReadOnlyObjectProperty<LogRow> scrollTargetProperty() {
        return scrollTarget.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Instant>> aroundProperty() {
        return around.getReadOnlyProperty();
    }

    /** Every priority a user can choose as the least severe shown (UNKNOWN is no threshold). */
    public static List<Priority> priorities() {
        return List.of(Priority.EMERG, Priority.ALERT, Priority.CRIT, Priority.ERR, Priority.WARNING, Priority.NOTICE,
                Priority.INFO, Priority.DEBUG);
    }
}
