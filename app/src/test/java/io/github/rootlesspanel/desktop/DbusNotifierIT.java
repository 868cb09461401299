package io.github.rootlesspanel.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.desktop.Notifier.Notice;
import io.github.rootlesspanel.testsupport.TestDesktop;
import io.github.rootlesspanel.testsupport.TestDesktop.Received;
import io.github.rootlesspanel.testsupport.TestUser;

/** DbusNotifier against the real dunst on the throwaway user's bus (test-user.sh desktop). */
@Tag("real-systemd")
class DbusNotifierIT {

    static final Duration PROMPTLY = Duration.ofSeconds(10);
    static TestDesktop desktop;
    DbusNotifier notifier;

    @org.junit.jupiter.api.BeforeAll
    static void startDesktop() {
        desktop = TestDesktop.start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopDesktop() {
        desktop.close();
    }

    @BeforeEach
    void connect() {
        notifier = new DbusNotifier(TestUser.busAddress(), "Open");
        // a clean screen: earlier notifications (critical ones stay) would take dunstctl's position 0
        TestDesktop.dunstctl("close-all");
    }

    @AfterEach
    void close() {
        notifier.close();
    }

    @Test
    void aNoticeArrivesWithItsSummaryBodyAndUrgency() {
        int before = TestDesktop.notifications().size();

        assertThat(notifier.show(new Notice("containerd failed", "exit-code", true, Optional.of("containerd.service"))))
                .isTrue();
        assertThat(notifier.show(new Notice("Install finished", "all steps done", false, Optional.empty()))).isTrue();

        List<Received> got = TestDesktop.awaitNotifications(before + 2, PROMPTLY).subList(before, before + 2);
        assertThat(got.get(0)).extracting(Received::app, Received::summary, Received::body, Received::urgency)
                .containsExactly("Rootless Panel", "containerd failed", "exit-code", "CRITICAL");
        assertThat(got.get(1)).extracting(Received::app, Received::summary, Received::body, Received::urgency)
                .containsExactly("Rootless Panel", "Install finished", "all steps done", "NORMAL");
        assertThat(got.get(1).id()).isNotEqualTo(got.get(0).id());
    }

    @Test
    void aUnitsNewerNoticeReplacesItsOlderOne() {
        int before = TestDesktop.notifications().size();

        notifier.show(new Notice("buildkit stopped", "first", false, Optional.of("buildkit.service")));
        notifier.show(new Notice("stargz stopped", "other unit", false, Optional.of("stargz-snapshotter.service")));
        notifier.show(new Notice("buildkit failed", "second", true, Optional.of("buildkit.service")));

        List<Received> got = TestDesktop.awaitNotifications(before + 3, PROMPTLY).subList(before, before + 3);
        assertThat(got.get(2).summary()).isEqualTo("buildkit failed");
        assertThat(got.get(2).id()).as("same notification id: replaced").isEqualTo(got.get(0).id());
        assertThat(got.get(1).id()).isNotEqualTo(got.get(0).id());
        assertThat(TestDesktop.dunstctl("count", "displayed")).as("two on screen, not three").isEqualTo("2");
    }

    @Test
    void theOpenActionReportsTheUnit() throws Exception {
        CompletableFuture<String> opened = new CompletableFuture<>();
        notifier.setOpenListener(opened::complete);
        int before = TestDesktop.notifications().size();
        notifier.show(new Notice("containerd stopped", "", false, Optional.of("containerd.service")));
        TestDesktop.awaitNotifications(before + 1, PROMPTLY);

        // what a click on the notification does: dunst invokes its default action
        TestDesktop.dunstctl("action", "0");

        assertThat(opened.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isEqualTo("containerd.service");
    }

    @Test
    void withoutANotificationServerShowAnswersFalse(@TempDir Path dir) throws Exception {
        // a real session bus on which nothing owns org.freedesktop.Notifications and nothing can be activated
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("bus")));
        Process bus = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--nopidfile",
                "--print-address=1").start();
        try {
            String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            try (DbusNotifier lonely = new DbusNotifier(address, "Open")) {
                Notice n = new Notice("containerd failed", "", true, Optional.of("containerd.service"));
                assertThat(lonely.show(n)).isFalse();
                assertThat(lonely.show(n)).as("again, without an exception").isFalse();
            }
            try (DbusNotifier noBus = new DbusNotifier("unix:path=" + dir.resolve("no-such-bus"), "Open")) {
                assertThat(noBus.show(new Notice("x", "", false, Optional.empty()))).isFalse();
            }
        } finally {
            bus.destroy();
            bus.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
