package io.github.rootlesspanel.notices;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.desktop.Notifier.Notice;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.UnitStatus;

/**
 * Decides the notices, without side effects: feed it every unit snapshot and the panel's finished operations,
 * it answers what to show. One notice per settled state change (starting, stopping and reloading pass without
 * one; sub-state changes are no change), only when the user would not know otherwise:
 * <ul>
 * <li>a unit failed (critical, whoever caused it),</li>
 * <li>a failed unit runs again without the panel having started it (recovered),</li>
 * <li>a running unit stopped without the panel having stopped it,</li>
 * <li>a long operation of the panel finished while its window was not focused.</li>
 * </ul>
 * Rate limits: one notice per unit per {@link #PER_UNIT} (a failure excepted) and {@link #BURST} in all per
 * {@link #WINDOW}; what is held back is summed up in one "N more changes" notice once {@link #nextFlush()}
 * is reached. Not thread-safe: one thread feeds it.
 */
public final class NoticePolicy {

    public static final Duration PER_UNIT = Duration.ofSeconds(30);
    public static final int BURST = 4;
    public static final Duration WINDOW = Duration.ofSeconds(60);
    /** An operation at least this long is worth a notice when the window is not focused. */
    public static final Duration LONG_OPERATION = Duration.ofSeconds(5);

    private final Texts texts;
    /** Each unit's last settled state (active, inactive or failed), as far as it was seen. */
    private final Map<String, ActiveState> settled = new HashMap<>();
    private final Map<String, Instant> lastByUnit = new HashMap<>();
    private final Map<String, Instant> lastFailure = new HashMap<>();
    private final Deque<Instant> recent = new ArrayDeque<>();
    private int held;
    private boolean heldCritical;
    private Instant heldSince;

    public NoticePolicy(Texts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /**
     * A unit's new snapshot. BY_PANEL: the panel runs (or just ran) a job on it, so a stop or a start is the
     * user's own doing.
     */
    public List<Notice> onStatus(UnitStatus s, boolean byPanel, Preferences.Notifications level, Instant now) {
        String unit = s.name();
        if (!s.installed()) {
            settled.remove(unit);
            return List.of();
        }
        ActiveState now0 = settle(s.activeState());
        if (now0 == null) {
            return List.of();
        }
        ActiveState before = settled.put(unit, now0);
        if (before == null || before == now0) {
            return List.of();
        }
        String name = displayName(unit);
        Notice n;
        if (now0 == ActiveState.FAILED) {
            n = new Notice(texts.get("notifications.unit.failed", name),
                    texts.get("notifications.unit.failed.body", unit, s.result().isEmpty() ? "?" : s.result()), true,
                    Optional.of(unit));
        } else if (before == ActiveState.FAILED && now0 == ActiveState.ACTIVE && !byPanel) {
            n = new Notice(texts.get("notifications.unit.recovered", name),
                    texts.get("notifications.unit.recovered.body", unit), false, Optional.of(unit));
        } else if (before == ActiveState.ACTIVE && now0 == ActiveState.INACTIVE && !byPanel) {
            n = new Notice(texts.get("notifications.unit.stopped", name),
                    texts.get("notifications.unit.stopped.body", unit), false, Optional.of(unit));
        } else {
            return List.of();
        }
        if (!wanted(n, level)) {
            return List.of();
        }
        if (n.critical()) {
            lastFailure.put(unit, now);
        }
        return admit(n, now);
    }

    /**
     * The panel finished an operation: TITLE (translated, e.g. "Restart of containerd"), how it went, DETAIL for
     * the body, on UNIT. A notice only when it took at least {@link #LONG_OPERATION} and the window was not
     * focused; a failure the unit's own "failed" notice already told is not told twice.
     */
    public List<Notice> onOperationFinished(String title, boolean ok, String detail, Optional<String> unit,
            Duration took, boolean windowFocused, Preferences.Notifications level, Instant now) {
        if (windowFocused || took.compareTo(LONG_OPERATION) < 0) {
            return List.of();
        }
        if (!ok && unit.isPresent()) {
            Instant f = lastFailure.get(unit.get());
            if (f != null && Duration.between(f, now).compareTo(PER_UNIT) < 0) {
                return List.of();
            }
        }
        Notice n = new Notice(texts.get(ok ? "notifications.operation.finished" : "notifications.operation.failed",
                title), detail, !ok, unit);
        return wanted(n, level) ? admit(n, now) : List.of();
    }

    /** When held-back notices may be summed up; empty when none are held. */
    public Optional<Instant> nextFlush() {
        if (held == 0) {
            return Optional.empty();
        }
        Instant at = heldSince.plus(PER_UNIT);
        if (recent.size() >= BURST) {
            Instant free = recent.peekFirst().plus(WINDOW);
            at = free.isAfter(at) ? free : at;
        }
        return Optional.of(at);
    }

    /** The "N more changes" notice, once {@link #nextFlush()} has come; nothing before. */
    public List<Notice> flush(Instant now) {
        prune(now);
        Optional<Instant> at = nextFlush();
        if (at.isEmpty() || now.isBefore(at.get())) {
            return List.of();
        }
        Notice n = new Notice(texts.get("notifications.more", held), texts.get("notifications.more.body"),
                heldCritical, Optional.empty());
        held = 0;
        heldCritical = false;
        heldSince = null;
        recent.addLast(now);
        return List.of(n);
    }

    private List<Notice> admit(Notice n, Instant now) {
        prune(now);
        String key = n.unit().orElse("");
        Instant last = lastByUnit.get(key);
        boolean unitQuiet = last == null || n.critical() || Duration.between(last, now).compareTo(PER_UNIT) >= 0;
        if (unitQuiet && recent.size() < BURST) {
            recent.addLast(now);
            lastByUnit.put(key, now);
            return List.of(n);
        }
        if (held == 0) {
            heldSince = now;
        }
        held++;
        heldCritical |= n.critical();
        return List.of();
    }

    private void prune(Instant now) {
        while (!recent.isEmpty() && Duration.between(recent.peekFirst(), now).compareTo(WINDOW) >= 0) {
            recent.removeFirst();
        }
    }

    private static boolean wanted(Notice n, Preferences.Notifications level) {
        return switch (level) {
            case ALL -> true;
            case FAILURES_ONLY -> n.critical();
            case OFF -> false;
        };
    }

    /** Active, inactive or failed; null for the passing states (a job is under way) and unknown ones. */
    private static ActiveState settle(ActiveState s) {
        return switch (s) {
            case ACTIVE, RELOADING -> ActiveState.ACTIVE;
            case INACTIVE -> ActiveState.INACTIVE;
            case FAILED -> ActiveState.FAILED;
            default -> null;
        };
    }

    private static String displayName(String unit) {
        return Component.find(unit).map(Component::displayName).orElse(unit);
    }
}
