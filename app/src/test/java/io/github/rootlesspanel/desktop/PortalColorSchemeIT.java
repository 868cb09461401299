package io.github.rootlesspanel.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.testsupport.TestDesktop;
import io.github.rootlesspanel.testsupport.TestUser;

/** PortalColorScheme against the real xdg-desktop-portal 1.16 + gtk backend on the user's bus, flipped by gsettings. */
@Tag("real-systemd")
class PortalColorSchemeIT {

    static final Duration PROMPTLY = Duration.ofSeconds(10);
    static TestDesktop desktop;

    @org.junit.jupiter.api.BeforeAll
    static void startDesktop() {
        desktop = TestDesktop.start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopDesktop() {
        desktop.close();
    }

    @AfterEach
    void reset() {
        TestDesktop.setColorScheme("default");
    }

    @Test
    void followsTheDesktopsPreferenceLive() throws Exception {
        TestDesktop.setColorScheme("default");
        try (PortalColorScheme portal = new PortalColorScheme(TestUser.busAddress())) {
            assertThat(portal.current()).isEqualTo(ColorScheme.NO_PREFERENCE);
            LinkedBlockingQueue<ColorScheme> heard = new LinkedBlockingQueue<>();
            portal.setListener(heard::add);

            TestDesktop.setColorScheme("prefer-dark");
            assertThat(heard.poll(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ColorScheme.PREFER_DARK);
            assertThat(portal.current()).isEqualTo(ColorScheme.PREFER_DARK);

            TestDesktop.setColorScheme("prefer-light");
            assertThat(heard.poll(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ColorScheme.PREFER_LIGHT);
            assertThat(portal.current()).isEqualTo(ColorScheme.PREFER_LIGHT);

            TestDesktop.setColorScheme("default");
            assertThat(heard.poll(PROMPTLY.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ColorScheme.NO_PREFERENCE);
            assertThat(portal.current()).isEqualTo(ColorScheme.NO_PREFERENCE);
        }
    }

    @Test
    void withoutABusThereIsNoPreference(@TempDir Path dir) {
        try (PortalColorScheme portal = new PortalColorScheme("unix:path=" + dir.resolve("no-such-bus"))) {
            portal.setListener(s -> { });
            assertThat(portal.current()).isEqualTo(ColorScheme.NO_PREFERENCE);
        }
    }
}
