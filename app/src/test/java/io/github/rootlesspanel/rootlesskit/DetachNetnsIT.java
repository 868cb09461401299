package io.github.rootlesspanel.rootlesskit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.testsupport.TestUser;

/**
 * DETACH_NETNS through the panel with Debian trixie's RootlessKit 2.0.2 (unpacked under /opt by
 * app/src/test/env/install-trixie-rootlesskit.sh, called by run-tests.sh) placed first on the unit's PATH.
 */
@Tag("real-systemd")
class DetachNetnsIT {

    static final Path LAUNCHER = Path.of(System.getProperty("rp.project.dir", "."), "packaging/bin/rootless-panel");
    static Path link;

    static TestUser.Result panel(String... args) {
        return TestUser.panel(args);
    }

    static Path netnsFile() {
        return Path.of(System.getenv("XDG_RUNTIME_DIR"), "containerd-rootless", "netns");
    }

    @BeforeAll
    static void useRootlessKit2() throws IOException {
        Path rk;
        try (Stream<Path> dirs = Files.list(Path.of("/opt"))) {
            rk = dirs.filter(d -> d.getFileName().toString().startsWith("rootlesskit-2."))
                    .map(d -> d.resolve("usr/bin/rootlesskit")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new AssertionError("RootlessKit 2.x is missing under /opt: "
                            + "app/src/test/env/run-tests.sh installs it with install-trixie-rootlesskit.sh"));
        }
        // the unit's PATH starts with the directory of containerd-rootless.sh, ~/.local/bin
        link = TestUser.home().resolve(".local/bin/rootlesskit");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, rk);
        TestUser.removeUnit("containerd.service");
        TestUser.Result r = panel("install", "containerd");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @AfterAll
    static void back() throws IOException {
        TestUser.removeUnit("containerd.service");
        Files.deleteIfExists(link);
    }

    @Test
    void detachNetnsFollowsTheSetting() throws Exception {
        StateDir state = StateDir.forRuntimeDir(Path.of(System.getenv("XDG_RUNTIME_DIR")));
        assertThat(state.info(Duration.ofSeconds(5))).contains("\"version\":\"2.0.2\"");
        // auto: RootlessKit 2 has --detach-netns, so the script passes it
        assertThat(netnsFile()).exists();
        assertThat(panel("rootlesskit", "show").output()).contains("DETACH_NETNS").contains("true (auto");

        TestUser.Result off = panel("rootlesskit", "set", "DETACH_NETNS=false", "--restart");
        assertThat(off.exitCode()).as(off.output()).isZero();
        assertThat(netnsFile()).doesNotExist();

        TestUser.Result on = panel("rootlesskit", "set", "DETACH_NETNS=true", "--restart");
        assertThat(on.exitCode()).as(on.output()).isZero();
        assertThat(netnsFile()).exists();
        assertThat(TestUser.systemctl("show", "-P", "Environment", "containerd.service"))
                .contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_DETACH_NETNS=true");
    }
}
