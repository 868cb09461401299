package io.github.rootlesspanel.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.prefs.Preferences.Notifications;
import io.github.rootlesspanel.desktop.Notifier.Notice;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.LoadState;
import io.github.rootlesspanel.systemd.UnitFileState;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.ui.common.Messages;

class NoticePolicyTest {

    static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
    static final String CONTAINERD = "containerd.service";
    static final String BUILDKIT = "buildkit.service";
    /** "key[args]": the tables check which notice, not its wording. */
    static final Texts KEYS = (key, args) -> key + Arrays.toString(args);

    final NoticePolicy policy = new NoticePolicy(KEYS);
    Instant now = T0;

    static UnitStatus unit(String name, ActiveState state, String sub, String result) {
        return new UnitStatus(name, "", LoadState.LOADED, state, sub, UnitFileState.ENABLED, null, null, null, 0,
                OptionalLong.empty(), 0, result, "", List.of(), List.of(), false);
    }

    static UnitStatus unit(ActiveState state) {
        String sub = switch (state) {
            case ACTIVE -> "running";
            case ACTIVATING -> "start";
            case DEACTIVATING -> "stop-sigterm";
            case FAILED -> "failed";
            default -> "dead";
        };
        return unit(CONTAINERD, state, sub, state == ActiveState.FAILED ? "exit-code" : "success");
    }

    /** Feeds the states one after another (a second apart) and collects every notice's summary key. */
    List<String> feed(boolean byPanel, Notifications level, ActiveState... states) {
        List<String> out = new ArrayList<>();
        for (ActiveState s : states) {
            now = now.plusSeconds(1);
            policy.onStatus(unit(s), byPanel, level, now).forEach(n -> out.add(n.summary()));
        }
        return out;
    }

    static Stream<Arguments> transitions() {
        ActiveState a = ActiveState.ACTIVE;
        ActiveState i = ActiveState.INACTIVE;
        ActiveState f = ActiveState.FAILED;
        ActiveState up = ActiveState.ACTIVATING;
        ActiveState down = ActiveState.DEACTIVATING;
        ActiveState re = ActiveState.RELOADING;
        return Stream.of(
                // states, by the panel, expected notices
                Arguments.of(List.of(a, down, i), false, List.of("notifications.unit.stopped[containerd]")),
                Arguments.of(List.of(a, down, i), true, List.of()),
                Arguments.of(List.of(a, down, down, i, i), false, List.of("notifications.unit.stopped[containerd]")),
                Arguments.of(List.of(a, f), false, List.of("notifications.unit.failed[containerd]")),
                Arguments.of(List.of(a, f), true, List.of("notifications.unit.failed[containerd]")),
                Arguments.of(List.of(a, down, f, f), false, List.of("notifications.unit.failed[containerd]")),
                Arguments.of(List.of(f, up, a), false, List.of("notifications.unit.recovered[containerd]")),
                Arguments.of(List.of(f, up, a), true, List.of()),
                Arguments.of(List.of(i, up, a), false, List.of()),
                Arguments.of(List.of(f, i), false, List.of()),
                Arguments.of(List.of(a, re, a), false, List.of()),
                Arguments.of(List.of(a, up, a), false, List.of()),
                // the first state seen is where the panel starts, not a change
                Arguments.of(List.of(i), false, List.of()),
                Arguments.of(List.of(f), false, List.of()),
                Arguments.of(List.of(down, i), false, List.of()));
    }

    @ParameterizedTest(name = "{0} by panel {1} -> {2}")
    @MethodSource("transitions")
    void onePerStateChange(List<ActiveState> states, boolean byPanel, List<String> expected) {
        assertThat(feed(byPanel, Notifications.ALL, states.toArray(ActiveState[]::new))).isEqualTo(expected);
    }

    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of(Notifications.ALL, List.of("notifications.unit.stopped[containerd]",
                        "notifications.unit.failed[containerd]", "notifications.unit.recovered[containerd]")),
                Arguments.of(Notifications.FAILURES_ONLY, List.of("notifications.unit.failed[containerd]")),
                Arguments.of(Notifications.OFF, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levels")
    void honoursTheUsersChoice(Notifications level, List<String> expected) {
        List<String> got = new ArrayList<>();
        got.addAll(feed(false, level, ActiveState.ACTIVE, ActiveState.INACTIVE));
        now = now.plus(NoticePolicy.PER_UNIT);
        got.addAll(feed(false, level, ActiveState.FAILED));
        now = now.plus(NoticePolicy.PER_UNIT);
        got.addAll(feed(false, level, ActiveState.ACTIVE));
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void aFailureIsCriticalAndOpensItsUnit() {
        feed(false, Notifications.ALL, ActiveState.ACTIVE);
        List<Notice> n = policy.onStatus(unit(CONTAINERD, ActiveState.FAILED, "failed", "exit-code"), false,
                Notifications.ALL, now.plusSeconds(1));
        assertThat(n).singleElement().satisfies(x -> {
            assertThat(x.critical()).isTrue();
            assertThat(x.unit()).contains(CONTAINERD);
            assertThat(x.body()).isEqualTo("notifications.unit.failed.body[containerd.service, exit-code]");
        });
    }

    @Test
    void anUninstalledUnitStartsOverWithoutANotice() {
        feed(false, Notifications.ALL, ActiveState.ACTIVE);
        assertThat(policy.onStatus(UnitStatus.notFound(CONTAINERD), false, Notifications.ALL, now)).isEmpty();
        assertThat(feed(false, Notifications.ALL, ActiveState.INACTIVE)).as("a fresh start, not a stop").isEmpty();
    }

    @Test
    void oneNoticePerUnitPerIntervalTheRestSummedUpLater() {
        feed(false, Notifications.ALL, ActiveState.ACTIVE);
        assertThat(feed(false, Notifications.ALL, ActiveState.INACTIVE, ActiveState.ACTIVE, ActiveState.INACTIVE))
                .containsExactly("notifications.unit.stopped[containerd]");
        Instant held = now;
        assertThat(policy.nextFlush()).isPresent();
        assertThat(policy.flush(now)).as("not before its time").isEmpty();

        Instant at = policy.nextFlush().orElseThrow();
        assertThat(at).isAfter(held);
        List<Notice> summary = policy.flush(at);
        assertThat(summary).singleElement().satisfies(n -> {
            assertThat(n.summary()).isEqualTo("notifications.more[1]");
            assertThat(n.unit()).isEmpty();
        });
        assertThat(policy.nextFlush()).isEmpty();
        assertThat(policy.flush(at.plusSeconds(100))).isEmpty();
    }

    @Test
    void aFailurePassesTheUnitsIntervalButNotTheGlobalCap() {
        feed(false, Notifications.ALL, ActiveState.ACTIVE);
        assertThat(feed(false, Notifications.ALL, ActiveState.INACTIVE, ActiveState.FAILED))
                .containsExactly("notifications.unit.stopped[containerd]", "notifications.unit.failed[containerd]");
    }

    @Test
    void aStormIsCappedAndSummedUp() {
        List<String> units = List.of("a.service", "b.service", "c.service", "d.service", "e.service", "f.service",
                "g.service");
        for (String u : units) {
            policy.onStatus(unit(u, ActiveState.ACTIVE, "running", "success"), false, Notifications.ALL, now);
        }
        List<Notice> shown = new ArrayList<>();
        for (String u : units) {
            now = now.plusMillis(100);
            shown.addAll(policy.onStatus(unit(u, ActiveState.FAILED, "failed", "exit-code"), false, Notifications.ALL,
                    now));
        }
        assertThat(shown).hasSize(NoticePolicy.BURST);
        Instant at = policy.nextFlush().orElseThrow();
        assertThat(at).isAfterOrEqualTo(T0.plus(NoticePolicy.WINDOW));
        assertThat(policy.flush(at)).singleElement().satisfies(n -> {
            assertThat(n.summary()).isEqualTo("notifications.more[3]");
            assertThat(n.critical()).as("failures among the held ones").isTrue();
        });
    }

    static Stream<Arguments> operations() {
        Duration longOne = NoticePolicy.LONG_OPERATION;
        Duration quick = Duration.ofSeconds(1);
        return Stream.of(
                // ok, took, focused, level, expected
                Arguments.of(true, longOne, false, Notifications.ALL, List.of("notifications.operation.finished[Restart]")),
                Arguments.of(false, longOne, false, Notifications.ALL, List.of("notifications.operation.failed[Restart]")),
                Arguments.of(true, longOne, true, Notifications.ALL, List.of()),
                Arguments.of(true, quick, false, Notifications.ALL, List.of()),
                Arguments.of(true, longOne, false, Notifications.FAILURES_ONLY, List.of()),
                Arguments.of(false, longOne, false, Notifications.FAILURES_ONLY,
                        List.of("notifications.operation.failed[Restart]")),
                Arguments.of(false, longOne, false, Notifications.OFF, List.of()));
    }

    @ParameterizedTest(name = "ok {0} took {1} focused {2} {3} -> {4}")
    @MethodSource("operations")
    void aLongOperationIsToldWhenTheWindowIsNotFocused(boolean ok, Duration took, boolean focused, Notifications level,
            List<String> expected) {
        assertThat(policy.onOperationFinished("Restart", ok, "detail", Optional.of(CONTAINERD), took, focused, level, now)
                .stream().map(Notice::summary).toList()).isEqualTo(expected);
    }

    @Test
    void aFailedOperationIsNotToldAgainAfterTheUnitsFailure() {
        feed(true, Notifications.ALL, ActiveState.INACTIVE, ActiveState.ACTIVATING);
        assertThat(feed(true, Notifications.ALL, ActiveState.FAILED)).hasSize(1);
        assertThat(policy.onOperationFinished("Start", false, "failed", Optional.of(CONTAINERD),
                Duration.ofSeconds(20), false, Notifications.ALL, now.plusSeconds(1))).isEmpty();
        assertThat(policy.nextFlush()).as("dropped, not held").isEmpty();
    }

    @AfterEach
    void english() {
        Messages.use(Locale.ENGLISH);
    }

    @Test
    void theTextsInEnglishAndGerman() {
        Messages.use(Locale.ENGLISH);
        NoticePolicy english = new NoticePolicy(Messages::get);
        english.onStatus(unit(ActiveState.ACTIVE), false, Notifications.ALL, T0);
        Notice n = english.onStatus(unit(ActiveState.INACTIVE), false, Notifications.ALL, T0.plusSeconds(1)).get(0);
        assertThat(n.summary()).isEqualTo("containerd stopped");
        assertThat(n.body()).isEqualTo("containerd.service was stopped from outside the panel.");

        Messages.use(Locale.GERMAN);
        NoticePolicy german = new NoticePolicy(Messages::get);
        german.onStatus(unit(ActiveState.ACTIVE), false, Notifications.ALL, T0);
        assertThat(german.onStatus(unit(ActiveState.FAILED), false, Notifications.ALL, T0.plusSeconds(1)).get(0)
                .summary()).isEqualTo("containerd ist fehlgeschlagen");
        assertThat(german.flush(T0)).isEmpty();
    }
}
