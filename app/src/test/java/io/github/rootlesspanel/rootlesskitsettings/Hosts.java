package io.github.rootlesspanel.rootlesskitsettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.config.rootlesskit.Problem;
import io.github.rootlesspanel.config.rootlesskit.Rules;
import io.github.rootlesspanel.config.rootlesskit.Settings;
import io.github.rootlesspanel.config.rootlesskit.Variable;

/** Prepared hosts and settings for the RootlessKit settings tests. */
final class Hosts {

    private Hosts() {
    }

    /** Debian 12: RootlessKit 1.1.1 (no --detach-netns), slirp4netns 1.2.0. */
    static HostCapabilities debian12() {
        return HostCapabilities.builder().xdgRuntimeDir("/run/user/1000").rootlesskit("1.1.1")
                .slirp4netns("1.2.0").build();
    }

    /** Everything recent: RootlessKit 3.1.0, slirp4netns 1.3.1, pasta and pesto of passt 2026_05_07. */
    static HostCapabilities modern() {
        return HostCapabilities.builder().xdgRuntimeDir("/run/user/1000").rootlesskit("3.1.0")
                .slirp4netns("1.3.1").pasta(Optional.of("2026_05_07.1afd4ed")).pesto().build();
    }

    /** {@link #modern()} with vpnkit too. */
    static HostCapabilities modernWithVpnkit() {
        return HostCapabilities.builder().xdgRuntimeDir("/run/user/1000").rootlesskit("3.1.0")
                .slirp4netns("1.3.1").pasta(Optional.of("2026_05_07.1afd4ed")).pesto().vpnkit().build();
    }

    /** A probed machine with only this RootlessKit and no network helper programs. */
    static HostCapabilities bare(String rootlesskitVersion) {
        return HostCapabilities.builder().xdgRuntimeDir("/run/user/1000").rootlesskit(rootlesskitVersion).build();
    }

    /** Settings from short names: {@code settings("NET", "pasta", "MTU", "65520")}. */
    static Settings settings(String... nameAndValue) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < nameAndValue.length; i += 2) {
            env.put(Variable.PREFIX + nameAndValue[i], nameAndValue[i + 1]);
        }
        return Settings.fromEnvironment(env);
    }

    static List<Problem> validate(HostCapabilities host, String... nameAndValue) {
        return Rules.validate(settings(nameAndValue), host);
    }

    static List<Problem> errors(List<Problem> problems) {
        return problems.stream().filter(Problem::isError).collect(Collectors.toList());
    }

    static List<Problem> warnings(List<Problem> problems) {
        return problems.stream().filter(p -> !p.isError()).collect(Collectors.toList());
    }

    /** The problems marked on one field. */
    static List<Problem> on(List<Problem> problems, Variable field) {
        return problems.stream().filter(p -> p.field().equals(Optional.of(field))).collect(Collectors.toList());
    }
}
