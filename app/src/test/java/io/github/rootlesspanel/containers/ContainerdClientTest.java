package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.rpc.Status;

import io.github.rootlesspanel.containers.ContainerdException.Kind;
import io.github.rootlesspanel.containers.api.introspection.Plugin;
import io.github.rootlesspanel.containers.api.types.Platform;

/**
 * The client against {@link FakeContainerd}, a real gRPC server on a real unix socket in a temporary
 * directory: the transport, the message mapping and every error sentence, without a containerd.
 */
class ContainerdClientTest {

    @TempDir
    Path dir;

    static Plugin plugin(String type, String id, Map<String, String> exports, String initErr) {
        Plugin.Builder b = Plugin.newBuilder().setType(type).setId(id).putAllExports(exports)
                .addPlatforms(Platform.newBuilder().setOs("linux").setArchitecture("amd64"));
        if (initErr != null) {
            b.setInitErr(Status.newBuilder().setCode(2).setMessage(initErr));
        }
        return b.build();
    }

    static final List<Plugin> SNAPSHOTTERS_OF_1_6_20 = List.of(
            plugin("io.containerd.snapshotter.v1", "aufs", Map.of(),
                    "aufs is not supported (modprobe aufs failed: exit status 1 \"modprobe: FATAL: Module aufs not found\"): skip plugin"),
            plugin("io.containerd.snapshotter.v1", "btrfs", Map.of("root", "/var/lib/containerd/io.containerd.snapshotter.v1.btrfs"),
                    "path /var/lib/containerd/io.containerd.snapshotter.v1.btrfs (ext4) must be a btrfs filesystem to be used with the btrfs snapshotter: skip plugin"),
            plugin("io.containerd.snapshotter.v1", "devmapper", Map.of(), "devmapper not configured"),
            plugin("io.containerd.snapshotter.v1", "native", Map.of("root", "/var/lib/containerd/io.containerd.snapshotter.v1.native"), null),
            Plugin.newBuilder().setType("io.containerd.snapshotter.v1").setId("overlayfs")
                    .putExports("root", "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs")
                    .putExports("a", "first")
                    .addCapabilities("remap-ids").build());

    @Test
    void versionAndPluginsComeOverTheUnixSocket() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (FakeContainerd fake = FakeContainerd.start(sock);
             ContainerdClient client = ContainerdClient.connect(sock)) {
            fake.plugins = SNAPSHOTTERS_OF_1_6_20;
            assertThat(client.socket()).isEqualTo(sock.toAbsolutePath());
            assertThat(client.version()).isEqualTo("1.6.20~ds1");

            List<PluginInfo> plugins = client.plugins();
            assertThat(plugins).extracting(PluginInfo::id)
                    .containsExactly("aufs", "btrfs", "devmapper", "native", "overlayfs");
            assertThat(plugins).allMatch(PluginInfo::isSnapshotter);

            PluginInfo overlay = plugins.get(4);
            assertThat(overlay.type()).isEqualTo(PluginInfo.SNAPSHOTTER);
            assertThat(overlay.initError()).isEmpty();
            assertThat(overlay.status()).isEqualTo(PluginInfo.Status.OK);
            assertThat(overlay.loaded()).isTrue();
            assertThat(overlay.exports()).containsExactly(
                    Map.entry("a", "first"), Map.entry("root", "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs"));
            assertThat(overlay.capabilities()).containsExactly("remap-ids");

            PluginInfo devmapper = plugins.get(2);
            assertThat(devmapper.initError()).contains("devmapper not configured");
            assertThat(devmapper.status()).isEqualTo(PluginInfo.Status.ERROR);
            assertThat(devmapper.loaded()).isFalse();
            assertThat(plugins.get(1).status()).isEqualTo(PluginInfo.Status.SKIPPED);
            assertThat(plugins.get(1).initError().orElseThrow()).endsWith(": skip plugin");

            // no filter = every plugin; Version and Introspection need no namespace header
            assertThat(fake.pluginRequests).hasSize(1);
            assertThat(fake.pluginRequests.get(0).getFiltersList()).isEmpty();
            assertThat(fake.namespaces).containsOnly("");
        }
    }

    @Test
    void filtersAreSentAsGiven() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (FakeContainerd fake = FakeContainerd.start(sock);
             ContainerdClient client = ContainerdClient.connect(sock)) {
            client.plugins(List.of("type==io.containerd.snapshotter.v1", "id==overlayfs"));
            assertThat(fake.pluginRequests.get(0).getFiltersList())
                    .containsExactly("type==io.containerd.snapshotter.v1", "id==overlayfs");
        }
    }

    @Test
    void anInitErrorWithoutAMessageStillSaysItFailed() {
        Plugin p = Plugin.newBuilder().setType("t").setId("i").setInitErr(Status.newBuilder().setCode(9)).build();
        assertThat(ContainerdClient.toInfo(p).initError()).hasValueSatisfying(m -> assertThat(m)
                .contains("FAILED_PRECONDITION"));
        assertThat(ContainerdClient.toInfo(Plugin.newBuilder().setType("t").setId("i").build()).initError()).isEmpty();
    }

    @Test
    void answersLargerThanGrpcJavasDefault4MiBArrive() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        List<Plugin> many = new ArrayList<>();
        String big = "x".repeat(2048);
        for (int i = 0; i < 3000; i++) {   // about 6.5 MB on the wire
            many.add(plugin("io.containerd.test.v1", "p" + i, Map.of("blob", big), null));
        }
        try (FakeContainerd fake = FakeContainerd.start(sock);
             ContainerdClient client = ContainerdClient.connect(sock)) {
            fake.plugins = many;
            assertThat(client.plugins()).hasSize(3000);
        }
    }

    @Test
    void noSocketMeansContainerdIsNotRunning() {
        Path sock = dir.resolve("containerd/containerd.sock");
        assertThatThrownBy(() -> ContainerdClient.connect(sock))
                .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_RUNNING))
                .hasMessage("containerd is not running (no socket at " + sock + ").");
    }

    @Test
    void aSocketNobodyListensOnMeansContainerdIsNotRunning() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        // a socket file left behind by a daemon that died: bound, then closed (Java leaves the file)
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
        }
        assertThat(sock).exists();
        try (ContainerdClient client = ContainerdClient.connect(sock)) {
            assertThatThrownBy(client::version)
                    .isInstanceOfSatisfying(ContainerdException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.NOT_RUNNING);
                        assertThat(e.detail()).contains("UNAVAILABLE").containsIgnoringCase("connection refused");
                    })
                    .hasMessage("containerd is not running (nothing answers on " + sock + ").");
        }
    }

    @Test
    void aDaemonThatGoesAwayIsReportedAsNotRunningAndComingBackIsNoticed() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (ContainerdClient client = connectedTo(sock)) {
            // the fake is closed now and netty removed its socket file
            assertThatThrownBy(client::plugins)
                    .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_RUNNING))
                    .hasMessage("containerd is not running (no socket at " + sock + ").");
            try (FakeContainerd again = FakeContainerd.start(sock)) {
                again.version = "1.7.24";
                assertThat(client.version()).isEqualTo("1.7.24");
            }
        }
    }

    private ContainerdClient connectedTo(Path sock) throws Exception {
        ContainerdClient client;
        try (FakeContainerd fake = FakeContainerd.start(sock)) {
            client = ContainerdClient.connect(sock);
            assertThat(client.version()).isEqualTo(fake.version);
        }
        return client;
    }

    @Test
    void aFileThatIsNotASocketIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("containerd.sock"), "");
        assertThatThrownBy(() -> ContainerdClient.connect(file))
                .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
                .hasMessage(file + " is not a socket, so it cannot be containerd's.");
    }

    @Test
    void theTtrpcSocketIsRefusedWithTheRightOne() {
        Path ttrpc = dir.resolve("containerd.sock.ttrpc");
        assertThatThrownBy(() -> ContainerdClient.connect(ttrpc))
                .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
                .hasMessageContaining("ttrpc, not gRPC")
                .hasMessageEndingWith(dir.resolve("containerd.sock") + ".");
    }

    @Test
    void aMissingServiceIsUnsupported() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (FakeContainerd fake = FakeContainerd.withoutIntrospection(sock);
             ContainerdClient client = ContainerdClient.connect(sock)) {
            assertThat(client.version()).isEqualTo(fake.version);
            assertThatThrownBy(client::plugins)
                    .isInstanceOfSatisfying(ContainerdException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
                        assertThat(e.detail()).startsWith("UNIMPLEMENTED")
                                .contains("containerd.services.introspection.v1.Introspection/Plugins");
                    })
                    .hasMessage("This containerd cannot list containerd's plugins (it does not offer that call; an older version?).");
        }
    }

    @Test
    void aSlowAnswerTimesOut() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (FakeContainerd fake = FakeContainerd.start(sock);
             ContainerdClient client = ContainerdClient.connect(sock, Duration.ofMillis(300))) {
            fake.delayMillis = 1500;
            assertThatThrownBy(client::version)
                    .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                    .hasMessage("containerd (" + sock + ") did not answer within 300 ms, so the panel could not ask "
                            + "containerd for its version.");
        }
    }

    @Test
    void anErrorFromContainerdKeepsItsWords() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (FakeContainerd fake = FakeContainerd.start(sock);
             ContainerdClient client = ContainerdClient.connect(sock)) {
            fake.failWith = io.grpc.Status.INVALID_ARGUMENT.withDescription("filters: parse error: [type== >|<]: invalid argument");
            assertThatThrownBy(() -> client.plugins(List.of("type==")))
                    .isInstanceOfSatisfying(ContainerdException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.FAILED);
                        assertThat(e.detail()).startsWith("INVALID_ARGUMENT: filters: parse error");
                    })
                    .hasMessage("containerd could not list containerd's plugins: filters: parse error: [type== >|<]: "
                            + "invalid argument.");
            fake.failWith = io.grpc.Status.PERMISSION_DENIED;
            assertThatThrownBy(client::version)
                    .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED));
        }
    }

    @Test
    void closeStopsEveryThreadTheClientStarted() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (FakeContainerd fake = FakeContainerd.start(sock)) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            ContainerdClient client = ContainerdClient.connect(sock);
            assertThat(client.version()).isEqualTo(fake.version);
            assertThat(clientThreads()).isNotEmpty();
            client.close();
            client.close();   // idempotent
            assertThat(clientThreads()).isEmpty();
            Set<String> newNonDaemon = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !t.isDaemon() && !before.contains(t))
                    .map(Thread::getName).collect(Collectors.toSet());
            assertThat(newNonDaemon).isEmpty();
            assertThatThrownBy(client::version).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("containerd-grpc")).toList();
    }

    @Test
    void theNamespaceHeaderIsContainerds() {
        assertThat(ContainerdClient.namespaceHeader("default").get(FakeContainerd.NAMESPACE)).isEqualTo("default");
        assertThat(ContainerdClient.NAMESPACE_HEADER).isEqualTo("containerd-namespace");
    }

    @Test
    void pluginInfoIsImmutableAndSortsItsExports() {
        Map<String, String> exports = new java.util.HashMap<>(Map.of("z", "1", "a", "2"));
        List<String> caps = new ArrayList<>(List.of("c"));
        PluginInfo p = new PluginInfo("t", "i", exports, caps, Optional.empty());
        exports.put("b", "3");
        caps.add("d");
        assertThat(p.exports()).containsExactly(Map.entry("a", "2"), Map.entry("z", "1"));
        assertThat(p.capabilities()).containsExactly("c");
        assertThatThrownBy(() -> p.exports().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new PluginInfo("io.containerd.snapshotter.v1", "zfs", Map.of(), List.of(),
                Optional.of("path ... must be a zfs filesystem to be used with the zfs snapshotter: skip plugin")).status())
                .isEqualTo(PluginInfo.Status.SKIPPED);
    }
}
