package io.github.rootlesspanel.rootlesskitsettings;

import static io.github.rootlesspanel.rootlesskitsettings.Hosts.errors;
import static io.github.rootlesspanel.rootlesskitsettings.Hosts.on;
import static io.github.rootlesspanel.rootlesskitsettings.Hosts.validate;
import static io.github.rootlesspanel.rootlesskitsettings.Hosts.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Problem;
import io.github.rootlesspanel.config.rootlesskit.Problem.Severity;
import io.github.rootlesspanel.config.rootlesskit.Rules;
import io.github.rootlesspanel.config.rootlesskit.Settings;
import io.github.rootlesspanel.config.rootlesskit.Variable;

class RulesTest {

    private static final HostCapabilities UNKNOWN = HostCapabilities.unknown();

    private static List<Problem> unknownHost(String... nameAndValue) {
        return validate(UNKNOWN, nameAndValue);
    }

    private static Problem only(List<Problem> problems) {
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void theDefaultsAreFineEverywhere() {
        assertThat(Rules.validate(Settings.empty(), UNKNOWN)).isEmpty();
        assertThat(Rules.validate(Settings.empty(), Hosts.debian12())).isEmpty();
        assertThat(Rules.validate(Settings.empty(), Hosts.modern())).isEmpty();
    }

    @Test
    void recommendedCombinationsAreFine() {
        assertThat(validate(Hosts.modern(), "NET", "slirp4netns", "MTU", "65520")).isEmpty();
        assertThat(validate(Hosts.modern(), "NET", "pasta", "MTU", "65520", "PORT_DRIVER", "implicit")).isEmpty();
        assertThat(validate(Hosts.modern(), "NET", "pasta", "MTU", "65520", "PORT_DRIVER", "pesto", "IPV6", "1"))
                .isEmpty();
        assertThat(validate(Hosts.debian12(), "NET", "slirp4netns", "MTU", "65520", "PORT_DRIVER", "slirp4netns",
                "SLIRP4NETNS_SANDBOX", "true", "SLIRP4NETNS_SECCOMP", "true", "DETACH_NETNS", "false")).isEmpty();
        assertThat(Rules.blocking(List.of())).isFalse();
    }

    @Nested
    class Unwritable {
        @ParameterizedTest
        @ValueSource(strings = {"slirp4netns\n", "a\rb", "pasta\0"})
        void lineBreaksAndNulCannotBeWritten(String value) {
            List<Problem> p = unknownHost("NET", value);
            Problem e = only(p);
            assertThat(e.severity()).isEqualTo(Severity.ERROR);
            assertThat(e.field()).contains(Variable.NET);
            assertThat(e.message()).contains("line break or NUL", "Environment=", "remove it");
            assertThat(Rules.blocking(p)).isTrue();
        }

        @Test
        void flagsWithANewlineToo() {
            assertThat(only(errors(unknownHost("FLAGS", "--pidns\n--cgroupns"))).message()).contains("line break");
            assertThat(unknownHost("FLAGS", "--pidns --cgroupns")).isEmpty();
        }
    }

    @Nested
    class Mtu {
        @ParameterizedTest
        @ValueSource(strings = {"abc", "-1", "1500.0", " 1500", "+1500", "65522", "70000", "1000000", "0x5dc"})
        void mustBeAWholeNumberFrom0To65521(String value) {
            Problem e = only(unknownHost("MTU", value));
            assertThat(e.isError()).isTrue();
            assertThat(e.field()).contains(Variable.MTU);
            assertThat(e.message()).contains("from 0 to 65521");
        }

        @Test
        void aLeadingZeroWouldBeOctal() {
            Problem e = only(unknownHost("MTU", "01500"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("octal", "write 1500");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "1280", "1500", "9000", "65520", "65521"})
        void inRangeIsFine(String value) {
            assertThat(unknownHost("MTU", value)).isEmpty();
        }

        @Test
        void vpnkitDoesNotTakeLargeMtus() {
            Problem w = only(validate(Hosts.modernWithVpnkit(), "NET", "vpnkit", "MTU", "65520"));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("vpnkit", "MTU=1500");
            assertThat(validate(Hosts.modernWithVpnkit(), "NET", "vpnkit", "MTU", "1500")).isEmpty();
        }

        @Test
        void noEffectWithoutANetworkNamespace() {
            Problem w = only(warnings(on(unknownHost("NET", "host", "PORT_DRIVER", "none", "MTU", "1500"),
                    Variable.MTU)));
            assertThat(w.message()).contains("no effect with NET=host", "leave it unset");
        }
    }

    @Nested
    class MtuTrap {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "slirp4netns      | 0.84 Gbps at MTU 1500, 6.17 at 65520",
                "pasta            | 0.87 Gbps at MTU 1500, 6.48 at 65520",
                "gvisor-tap-vsock | 1.55 Gbps at MTU 1500, 5.40 at 65520"})
        void anExplicitNetWithoutMtuGets1500(String net, String figures) {
            String port = net.equals("pasta") ? "implicit" : "builtin";
            List<Problem> p = unknownHost("NET", net, "PORT_DRIVER", port);
            assertThat(errors(p)).isEmpty();
            Problem w = only(on(p, Variable.MTU));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("NET is set to " + net, "--mtu=1500", "Set MTU=65520", figures);
        }

        @Test
        void settingMtuAvoidsIt() {
            assertThat(unknownHost("NET", "slirp4netns", "MTU", "65520")).isEmpty();
            assertThat(unknownHost("NET", "slirp4netns", "MTU", "1500")).isEmpty();
            assertThat(unknownHost("NET", "slirp4netns", "FLAGS", "--mtu=65520")).noneMatch(
                    p -> p.field().equals(Optional.of(Variable.MTU)));
        }

        @Test
        void notForDriversWhere1500IsRight() {
            assertThat(unknownHost("NET", "vpnkit")).isEmpty();
            assertThat(unknownHost("NET", "lxc-user-nic")).isEmpty();
            assertThat(unknownHost()).isEmpty();
        }
    }

    @Nested
    class EnumeratedValues {
        @Test
        void unknownNetworkDriver() {
            Problem e = only(unknownHost("NET", "slirp"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("slirp4netns, pasta, gvisor-tap-vsock, vpnkit, lxc-user-nic",
                    "unset for auto", "\"slirp\"", "unknown network mode");
        }

        @Test
        void suggestsTheSpellingThatWorks() {
            assertThat(only(unknownHost("NET", "Slirp4netns")).message()).endsWith("Did you mean \"slirp4netns\"?");
            assertThat(only(unknownHost("NET", "gvisor_tap_vsock")).message())
                    .endsWith("Did you mean \"gvisor-tap-vsock\"?");
            assertThat(only(unknownHost("DETACH_NETNS", "yes")).message()).endsWith("Did you mean \"true\"?");
        }

        @ParameterizedTest
        @ValueSource(strings = {"slirp4netns", "pasta", "gvisor-tap-vsock", "vpnkit", "lxc-user-nic"})
        void documentedNetworkDriversAreAccepted(String net) {
            assertThat(errors(unknownHost("NET", net, "MTU", "65520", "PORT_DRIVER",
                    net.equals("pasta") ? "implicit" : "builtin"))).isEmpty();
        }

        @Test
        void hostAndNoneAreAcceptedButUndocumented() {
            Problem host = only(on(unknownHost("NET", "host", "PORT_DRIVER", "none"), Variable.NET));
            assertThat(host.severity()).isEqualTo(Severity.WARNING);
            assertThat(host.message()).contains("not documented", "no network isolation");
            Problem none = only(unknownHost("NET", "none"));
            assertThat(none.severity()).isEqualTo(Severity.WARNING);
            assertThat(none.message()).contains("no network beyond loopback");
        }

        @Test
        void unknownPortDriver() {
            Problem e = only(unknownHost("PORT_DRIVER", "socat"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("builtin, slirp4netns, implicit, pesto, gvisor-tap-vsock, none",
                    "unknown port driver");
        }

        @Test
        void pastaIsNotAPortDriver() {
            Problem e = only(errors(unknownHost("NET", "pasta", "MTU", "65520", "PORT_DRIVER", "pasta")));
            assertThat(e.field()).contains(Variable.PORT_DRIVER);
            assertThat(e.message()).contains("did you mean \"pesto\"", "implicit or pesto");
        }

        @ParameterizedTest
        @ValueSource(strings = {"builtin", "slirp4netns", "gvisor-tap-vsock", "none"})
        void portDriversOfTheDocumentedSet(String port) {
            assertThat(unknownHost("NET", "slirp4netns", "MTU", "65520", "PORT_DRIVER", port))
                    .noneMatch(p -> p.message().contains("must be one of"));
        }

        @ParameterizedTest
        @CsvSource({"SLIRP4NETNS_SANDBOX, slirp4netns-sandbox", "SLIRP4NETNS_SECCOMP, slirp4netns-seccomp"})
        void sandboxAndSeccompAreAutoTrueOrFalse(Variable v, String flag) {
            Problem e = only(unknownHost(v.name(), "1"));
            assertThat(e.isError()).isTrue();
            assertThat(e.field()).contains(v);
            assertThat(e.message()).contains("auto, true, false", "unsupported " + flag + " mode");
            for (String ok : List.of("auto", "true", "false")) {
                assertThat(unknownHost(v.name(), ok, "DETACH_NETNS", "false")).as(ok).isEmpty();
            }
        }

        @Test
        void detachNetnsLikeTheScriptsCase() {
            Problem e = only(unknownHost("DETACH_NETNS", "on"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("auto, true, false, 1, 0",
                    "Unknown CONTAINERD_ROOTLESS_ROOTLESSKIT_DETACH_NETNS value", "exit 1");
            for (String ok : List.of("auto", "true", "1", "false", "0")) {
                assertThat(unknownHost("DETACH_NETNS", ok)).as(ok).isEmpty();
            }
            assertThat(only(unknownHost("DETACH_NETNS", "True")).isError()).isTrue();
        }

        @Test
        void ipv6LikeTheScriptsCase() {
            Problem e = only(unknownHost("IPV6", "auto"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("false, true, 0, 1", "Unknown CONTAINERD_ROOTLESS_ROOTLESSKIT_IPV6 value");
            for (String ok : List.of("true", "1", "false", "0")) {
                assertThat(unknownHost("IPV6", ok, "NET", "slirp4netns", "MTU", "65520")).as(ok).isEmpty();
            }
        }
    }

    @Nested
    class StateDir {
        @Test
        void mustBeAbsolute() {
            Problem e = only(unknownHost("STATE_DIR", "run/rk"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("absolute path", "\"run/rk\"");
        }

        @Test
        void variablesAreNotExpanded() {
            Problem e = only(validate(Hosts.debian12(), "STATE_DIR", "$XDG_RUNTIME_DIR/containerd-rootless"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("not expanded", "/run/user/1000/containerd-rootless");
        }

        @Test
        void aNonDefaultDirectoryBreaksTheOtherTools() {
            Problem w = only(validate(Hosts.debian12(), "STATE_DIR", "/run/user/1000/rk2"));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("$XDG_RUNTIME_DIR/containerd-rootless", "(/run/user/1000/containerd-rootless)",
                    "nerdctl", "add-on units", "nsenter helper", "ROOTLESSKIT_STATE_DIR", "Leave STATE_DIR unset");
        }

        @Test
        void theDefaultWrittenOutIsFine() {
            assertThat(validate(Hosts.debian12(), "STATE_DIR", "/run/user/1000/containerd-rootless")).isEmpty();
            assertThat(validate(Hosts.debian12(), "STATE_DIR", "/run/user/1000/containerd-rootless/")).isEmpty();
            // without XDG_RUNTIME_DIR the panel cannot tell, so it warns
            assertThat(only(unknownHost("STATE_DIR", "/run/user/1000/containerd-rootless")).severity())
                    .isEqualTo(Severity.WARNING);
        }
    }

    @Nested
    class UnknownNames {
        @Test
        void aTypoIsWarnedAboutWithTheName() {
            Settings s = Settings.fromEnvironment(Map.of("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTUU", "65520"));
            Problem w = only(Rules.validate(s, UNKNOWN));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.field()).isEmpty();
            assertThat(w.message()).contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTUU is not a variable",
                    "Did you mean CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU?");
        }

        @Test
        void somethingElseGetsNoSuggestion() {
            Settings s = Settings.fromEnvironment(Map.of("CONTAINERD_ROOTLESS_ROOTLESSKIT_CIDR_RANGE", "x"));
            assertThat(only(Rules.validate(s, UNKNOWN)).message()).doesNotContain("Did you mean");
        }
    }

    @Nested
    class PortDriverCombinations {
        @Test
        void pastaWithTheDefaultBuiltinFails() {
            Problem e = only(unknownHost("NET", "pasta", "MTU", "65520"));
            assertThat(e.isError()).isTrue();
            assertThat(e.field()).contains(Variable.PORT_DRIVER);
            assertThat(e.message()).isEqualTo("NET=pasta does not work with PORT_DRIVER=builtin (the script's "
                    + "default): RootlessKit refuses to start (pasta needs port driver implicit, pesto or none). Set "
                    + "PORT_DRIVER=implicit (fastest, 37.6 Gbps, keeps the source IP, but has no port API, so nerdctl "
                    + "run -p is expected to fail) or pesto (RootlessKit >= 3.1, with a port API).");
        }

        @Test
        void pastaWithAnExplicitBuiltinOrSlirp4netnsFailsOnce() {
            assertThat(only(unknownHost("NET", "pasta", "MTU", "65520", "PORT_DRIVER", "builtin")).message())
                    .startsWith("NET=pasta does not work with PORT_DRIVER=builtin:");
            assertThat(only(unknownHost("NET", "pasta", "MTU", "65520", "PORT_DRIVER", "slirp4netns")).message())
                    .startsWith("NET=pasta does not work with PORT_DRIVER=slirp4netns:");
        }

        @ParameterizedTest
        @ValueSource(strings = {"implicit", "pesto", "none"})
        void pastaWithItsPortDrivers(String port) {
            assertThat(unknownHost("NET", "pasta", "MTU", "65520", "PORT_DRIVER", port)).isEmpty();
        }

        @Test
        void aPortDriverFromFlagsCounts() {
            List<Problem> p = unknownHost("NET", "pasta", "MTU", "65520", "FLAGS", "--port-driver=implicit");
            assertThat(errors(p)).isEmpty();
            assertThat(only(p).message()).contains("set PORT_DRIVER instead");
        }

        @ParameterizedTest
        @ValueSource(strings = {"implicit", "pesto"})
        void implicitAndPestoNeedPasta(String port) {
            Problem e = only(unknownHost("NET", "slirp4netns", "MTU", "65520", "PORT_DRIVER", port));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("PORT_DRIVER=" + port + " works only with NET=pasta",
                    "NET is slirp4netns", "Set NET=pasta");
            Problem auto = only(unknownHost("PORT_DRIVER", port));
            assertThat(auto.isError()).isTrue();
            assertThat(auto.message()).contains("NET is unset", "auto never picks pasta");
        }

        @Test
        void slirp4netnsPortDriverNeedsSlirp4netnsNetwork() {
            Problem e = only(unknownHost("NET", "vpnkit", "PORT_DRIVER", "slirp4netns"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("works only with NET=slirp4netns", "NET is vpnkit", "Set NET=slirp4netns",
                    "PORT_DRIVER=builtin");
            assertThat(unknownHost("NET", "slirp4netns", "MTU", "65520", "PORT_DRIVER", "slirp4netns")).isEmpty();
        }

        @Test
        void slirp4netnsPortDriverWithAutoNetDependsOnTheHost() {
            Problem unknown = only(unknownHost("PORT_DRIVER", "slirp4netns"));
            assertThat(unknown.severity()).isEqualTo(Severity.WARNING);
            assertThat(unknown.message()).contains("depends on what auto picks", "Set NET=slirp4netns");

            assertThat(validate(Hosts.debian12(), "PORT_DRIVER", "slirp4netns")).isEmpty();

            HostCapabilities vpnkitOnly = HostCapabilities.builder().rootlesskit("1.1.1").vpnkit().build();
            List<Problem> p = validate(vpnkitOnly, "PORT_DRIVER", "slirp4netns");
            Problem e = only(errors(p));
            assertThat(e.message()).contains("NET is unset and auto picks vpnkit on this machine");
        }

        @ParameterizedTest
        @ValueSource(strings = {"builtin", "gvisor-tap-vsock"})
        void builtinAndGvisorNeedANetworkNamespace(String port) {
            Problem e = only(errors(unknownHost("NET", "host", "PORT_DRIVER", port)));
            assertThat(e.field()).contains(Variable.PORT_DRIVER);
            assertThat(e.message()).contains("PORT_DRIVER=" + port, "NET=host has none", "Set PORT_DRIVER=none");
        }

        @Test
        void hostWithTheDefaultPortDriverFails() {
            assertThat(only(errors(unknownHost("NET", "host"))).message())
                    .startsWith("PORT_DRIVER=builtin (the script's default) needs a network namespace");
            assertThat(errors(unknownHost("NET", "host", "PORT_DRIVER", "none"))).isEmpty();
        }

        @Test
        void networkNoneTakesOnlyNoneOrBuiltin() {
            Problem e = only(errors(unknownHost("NET", "none", "PORT_DRIVER", "slirp4netns")));
            assertThat(e.message()).contains("NET=none works only with PORT_DRIVER none or builtin",
                    "Set PORT_DRIVER=builtin or none");
            assertThat(errors(unknownHost("NET", "none"))).isEmpty();
            assertThat(errors(unknownHost("NET", "none", "PORT_DRIVER", "none"))).isEmpty();
        }

        @Test
        void gvisorPortDriverBelongsToTheGvisorNetwork() {
            Problem w = only(unknownHost("NET", "slirp4netns", "MTU", "65520", "PORT_DRIVER", "gvisor-tap-vsock"));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("Use NET=gvisor-tap-vsock, or PORT_DRIVER=builtin");
            assertThat(on(unknownHost("NET", "gvisor-tap-vsock", "MTU", "65520", "PORT_DRIVER", "gvisor-tap-vsock"),
                    Variable.PORT_DRIVER)).isEmpty();
        }
    }

    @Nested
    class SandboxAndDetach {
        @Test
        void sandboxTrueWithDetachTrueFails() {
            Problem e = only(unknownHost("NET", "slirp4netns", "MTU", "65520", "SLIRP4NETNS_SANDBOX", "true",
                    "DETACH_NETNS", "true"));
            assertThat(e.isError()).isTrue();
            assertThat(e.field()).contains(Variable.SLIRP4NETNS_SANDBOX);
            assertThat(e.message()).contains("DETACH_NETNS=true", "issue 317", "Set SLIRP4NETNS_SANDBOX=auto",
                    "DETACH_NETNS=false");
            assertThat(only(unknownHost("NET", "slirp4netns", "MTU", "65520", "SLIRP4NETNS_SANDBOX", "true",
                    "DETACH_NETNS", "1")).isError()).isTrue();
        }

        @Test
        void sandboxTrueWithoutDetachIsFine() {
            assertThat(unknownHost("NET", "slirp4netns", "MTU", "65520", "SLIRP4NETNS_SANDBOX", "true",
                    "DETACH_NETNS", "false")).isEmpty();
            assertThat(unknownHost("NET", "slirp4netns", "MTU", "65520", "SLIRP4NETNS_SANDBOX", "auto",
                    "DETACH_NETNS", "true")).isEmpty();
        }

        @Test
        void detachAutoDependsOnTheRootlessKit() {
            String[] s = {"NET", "slirp4netns", "MTU", "65520", "SLIRP4NETNS_SANDBOX", "true"};
            Problem modern = only(validate(Hosts.modern(), s));
            assertThat(modern.isError()).isTrue();
            assertThat(modern.message()).contains("DETACH_NETNS=auto, and this RootlessKit has --detach-netns");
            assertThat(validate(Hosts.debian12(), s)).isEmpty();
            Problem unknown = only(validate(UNKNOWN, s));
            assertThat(unknown.severity()).isEqualTo(Severity.WARNING);
            assertThat(unknown.message()).contains("on with RootlessKit >= 2.0");
        }

        @Test
        void withAutoNetOnAnUnknownHostItIsAWarning() {
            Problem w = only(unknownHost("SLIRP4NETNS_SANDBOX", "true", "DETACH_NETNS", "true"));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("when NET ends up slirp4netns");
        }

        @Test
        void sandboxAndSeccompMeanNothingForOtherDrivers() {
            List<Problem> p = unknownHost("NET", "pasta", "MTU", "65520", "PORT_DRIVER", "implicit",
                    "SLIRP4NETNS_SANDBOX", "true", "SLIRP4NETNS_SECCOMP", "false", "DETACH_NETNS", "true");
            assertThat(errors(p)).isEmpty();
            assertThat(p).extracting(Problem::message).containsExactly(
                    "SLIRP4NETNS_SANDBOX is used only with NET=slirp4netns; with NET=pasta it has no effect.",
                    "SLIRP4NETNS_SECCOMP is used only with NET=slirp4netns; with NET=pasta it has no effect.");
        }
    }

    @Nested
    class Ipv6 {
        @ParameterizedTest
        @ValueSource(strings = {"slirp4netns", "pasta"})
        void worksWithSlirp4netnsAndPasta(String net) {
            assertThat(unknownHost("IPV6", "true", "NET", net, "MTU", "65520", "PORT_DRIVER",
                    net.equals("pasta") ? "implicit" : "builtin")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"vpnkit", "lxc-user-nic"})
        void isDiscardedByOtherDrivers(String net) {
            Problem w = only(unknownHost("IPV6", "1", "NET", net));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.field()).contains(Variable.IPV6);
            assertThat(w.message()).contains("discards IPv6 with NET=" + net, "Turn IPV6 off");
        }

        @Test
        void gvisorRefusesIt() {
            Problem e = only(errors(unknownHost("IPV6", "true", "NET", "gvisor-tap-vsock", "MTU", "65520")));
            assertThat(e.field()).contains(Variable.IPV6);
            assertThat(e.message()).contains("not supported with gvisor-tap-vsock", "set NET=slirp4netns or pasta");
        }

        @Test
        void withAutoNetItDependsOnTheHost() {
            Problem unknown = only(unknownHost("IPV6", "true"));
            assertThat(unknown.severity()).isEqualTo(Severity.WARNING);
            assertThat(unknown.message()).contains("auto decides", "Set NET=slirp4netns");
            assertThat(validate(Hosts.debian12(), "IPV6", "true")).isEmpty();
            List<Problem> gvisor = validate(Hosts.bare("3.1.0"), "IPV6", "true");
            assertThat(only(errors(gvisor)).message()).contains("gvisor-tap-vsock",
                    "NET is unset and auto picks gvisor-tap-vsock on this machine");
        }

        @Test
        void offIsFineAnywhere() {
            assertThat(unknownHost("IPV6", "false", "NET", "vpnkit")).isEmpty();
        }
    }

    @Nested
    class Flags {
        @Test
        void quotesAreNotSupported() {
            Problem w = only(unknownHost("FLAGS", "--cidr=\"10.0.3.0/24\""));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.field()).contains(Variable.FLAGS);
            assertThat(w.message()).contains("no quoting support", "without spaces and quotes");
            assertThat(unknownHost("FLAGS", "--cidr=10.0.3.0/24")).isEmpty();
        }

        @Test
        void globCharactersMayExpand() {
            assertThat(only(unknownHost("FLAGS", "--copy-up=/opt/*")).message()).contains("file names");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "--mtu=9000                  | MTU",
                "--net=slirp4netns           | NET",
                "-net slirp4netns            | NET",
                "--port-driver builtin       | PORT_DRIVER",
                "--state-dir=/tmp/x          | STATE_DIR",
                "--slirp4netns-sandbox=false | SLIRP4NETNS_SANDBOX",
                "--slirp4netns-seccomp=true  | SLIRP4NETNS_SECCOMP"})
        void flagsOwnedByAVariableOverrideIt(String flags, String variable) {
            List<Problem> p = unknownHost("FLAGS", flags, "NET", "lxc-user-nic");
            assertThat(errors(p)).isEmpty();
            Problem w = only(on(p, Variable.FLAGS));
            assertThat(w.message()).contains("overrides it (the last one wins)", "set " + variable + " instead");
        }

        @Test
        void detachNetnsAndIpv6InFlags() {
            Problem detach = only(unknownHost("FLAGS", "--detach-netns", "DETACH_NETNS", "false"));
            assertThat(detach.severity()).isEqualTo(Severity.WARNING);
            assertThat(detach.message()).contains("DETACH_NETNS controls", "even over DETACH_NETNS=false",
                    "Set DETACH_NETNS instead");
            Problem ipv6 = only(warnings(unknownHost("FLAGS", "--ipv6", "NET", "slirp4netns", "MTU", "65520")));
            assertThat(ipv6.message()).contains("IPV6 controls", "Set IPV6 instead");
        }

        @Test
        void invalidValuesInFlagsAreErrors() {
            Problem mtu = only(errors(unknownHost("FLAGS", "--mtu=big")));
            assertThat(mtu.field()).contains(Variable.FLAGS);
            assertThat(mtu.message()).startsWith("--mtu in FLAGS must be a whole number from 0 to 65521");
            Problem net = only(errors(unknownHost("FLAGS", "--net=tap")));
            assertThat(net.message()).startsWith("--net in FLAGS must be one of").doesNotContain("unset for auto");
            Problem bool = only(errors(unknownHost("FLAGS", "--detach-netns=yes")));
            assertThat(bool.message()).contains("must be true or false", "invalid boolean value");
        }

        @Test
        void otherRootlessKitFlagsAreFine() {
            assertThat(unknownHost("FLAGS", "--cidr=10.0.3.0/24 --pidns --cgroupns --ifname tap1")).isEmpty();
        }

        @Test
        void aWordThatIsNoFlagEndsTheFlags() {
            Problem w = only(unknownHost("FLAGS", "--pidns cgroupns"));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("\"cgroupns\" is not a flag", "runs it as the command",
                    "--name=value");
        }

        @Test
        void scriptOwnedFlagsWithoutAVariable() {
            assertThat(only(unknownHost("FLAGS", "--disable-host-loopback=false")).message())
                    .contains("always passes", "127.0.0.1", "Remove it from FLAGS");
            assertThat(only(unknownHost("FLAGS", "--propagation=rprivate")).message())
                    .contains("--propagation=rslave", "Remove it from FLAGS");
        }
    }

    @Nested
    class HostDependent {
        @Test
        void slirp4netnsMissingOrTooOld() {
            Problem missing = only(validate(Hosts.bare("1.1.1"), "NET", "slirp4netns", "MTU", "65520"));
            assertThat(missing.isError()).isTrue();
            assertThat(missing.field()).contains(Variable.NET);
            assertThat(missing.message()).contains("slirp4netns is not installed", "install it");

            HostCapabilities old = HostCapabilities.builder().rootlesskit("1.1.1").slirp4netns("0.3.0").build();
            Problem tooOld = only(validate(old, "NET", "slirp4netns", "MTU", "65520"));
            assertThat(tooOld.isError()).isTrue();
            assertThat(tooOld.message()).contains("slirp4netns 0.3.0 is older than 0.4", "--netns-type",
                    "update slirp4netns");

            assertThat(validate(Hosts.debian12(), "NET", "slirp4netns", "MTU", "65520")).isEmpty();
        }

        @Test
        void vpnkitMissing() {
            Problem e = only(validate(Hosts.debian12(), "NET", "vpnkit"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("vpnkit is not installed");
            assertThat(validate(Hosts.modernWithVpnkit(), "NET", "vpnkit")).isEmpty();
        }

        @Test
        void pastaMissingTooOldOrOnAnOldRootlessKit() {
            String[] s = {"NET", "pasta", "MTU", "65520", "PORT_DRIVER", "none"};
            Problem missing = only(validate(Hosts.bare("3.1.0"), s));
            assertThat(missing.message()).contains("pasta is not installed", "install passt");

            HostCapabilities rk1 = HostCapabilities.builder().rootlesskit("1.1.1")
                    .pasta(Optional.of("2024_01_01.abc")).build();
            Problem oldKit = only(validate(rk1, s));
            assertThat(oldKit.isError()).isTrue();
            assertThat(oldKit.message()).contains("needs RootlessKit >= 2.0", "this one is 1.1.1");

            HostCapabilities oldPasst = HostCapabilities.builder().rootlesskit("2.3.0")
                    .pasta(Optional.of("0.0~git20230309.7c7625d-1")).build();
            Problem w = only(validate(oldPasst, s));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("older than 2023_06_25", "update passt");

            assertThat(validate(Hosts.modern(), s)).isEmpty();
        }

        @Test
        void gvisorNeedsRootlessKit3() {
            String[] s = {"NET", "gvisor-tap-vsock", "MTU", "65520"};
            Problem e = only(errors(validate(Hosts.bare("2.3.4"), s)));
            assertThat(e.message()).contains("needs RootlessKit >= 3.0", "this one is 2.3.4");
            assertThat(errors(validate(Hosts.bare("3.0.0"), s))).isEmpty();
        }

        @Test
        void portDriverVersionGates() {
            HostCapabilities rk1 = HostCapabilities.builder().rootlesskit("1.1.1").slirp4netns("1.2.0")
                    .pasta(Optional.empty()).build();
            assertThat(only(validate(rk1, "NET", "pasta", "MTU", "65520", "PORT_DRIVER", "implicit").stream()
                    .filter(p -> p.field().equals(Optional.of(Variable.PORT_DRIVER))).toList()).message())
                    .contains("PORT_DRIVER=implicit needs RootlessKit >= 2.0");

            HostCapabilities rk2 = HostCapabilities.builder().rootlesskit("2.3.4").slirp4netns("1.2.0").build();
            assertThat(only(on(validate(rk2, "PORT_DRIVER", "gvisor-tap-vsock"), Variable.PORT_DRIVER)
                    .stream().filter(Problem::isError).toList()).message())
                    .contains("PORT_DRIVER=gvisor-tap-vsock needs RootlessKit >= 3.0");

            HostCapabilities rk30 = HostCapabilities.builder().rootlesskit("3.0.1")
                    .pasta(Optional.of("2026_05_07.1afd4ed")).pesto().build();
            assertThat(only(validate(rk30, "NET", "pasta", "MTU", "65520", "PORT_DRIVER", "pesto")).message())
                    .contains("PORT_DRIVER=pesto needs RootlessKit >= 3.1", "this one is 3.0.1");
        }

        @Test
        void pestoNeedsItsProgram() {
            HostCapabilities noPesto = HostCapabilities.builder().rootlesskit("3.1.0")
                    .pasta(Optional.of("2025_09_19.623dbf6")).build();
            Problem e = only(validate(noPesto, "NET", "pasta", "MTU", "65520", "PORT_DRIVER", "pesto"));
            assertThat(e.isError()).isTrue();
            assertThat(e.message()).contains("pesto program", "not installed", "PORT_DRIVER=implicit");
            assertThat(validate(Hosts.modern(), "NET", "pasta", "MTU", "65520", "PORT_DRIVER", "pesto")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "1"})
        void detachNetnsNeedsTheFlag(String value) {
            Problem e = only(validate(Hosts.debian12(), "DETACH_NETNS", value));
            assertThat(e.isError()).isTrue();
            assertThat(e.field()).contains(Variable.DETACH_NETNS);
            assertThat(e.message()).contains("DETACH_NETNS=" + value, "RootlessKit >= 2.0", "(1.1.1)",
                    "has no --detach-netns", "Set DETACH_NETNS=auto or false");
            assertThat(validate(Hosts.modern(), "DETACH_NETNS", value)).isEmpty();
            assertThat(validate(Hosts.debian12(), "DETACH_NETNS", "auto")).isEmpty();
        }

        @Test
        void detachNetnsFromFlagsNeedsTheFlagToo() {
            List<Problem> p = validate(Hosts.debian12(), "FLAGS", "--detach-netns");
            assertThat(only(errors(p)).message()).contains("--detach-netns in FLAGS needs RootlessKit >= 2.0");
        }

        @Test
        void autoFallsBackToVpnkit() {
            HostCapabilities oldSlirp = HostCapabilities.builder().rootlesskit("1.1.1").slirp4netns("0.3.0").vpnkit()
                    .build();
            Problem w = only(validate(oldSlirp));
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.message()).contains("slirp4netns (>= 0.4) is too old", "auto picks vpnkit", "0.10 Gbps",
                    "install or update slirp4netns");
        }

        @Test
        void autoFallsBackToGvisor() {
            Problem e = only(errors(validate(Hosts.bare("1.1.1"))));
            assertThat(e.field()).contains(Variable.NET);
            assertThat(e.message()).contains("falls back to gvisor-tap-vsock", "RootlessKit >= 3.0",
                    "this one is 1.1.1", "install slirp4netns");

            List<Problem> rk3 = validate(Hosts.bare("3.1.0"));
            assertThat(errors(rk3)).isEmpty();
            assertThat(rk3).extracting(Problem::message).anyMatch(m -> m.contains("older scripts stop"))
                    .anyMatch(m -> m.contains("127.0.0.1"));
        }

        /** Settings that fail on a known old host produce no host-dependent error when the host is unknown. */
        @Test
        void anUnknownHostIsNotJudged() {
            String[] s = {"NET", "pasta", "MTU", "65520", "PORT_DRIVER", "pesto", "DETACH_NETNS", "true"};
            HostCapabilities old = HostCapabilities.builder().xdgRuntimeDir("/run/user/1000").rootlesskit("1.1.1")
                    .build();
            assertThat(errors(validate(old, s))).hasSizeGreaterThanOrEqualTo(4);
            assertThat(validate(UNKNOWN, s)).isEmpty();

            assertThat(validate(UNKNOWN, "NET", "vpnkit")).isEmpty();
            assertThat(validate(UNKNOWN, "NET", "slirp4netns", "MTU", "65520")).isEmpty();
            assertThat(validate(UNKNOWN, "NET", "gvisor-tap-vsock", "MTU", "65520"))
                    .noneMatch(Problem::isError);
        }

        @Test
        void aHostWithoutRootlessKitIsNotJudgedOnRootlessKit() {
            HostCapabilities none = HostCapabilities.builder().slirp4netns("1.2.0").pasta(Optional.empty()).build();
            assertThat(validate(none, "NET", "pasta", "MTU", "65520", "PORT_DRIVER", "implicit",
                    "DETACH_NETNS", "true")).isEmpty();
        }
    }
}
