package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.systemd.UserBusAddress;

class UserBusAddressTest {

    @Test
    void sessionBusAddressWinsOverRuntimeDir() {
        Map<String, String> env = Map.of(
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=/tmp/custom-bus",
                "XDG_RUNTIME_DIR", "/run/user/1000");
        assertThat(UserBusAddress.resolve(env)).contains("unix:path=/tmp/custom-bus");
    }

    @Test
    void sessionBusAddressAloneIsUsedAsGiven() {
        assertThat(UserBusAddress.resolve(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-xyz,guid=42")))
                .contains("unix:abstract=/tmp/dbus-xyz,guid=42");
    }

    @Test
    void runtimeDirGivesTheBusSocketInside() {
        assertThat(UserBusAddress.resolve(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
                .contains("unix:path=/run/user/1000/bus");
    }

    @Test
    void blankSessionBusAddressIsIgnored() {
        Map<String, String> env = Map.of("DBUS_SESSION_BUS_ADDRESS", "  ", "XDG_RUNTIME_DIR", "/run/user/1001");
        assertThat(UserBusAddress.resolve(env)).contains("unix:path=/run/user/1001/bus");
    }

    @Test
    void blankValuesEverywhereResolveToNothing() {
        assertThat(UserBusAddress.resolve(Map.of("DBUS_SESSION_BUS_ADDRESS", "", "XDG_RUNTIME_DIR", " \t")))
                .isEmpty();
    }

    @Test
    void neitherVariableResolvesToNothing() {
        assertThat(UserBusAddress.resolve(Map.of("HOME", "/home/u", "USER", "u"))).isEmpty();
    }

    @Test
    void missingHintPointsAtSuAndSudo() {
        assertThat(UserBusAddress.missingHint())
                .containsPattern("\\bsu\\b")
                .containsPattern("\\bsudo\\b")
                .contains("XDG_RUNTIME_DIR");
    }
}
