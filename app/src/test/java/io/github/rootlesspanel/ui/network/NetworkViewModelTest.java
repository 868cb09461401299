package io.github.rootlesspanel.ui.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.testsupport.RecordingDialogs;
import io.github.rootlesspanel.topology.Layout;
import io.github.rootlesspanel.topology.Layout.Box;
import io.github.rootlesspanel.topology.Layout.BoxKind;
import io.github.rootlesspanel.topology.Topology;
import io.github.rootlesspanel.topology.Topology.ContainerNode;
import io.github.rootlesspanel.topology.Topology.Health;
import io.github.rootlesspanel.topology.Topology.Iface;
import io.github.rootlesspanel.topology.Topology.IfaceKind;
import io.github.rootlesspanel.topology.Topology.Mode;
import io.github.rootlesspanel.topology.Topology.Netns;
import io.github.rootlesspanel.topology.Topology.NetnsRole;
import io.github.rootlesspanel.ui.common.TaskRunner;
import io.github.rootlesspanel.ui.network.NetworkViewModel.ContainerRef;
import io.github.rootlesspanel.ui.network.NetworkViewModel.Picture;

/**
 * Readings and layouts built here as data are fed in as the monitor's thread would hand them over; the source is
 * never resumed (the UI test follows the real monitor). JavaFX properties need no toolkit.
 */
class NetworkViewModelTest {

    static final Instant AT = Instant.parse("2025-03-10T12:00:05Z");
    static final ZoneId UTC = ZoneOffset.UTC;

    /** A source that must not be asked: these tests feed pictures directly. */
    static final NetworkViewModel.Source UNUSED = new NetworkViewModel.Source() {
        @Override
        public void setListener(Consumer<Topology> listener) {
            throw new AssertionError("not followed here");
        }

        @Override
        public void resume() {
            throw new AssertionError("not followed here");
        }

        @Override
        public void pause() {
            throw new AssertionError("not followed here");
        }

        @Override
        public Topology current() {
            throw new AssertionError("not followed here");
        }

        @Override
        public void close() {
        }
    };

    final RecordingDialogs dialogs = new RecordingDialogs();

    NetworkViewModel vm(Function<Topology, Layout> layouts) {
        return new NetworkViewModel(UNUSED, layouts, t -> "summary of " + t.containers().size(), TaskRunner.direct(),
                dialogs, Runnable::run, UTC);
    }

    static ContainerNode container(String id, String name, long pid, long netNs) {
        return new ContainerNode(id, name, "default", pid, netNs, pid > 0 ? List.of("10.4.0.2/24") : List.of(),
                false, false);
    }

    static Topology topology(Instant at, Health health, List<ContainerNode> containers, List<String> problems) {
        Iface eth0 = new Iface("eth0", 2, IfaceKind.VETH, 1500, true, "", OptionalInt.of(5), List.of("10.4.0.2/24"));
        return new Topology(at, Mode.DETACH_NETNS, health, "slirp4netns", "builtin", "10.0.2.100", 4026531840L,
                List.of(new Netns(4026531840L, NetnsRole.HOST, List.of(), Optional.empty()),
                        new Netns(4026532300L, NetnsRole.CONTAINER, List.of(eth0), Optional.of("c1"))),
                List.of(), containers, List.of(), problems);
    }

    static Box box(String key, BoxKind kind, String title) {
        return new Box(key, kind, title, "net:[1]", 10, 10, 200, 60, "", false, Map.of("inode", "1"));
    }

    static Layout layout(Box... boxes) {
        return new Layout(800, 600, List.of(boxes), List.of(), List.of(), List.of());
    }

    @Test
    void statusTellsModeHealthContainersDriverAndTime() {
        Topology t = topology(AT, Health.RUNNING, List.of(container("c1", "web", 42, 4026532300L),
                container("c2", "db", 0, 0)), List.of());
        assertThat(NetworkViewModel.statusOf(t, UTC)).isEqualTo(
                "Detach-netns mode · running · 1 of 2 containers running · slirp4netns, port driver builtin"
                        + " · updated 12:00:05");
    }

    @Test
    void statusSaysWhenThePictureIsPartialAndWhenNothingRuns() {
        Topology t = topology(AT, Health.CONTAINERD_INACTIVE, List.of(), List.of("bypass4netnsd did not answer."));
        assertThat(NetworkViewModel.statusOf(t, UTC))
                .startsWith("Detach-netns mode · containerd is not active · no containers")
                .endsWith(". Partial picture: bypass4netnsd did not answer.");
    }

    @Test
    void aReadingPublishesItsLayoutSummaryAndStatus() {
        Layout l = layout(box("container:c1", BoxKind.CONTAINER_NETNS, "web"));
        NetworkViewModel vm = vm(t -> l);
        assertThat(vm.placeholderProperty().get()).isNotEmpty();
        Topology t = topology(AT, Health.RUNNING, List.of(container("c1", "web", 42, 4026532300L)), List.of());
        vm.accept(NetworkViewModel.picture(t, t2 -> l, t2 -> "one container"));
        assertThat(vm.layoutProperty().get()).isSameAs(l);
        assertThat(vm.summaryProperty().get()).isEqualTo("one container");
        assertThat(vm.statusProperty().get()).contains("1 container").contains("updated 12:00:05");
        assertThat(vm.placeholderProperty().get()).isEmpty();
    }

    @Test
    void aLayoutThatFailsKeepsTheLastPictureAndSaysWhy() {
        Layout l = layout(box("container:c1", BoxKind.CONTAINER_NETNS, "web"));
        NetworkViewModel vm = vm(t -> l);
        vm.accept(NetworkViewModel.picture(topology(AT, Health.RUNNING, List.of(), List.of()), t -> l, t -> "s"));
        Picture broken = NetworkViewModel.picture(topology(AT.plusSeconds(1), Health.RUNNING, List.of(), List.of()),
                t -> {
                    throw new IllegalStateException("boxes overlap");
                }, t -> "s2");
        assertThat(broken.layout()).isEmpty();
        vm.accept(broken);
        assertThat(vm.layoutProperty().get()).isSameAs(l);
        assertThat(vm.statusProperty().get()).endsWith("The diagram could not be drawn: boxes overlap");
        assertThat(vm.summaryProperty().get()).isEqualTo("s2");
    }

    @Test
    void anOlderReadingLaidOutLaterDoesNotReplaceANewerOne() {
        Layout newer = layout(box("container:c1", BoxKind.CONTAINER_NETNS, "web"));
        Layout older = layout();
        NetworkViewModel vm = vm(t -> newer);
        vm.accept(NetworkViewModel.picture(topology(AT, Health.RUNNING, List.of(), List.of()), t -> newer, t -> "new"));
        vm.accept(NetworkViewModel.picture(topology(AT.minusSeconds(2), Health.RUNNING, List.of(), List.of()),
                t -> older, t -> "old"));
        assertThat(vm.layoutProperty().get()).isSameAs(newer);
        assertThat(vm.summaryProperty().get()).isEqualTo("new");
    }

    @Test
    void aContainerBoxLeadsToItsContainerByKeyOrByNetns() {
        Topology t = topology(AT, Health.RUNNING, List.of(container("c1", "web", 42, 4026532300L),
                container("c2", "db", 43, 4026532400L)), List.of());
        assertThat(NetworkViewModel.containerOf(box("container:c2", BoxKind.CONTAINER_NETNS, "db"), t))
                .contains(new ContainerRef("default", "c2", "db"));
        assertThat(NetworkViewModel.containerOf(box("netns:4026532300", BoxKind.CONTAINER_NETNS, "web"), t))
                .contains(new ContainerRef("default", "c1", "web"));
        assertThat(NetworkViewModel.containerOf(box("netns:4026531840", BoxKind.HOST_NETNS, "host"), t)).isEmpty();
        assertThat(NetworkViewModel.containerOf(box("container:gone", BoxKind.CONTAINER_NETNS, "gone"), t)).isEmpty();
        assertThat(NetworkViewModel.containerOf(box("container:c1", BoxKind.CONTAINER_NETNS, "web"), null)).isEmpty();
    }

    @Test
    void theHoverTextListsTitleSubtitleAndDetails() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("PID", "42");
        details.put("IP", "10.4.0.2/24");
        assertThat(NetworkViewModel.tooltip("web", "net:[4026532300]", details))
                .isEqualTo("web\nnet:[4026532300]\nPID: 42\nIP: 10.4.0.2/24");
        assertThat(NetworkViewModel.tooltip("tap0", "", Map.of())).isEqualTo("tap0");
    }

    @Test
    void aStepLabelLosesTheNumberItsBadgeShows() {
        assertThat(NetworkViewModel.stepText(1, "1 nerdctl → containerd")).isEqualTo("nerdctl → containerd");
        assertThat(NetworkViewModel.stepText(6, "CNI: eth0 → veth → nerdctl0")).isEqualTo("CNI: eth0 → veth → nerdctl0");
    }

    @Test
    void zoomGoesByStepsWithinBoundsAndResets() {
        NetworkViewModel vm = vm(t -> layout());
        vm.zoomIn();
        assertThat(vm.zoomProperty().get()).isEqualTo(1.25);
        assertThat(vm.zoomTextProperty().get()).isEqualTo("125 %");
        for (int i = 0; i < 20; i++) {
            vm.zoomIn();
        }
        assertThat(vm.zoomProperty().get()).isEqualTo(3.0);
        vm.zoomReset();
        vm.zoomOut();
        assertThat(vm.zoomProperty().get()).isEqualTo(0.8);
        for (int i = 0; i < 20; i++) {
            vm.zoomOut();
        }
        assertThat(vm.zoomProperty().get()).isEqualTo(0.25);
        assertThat(vm.zoomTextProperty().get()).isEqualTo("25 %");
    }

    @Test
    void stepsAreShownUntilSwitchedOff() {
        NetworkViewModel vm = vm(t -> layout());
        assertThat(vm.stepsShownProperty().get()).isTrue();
        vm.stepsShownProperty().set(false);
        assertThat(vm.stepsShownProperty().get()).isFalse();
    }

    @Test
    void exportsWriteTheFileAndReplaceAnOldOneWithoutLeftovers(@TempDir Path dir) throws Exception {
        Layout l = layout(box("container:c1", BoxKind.CONTAINER_NETNS, "web"));
        NetworkViewModel vm = vm(t -> l);
        vm.accept(NetworkViewModel.picture(topology(AT, Health.RUNNING, List.of(), List.of()), t -> l, t -> "s"));
        Path svg = dir.resolve("net.svg");
        Files.writeString(svg, "old");
        vm.exportSvg(svg);
        assertThat(Files.readString(svg)).contains("<svg").contains("web");
        Path png = dir.resolve("net.png");
        vm.exportPng(png, 2, 1, new int[] {0xffff0000, 0xff00ff00});
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("net.svg", "net.png");
        }
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anExportThatCannotBeWrittenSaysSo(@TempDir Path dir) {
        Layout l = layout(box("container:c1", BoxKind.CONTAINER_NETNS, "web"));
        NetworkViewModel vm = vm(t -> l);
        vm.accept(NetworkViewModel.picture(topology(AT, Health.RUNNING, List.of(), List.of()), t -> l, t -> "s"));
        vm.exportSvg(dir.resolve("no-such-dir").resolve("net.svg"));
        assertThat(dialogs.errors).singleElement().asString().startsWith("Export failed: ")
                .contains("no-such-dir");
    }
}
