package io.github.rootlesspanel.ui.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.testsupport.RecordingDialogs;
import io.github.rootlesspanel.containers.Bypass4netnsConfig;
import io.github.rootlesspanel.containers.Bypass4netnsReadiness;
import io.github.rootlesspanel.containers.ContainerInfo;
import io.github.rootlesspanel.containers.ContainerState;
import io.github.rootlesspanel.containers.ContainerView;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.containers.ContainersService.Connection;
import io.github.rootlesspanel.containers.ContainersService.Snapshot;
import io.github.rootlesspanel.containers.InterfaceAddress;
import io.github.rootlesspanel.containers.NerdctlMeta;
import io.github.rootlesspanel.containers.OciSpec;
import io.github.rootlesspanel.containers.PortMapping;
import io.github.rootlesspanel.containers.RecreatePlan;
import io.github.rootlesspanel.containers.TaskInfo;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.ui.common.Messages;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.containers.ContainersViewModel.Column;
import io.github.rootlesspanel.ui.containers.ContainersViewModel.Fact;
import io.github.rootlesspanel.ui.overview.Tone;

/**
 * Snapshots built here as data are fed in as the watch would; nothing is asked of containerd or nerdctl (the
 * service is never activated). JavaFX properties and lists need no toolkit.
 */
class ContainersViewModelTest {

    static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Bypass4netnsReadiness READY = new Bypass4netnsReadiness(List.of(), Optional.empty(), true);
    static final Bypass4netnsReadiness DAEMON_DOWN = new Bypass4netnsReadiness(
            List.of("bypass4netnsd is not running: install it on the Overview page."), Optional.empty(), true);

    /** A real service that is never activated nor asked: the view model only gets snapshots here. */
    static ContainersService service() {
        return new ContainersService(new XdgDirs(Path.of("/nonexistent"), Path.of("/nonexistent/run"),
                Path.of("/nonexistent/data"), Path.of("/nonexistent/config")), new ProcessRunner(), null,
                Path.of("/nonexistent/run/containerd/containerd.sock"), CLOCK);
    }

    final RecordingDialogs dialogs = new RecordingDialogs();
    final ContainersViewModel vm = new ContainersViewModel(ContainersViewModelTest.service(), TaskRunner.direct(), dialogs,
            Runnable::run, CLOCK);

    // ---- data ----

    static ContainerView container(String id, String name, String image, TaskInfo.Status status, boolean bypass,
                                   Optional<Boolean> live, List<String> networks, String ip, PortMapping... ports) {
        Map<String, String> labels = new HashMap<>();
        if (name != null) {
            labels.put("nerdctl/name", name);
        }
        if (networks != null) {
            labels.put("nerdctl/networks", "[" + String.join(",", networks.stream().map(n -> "\"" + n + "\"").toList()) + "]");
        }
        Map<String, String> annotations = bypass ? Map.of("nerdctl/bypass4netns", "true") : Map.of();
        Optional<TaskInfo> task = status == null ? Optional.empty() : Optional.of(new TaskInfo(
                status == TaskInfo.Status.RUNNING ? 4242 : 0, status, status == TaskInfo.Status.STOPPED ? 137 : 0,
                status == TaskInfo.Status.STOPPED ? Optional.of(NOW.minusSeconds(7200)) : Optional.empty()));
        ContainerInfo info = new ContainerInfo(id, "default", image, labels, OciSpec.EMPTY, "overlayfs",
                NOW.minusSeconds(86400), task);
        return new ContainerView(info, NerdctlMeta.of(labels), Bypass4netnsConfig.of(annotations, labels),
                List.of(ports), ip == null ? List.of() : List.of(new InterfaceAddress("eth0", ip, 24)),
                status == TaskInfo.Status.RUNNING ? Optional.of(NOW.minusSeconds(300)) : Optional.empty(), live);
    }

    static ContainerView web() {
        return container("aaaa1111", "web", "docker.io/library/nginx:alpine", TaskInfo.Status.RUNNING, false,
                Optional.of(false), List.of("bridge"), "10.4.0.5", new PortMapping("", 8080, 80, "tcp"));
    }

    static ContainerView fast() {
        return container("bbbb2222", "fast", "localhost/busybox:test", TaskInfo.Status.RUNNING, true,
                Optional.of(true), List.of("bridge"), "10.4.0.12");
    }

    static ContainerView hostNet() {
        return container("cccc3333", "hostnet", "localhost/busybox:test", TaskInfo.Status.STOPPED, false,
                Optional.of(false), List.of("host"), null);
    }

    static ContainerView ctrMade() {
        return container("rp-raw", null, "localhost/busybox:test", null, false, Optional.empty(), null, null);
    }

    static Snapshot snapshot(Bypass4netnsReadiness readiness, ContainerView... containers) {
        return new Snapshot(Connection.CONNECTED, "", List.of(containers), readiness);
    }

    ContainerRow row(String name) {
        return vm.row(name).orElseThrow(() -> new AssertionError("no row " + name + " in " + vm.rows()));
    }

    // ---- rows ----

    @Test
    void aSnapshotBecomesOneRowPerContainerWithWhatTheColumnsShow() {
        vm.accept(snapshot(READY, web(), fast(), hostNet(), ctrMade()));

        assertThat(vm.rows()).extracting(ContainerRow::name).containsExactly("web", "fast", "hostnet", "rp-raw");
        ContainerRow web = row("web");
        assertThat(web.image()).isEqualTo("docker.io/library/nginx:alpine");
        assertThat(web.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(web.stateToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(web.status()).isEqualTo("Up 5 minutes");
        assertThat(web.pid()).isEqualTo("4242");
        assertThat(web.addresses()).isEqualTo("10.4.0.5");
        assertThat(web.ports()).isEqualTo("0.0.0.0:8080->80/tcp");
        assertThat(web.bypassConfigured()).isFalse();
        assertThat(web.liveText()).isEqualTo("not active");

        ContainerRow stopped = row("hostnet");
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.stateToneProperty().get()).isNotEqualTo(Tone.OK);
        assertThat(stopped.status()).isEqualTo("Exited (137) 2 hours ago");
        assertThat(stopped.pid()).isEmpty();
        assertThat(row("rp-raw").state()).isEqualTo(ContainerState.CREATED);
        assertThat(vm.summaryProperty().get()).isEqualTo("4 containers, 2 running, 1 with bypass4netns");
        assertThat(vm.placeholderProperty().get()).isEmpty();
    }

    @Test
    void rowsStayTheSameObjectsAcrossSnapshotsAndGoneContainersLeave() {
        vm.accept(snapshot(READY, web(), fast()));
        ContainerRow web = row("web");
        vm.selectedProperty().set(web);

        ContainerView stopped = container("aaaa1111", "web", "docker.io/library/nginx:alpine",
                TaskInfo.Status.STOPPED, false, Optional.of(false), List.of("bridge"), null);
        vm.accept(snapshot(READY, stopped));

        assertThat(vm.rows()).containsExactly(web);
        assertThat(web.state()).isEqualTo(ContainerState.EXITED);
        assertThat(web.addresses()).isEmpty();
        assertThat(vm.selectedProperty().get()).isSameAs(web);
        assertThat(vm.detailsProperty().get()).contains(new Fact("pid", "PID", "—"));
    }

    @Test
    void aRecreatedContainerWithTheSameNameStaysSelected() {
        vm.accept(snapshot(READY, web()));
        vm.selectedProperty().set(row("web"));
        ContainerView recreated = container("dddd4444", "web", "docker.io/library/nginx:alpine",
                TaskInfo.Status.RUNNING, true, Optional.of(true), List.of("bridge"), "10.4.0.6");

        vm.accept(snapshot(READY, recreated));

        assertThat(vm.selectedProperty().get()).isNotNull();
        assertThat(vm.selectedProperty().get().view().id()).isEqualTo("dddd4444");
        assertThat(vm.selectedProperty().get().bypassConfigured()).isTrue();
    }

    @Test
    void theTimeDependentStatusMovesOnWithTick() {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ContainersViewModel timed = new ContainersViewModel(ContainersViewModelTest.service(), TaskRunner.direct(), dialogs,
                Runnable::run, moving);
        timed.accept(snapshot(READY, web()));
        now.set(NOW.plusSeconds(3600));
        timed.tick();
        assertThat(timed.row("web").orElseThrow().status()).isEqualTo("Up About an hour");
    }

    // ---- bypass4netns ----

    @Test
    void theSwitchShowsTheConfiguredStateAndLiveIsWordedWithAToneThatMarksAMismatch() {
        ContainerView onButStopped = container("eeee5555", "sleepy", "localhost/busybox:test",
                TaskInfo.Status.STOPPED, true, Optional.of(false), List.of("bridge"), null);
        ContainerView onButNotListed = container("ffff6666", "early", "localhost/busybox:test",
                TaskInfo.Status.RUNNING, true, Optional.of(false), List.of("bridge"), "10.4.0.7");
        ContainerView unknown = container("abab7777", "dunno", "localhost/busybox:test",
                TaskInfo.Status.RUNNING, true, Optional.empty(), List.of("bridge"), "10.4.0.8");
        vm.accept(snapshot(READY, fast(), onButStopped, onButNotListed, unknown, web()));

        assertThat(row("fast").bypassConfigured()).isTrue();
        assertThat(row("fast").liveText()).isEqualTo("active");
        assertThat(row("fast").liveTone()).isEqualTo(Tone.OK);

        assertThat(row("sleepy").bypassConfigured()).isTrue();
        assertThat(row("sleepy").liveText()).isEqualTo("not active");
        assertThat(row("sleepy").liveTone()).isEqualTo(Tone.WARNING);
        assertThat(row("sleepy").liveExplanation()).contains("not running");

        assertThat(row("early").liveTone()).isEqualTo(Tone.WARNING);
        assertThat(row("early").liveExplanation()).contains("does not list it");

        assertThat(row("dunno").liveText()).isEqualTo("unknown");
        assertThat(row("dunno").liveTone()).isEqualTo(Tone.MUTED);

        assertThat(row("web").liveText()).isEqualTo("not active");
        assertThat(row("web").liveTone()).isEqualTo(Tone.MUTED);
    }

    @Test
    void theSwitchIsUnavailableWithTheReasonWhenTheHostIsNotReadyOrTheContainerIsNotOnCni() {
        vm.accept(snapshot(READY, web(), hostNet(), ctrMade()));
        assertThat(row("web").switchAvailable()).isTrue();
        assertThat(row("web").unavailableReason()).isEmpty();
        assertThat(row("hostnet").switchAvailable()).isFalse();
        assertThat(row("hostnet").unavailableReason()).contains("not on a CNI network");
        assertThat(row("rp-raw").unavailableReason()).contains("not created by nerdctl");
        assertThat(vm.readyProperty().get()).isTrue();

        vm.accept(snapshot(DAEMON_DOWN, web()));
        assertThat(row("web").switchAvailable()).isFalse();
        assertThat(row("web").unavailableReason()).isEqualTo("bypass4netnsd is not running: install it on the Overview page.");
        assertThat(vm.readyProperty().get()).isFalse();
        assertThat(vm.readinessTextProperty().get()).contains("bypass4netnsd is not running");

        vm.selectedProperty().set(row("web"));
        assertThat(vm.canSwitchProperty().get()).isFalse();
        assertThat(vm.detailsProperty().get())
                .contains(new Fact("bypass4netns-switch", "bypass4netns switch",
                        "unavailable: bypass4netnsd is not running: install it on the Overview page."));
    }

    @Test
    void anUnavailableSwitchDoesNotStartTheFlow() {
        vm.accept(snapshot(DAEMON_DOWN, web()));
        boolean started = vm.requestBypass(row("web"), q -> {
            throw new AssertionError("asked although unavailable");
        }, p -> {
            throw new AssertionError("plan shown although unavailable");
        });
        assertThat(started).isFalse();
        assertThat(row("web").busy()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theConfirmationListsWhatIsNotCarriedAndOffersTheCommit() {
        Plan plan = new Plan("Recreate web with bypass4netns", "", Optional.empty(),
                List.of(Step.of("Stop web", () -> "stopped")), List.of(), "nerdctl commands", "Recreate", true);
        RecreatePlan rp = new RecreatePlan(web(), true, List.of("run", "-d", "--name=web", "nginx"),
                List.of(List.of("stop", "web"), List.of("run", "-d", "--name=web", "--annotation=nerdctl/bypass4netns=true",
                        "docker.io/library/nginx:alpine")),
                List.of("ports 8080:80"), List.of("Files written inside the container (its writable layer) are lost."),
                Optional.empty(), plan);

        ContainersViewModel.RecreateQuestion q = ContainersViewModel.question(rp);

        assertThat(q.title()).isEqualTo("Recreate web with bypass4netns?");
        assertThat(q.notCarried()).containsExactly("Files written inside the container (its writable layer) are lost.");
        assertThat(q.carried()).containsExactly("ports 8080:80");
        assertThat(q.commitLabel()).isEqualTo("Commit the container first (keeps files written inside it)");
        assertThat(q.message()).contains("old one gets its name and state back");

        // the plan window shows the nerdctl commands even when the plan did not attach them
        Plan shown = ContainersViewModel.withCommands(rp);
        assertThat(shown.unitFile()).hasValueSatisfying(text -> assertThat(text)
                .contains("nerdctl stop web").contains("--annotation=nerdctl/bypass4netns=true"));
        assertThat(shown.attachmentTitle()).isEqualTo("nerdctl commands");
        assertThat(shown.actionLabel()).isEqualTo("Recreate");
        assertThat(shown.rollbackOnFailure()).isTrue();
    }

    // ---- filter, sort, details ----

    @Test
    void theFilterMatchesNameImageIdPrefixNamespaceAndStateAndEveryWordMustMatch() {
        vm.accept(snapshot(READY, web(), fast(), hostNet(), ctrMade()));

        vm.filterProperty().set("nginx");
        assertThat(vm.visible()).extracting(ContainerRow::name).containsExactly("web");
        vm.filterProperty().set("BBBB");
        assertThat(vm.visible()).extracting(ContainerRow::name).containsExactly("fast");
        vm.filterProperty().set("2222");   // the id only matches from its start
        assertThat(vm.visible()).isEmpty();
        assertThat(vm.placeholderProperty().get()).isEqualTo("No container matches \"2222\".");
        vm.filterProperty().set("exited");
        assertThat(vm.visible()).extracting(ContainerRow::name).containsExactly("hostnet");
        vm.filterProperty().set("busybox running");
        assertThat(vm.visible()).extracting(ContainerRow::name).containsExactly("fast");
        vm.filterProperty().set("default");
        assertThat(vm.visible()).hasSize(4);
        vm.filterProperty().set("  ");
        assertThat(vm.visible()).hasSize(4);
    }

    @Test
    void aRowThatStopsMatchingLeavesTheFilteredListOnTheNextSnapshot() {
        vm.accept(snapshot(READY, web(), fast()));
        vm.filterProperty().set("running");
        assertThat(vm.visible()).hasSize(2);
        ContainerView stopped = container("aaaa1111", "web", "docker.io/library/nginx:alpine",
                TaskInfo.Status.STOPPED, false, Optional.of(false), List.of("bridge"), null);
        vm.accept(snapshot(READY, stopped, fast()));
        assertThat(vm.visible()).extracting(ContainerRow::name).containsExactly("fast");
    }

    @Test
    void columnsSortByTheirMeaningNotByTheirText() {
        ContainerView longRunning = container("a0", "old", "img", TaskInfo.Status.RUNNING, false, Optional.of(false),
                List.of("bridge"), "10.4.0.100");
        // started 300 s ago (web) vs this one: build one started a day ago
        longRunning = new ContainerView(longRunning.info(), longRunning.nerdctl(), longRunning.bypass(),
                longRunning.ports(), longRunning.addresses(), Optional.of(NOW.minusSeconds(86400)), Optional.of(false));
        vm.accept(snapshot(READY, hostNet(), longRunning, web(), fast(), ctrMade()));
        List<ContainerRow> rows = new ArrayList<>(vm.rows());

        rows.sort(ContainersViewModel.order(Column.STATE));
        assertThat(rows).extracting(ContainerRow::name).containsExactly("fast", "old", "web", "rp-raw", "hostnet");
        rows.sort(ContainersViewModel.order(Column.STATUS));
        assertThat(rows).extracting(ContainerRow::name).containsExactly("fast", "web", "old", "rp-raw", "hostnet");
        rows.sort(ContainersViewModel.order(Column.ADDRESSES));   // 10.4.0.5 < 10.4.0.12 < 10.4.0.100, none last
        assertThat(rows).extracting(ContainerRow::name).startsWith("web", "fast", "old");
        rows.sort(ContainersViewModel.order(Column.BYPASS));
        assertThat(rows.get(0).name()).isEqualTo("fast");
        rows.sort(ContainersViewModel.order(Column.PID));
        assertThat(rows.get(rows.size() - 1).pid()).isEmpty();
        rows.sort(ContainersViewModel.order(Column.NAME));
        assertThat(rows).extracting(ContainerRow::name).containsExactly("fast", "hostnet", "old", "rp-raw", "web");
    }

    @Test
    void theDetailsSayEverythingAboutTheSelectedContainer() {
        vm.accept(snapshot(READY, web()));
        vm.selectedProperty().set(row("web"));

        List<Fact> facts = vm.detailsProperty().get();
        assertThat(facts).contains(
                new Fact("id", "ID", "aaaa1111"),
                new Fact("namespace", "Namespace", "default"),
                new Fact("image", "Image", "docker.io/library/nginx:alpine"),
                new Fact("state", "State", "running · Up 5 minutes"),
                new Fact("pid", "PID", "4242"),
                new Fact("started", "Started", "2025-03-10 11:55:00 (up 5m 0s)"),
                new Fact("addresses", "Addresses", "eth0 10.4.0.5/24"),
                new Fact("ports", "Ports", "0.0.0.0:8080->80/tcp"),
                new Fact("networks", "Networks", "bridge"),
                new Fact("restart", "Restart policy", "no"),
                new Fact("snapshotter", "Snapshotter", "overlayfs"),
                new Fact("bypass4netns-configured", "bypass4netns configured", "off (not set)"),
                new Fact("bypass4netns-switch", "bypass4netns switch", "available"));
        assertThat(facts).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("Labels");
            assertThat(f.value()).startsWith("2: ").contains("nerdctl/name=web");
        });
        assertThat(vm.canStopProperty().get()).isTrue();
        assertThat(vm.canStartProperty().get()).isFalse();
        assertThat(vm.canSwitchProperty().get()).isTrue();
        assertThat(vm.switchLabelProperty().get()).isEqualTo("Recreate with _bypass4netns…");
    }

    @Test
    void configuredDetailsNameTheSourceIgnoredSubnetsAndAProblem() {
        Map<String, String> labels = Map.of("nerdctl/name", "odd", "nerdctl/networks", "[\"bridge\"]");
        Map<String, String> annotations = Map.of("nerdctl/bypass4netns", "yes-please",
                "nerdctl/bypass4netns-ignore-subnets", "[\"10.0.0.0/8\"]", "nerdctl/bypass4netns-ignore-bind", "true");
        ContainerInfo info = new ContainerInfo("odd1", "default", "img", labels, OciSpec.EMPTY, "overlayfs",
                NOW, Optional.empty());
        ContainerView v = new ContainerView(info, NerdctlMeta.of(labels), Bypass4netnsConfig.of(annotations, labels),
                List.of(), List.of(), Optional.empty(), Optional.empty());

        List<Fact> facts = ContainersViewModel.facts(v, "", NOW, ZoneOffset.UTC);

        assertThat(facts).contains(new Fact("bypass4netns-configured", "bypass4netns configured",
                "off (annotation nerdctl/bypass4netns); ignore subnets 10.0.0.0/8; ignore bind (published ports go "
                        + "through RootlessKit)"));
        assertThat(facts).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("bypass4netns problem");
            assertThat(f.value()).contains("\"yes-please\" is not a boolean");
        });
        assertThat(facts).anySatisfy(f -> {
            assertThat(f.name()).isEqualTo("bypass4netns live");
            assertThat(f.value()).startsWith("unknown");
        });
    }

    // ---- connection ----

    @Test
    void theBannerShowsWhileContainerdIsUnavailableAndGoesAwayOnRecovery() {
        assertThat(vm.placeholderProperty().get()).isEqualTo("Connecting to containerd…");
        vm.accept(new Snapshot(Connection.UNAVAILABLE, "connection refused at /run/user/1000/containerd/containerd.sock",
                List.of(), READY));
        assertThat(vm.bannerVisibleProperty().get()).isTrue();
        assertThat(vm.bannerTextProperty().get()).contains("containerd is not available")
                .contains("connection refused at /run/user/1000/containerd/containerd.sock. The list");
        assertThat(vm.placeholderProperty().get()).contains("not available");

        vm.accept(snapshot(READY));
        assertThat(vm.bannerVisibleProperty().get()).isFalse();
        assertThat(vm.bannerTextProperty().get()).isEmpty();
        assertThat(vm.placeholderProperty().get()).startsWith("No containers.");
    }

    @Test
    void whileContainerdIsUnavailableNothingCanBeStartedStoppedOrSwitched() {
        vm.accept(snapshot(READY, web()));
        vm.selectedProperty().set(row("web"));
        vm.accept(new Snapshot(Connection.UNAVAILABLE, "gone", List.of(), READY));
        assertThat(vm.canStopProperty().get()).isFalse();
        assertThat(vm.canSwitchProperty().get()).isFalse();
        assertThat(vm.requestBypass(row("web"), q -> Optional.empty(), p -> { })).isFalse();
    }

    // ---- run container ----

    @Test
    void portsAreReadAsNerdctlsPublishArgumentAndABadOneIsNamed() {
        assertThat(ContainersViewModel.parsePorts("8080:80, 127.0.0.1:5353:53/udp [::1]:8443:443 9000")).containsExactly(
                new PortMapping("", 8080, 80, "tcp"),
                new PortMapping("127.0.0.1", 5353, 53, "udp"),
                new PortMapping("::1", 8443, 443, "tcp"),
                new PortMapping("", 9000, 9000, "tcp"));
        assertThat(ContainersViewModel.parsePorts("  ")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContainersViewModel.parsePorts("8080:80, 70000:80"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"70000:80\": \"70000\" is not a port (1-65535).");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContainersViewModel.parsePorts("80:80/icmp"))
                .hasMessage("\"80:80/icmp\": the protocol must be tcp, udp or sctp.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ContainersViewModel.parsePorts("a:b:c:d"))
                .hasMessage("\"a:b:c:d\" is not HOSTPORT:CONTAINERPORT.");
    }

    // ---- language ----

    @Test
    void theTextsFollowTheLanguageAndTheFilterTakesTheShownStateWord() {
        try {
            Messages.use(Locale.GERMAN);
            vm.accept(snapshot(READY, web(), hostNet()));
            vm.selectedProperty().set(row("web"));

            assertThat(vm.summaryProperty().get()).isEqualTo("2 Container, 1 läuft, 0 mit bypass4netns");
            assertThat(vm.detailsProperty().get()).contains(
                    new Fact("started", "Gestartet", "10.03.2025 11:55:00 (seit 5 min 0 s)"),
                    new Fact("bypass4netns-configured", "bypass4netns eingestellt", "aus (nicht gesetzt)"));
            assertThat(vm.switchLabelProperty().get()).isEqualTo("Mit _bypass4netns neu erstellen…");
            assertThat(row("hostnet").liveText()).isEqualTo("nicht aktiv");
            vm.filterProperty().set("beendet");
            assertThat(vm.visible()).extracting(ContainerRow::name).containsExactly("hostnet");
            vm.filterProperty().set("exited");   // nerdctl's word still matches
            assertThat(vm.visible()).extracting(ContainerRow::name).containsExactly("hostnet");
        } finally {
            Messages.use(Locale.getDefault());
        }
    }
}
