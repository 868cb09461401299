package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The client against real rootless containerd (Debian 12's 1.6.20 under RootlessKit), installed and
 * uninstalled with the panel's own command line as the throwaway test user. The test environment's
 * config.toml disables the CRI plugin; devmapper has no configuration, so it fails to load.
 */
@Tag("real-systemd")
class ContainerdClientIT {

    static final Path LAUNCHER = Path.of(System.getProperty("rp.project.dir", "."), "packaging/bin/rootless-panel");
    static final String UNIT = "containerd.service";

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit(UNIT);
        Files.deleteIfExists(TestUser.unitDir().resolve(UNIT + ".bak"));
    }

    static TestUser.Result panel(String... args) {
        return TestUser.panel(args);
    }

    @Test
    void versionAndPluginsOfRealRootlessContainerd() throws Exception {
        TestUser.home();
        Path runtimeDir = Path.of(System.getenv("XDG_RUNTIME_DIR"));
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        assertThat(socket).isEqualTo(runtimeDir.resolve("containerd/containerd.sock"));

        TestUser.Result install = panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();

        try (ContainerdClient client = ContainerdClient.connect(socket)) {
            assertThat(client.version()).startsWith("1.6");

            List<PluginInfo> plugins = client.plugins();
            String listing = plugins.stream().map(p -> p.type() + " " + p.id() + " " + p.status()
                    + p.initError().map(e -> " (" + e + ")").orElse("")).collect(Collectors.joining("\n"));
            System.out.println("containerd " + client.version() + " plugins:\n" + listing);

            PluginInfo overlayfs = find(plugins, PluginInfo.SNAPSHOTTER, "overlayfs");
            assertThat(overlayfs.initError()).as(listing).isEmpty();
            assertThat(overlayfs.status()).isEqualTo(PluginInfo.Status.OK);
            // the export is containerd's view inside RootlessKit's mount namespace (/var/lib/containerd is
            // the host's ~/.local/share/containerd there)
            assertThat(overlayfs.exports()).containsEntry("root", "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs");

            PluginInfo devmapper = find(plugins, PluginInfo.SNAPSHOTTER, "devmapper");
            assertThat(devmapper.initError()).as(listing).hasValueSatisfying(m -> assertThat(m).isNotBlank()
                    .contains("devmapper not configured"));
            assertThat(devmapper.status()).isEqualTo(PluginInfo.Status.ERROR);
            assertThat(plugins).filteredOn(p -> p.initError().isPresent())
                    .allSatisfy(p -> assertThat(p.initError().orElseThrow()).isNotBlank());
            // disabled in config.toml: containerd does not even register it
            assertThat(plugins).noneMatch(p -> p.id().equals("cri"));

            List<PluginInfo> snapshotters = client.plugins(List.of("type==" + PluginInfo.SNAPSHOTTER));
            assertThat(snapshotters).isNotEmpty().allMatch(PluginInfo::isSnapshotter);
            assertThat(snapshotters).extracting(PluginInfo::id).contains("overlayfs", "native", "devmapper");
            assertThat(snapshotters).hasSize((int) plugins.stream().filter(PluginInfo::isSnapshotter).count());
        }

        TestUser.Result uninstall = panel("uninstall", "containerd");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();

        // a stopped containerd: missing socket (connect) or one nobody answers on (the call) - both "not running"
        assertThatThrownBy(() -> {
            try (ContainerdClient client = ContainerdClient.connect(socket)) {
                client.version();
            }
        }).isInstanceOfSatisfying(ContainerdException.class,
                        e -> assertThat(e.kind()).isEqualTo(ContainerdException.Kind.NOT_RUNNING))
                .hasMessageStartingWith("containerd is not running (")
                .hasMessageContaining(socket.toString());
    }

    @Test
    void theTtrpcSocketBesideItIsNotMistakenForGrpc() throws Exception {
        TestUser.home();
        TestUser.Result install = panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path socket = ContainerdClient.defaultSocket(Map.of("XDG_RUNTIME_DIR", System.getenv("XDG_RUNTIME_DIR")));
        Path ttrpc = socket.resolveSibling("containerd.sock.ttrpc");
        assertThat(ttrpc).exists();
        assertThatThrownBy(() -> ContainerdClient.connect(ttrpc))
                .isInstanceOf(ContainerdException.class).hasMessageContaining("ttrpc, not gRPC");
    }

    private static PluginInfo find(List<PluginInfo> plugins, String type, String id) {
        return plugins.stream().filter(p -> p.type().equals(type) && p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + type + " " + id + " in " + plugins));
    }
}
