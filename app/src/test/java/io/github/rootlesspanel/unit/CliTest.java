package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.setup.Component;

class CliTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-10T12:00:00Z"), ZoneOffset.UTC);
    /** A usable environment: if a command reached for the bus, the connector below would fail the test. */
    private static final Map<String, String> ENV = Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/home/u");
    private static final Cli.Connector NO_BUS = address -> {
        throw new AssertionError("the connector must not be called, but was with " + address);
    };

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return new Cli(NO_BUS, env, out, err, CLOCK).run(args);
    }

    private int run(String... args) {
        return run(ENV, args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        assertThat(run("frobnicate", "containerd")).isEqualTo(Cli.USAGE).isEqualTo(2);
        assertThat(err()).contains("frobnicate");
    }

    @Test
    void startWithoutUnitIsAUsageError() {
        assertThat(run("start")).isEqualTo(2);
        assertThat(err()).isNotBlank();
    }

    @Test
    void startWithTwoUnitsIsAUsageError() {
        assertThat(run("start", "containerd", "buildkit")).isEqualTo(2);
    }

    @Test
    void startOfAnUnknownUnitIsAUsageErrorListingTheComponents() {
        assertThat(run("start", "nosuch")).isEqualTo(2);
        assertThat(err()).contains("nosuch");
        for (Component c : Component.values()) {
            assertThat(err()).contains(c.id());
        }
    }

    @Test
    void statusWithAnExtraArgumentIsAUsageError() {
        assertThat(run("status", "extra")).isEqualTo(2);
        assertThat(err()).contains("extra");
    }

    @Test
    void helpPrintsUsageOnStdoutAndSucceeds() {
        assertThat(run("--help")).isEqualTo(Cli.OK).isZero();
        assertThat(out()).contains("Usage").contains("status").contains("start");
    }

    @Test
    void noArgumentsIsAUsageErrorThatShowsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(out() + err()).contains("Usage");
    }

    @Test
    void versionPrintsTheVersionAndSucceeds() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("rootless-panel ");
        assertThat(out().trim()).isNotEqualTo("rootless-panel");
    }

    @Test
    void statusWithoutBusVariablesIsUnreachableAndHintsAtSu() {
        Map<String, String> suEnv = Map.of("HOME", "/home/u", "USER", "u", "PATH", "/usr/bin");
        assertThat(run(suEnv, "status")).isEqualTo(Cli.UNREACHABLE).isEqualTo(4);
        assertThat(err()).containsPattern("\\bsu\\b").containsPattern("\\bsudo\\b");
    }

    @Test
    void jobWithoutBusVariablesIsUnreachableWithoutTouchingTheBus() {
        assertThat(run(Map.of(), "start", "containerd")).isEqualTo(4);
        assertThat(err()).contains("sudo");
    }
}
