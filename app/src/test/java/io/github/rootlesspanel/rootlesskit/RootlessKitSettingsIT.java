package io.github.rootlesspanel.rootlesskit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * RootlessKit settings through the command line against the throwaway user's real systemd and real
 * RootlessKit 1.1 + containerd (started by the test environment's containerd-rootless.sh).
 */
@Tag("real-systemd")
class RootlessKitSettingsIT {

    static final Path LAUNCHER = Path.of(System.getProperty("rp.project.dir", "."), "packaging/bin/rootless-panel");
    static final String COMMENTED = """
            ### Editing /home/me/.config/systemd/user/containerd.service.d/override.conf
            # my own notes: keep them
            [Service]
            ; a semicolon comment
            Environment="FOO=bar baz" CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=65520
            # trailing comment
            """;

    static Path override() {
        return TestUser.unitDir().resolve("containerd.service.d/override.conf");
    }

    static TestUser.Result panel(String... args) {
        return TestUser.panel(args);
    }

    static StateDir state() {
        return StateDir.forRuntimeDir(Path.of(System.getenv("XDG_RUNTIME_DIR")));
    }

    @BeforeAll
    static void installContainerd() {
        TestUser.removeUnit("containerd.service");
        TestUser.Result r = panel("install", "containerd");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @AfterAll
    static void removeContainerd() throws Exception {
        Files.deleteIfExists(override());
        Files.deleteIfExists(Path.of(override() + ".bak"));
        TestUser.removeUnit("containerd.service");
    }

    @BeforeEach
    void commentedOverride() throws Exception {
        Files.createDirectories(override().getParent());
        Files.writeString(override(), COMMENTED);
        Files.deleteIfExists(Path.of(override() + ".bak"));
    }

    @Test
    void anMtuOutOfRangeIsRefusedWithTheRangeAndNothingIsWritten() throws Exception {
        byte[] before = Files.readAllBytes(override());
        TestUser.Result r = panel("rootlesskit", "set", "CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=70000");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("65521").contains("nothing was written");
        assertThat(Files.readAllBytes(override())).isEqualTo(before);
        assertThat(Path.of(override() + ".bak")).doesNotExist();
    }

    @Test
    void portDriverSlirp4netnsReachesRootlessKitAndKeepsEveryComment() throws Exception {
        TestUser.Result r = panel("rootlesskit", "set", "CONTAINERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=slirp4netns",
                "--restart");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(state().info(Duration.ofSeconds(5))).contains("\"portDriver\":{\"driver\":\"slirp4netns\"");
        String now = Files.readString(override());
        for (String line : COMMENTED.lines().toList()) {
            assertThat(now).contains(line);
        }
        assertThat(now).contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=slirp4netns");
        assertThat(Files.readString(Path.of(override() + ".bak"))).isEqualTo(COMMENTED);
    }

    @Test
    void mtuSandboxAndSeccompReachSystemdAndTheChildNetns() throws Exception {
        TestUser.Result r = panel("rootlesskit", "set", "MTU=1500", "SLIRP4NETNS_SANDBOX=true",
                "SLIRP4NETNS_SECCOMP=true", "--restart");
        assertThat(r.exitCode()).as(r.output()).isZero();
        String env = TestUser.systemctl("show", "-P", "Environment", "containerd.service");
        assertThat(env).contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=1500")
                .contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SANDBOX=true")
                .contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_SLIRP4NETNS_SECCOMP=true")
                .contains("FOO=bar baz");
        SettingsService service = new SettingsService(null, new ProcessRunner());
        assertThat(service.tap0Mtu()).contains(1500);
        // slirp4netns runs with its sandbox and seccomp as asked
        String slirp = TestUser.run(List.of("ps", "-u", System.getProperty("user.name"), "-o", "args="),
                Duration.ofSeconds(10)).output();
        assertThat(slirp).contains("--enable-sandbox").contains("--enable-seccomp").contains("--mtu 1500");

        TestUser.Result back = panel("rootlesskit", "set", "--unset", "MTU", "--restart");
        assertThat(back.exitCode()).as(back.output()).isZero();
        assertThat(Files.readString(override())).doesNotContain("ROOTLESSKIT_MTU");
        // unset with NET auto: the script's default for an auto-selected slirp4netns is 65520
        assertThat(service.tap0Mtu()).contains(65520);
    }

    @Test
    void pastaWithTheDefaultPortDriverIsRefused() throws Exception {
        byte[] before = Files.readAllBytes(override());
        TestUser.Result r = panel("rootlesskit", "set", "NET=pasta", "--dry-run");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).containsIgnoringCase("pasta").contains("PORT_DRIVER");
        assertThat(Files.readAllBytes(override())).isEqualTo(before);
    }

    @Test
    void dryRunPrintsTheDiffAndWritesNothing() throws Exception {
        byte[] before = Files.readAllBytes(override());
        TestUser.Result r = panel("rootlesskit", "set", "MTU=9000", "--dry-run");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("-Environment=\"FOO=bar baz\" CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=65520")
                .contains("+Environment=\"FOO=bar baz\" CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=9000");
        assertThat(Files.readAllBytes(override())).isEqualTo(before);
    }

    @Test
    void aMalformedFileIsReportedWithLineAndColumnAndLeftAlone() throws Exception {
        String broken = "[Service]\nEnvironment=\"UNTERMINATED=yes\n";
        Files.writeString(override(), broken);
        TestUser.Result r = panel("rootlesskit", "set", "MTU=9000");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("line 2").contains("column");
        assertThat(Files.readString(override())).isEqualTo(broken);
    }

    @Test
    void restorePutsThePreviousVersionBack() throws Exception {
        assertThat(panel("rootlesskit", "set", "MTU=9000").exitCode()).isZero();
        assertThat(Files.readString(override())).contains("MTU=9000");
        TestUser.Result r = panel("rootlesskit", "restore");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(Files.readString(override())).isEqualTo(COMMENTED);
    }

    @Test
    void showJsonReportsFileEffectiveAndRunningValues() throws Exception {
        TestUser.Result r = panel("rootlesskit", "show", "--json");
        assertThat(r.exitCode()).as(r.output()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.output());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        var mtu = json.get("variables").get(2);
        assertThat(mtu.get("name").asText()).isEqualTo("MTU");
        assertThat(mtu.get("file").asText()).isEqualTo("65520");
        assertThat(json.get("running").get("networkDriver").asText()).isEqualTo("slirp4netns");
    }
}
