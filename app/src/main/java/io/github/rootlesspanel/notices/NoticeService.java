package io.github.rootlesspanel.notices;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.config.prefs.Preferences;
import io.github.rootlesspanel.config.prefs.PreferencesFile;
import io.github.rootlesspanel.desktop.Notifier;
import io.github.rootlesspanel.desktop.Notifier.Notice;
import io.github.rootlesspanel.setup.Component;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * Feeds the {@link NoticePolicy} from the components' unit watch and the panel's finished jobs, and shows what
 * it decides on the desktop (the notifier) and in the window (the in-app listener). Everything runs on one
 * thread of its own, so the policy needs no locks and a slow notification server holds up neither systemd's
 * events nor the window.
 */
public final class NoticeService implements AutoCloseable {

    private static final Logger LOG = System.getLogger(NoticeService.class.getName());

    private final PanelJobs jobs;
    private final NoticePolicy policy;
    private final Notifier notifier;
    private final Supplier<Preferences.Notifications> level;
    private final BooleanSupplier windowFocused;
    private final Consumer<Notice> inApp;
    private final Texts texts;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "panel-notices");
        t.setDaemon(true);
        return t;
    });
    private UserManager.Watch watch;
    private ScheduledFuture<?> flush;

    /**
     * @param level the user's choice, asked at each change (Preferences)
     * @param windowFocused whether the panel's window has the focus now
     * @param inApp hears each notice for the window's notice area, on this service's thread
     */
    public NoticeService(PanelJobs jobs, Notifier notifier, Supplier<Preferences.Notifications> level,
            BooleanSupplier windowFocused, Consumer<Notice> inApp, Texts texts, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.level = Objects.requireNonNull(level, "level");
        this.windowFocused = Objects.requireNonNull(windowFocused, "windowFocused");
        this.inApp = Objects.requireNonNull(inApp, "inApp");
        this.texts = Objects.requireNonNull(texts, "texts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = new NoticePolicy(texts);
    }

    /**
     * The user's choice as kept in the preferences file, read at each notice (rare), so a change in the
     * Preferences dialog counts at once; ALL without a file or when it cannot be read.
     */
    public static Supplier<Preferences.Notifications> level(Optional<PreferencesFile> file) {
        return () -> file.map(f -> {
            try {
                return f.load().preferences().notifications();
            } catch (IOException | ConfigParseException e) {
                LOG.log(Level.DEBUG, "preferences not readable; every notice shown", e);
                return Preferences.Notifications.ALL;
            }
        }).orElse(Preferences.Notifications.ALL);
    }

    /** Starts following the components. */
    public synchronized void start() {
        if (watch != null) {
            return;
        }
        jobs.setListener(f -> thread.execute(() -> finished(f)));
        watch = jobs.watch(Component.units(), ev -> thread.execute(() -> event(ev)));
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        thread.shutdownNow();
    }

    private void event(UnitEvent ev) {
        if (ev instanceof UnitEvent.Changed c) {
            String unit = c.status().name();
            show(policy.onStatus(c.status(), jobs.busy(unit), level.get(), clock.instant()));
        }
    }

    private void finished(PanelJobs.Finished f) {
        String name = Component.find(f.unit()).map(Component::displayName).orElse(f.unit());
        String title = texts.get("notifications.job." + f.kind().verb(), name);
        show(policy.onOperationFinished(title, f.ok(), f.message(), Optional.of(f.unit()), f.took(),
                windowFocused.getAsBoolean(), level.get(), clock.instant()));
    }

    private void flushDue() {
        show(policy.flush(clock.instant()));
    }

    private void show(List<Notice> notices) {
        for (Notice n : notices) {
            inApp.accept(n);
            if (!notifier.show(n)) {
                LOG.log(Level.DEBUG, "not on the desktop: " + n.summary());
            }
        }
        // held-back notices are summed up at the policy's time: a timer for that moment, not a poll
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
        Optional<Instant> at = policy.nextFlush();
        if (at.isPresent()) {
            long ms = Math.max(0, Duration.between(clock.instant(), at.get()).toMillis());
            flush = thread.schedule(this::flushDue, ms, TimeUnit.MILLISECONDS);
        }
    }
}
