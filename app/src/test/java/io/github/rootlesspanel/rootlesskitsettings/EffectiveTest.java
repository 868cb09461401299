package io.github.rootlesspanel.rootlesskitsettings;

import static io.github.rootlesspanel.rootlesskitsettings.Hosts.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.rootlesspanel.config.rootlesskit.Effective;
import io.github.rootlesspanel.config.rootlesskit.EffectiveSettings;
import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Resolved;
import io.github.rootlesspanel.config.rootlesskit.Settings;
import io.github.rootlesspanel.config.rootlesskit.Source;
import io.github.rootlesspanel.config.rootlesskit.Variable;

/** containerd-rootless.sh's resolution (rootless-setup.md §2.2) and its RootlessKit command line (§2.3). */
class EffectiveTest {

    private static HostCapabilities host(String slirp4netns, boolean vpnkit) {
        HostCapabilities.Builder b = HostCapabilities.builder().xdgRuntimeDir("/run/user/1000").rootlesskit("3.1.0");
        switch (slirp4netns) {
            case "new":
                b.slirp4netns("1.2.0");
                break;
            case "old":
                b.slirp4netns("0.3.0");
                break;
            default:
                break;
        }
        if (vpnkit) {
            b.vpnkit();
        }
        return b.build();
    }

    /** The table of §2.2: NET auto order and the MTU default that depends on whether NET was auto-selected. */
    @ParameterizedTest(name = "NET={0}, MTU={1}, slirp4netns {2}, vpnkit {3} -> {4} ({5}), MTU {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // NET set     | MTU set | slirp4netns | vpnkit | NET                | NET source | MTU
            "-             | -       | new         | false  | slirp4netns        | AUTO       | 65520",
            "-             | -       | new         | true   | slirp4netns        | AUTO       | 65520",
            "-             | -       | old         | true   | vpnkit             | AUTO       | 1500",
            "-             | -       | none        | true   | vpnkit             | AUTO       | 1500",
            "-             | -       | old         | false  | gvisor-tap-vsock   | AUTO       | 65520",
            "-             | -       | none        | false  | gvisor-tap-vsock   | AUTO       | 65520",
            "slirp4netns   | -       | new         | false  | slirp4netns        | SET        | 1500",
            "pasta         | -       | new         | false  | pasta              | SET        | 1500",
            "gvisor-tap-vsock | -    | none        | false  | gvisor-tap-vsock   | SET        | 1500",
            "vpnkit        | -       | new         | true   | vpnkit             | SET        | 1500",
            "lxc-user-nic  | -       | new         | false  | lxc-user-nic       | SET        | 1500",
            "-             | 9000    | new         | false  | slirp4netns        | AUTO       | 9000",
            "slirp4netns   | 65520   | new         | false  | slirp4netns        | SET        | 65520",
            "vpnkit        | 0       | none        | true   | vpnkit             | SET        | 0",
    })
    void resolvesNetAndMtuLikeTheScript(String net, String mtu, String slirp4netns, boolean vpnkit, String wantNet,
            Source wantSource, String wantMtu) {
        Settings s = Settings.empty().with(Variable.NET, Optional.ofNullable(net))
                .with(Variable.MTU, Optional.ofNullable(mtu));

        EffectiveSettings e = Effective.resolve(s, host(slirp4netns, vpnkit));

        assertThat(e.get(Variable.NET).value()).contains(wantNet);
        assertThat(e.get(Variable.NET).source()).isEqualTo(wantSource);
        assertThat(e.get(Variable.MTU).value()).contains(wantMtu);
        assertThat(e.get(Variable.MTU).source()).isEqualTo(mtu == null ? Source.DEFAULT : Source.SET);
        assertThat(e.rootlesskitArgs()).contains("--net=" + wantNet, "--mtu=" + wantMtu);
        assertThat(e.complete()).isTrue();
    }

    @Test
    void anExplicitSlirp4netnsGets1500AndSaysWhy() {
        Resolved mtu = Effective.resolve(settings("NET", "slirp4netns"), Hosts.debian12()).get(Variable.MTU);

        assertThat(mtu.value()).contains("1500");
        assertThat(mtu.display()).isEqualTo("1500 (default because NET is set explicitly: the script picks 65520 "
                + "only for a driver it chose itself)");
    }

    @Test
    void anAutoSelectedSlirp4netnsGets65520AndSaysWhy() {
        EffectiveSettings e = Effective.resolve(Settings.empty(), Hosts.debian12());

        assertThat(e.get(Variable.MTU).display()).isEqualTo("65520 (default because NET was auto-selected as slirp4netns)");
        assertThat(e.get(Variable.NET).display()).isEqualTo("slirp4netns (auto: slirp4netns 1.2.0 supports --netns-type)");
    }

    @Test
    void theAutoOrderExplainsTheFallback() {
        assertThat(Effective.resolve(Settings.empty(), host("old", true)).get(Variable.NET).reason())
                .isEqualTo("auto: slirp4netns 0.3.0 is older than 0.4 (no --netns-type), vpnkit found");
        assertThat(Effective.resolve(Settings.empty(), host("none", false)).get(Variable.NET).reason())
                .contains("slirp4netns not found and no vpnkit", "gvisor-tap-vsock is built into RootlessKit >= 3.0");
        HostCapabilities helpSaysNo = HostCapabilities.builder().rootlesskit("3.1.0")
                .slirp4netns(Optional.empty(), false).vpnkit().build();
        assertThat(Effective.resolve(Settings.empty(), helpSaysNo).get(Variable.NET).value()).contains("vpnkit");
    }

    @Test
    void anUnknownHostLeavesAutoValuesOpen() {
        EffectiveSettings e = Effective.resolve(Settings.empty(), HostCapabilities.unknown());

        assertThat(e.get(Variable.NET).value()).isEmpty();
        assertThat(e.get(Variable.NET).source()).isEqualTo(Source.AUTO);
        assertThat(e.get(Variable.MTU).value()).isEmpty();
        assertThat(e.get(Variable.MTU).reason()).contains("65520 if NET auto-selects slirp4netns or gvisor-tap-vsock");
        assertThat(e.get(Variable.DETACH_NETNS).value()).isEmpty();
        assertThat(e.complete()).isFalse();
        assertThat(e.rootlesskitArgs()).containsExactly(
                "--state-dir=$XDG_RUNTIME_DIR/containerd-rootless",
                "--net=<auto>", "--mtu=<auto>",
                "--slirp4netns-sandbox=auto", "--slirp4netns-seccomp=auto",
                "--disable-host-loopback", "--port-driver=builtin",
                "--copy-up=/etc", "--copy-up=/run", "--copy-up=/var/lib",
                "--propagation=rslave",
                "[--detach-netns]");
    }

    @Test
    void anUnknownHostStillKnowsExplicitValues() {
        EffectiveSettings e = Effective.resolve(settings("NET", "slirp4netns", "MTU", "65520", "DETACH_NETNS", "false"),
                HostCapabilities.unknown());
        assertThat(e.complete()).isTrue();
        assertThat(e.rootlesskitArgs()).contains("--net=slirp4netns", "--mtu=65520").doesNotContain("[--detach-netns]");
    }

    @Test
    void defaultsOfTheOtherVariables() {
        EffectiveSettings e = Effective.resolve(Settings.empty(), Hosts.modern());

        assertThat(e.get(Variable.STATE_DIR).value()).contains("/run/user/1000/containerd-rootless");
        assertThat(e.get(Variable.STATE_DIR).source()).isEqualTo(Source.DEFAULT);
        assertThat(e.get(Variable.PORT_DRIVER).value()).contains("builtin");
        assertThat(e.get(Variable.SLIRP4NETNS_SANDBOX).value()).contains("auto");
        assertThat(e.get(Variable.SLIRP4NETNS_SECCOMP).value()).contains("auto");
        assertThat(e.get(Variable.IPV6).value()).contains("false");
        assertThat(e.get(Variable.IPV6).source()).isEqualTo(Source.DEFAULT);
        assertThat(e.get(Variable.FLAGS).value()).contains("");
        assertThat(e.scriptFailure()).isEmpty();
    }

    @Test
    void aSetStateDirIsPassedAsIs() {
        EffectiveSettings e = Effective.resolve(settings("STATE_DIR", "/tmp/rk"), Hosts.modern());
        assertThat(e.get(Variable.STATE_DIR).source()).isEqualTo(Source.SET);
        assertThat(e.rootlesskitArgs().get(0)).isEqualTo("--state-dir=/tmp/rk");
    }

    @ParameterizedTest(name = "DETACH_NETNS={0} on {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-     | modern   | true  | AUTO",
            "-     | debian12 | false | AUTO",
            "auto  | modern   | true  | AUTO",
            "auto  | debian12 | false | AUTO",
            "true  | debian12 | true  | SET",
            "1     | debian12 | true  | SET",
            "false | modern   | false | SET",
            "0     | modern   | false | SET",
    })
    void detachNetnsFollowsTheHelpProbe(String value, String hostName, String want, Source source) {
        HostCapabilities host = hostName.equals("modern") ? Hosts.modern() : Hosts.debian12();
        EffectiveSettings e = Effective.resolve(Settings.empty().with(Variable.DETACH_NETNS, Optional.ofNullable(value)),
                host);

        assertThat(e.get(Variable.DETACH_NETNS).value()).contains(want);
        assertThat(e.get(Variable.DETACH_NETNS).source()).isEqualTo(source);
        if (want.equals("true")) {
            assertThat(e.rootlesskitArgs()).containsOnlyOnce("--detach-netns");
        } else {
            assertThat(e.rootlesskitArgs()).doesNotContain("--detach-netns");
        }
    }

    @Test
    void detachAutoWithoutRootlesskitIsOff() {
        HostCapabilities noRootlesskit = HostCapabilities.builder().slirp4netns("1.2.0").build();
        Resolved d = Effective.resolve(Settings.empty(), noRootlesskit).get(Variable.DETACH_NETNS);
        assertThat(d.value()).contains("false");
        assertThat(d.reason()).contains("rootlesskit not found");
    }

    @Test
    void unknownDetachOrIpv6ValuesStopTheScript() {
        EffectiveSettings detach = Effective.resolve(settings("DETACH_NETNS", "yes", "IPV6", "maybe"), Hosts.modern());
        assertThat(detach.scriptFailure())
                .contains("Unknown CONTAINERD_ROOTLESS_ROOTLESSKIT_DETACH_NETNS value: yes");
        assertThat(detach.rootlesskitArgs()).doesNotContain("--detach-netns", "--ipv6");

        EffectiveSettings ipv6 = Effective.resolve(settings("IPV6", "auto"), Hosts.modern());
        assertThat(ipv6.scriptFailure()).contains("Unknown CONTAINERD_ROOTLESS_ROOTLESSKIT_IPV6 value: auto");
    }

    /** §2.3, the whole argument list for the default settings on a current machine. */
    @Test
    void argumentOrderOfTheDefaults() {
        EffectiveSettings e = Effective.resolve(Settings.empty(), Hosts.modern());

        assertThat(e.rootlesskitArgs()).containsExactly(
                "--state-dir=/run/user/1000/containerd-rootless",
                "--net=slirp4netns", "--mtu=65520",
                "--slirp4netns-sandbox=auto", "--slirp4netns-seccomp=auto",
                "--disable-host-loopback", "--port-driver=builtin",
                "--copy-up=/etc", "--copy-up=/run", "--copy-up=/var/lib",
                "--propagation=rslave",
                "--detach-netns");
        assertThat(e.flagWords()).containsExactly("--detach-netns");
    }

    /** --ipv6 is prepended after --detach-netns, so it comes first; the user's FLAGS follow, split at blanks. */
    @Test
    void argumentOrderWithIpv6DetachAndFlags() {
        Settings s = settings("NET", "pasta", "MTU", "65520", "PORT_DRIVER", "implicit", "DETACH_NETNS", "1",
                "IPV6", "true", "FLAGS", "--cidr=10.0.3.0/24 \t --pidns", "SLIRP4NETNS_SECCOMP", "false",
                "STATE_DIR", "/run/user/1000/containerd-rootless");
        EffectiveSettings e = Effective.resolve(s, Hosts.debian12());

        assertThat(e.rootlesskitArgs()).containsExactly(
                "--state-dir=/run/user/1000/containerd-rootless",
                "--net=pasta", "--mtu=65520",
                "--slirp4netns-sandbox=auto", "--slirp4netns-seccomp=false",
                "--disable-host-loopback", "--port-driver=implicit",
                "--copy-up=/etc", "--copy-up=/run", "--copy-up=/var/lib",
                "--propagation=rslave",
                "--ipv6", "--detach-netns", "--cidr=10.0.3.0/24", "--pidns");
    }

    @Test
    void argumentOrderOnDebian12WithoutDetach() {
        EffectiveSettings e = Effective.resolve(settings("NET", "slirp4netns", "MTU", "65520",
                "PORT_DRIVER", "slirp4netns", "SLIRP4NETNS_SANDBOX", "true"), Hosts.debian12());

        assertThat(e.rootlesskitArgs()).containsExactly(
                "--state-dir=/run/user/1000/containerd-rootless",
                "--net=slirp4netns", "--mtu=65520",
                "--slirp4netns-sandbox=true", "--slirp4netns-seccomp=auto",
                "--disable-host-loopback", "--port-driver=slirp4netns",
                "--copy-up=/etc", "--copy-up=/run", "--copy-up=/var/lib",
                "--propagation=rslave");
    }

    @Test
    void theCommandLineEndsWithTheScriptAndItsArguments() {
        List<String> cmd = Effective.resolve(Settings.empty(), Hosts.debian12())
                .commandLine("/home/u/.local/bin/containerd-rootless.sh", List.of("--log-level", "debug"));

        assertThat(cmd.get(0)).isEqualTo("rootlesskit");
        assertThat(cmd.subList(cmd.size() - 3, cmd.size()))
                .containsExactly("/home/u/.local/bin/containerd-rootless.sh", "--log-level", "debug");
        assertThat(cmd.get(cmd.size() - 4)).isEqualTo("--propagation=rslave");
    }

    @Test
    void aFlagRepeatedInFlagsOverridesTheScriptsValue() {
        EffectiveSettings e = Effective.resolve(settings("FLAGS", "--mtu=9000 -port-driver implicit --net pasta"),
                Hosts.modern());

        Resolved mtu = e.get(Variable.MTU);
        assertThat(mtu.value()).contains("65520");
        assertThat(mtu.rootlesskitValue()).contains("9000");
        assertThat(mtu.display()).endsWith("; overridden by --mtu=9000 in FLAGS");
        assertThat(e.get(Variable.PORT_DRIVER).rootlesskitValue()).contains("implicit");
        assertThat(e.get(Variable.NET).rootlesskitValue()).contains("pasta");
        assertThat(e.get(Variable.NET).flagsOverride()).get().extracting(Resolved.FlagOverride::text)
                .isEqualTo("--net pasta");
    }

    @Test
    void booleanOverridesAreReadLikeGo() {
        EffectiveSettings e = Effective.resolve(settings("FLAGS", "--detach-netns=F --ipv6"), Hosts.modern());
        assertThat(e.get(Variable.DETACH_NETNS).value()).contains("true");
        assertThat(e.get(Variable.DETACH_NETNS).rootlesskitValue()).contains("false");
        assertThat(e.get(Variable.IPV6).rootlesskitValue()).contains("true");
    }

    @Test
    void setAutoDetachIsStillDecidedByTheProbe() {
        Resolved d = Effective.resolve(settings("DETACH_NETNS", "auto"), Hosts.modern()).get(Variable.DETACH_NETNS);
        assertThat(d.source()).isEqualTo(Source.AUTO);
        assertThat(d.display()).isEqualTo("true (set to auto: rootlesskit --help lists --detach-netns)");
        Resolved one = Effective.resolve(settings("DETACH_NETNS", "1"), Hosts.modern()).get(Variable.DETACH_NETNS);
        assertThat(one.display()).isEqualTo("true (set to 1)");
    }
}
