package io.github.rootlesspanel.ui.containers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import io.github.rootlesspanel.containers.Bypass4netnsConfig;
import io.github.rootlesspanel.containers.Bypass4netnsReadiness;
import io.github.rootlesspanel.containers.ContainerState;
import io.github.rootlesspanel.containers.ContainerView;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.containers.ContainersService.Connection;
import io.github.rootlesspanel.containers.ContainersService.Snapshot;
import io.github.rootlesspanel.containers.InterfaceAddress;
import io.github.rootlesspanel.containers.NerdctlException;
import io.github.rootlesspanel.containers.PortMapping;
import io.github.rootlesspanel.containers.RecreatePlan;
import io.github.rootlesspanel.containers.RecreatePlanner;
import io.github.rootlesspanel.containers.RunRequest;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.ui.common.DialogService;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.overview.Tone;
import io.github.rootlesspanel.ui.setup.PlanRunViewModel;

/**
 * The Containers screen: the containers of every namespace as the service's watch reports them, a filter, sort
 * orders, the selected container's details, start/stop, and the bypass4netns switch, which never flips by itself:
 * it shows what the container was created with, and a click only opens the flow (plan off the FX thread, ask what
 * does not carry over, then the plan window with the nerdctl commands). Snapshots arrive through
 * {@link #accept(Snapshot)} on the UI executor.
 */
public final class ContainersViewModel {

    /** The sortable columns. */
    public enum Column { NAME, IMAGE, STATE, STATUS, PID, ADDRESSES, PORTS, BYPASS }

    /**
     * One line of the details pane.
     *
     * @param id    stable, language-independent (the view's node ids and styling use it)
     * @param name  what the user reads
     * @param value the value, as shown
     */
    public record Fact(String id, String name, String value) { }

    /** The id of the fact that says whether the bypass4netns switch can be used. */
    public static final String SWITCH_FACT = "bypass4netns-switch";

    /**
     * What the user is asked before a container is recreated.
     *
     * @param title       the dialog's title
     * @param message     what will happen
     * @param notCarried  what is lost, one sentence each (always the writable layer)
     * @param carried     what carries over, one line each
     * @param commitLabel the checkbox that commits the container first
     * @param yesLabel    the button that goes on
     */
    public record RecreateQuestion(String title, String message, List<String> notCarried, List<String> carried,
                                   String commitLabel, String yesLabel) { }

    private final ContainersService service;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Executor ui;
    private final Clock clock;

    private final ObservableList<ContainerRow> rows =
            FXCollections.observableArrayList(r -> new Observable[] {r.revisionProperty()});
    private final FilteredList<ContainerRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<ContainerRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<List<Fact>> details = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(Connection.CONNECTING);
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper bannerVisible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper placeholder =
            new ReadOnlyStringWrapper(Messages.get("containers.placeholder.connecting"));
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper readinessText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canSwitch = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper switchLabel = new ReadOnlyStringWrapper(Messages.get("containers.switch.generic"));
    /** Work in progress by {@code namespace/id} and by {@code namespace/name} (a recreated container keeps its name). */
    private final Map<String, String> busyById = new HashMap<>();
    private final Map<String, String> busyByName = new HashMap<>();
    private Bypass4netnsReadiness readiness = new Bypass4netnsReadiness(List.of(), Optional.empty(), true);
    private ContainersService.Watch watch;

    public ContainersViewModel(ContainersService service, TaskRunner tasks, DialogService dialogs, Executor ui,
                               Clock clock) {
        this.service = service;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.ui = ui;
        this.clock = clock;
        filter.addListener((o, was, now) -> {
            String f = now == null ? "" : now;
            visible.setPredicate(r -> matches(r, f));
            refreshPlaceholder();
        });
        selected.addListener((o, was, now) -> refreshSelection());
        rows.addListener((javafx.collections.ListChangeListener<ContainerRow>) c -> refreshSelection());
    }

    /** Starts following containerd (snapshots hop to the UI executor). */
    public void activate() {
        if (watch == null) {
            watch = service.watch(s -> ui.execute(() -> accept(s)));
        }
    }

    public void deactivate() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    /** Stops following and closes the service (the window is closing). */
    public void close() {
        deactivate();
        service.close();
    }

    /** Takes a reading: rows are updated in place, added and removed by namespace and id. On the UI thread. */
    public void accept(Snapshot s) {
        Instant now = clock.instant();
        readiness = s.readiness();
        connection.set(s.connection());
        boolean down = s.connection() == Connection.UNAVAILABLE;
        bannerVisible.set(down);
        String problem = s.problem().strip();
        // the problem is containerd's or the service's own text: passed through
        bannerText.set(!down ? "" : problem.isEmpty() ? Messages.get("containers.banner.plain")
                : Messages.get("containers.banner.problem", problem + (problem.matches(".*[.!?]$") ? "" : ".")));
        ready.set(s.readiness().ready());
        readinessText.set(s.readiness().ready() ? Messages.get("containers.readiness.ready")
                : Messages.get("containers.readiness.unmet", String.join(" ", s.readiness().unmet())));
        if (down) {
            for (ContainerRow r : rows) {
                r.repaint(now);   // the switches are disabled while containerd is away
            }
        } else {
            Map<String, ContainerRow> old = new HashMap<>();
            for (ContainerRow r : rows) {
                old.put(r.key(), r);
            }
            List<ContainerRow> next = new ArrayList<>();
            for (ContainerView v : s.containers()) {
                String key = v.namespace() + "/" + v.id();
                ContainerRow r = old.remove(key);
                if (r == null) {
                    r = new ContainerRow(key);
                }
                r.update(v, s.readiness().reasonFor(v).orElse(""), now);
                r.busy(busyText(v));
                next.add(r);
            }
            ContainerRow sel = selected.get();
            if (next.size() != rows.size() || !next.equals(rows)) {
                rows.setAll(next);
            }
            // a recreated container has a new id but the same name: keep it selected
            if (sel != null && !rows.contains(sel)) {
                ContainerView was = sel.view();
                selected.set(rows.stream().filter(r -> r.view().namespace().equals(was.namespace())
                        && r.name().equals(was.name())).findFirst().orElse(null));
            }
        }
        ContainerRow sel = selected.get();
        if (sel != null) {
            refreshSelection();
        }
        summary.set(summaryOf(rows));
        refreshPlaceholder();
    }

    /** Recomputes the texts that depend on the time. */
    public void tick() {
        Instant now = clock.instant();
        for (ContainerRow r : rows) {
            r.tick(now);
        }
        refreshSelection();
    }

    private String busyText(ContainerView v) {
        String t = busyById.get(v.namespace() + "/" + v.id());
        return t != null ? t : busyByName.getOrDefault(v.namespace() + "/" + v.name(), "");
    }

    private void setBusy(ContainerView v, String text, boolean byName) {
        String id = v.namespace() + "/" + v.id();
        String name = v.namespace() + "/" + v.name();
        if (text == null || text.isEmpty()) {
            busyById.remove(id);
            busyByName.remove(name);
        } else {
            busyById.put(id, text);
            if (byName) {
                busyByName.put(name, text);
            }
        }
        for (ContainerRow r : rows) {
            r.busy(busyText(r.view()));
        }
        refreshSelection();
    }

    private void refreshPlaceholder() {
        if (connection.get() == Connection.CONNECTING && rows.isEmpty()) {
            placeholder.set(Messages.get("containers.placeholder.connecting"));
        } else if (connection.get() == Connection.UNAVAILABLE && rows.isEmpty()) {
            placeholder.set(Messages.get("containers.placeholder.unavailable"));
        } else if (rows.isEmpty()) {
            placeholder.set(Messages.get("containers.placeholder.empty"));
        } else if (visible.isEmpty()) {
            placeholder.set(Messages.get("containers.placeholder.noMatch", filter.get().trim()));
        } else {
            placeholder.set("");
        }
    }

    private void refreshSelection() {
        ContainerRow r = selected.get();
        boolean up = connection.get() == Connection.CONNECTED;
        if (r == null || r.view() == null) {
            details.set(List.of());
            canStart.set(false);
            canStop.set(false);
            canSwitch.set(false);
            switchLabel.set(Messages.get("containers.switch.generic"));
            return;
        }
        ContainerView v = r.view();
        details.set(facts(v, r.unavailableReason(), clock.instant(), clock.getZone()));
        ContainerState st = v.state();
        boolean runs = st == ContainerState.RUNNING || st == ContainerState.PAUSED;
        canStart.set(up && !r.busy() && !runs);
        canStop.set(up && !r.busy() && runs);
        canSwitch.set(up && !r.busy() && r.switchAvailable());
        switchLabel.set(Messages.get(v.bypass().enabled() ? "containers.switch.disable" : "containers.switch.enable"));
    }

    // ---- actions ----

    public void start(ContainerRow r) {
        if (r == null || r.busy()) {
            return;
        }
        ContainerView v = r.view();
        setBusy(v, Messages.get("containers.busy.starting"), false);
        tasks.task(() -> {
            service.start(v);
            return v;
        }).onFailure(e -> failed(Messages.get("containers.error.start", v.name()), e))
                .andFinally(() -> setBusy(v, "", false))
                .start();
    }

    public void stop(ContainerRow r) {
        if (r == null || r.busy()) {
            return;
        }
        ContainerView v = r.view();
        setBusy(v, Messages.get("containers.busy.stopping"), false);
        tasks.task(() -> {
            service.stop(v);
            return v;
        }).onFailure(e -> failed(Messages.get("containers.error.stop", v.name()), e))
                .andFinally(() -> setBusy(v, "", false))
                .start();
    }

    /**
     * The switch was clicked: plans the recreate with bypass4netns the other way (off the FX thread), asks the
     * user ({@code ask} answers empty for cancel, else whether to commit first; then it plans again with the
     * commit), and hands the plan to {@code show}. Nothing changes unless the user runs the plan. Returns whether
     * the flow started (false when the switch is unavailable for the row or it is busy).
     */
    public boolean requestBypass(ContainerRow r, Function<RecreateQuestion, Optional<Boolean>> ask,
                                 Consumer<PlanRunViewModel> show) {
        if (r == null || r.busy() || !r.switchAvailable() || connection.get() != Connection.CONNECTED) {
            return false;
        }
        ContainerView v = r.view();
        boolean enable = !v.bypass().enabled();
        setBusy(v, Messages.get("containers.busy.preparing"), false);
        tasks.task(() -> service.planBypass(v, enable, false))
                .onSuccess(plan -> {
                    Optional<Boolean> answer = ask.apply(question(plan));
                    if (answer.isEmpty()) {
                        setBusy(v, "", false);
                    } else if (answer.get()) {
                        tasks.task(() -> service.planBypass(v, enable, true))
                                .onSuccess(committed -> showPlan(v, committed, show))
                                .onFailure(e -> {
                                    setBusy(v, "", false);
                                    failed(Messages.get("containers.error.planRecreate", v.name()), e);
                                })
                                .start();
                    } else {
                        showPlan(v, plan, show);
                    }
                })
                .onFailure(e -> {
                    setBusy(v, "", false);
                    failed(Messages.get("containers.error.planRecreate", v.name()), e);
                })
                .start();
        return true;
    }

    private void showPlan(ContainerView v, RecreatePlan plan, Consumer<PlanRunViewModel> show) {
        setBusy(v, "", false);
        PlanRunViewModel run = new PlanRunViewModel(withCommands(plan), tasks, ui, () -> { });
        // the row shows progress while the plan runs; the new container keeps the name
        run.phaseProperty().addListener((o, was, now) -> {
            switch (now) {
                case RUNNING:
                    setBusy(v, Messages.get("containers.busy.recreating"), true);
                    break;
                case ROLLING_BACK:
                    setBusy(v, Messages.get("containers.busy.rollingBack"), true);
                    break;
                default:
                    setBusy(v, "", true);
                    break;
            }
        });
        show.accept(run);
    }

    /** The plan of a new container ("Run container…"), off the FX thread, then the plan window. */
    public void requestRun(RunRequest request, Consumer<PlanRunViewModel> show) {
        tasks.task(() -> service.runPlan(request))
                .onSuccess(plan -> show.accept(new PlanRunViewModel(plan, tasks, ui, () -> { })))
                .onFailure(e -> failed(Messages.get("containers.error.planRun"), e))
                .start();
    }

    /**
     * What is wrong with the "Run container" dialog's fields, or "" when they can be run. The image and name go to
     * nerdctl as they are, so one that starts with '-' (it would be an option) or holds a blank or a line break is
     * refused here, with the rule, rather than passed on.
     */
    public static String runProblem(String image, String name, String ports) {
        if (image.isBlank()) {
            return Messages.get("containers.runDialog.needImage");
        }
        if (!RecreatePlanner.validImage(image.trim())) {
            return Messages.get("containers.runDialog.badImage");
        }
        if (!name.isBlank() && !RecreatePlanner.validName(name.trim())) {
            return Messages.get("containers.runDialog.badName");
        }
        try {
            parsePorts(ports);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return "";
    }

    /**
     * The ports of the "Run container" dialog, comma or space separated, each as nerdctl's {@code -p} takes it:
     * {@code [HOSTIP:]HOSTPORT:CONTAINERPORT[/PROTO]}, or {@code PORT} for the same port on both sides.
     *
     * @throws IllegalArgumentException with a sentence naming the bad entry
     */
    public static List<PortMapping> parsePorts(String text) {
        List<PortMapping> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String entry : text.trim().split("[,\\s]+")) {
            String spec = entry;
            String proto = "tcp";
            int slash = spec.lastIndexOf('/');
            if (slash >= 0) {
                proto = spec.substring(slash + 1).toLowerCase(Locale.ROOT);
                spec = spec.substring(0, slash);
                if (!List.of("tcp", "udp", "sctp").contains(proto)) {
                    throw new IllegalArgumentException(Messages.get("containers.port.protocol", entry));
                }
            }
            String hostIp = "";
            if (spec.startsWith("[")) {
                int close = spec.indexOf("]:");
                if (close < 0) {
                    throw new IllegalArgumentException(Messages.get("containers.port.ipv6", entry));
                }
                hostIp = spec.substring(1, close);
                spec = spec.substring(close + 2);
            } else if (spec.chars().filter(c -> c == ':').count() == 2) {
                hostIp = spec.substring(0, spec.indexOf(':'));
                spec = spec.substring(spec.indexOf(':') + 1);
            }
            String[] parts = spec.split(":", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException(Messages.get("containers.port.shape", entry));
            }
            int host = port(parts[0], entry);
            int container = parts.length == 2 ? port(parts[1], entry) : host;
            out.add(new PortMapping(hostIp, host, container, proto));
        }
        return out;
    }

    private static int port(String s, String entry) {
        if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
            throw new IllegalArgumentException(Messages.get("containers.port.range", entry, s));
        }
        return Integer.parseInt(s);
    }

    private void failed(String title, Exception e) {
        String details = e instanceof NerdctlException ne ? ne.details() : "";
        dialogs.showError(title, String.valueOf(e.getMessage()), details);
    }

    // ---- pure parts ----

    /** The plan as the plan window shows it: the nerdctl commands attached when the plan did not attach them. */
    static Plan withCommands(RecreatePlan rp) {
        Plan p = rp.plan();
        if (p.unitFile().isPresent() && !p.unitFile().get().isBlank()) {
            return p;
        }
        return new Plan(p.title(), p.unit(), Optional.of(rp.commandText()), p.steps(), p.notes(),
                Messages.get("containers.recreate.commands"),
                p.actionLabel(), p.rollbackOnFailure());
    }

    /** The confirmation before a recreate. */
    public static RecreateQuestion question(RecreatePlan plan) {
        ContainerView v = plan.container();
        boolean with = plan.enable();
        // what carries over and what not is the planner's text: passed through
        String title = with ? Messages.get("containers.recreate.titleWith", v.name())
                : Messages.get("containers.recreate.titleWithout", v.name());
        String message = with ? Messages.get("containers.recreate.messageWith", v.name())
                : Messages.get("containers.recreate.messageWithout", v.name());
        return new RecreateQuestion(title, message, plan.notCarried(), plan.carried(),
                Messages.get("containers.recreate.commit"), Messages.get("containers.recreate.continue"));
    }

    /** Whether a row matches the filter: every word is in the name, image, namespace or state, or begins the id. */
    public static boolean matches(ContainerRow r, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        ContainerView v = r.view();
        if (v == null) {
            return false;
        }
        String name = v.name().toLowerCase(Locale.ROOT);
        String image = v.info().image().toLowerCase(Locale.ROOT);
        String ns = v.namespace().toLowerCase(Locale.ROOT);
        String id = v.id().toLowerCase(Locale.ROOT);
        String state = v.state().word();
        String shown = stateWord(v.state()).toLowerCase(Locale.ROOT);
        for (String word : filter.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!(name.contains(word) || image.contains(word) || ns.contains(word) || id.startsWith(word)
                    || state.equals(word) || shown.equals(word))) {
                return false;
            }
        }
        return true;
    }

    /** The order of a column, ascending; ties by name. */
    public static Comparator<ContainerRow> order(Column c) {
        Comparator<ContainerRow> byName = Comparator.comparing(ContainerRow::name, String.CASE_INSENSITIVE_ORDER);
        Comparator<ContainerRow> primary;
        switch (c) {
            case NAME:
                return byName.thenComparing(ContainerRow::key);
            case IMAGE:
                primary = Comparator.comparing(ContainerRow::image, String.CASE_INSENSITIVE_ORDER);
                break;
            case STATE:
                primary = Comparator.comparing(ContainerRow::state);
                break;
            case STATUS:
                primary = Comparator.comparingLong(ContainerRow::statusOrder);
                break;
            case PID:
                // numeric; containers without a process last
                primary = Comparator.comparingLong(r -> r.pid().isEmpty() ? Long.MAX_VALUE : Long.parseLong(r.pid()));
                break;
            case ADDRESSES:
                primary = Comparator.comparing(r -> addressKey(r.view()));
                break;
            case PORTS:
                primary = Comparator.comparingInt(r -> r.view().ports().isEmpty() ? Integer.MAX_VALUE
                        : r.view().ports().get(0).hostPort());
                break;
            case BYPASS:
                // on before off; among them live before not
                primary = Comparator.comparingInt(r -> (r.bypassConfigured() ? 0 : 2)
                        + (r.view().bypassLive().orElse(false) ? 0 : 1));
                break;
            default:
                throw new IllegalArgumentException(c.toString());
        }
        return primary.thenComparing(byName).thenComparing(ContainerRow::key);
    }

    /** The first IPv4 address as a sortable string (each octet zero-padded); no address last. */
    static String addressKey(ContainerView v) {
        for (InterfaceAddress a : v.addresses()) {
            if (!a.ipv6()) {
                String[] o = a.address().split("\\.");
                StringBuilder sb = new StringBuilder("0");
                for (String part : o) {
                    sb.append(String.format(Locale.ROOT, "%3s", part).replace(' ', '0')).append('.');
                }
                return sb.toString();
            }
        }
        return v.addresses().isEmpty() ? "2" : "1" + v.addresses().get(0).address();
    }

    /** Running first (the most recently started first), then paused, created, exited (the most recent first). */
    static long statusOrder(ContainerView v, Instant now) {
        long rank;
        long seconds = 0;
        switch (v.state()) {
            case RUNNING:
                rank = 0;
                seconds = v.uptime(now).map(Duration::getSeconds).orElse(0L);
                break;
            case PAUSED:
                rank = 1;
                break;
            case CREATED:
                rank = 2;
                break;
            case EXITED:
                rank = 3;
                seconds = v.info().task().flatMap(t -> t.exitedAt()).map(at -> Duration.between(at, now).getSeconds())
                        .orElse(0L);
                break;
            default:
                rank = 4;
        }
        return rank * 1_000_000_000_000L + Math.max(0, Math.min(seconds, 999_999_999_999L));
    }

    public static Tone tone(ContainerState s) {
        switch (s) {
            case RUNNING:
                return Tone.OK;
            case PAUSED:
                return Tone.WARNING;
            case EXITED:
                return Tone.NEUTRAL;
            case CREATED:
                return Tone.BUSY;
            default:
                return Tone.MUTED;
        }
    }

    /** The state as the user reads it, in the window's language. */
    public static String stateWord(ContainerState s) {
        switch (s) {
            case RUNNING:
                return Messages.get("containers.state.running");
            case PAUSED:
                return Messages.get("containers.state.paused");
            case CREATED:
                return Messages.get("containers.state.created");
            case EXITED:
                return Messages.get("containers.state.exited");
            default:
                return Messages.get("containers.state.unknown");
        }
    }

    /** "on" or "off", in the window's language. */
    static String onOff(boolean on) {
        return Messages.get(on ? "containers.bypass.on" : "containers.bypass.off");
    }

    static String liveText(ContainerView v) {
        return Messages.get(v.bypassLive().map(b -> b ? "containers.live.active" : "containers.live.notActive")
                .orElse("containers.live.unknown"));
    }

    /** Green when live matches an enabled configuration, amber when they differ, grey otherwise. */
    static Tone liveTone(ContainerView v) {
        if (v.bypassLive().isEmpty()) {
            return Tone.MUTED;
        }
        boolean live = v.bypassLive().get();
        if (live != v.bypass().enabled()) {
            return Tone.WARNING;
        }
        return live ? Tone.OK : Tone.MUTED;
    }

    static String liveExplanation(ContainerView v) {
        boolean on = v.bypass().enabled();
        Optional<Boolean> live = v.bypassLive();
        String key;
        if (live.isEmpty()) {
            key = on ? "containers.live.unknownOn" : "containers.live.unknownOff";
        } else if (on && !live.get()) {
            key = v.state() == ContainerState.RUNNING ? "containers.live.onNotListed" : "containers.live.onNotRunning";
        } else if (!on && live.get()) {
            key = "containers.live.offListed";
        } else {
            key = on ? "containers.live.onActive" : "containers.live.offInactive";
        }
        return Messages.get(key);
    }

    static String summaryOf(List<ContainerRow> rows) {
        long running = rows.stream().filter(r -> r.state() == ContainerState.RUNNING).count();
        long bypass = rows.stream().filter(ContainerRow::bypassConfigured).count();
        return Messages.get("containers.summary", rows.size(), running, bypass);
    }

    /** Everything about one container, for the details pane. */
    public static List<Fact> facts(ContainerView v, String reason, Instant now, ZoneId zone) {
        DateTimeFormatter when = DateTimeFormatter.ofPattern(Messages.get("containers.fact.timePattern"),
                Messages.bundle().getLocale());
        List<Fact> out = new ArrayList<>();
        out.add(fact("containers.fact.id", v.id()));
        out.add(fact("containers.fact.namespace", v.namespace()));
        out.add(fact("containers.fact.image", v.info().image()));
        // the status ("Up 5 minutes") is nerdctl's wording, from the domain: passed through
        out.add(fact("containers.fact.state", stateWord(v.state()) + " · " + v.statusText(now)));
        out.add(fact("containers.fact.pid", v.pid() > 0 ? Long.toString(v.pid()) : "—"));
        out.add(fact("containers.fact.started", v.startedAt().filter(s -> v.state() == ContainerState.RUNNING)
                .map(s -> v.uptime(now).map(d -> Messages.get("containers.fact.startedUp",
                        when.format(s.atZone(zone)), human(d))).orElse(when.format(s.atZone(zone))))
                .orElse("—")));
        out.add(fact("containers.fact.created", v.info().createdAt().equals(Instant.EPOCH) ? "—"
                : when.format(v.info().createdAt().atZone(zone))));
        out.add(fact("containers.fact.addresses", v.addresses().isEmpty() ? "—" : String.join(", ",
                v.addresses().stream().map(a -> a.interfaceName() + " " + a.cidr()).toList())));
        out.add(fact("containers.fact.ports", v.ports().isEmpty() ? "—"
                : String.join(", ", v.ports().stream().map(PortMapping::display).toList())));
        out.add(fact("containers.fact.networks", v.nerdctl().networks().isEmpty() ? "—"
                : String.join(", ", v.nerdctl().networks())));
        out.add(fact("containers.fact.restart", v.nerdctl().restart().map(p -> p.flagValue())
                .orElse(Messages.get("containers.fact.restartNo"))));
        out.add(fact("containers.fact.snapshotter", v.info().snapshotter().isEmpty() ? "—"
                : v.info().snapshotter()));
        Map<String, String> labels = new LinkedHashMap<>(v.info().labels());
        out.add(fact("containers.fact.labels", labels.isEmpty() ? Messages.get("containers.fact.labelsNone")
                : Messages.get("containers.fact.labelsList", labels.size(), String.join(", ",
                labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))));
        Bypass4netnsConfig b = v.bypass();
        String configuredKey = switch (b.source()) {
            case ANNOTATION -> "containers.fact.configured.annotation";
            case LEGACY_LABEL -> "containers.fact.configured.legacy";
            case NONE -> "containers.fact.configured.none";
        };
        String configured = Messages.get(configuredKey, onOff(b.enabled()), Bypass4netnsConfig.ANNOTATION);
        if (!b.ignoreSubnets().isEmpty()) {
            configured = Messages.get("containers.fact.configured.ignoreSubnets", configured,
                    String.join(", ", b.ignoreSubnets()));
        }
        if (b.ignoreBind()) {
            configured = Messages.get("containers.fact.configured.ignoreBind", configured);
        }
        out.add(fact("containers.fact.bypass4netns-configured", configured));
        // the problem and the reason are the domain's sentences: passed through
        b.problem().ifPresent(p -> out.add(fact("containers.fact.bypass4netns-problem", p)));
        out.add(fact("containers.fact.bypass4netns-live",
                Messages.get("containers.fact.live", liveText(v), liveExplanation(v))));
        out.add(fact("containers.fact." + SWITCH_FACT, reason.isEmpty()
                ? Messages.get("containers.fact.switchAvailable")
                : Messages.get("containers.fact.switchUnavailable", reason)));
        return out;
    }

    /** A fact named by the bundle's KEY; its id is the key's last part. */
    private static Fact fact(String key, String value) {
        return new Fact(key.substring(key.lastIndexOf('.') + 1), Messages.get(key), value);
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return Messages.get("containers.duration.seconds", s);
        } else if (s < 3600) {
            return Messages.get("containers.duration.minutes", s / 60, s % 60);
        } else if (s < 86400) {
            return Messages.get("containers.duration.hours", s / 3600, s % 3600 / 60);
        }
        return Messages.get("containers.duration.days", s / 86400, s % 86400 / 3600);
    }

    // ---- properties ----

    public ObservableList<ContainerRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The rows the filter lets through, in the service's order (the table sorts them). */
    public ObservableList<ContainerRow> visible() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<ContainerRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<List<Fact>> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bannerVisibleProperty() {
        return bannerVisible.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bannerTextProperty() {
        return bannerText.getReadOnlyProperty();
    }

    /** What the table shows when it has no rows ("" when it has some). */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readinessTextProperty() {
        return readinessText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    public Bypass4netnsReadiness readiness() {
        return readiness;
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSwitchProperty() {
        return canSwitch.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty switchLabelProperty() {
        return switchLabel.getReadOnlyProperty();
    }

    /** A row by container name (first match), for tests and keyboard handling. */
    public Optional<ContainerRow> row(String name) {
        return rows.stream().filter(r -> Objects.equals(r.name(), name)).findFirst();
    }
}
