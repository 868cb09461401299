package io.github.rootlesspanel.snapshotters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.containers.PluginInfo;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Snapshotters through the command line with real RootlessKit + containerd 1.6 of the test environment.
 * The fuse-overlayfs snapshotter daemon is the project's stand-in (no package ships
 * containerd-fuse-overlayfs-grpc here): it listens on the socket containerd's proxy plugin dials.
 */
@Tag("real-systemd")
class SnapshotterIT {

    static final Path LAUNCHER = Path.of(System.getProperty("rp.project.dir", "."), "packaging/bin/rootless-panel");
    static String original;

    static TestUser.Result panel(String... args) {
        return TestUser.panel(args);
    }

    static Path config() {
        return TestUser.home().resolve(".config/containerd/config.toml");
    }

    @BeforeAll
    static void installContainerd() throws Exception {
        TestUser.removeUnit("containerd-fuse-overlayfs.service");
        TestUser.removeUnit("containerd.service");
        original = Files.readString(config());
        TestUser.Result r = panel("install", "containerd");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @AfterAll
    static void removeContainerd() throws Exception {
        TestUser.removeUnit("containerd-fuse-overlayfs.service");
        TestUser.removeUnit("containerd.service");
        Files.writeString(config(), original);
        Files.deleteIfExists(Path.of(config() + ".bak"));
    }

    @BeforeEach
    @AfterEach
    void originalConfig() throws Exception {
        Files.writeString(config(), original);
    }

    static List<PluginInfo> snapshotters() throws Exception {
        try (ContainerdClient c = ContainerdClient.connect(ContainerdClient.defaultSocket(System.getenv()))) {
            return c.plugins(List.of("type==" + PluginInfo.SNAPSHOTTER));
        }
    }

    @Test
    void listReportsOverlayfsLoadedAndUsable() throws Exception {
        TestUser.Result r = panel("snapshotter", "list", "--json");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.output());
        JsonNode overlay = json.get("snapshotters").get(0);
        assertThat(overlay.get("name").asText()).isEqualTo("overlayfs");
        assertThat(overlay.get("expectedToWork").asBoolean()).isTrue();
        assertThat(overlay.get("loaded").asBoolean()).isTrue();
        assertThat(json.get("default").asText()).isEqualTo("overlayfs");
    }

    @Test
    void enablingFuseOverlayfsMakesContainerdListItAndDisablingGivesTheFileBack() throws Exception {
        TestUser.Result on = panel("snapshotter", "enable", "fuse-overlayfs");
        assertThat(on.exitCode()).as(on.output()).isZero();
        assertThat(on.output()).contains("listed and loaded");
        assertThat(snapshotters()).anyMatch(p -> p.id().equals("fuse-overlayfs") && p.loaded());
        String merged = Files.readString(config());
        assertThat(merged.lines().filter(l -> l.startsWith("[proxy_plugins]")).count()).isEqualTo(1);
        for (String line : original.lines().toList()) {
            assertThat(merged).contains(line);
        }

        TestUser.Result off = panel("snapshotter", "disable", "fuse-overlayfs");
        assertThat(off.exitCode()).as(off.output()).isZero();
        assertThat(Files.readString(config())).isEqualTo(original);
        assertThat(snapshotters()).noneMatch(p -> p.id().equals("fuse-overlayfs"));
        assertThat(TestUser.unitDir().resolve("containerd-fuse-overlayfs.service")).doesNotExist();
    }

    @Test
    void aFileContainerdRejectsIsAFailedStepWithContainerdsOwnMessage() throws Exception {
        // the user's own proxy_plugins entry with a number where containerd wants a string: kept by the merge
        String broken = original + "\n[proxy_plugins]\n  [proxy_plugins.\"fuse-overlayfs\"]\n    type = \"snapshot\"\n"
                + "    address = 5\n";
        Files.writeString(config(), broken);
        TestUser.Result r = panel("snapshotter", "enable", "fuse-overlayfs");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("containerd rejects the merged config.toml").contains("int64");
        assertThat(Files.readString(config())).isEqualTo(broken);
        assertThat(r.output()).contains("Rolling back");
    }

    @Test
    void dryRunPrintsThePlanAndADiffThatOnlyAdds() throws Exception {
        TestUser.Result r = panel("snapshotter", "enable", "stargz", "--dry-run");
        assertThat(r.exitCode()).as(r.output()).isZero();
        String diff = r.output().substring(r.output().indexOf("--- "));
        assertThat(diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---"))).isEmpty();
        assertThat(diff).contains("+  [proxy_plugins.stargz]").contains("@@ -");
        assertThat(Files.readString(config())).isEqualTo(original);
    }

    @Test
    void defaultGoesToNerdctlToml() throws Exception {
        Path toml = TestUser.home().resolve(".config/nerdctl/nerdctl.toml");
        Files.createDirectories(toml.getParent());
        Files.writeString(toml, "# my nerdctl settings\nnamespace = \"default\"\n");
        try {
            TestUser.Result r = panel("snapshotter", "default", "native");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(Files.readString(toml)).contains("# my nerdctl settings").contains("snapshotter = \"native\"");
            JsonNode json = new ObjectMapper().readTree(panel("snapshotter", "list", "--json").output());
            assertThat(json.get("default").asText()).isEqualTo("native");
        } finally {
            Files.deleteIfExists(toml);
            Files.deleteIfExists(Path.of(toml + ".bak"));
        }
    }
}
