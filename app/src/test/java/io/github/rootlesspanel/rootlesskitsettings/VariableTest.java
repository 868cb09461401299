package io.github.rootlesspanel.rootlesskitsettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Variable;

class VariableTest {

    @ParameterizedTest
    @EnumSource(Variable.class)
    void envNameRoundTrips(Variable v) {
        assertThat(v.envName()).isEqualTo("CONTAINERD_ROOTLESS_ROOTLESSKIT_" + v.name());
        assertThat(Variable.fromEnvName(v.envName())).contains(v);
    }

    @ParameterizedTest
    @EnumSource(Variable.class)
    void everyVariableIsDescribed(Variable v) {
        assertThat(v.label()).isNotBlank();
        assertThat(v.defaultDescription()).isNotBlank();
        assertThat(v.explanation()).isNotBlank().endsWith(".");
    }

    @Test
    void fromEnvNameIsExact() {
        assertThat(Variable.fromEnvName("CONTAINERD_ROOTLESS_ROOTLESSKIT_net")).isEmpty();
        assertThat(Variable.fromEnvName("CONTAINERD_ROOTLESS_ROOTLESSKIT_")).isEmpty();
        assertThat(Variable.fromEnvName("ROOTLESSKIT_NET")).isEmpty();
        assertThat(Variable.fromEnvName("NET")).isEmpty();
        assertThat(Variable.fromEnvName(null)).isEmpty();
    }

    @Test
    void enumeratedVariablesListTheirAllowedValuesInDisplayOrder() {
        assertThat(Variable.NET.choices())
                .containsExactly("slirp4netns", "pasta", "gvisor-tap-vsock", "vpnkit", "lxc-user-nic", "host", "none");
        assertThat(Variable.PORT_DRIVER.choices())
                .containsExactly("builtin", "slirp4netns", "implicit", "pesto", "gvisor-tap-vsock", "none");
        assertThat(Variable.SLIRP4NETNS_SANDBOX.choices()).containsExactly("auto", "true", "false");
        assertThat(Variable.SLIRP4NETNS_SECCOMP.choices()).containsExactly("auto", "true", "false");
        assertThat(Variable.DETACH_NETNS.choices()).containsExactly("auto", "true", "false", "1", "0");
        assertThat(Variable.IPV6.choices()).containsExactly("false", "true", "0", "1");
        for (Variable free : List.of(Variable.STATE_DIR, Variable.MTU, Variable.FLAGS)) {
            assertThat(free.choices()).as(free.name()).isEmpty();
            assertThat(free.enumerated()).isFalse();
        }
    }

    @Test
    void defaultsSayWhatTheScriptDoes() {
        assertThat(Variable.NET.defaultDescription())
                .isEqualTo("auto: slirp4netns if it supports --netns-type (>= 0.4), else vpnkit, else gvisor-tap-vsock");
        assertThat(Variable.MTU.defaultDescription()).contains("65520", "auto-selects", "1500", "explicitly set NET");
        assertThat(Variable.STATE_DIR.defaultDescription()).isEqualTo("$XDG_RUNTIME_DIR/containerd-rootless");
        assertThat(Variable.PORT_DRIVER.defaultDescription()).isEqualTo("builtin");
        assertThat(Variable.DETACH_NETNS.defaultDescription()).contains("--detach-netns", "2.0");
        assertThat(Variable.IPV6.defaultDescription()).isEqualTo("false");
    }

    @Test
    void driverPickersHaveTradeoffsForEveryChoice() {
        assertThat(Variable.NET.tradeoffs().keySet()).containsExactlyElementsOf(Variable.NET.choices());
        assertThat(Variable.PORT_DRIVER.tradeoffs().keySet()).containsExactlyElementsOf(Variable.PORT_DRIVER.choices());
        assertThat(Variable.NET.tradeoff("slirp4netns")).get().asString()
                .contains("0.84 Gbps at MTU 1500, 6.17 at 65520", "RootlessKit docs, Apr 2026");
        assertThat(Variable.NET.tradeoff("pasta")).get().asString().contains("0.87", "6.48", ">= 2.0", "implicit");
        assertThat(Variable.NET.tradeoff("gvisor-tap-vsock")).get().asString().contains("1.55", "5.40", ">= 3.0");
        assertThat(Variable.NET.tradeoff("vpnkit")).get().asString().contains("0.10", "unsupported");
        assertThat(Variable.NET.tradeoff("lxc-user-nic")).get().asString().contains("29.3", "30.4", "SUID");
        assertThat(Variable.PORT_DRIVER.tradeoff("builtin")).get().asString()
                .contains("29.9 Gbps", "source IP", "3.0", "UDP");
        assertThat(Variable.PORT_DRIVER.tradeoff("slirp4netns")).get().asString().contains("8.03", "source IP kept");
        assertThat(Variable.PORT_DRIVER.tradeoff("implicit")).get().asString().contains("37.6", "pasta", "no port API");
        assertThat(Variable.PORT_DRIVER.tradeoff("gvisor-tap-vsock")).get().asString()
                .contains("3.83", "not kept", ">= 3.0");
        assertThat(Variable.PORT_DRIVER.tradeoff("pesto")).get().asString().contains(">= 3.1", "2026_05_07");
        assertThat(Variable.MTU.tradeoffs()).isEmpty();
        assertThat(Variable.NET.tradeoff("bogus")).isEmpty();
    }

    @Test
    void flagsOfTheVariables() {
        assertThat(Variable.NET.rootlesskitFlag()).contains("--net");
        assertThat(Variable.SLIRP4NETNS_SANDBOX.rootlesskitFlag()).contains("--slirp4netns-sandbox");
        assertThat(Variable.DETACH_NETNS.rootlesskitFlag()).contains("--detach-netns");
        assertThat(Variable.FLAGS.rootlesskitFlag()).isEmpty();
    }

    @Test
    void passtVersionsAreDates() {
        HostCapabilities tag = HostCapabilities.builder().pasta(Optional.of("pasta 2023_06_25.32660ce")).build();
        HostCapabilities debian = HostCapabilities.builder().pasta(Optional.of("0.0~git20230627.289301b-1")).build();
        HostCapabilities odd = HostCapabilities.builder().pasta(Optional.of("unknown")).build();
        assertThat(tag.passtDate()).contains(LocalDate.of(2023, 6, 25));
        assertThat(debian.passtDate()).contains(LocalDate.of(2023, 6, 27));
        assertThat(odd.passtDate()).isEmpty();
        assertThat(HostCapabilities.unknown().passtDate()).isEmpty();
        assertThat(HostCapabilities.unknown().known()).isFalse();
        assertThat(tag.known()).isTrue();
    }
}
