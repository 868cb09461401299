package io.github.rootlesspanel.config.rootlesskit;

import static io.github.rootlesspanel.config.rootlesskit.Variable.DETACH_NETNS;
import static io.github.rootlesspanel.config.rootlesskit.Variable.FLAGS;
import static io.github.rootlesspanel.config.rootlesskit.Variable.IPV6;
import static io.github.rootlesspanel.config.rootlesskit.Variable.MTU;
import static io.github.rootlesspanel.config.rootlesskit.Variable.NET;
import static io.github.rootlesspanel.config.rootlesskit.Variable.PORT_DRIVER;
import static io.github.rootlesspanel.config.rootlesskit.Variable.SLIRP4NETNS_SANDBOX;
import static io.github.rootlesspanel.config.rootlesskit.Variable.SLIRP4NETNS_SECCOMP;
import static io.github.rootlesspanel.config.rootlesskit.Variable.STATE_DIR;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.rootlesspanel.config.rootlesskit.Resolved.FlagOverride;

/**
 * Resolves {@link Settings} the way containerd-rootless.sh does (nerdctl main, rootless-setup.md §2.2 and §2.3):
 * <ul>
 * <li>STATE_DIR: default {@code $XDG_RUNTIME_DIR/containerd-rootless};</li>
 * <li>NET, only when unset: slirp4netns if it is installed and its help has {@code --netns-type}, else vpnkit if
 * installed, else gvisor-tap-vsock;</li>
 * <li>MTU, when unset: 65520 only if NET was auto-selected as slirp4netns or gvisor-tap-vsock, otherwise 1500 —
 * also for an explicitly set slirp4netns or pasta;</li>
 * <li>PORT_DRIVER builtin, SLIRP4NETNS_SANDBOX and _SECCOMP auto (passed through), IPV6 false;</li>
 * <li>DETACH_NETNS auto: {@code --detach-netns} iff {@code rootlesskit --help} lists it; true/1 always; false/0
 * never; anything else: the script exits 1 (checked before IPV6, which fails the same way);</li>
 * <li>FLAGS: {@code [--ipv6] [--detach-netns]} prepended, then the words after the script's own flags.</li>
 * </ul>
 * An empty value counts as unset. Pure.
 */
public final class Effective {

    private static final String DEFAULT_STATE_DIR = "$XDG_RUNTIME_DIR/containerd-rootless";

    private Effective() {
    }

    public static EffectiveSettings resolve(Settings settings, HostCapabilities host) {
        FlagWords.Parsed userFlags = FlagWords.parse(FlagWords.split(settings.get(FLAGS).orElse("")));
        Map<Variable, Resolved> values = new EnumMap<>(Variable.class);

        values.put(STATE_DIR, settings.get(STATE_DIR)
                .map(v -> set(STATE_DIR, v, userFlags))
                .orElseGet(() -> host.xdgRuntimeDir()
                        .map(x -> resolved(STATE_DIR, stripSlash(x) + "/containerd-rootless", Source.DEFAULT,
                                "default", userFlags))
                        .orElseGet(() -> resolved(STATE_DIR, DEFAULT_STATE_DIR, Source.DEFAULT,
                                "default; XDG_RUNTIME_DIR not known here", userFlags))));

        Resolved net = settings.get(NET).map(v -> set(NET, v, userFlags)).orElseGet(() -> autoNet(host, userFlags));
        values.put(NET, net);
        values.put(MTU, settings.get(MTU).map(v -> set(MTU, v, userFlags)).orElseGet(() -> defaultMtu(net, userFlags)));
        values.put(PORT_DRIVER, settingOrDefault(settings, PORT_DRIVER, "builtin", userFlags));
        values.put(SLIRP4NETNS_SANDBOX, settingOrDefault(settings, SLIRP4NETNS_SANDBOX, "auto", userFlags));
        values.put(SLIRP4NETNS_SECCOMP, settingOrDefault(settings, SLIRP4NETNS_SECCOMP, "auto", userFlags));

        Optional<String> failure = Optional.empty();
        Resolved detach = detachNetns(settings.get(DETACH_NETNS), host, userFlags);
        values.put(DETACH_NETNS, detach);
        if (!booleanOrEmpty(detach)) {
            failure = Optional.of("Unknown " + DETACH_NETNS.envName() + " value: " + detach.value().orElse(""));
        }
        Resolved ipv6 = ipv6(settings.get(IPV6), userFlags);
        values.put(IPV6, ipv6);
        if (failure.isEmpty() && !booleanOrEmpty(ipv6)) {
            failure = Optional.of("Unknown " + IPV6.envName() + " value: " + ipv6.value().orElse(""));
        }
        values.put(FLAGS, settings.get(FLAGS)
                .map(v -> new Resolved(FLAGS, Optional.of(v), Source.SET, "set", Optional.empty()))
                .orElseGet(() -> new Resolved(FLAGS, Optional.of(""), Source.DEFAULT, "default: none",
                        Optional.empty())));

        // the script prepends --detach-netns first and --ipv6 second, so --ipv6 comes first
        List<String> flagWords = new ArrayList<>();
        if (ipv6.value().equals(Optional.of("true"))) {
            flagWords.add("--ipv6");
        }
        if (detach.value().isEmpty()) {
            flagWords.add(EffectiveSettings.MAYBE_DETACH_NETNS);
        } else if (detach.value().get().equals("true")) {
            flagWords.add("--detach-netns");
        }
        flagWords.addAll(FlagWords.split(settings.get(FLAGS).orElse("")));

        List<String> args = new ArrayList<>();
        args.add("--state-dir=" + values.get(STATE_DIR).value().orElseThrow());
        args.add("--net=" + net.value().orElse(EffectiveSettings.AUTO_PLACEHOLDER));
        args.add("--mtu=" + values.get(MTU).value().orElse(EffectiveSettings.AUTO_PLACEHOLDER));
        args.add("--slirp4netns-sandbox=" + values.get(SLIRP4NETNS_SANDBOX).value().orElseThrow());
        args.add("--slirp4netns-seccomp=" + values.get(SLIRP4NETNS_SECCOMP).value().orElseThrow());
        args.add("--disable-host-loopback");
        args.add("--port-driver=" + values.get(PORT_DRIVER).value().orElseThrow());
        args.add("--copy-up=/etc");
        args.add("--copy-up=/run");
        args.add("--copy-up=/var/lib");
        args.add("--propagation=rslave");
        args.addAll(flagWords);

        return new EffectiveSettings(values, flagWords, args, failure);
    }

    /**
     * The driver the script's auto mode picks on this host, with its reason; empty when the host is not known.
     */
    static Resolved autoNet(HostCapabilities host, FlagWords.Parsed userFlags) {
        if (!host.known()) {
            return new Resolved(NET, Optional.empty(), Source.AUTO, NET.defaultDescription(),
                    override(NET, userFlags));
        }
        String driver;
        String reason;
        if (host.slirp4netnsPresent() && host.slirp4netnsNetnsType()) {
            driver = "slirp4netns";
            reason = "auto: slirp4netns" + host.slirp4netnsVersion().map(v -> " " + v).orElse("")
                    + " supports --netns-type";
        } else {
            String why = host.slirp4netnsPresent()
                    ? "slirp4netns" + host.slirp4netnsVersion().map(v -> " " + v).orElse("")
                            + " is older than 0.4 (no --netns-type)"
                    : "slirp4netns not found";
            if (host.vpnkitPresent()) {
                driver = "vpnkit";
                reason = "auto: " + why + ", vpnkit found";
            } else {
                driver = "gvisor-tap-vsock";
                reason = "auto: " + why + " and no vpnkit; gvisor-tap-vsock is built into RootlessKit >= 3.0";
            }
        }
        return resolved(NET, driver, Source.AUTO, reason, userFlags);
    }

    private static Resolved defaultMtu(Resolved net, FlagWords.Parsed userFlags) {
        if (net.source() == Source.SET) {
            return resolved(MTU, "1500", Source.DEFAULT,
                    "default because NET is set explicitly: the script picks 65520 only for a driver it chose itself",
                    userFlags);
        }
        if (net.value().isEmpty()) {
            return new Resolved(MTU, Optional.empty(), Source.DEFAULT,
                    "default: 65520 if NET auto-selects slirp4netns or gvisor-tap-vsock, 1500 for vpnkit",
                    override(MTU, userFlags));
        }
        String driver = net.value().get();
        boolean large = driver.equals("slirp4netns") || driver.equals("gvisor-tap-vsock");
        return resolved(MTU, large ? "65520" : "1500", Source.DEFAULT,
                "default because NET was auto-selected as " + driver, userFlags);
    }

    private static Resolved detachNetns(Optional<String> setting, HostCapabilities host, FlagWords.Parsed userFlags) {
        String raw = setting.orElse("auto");
        String setNote = setting.isPresent() && !raw.equals("true") && !raw.equals("false") ? "set to " + raw : "set";
        switch (raw) {
            case "auto":
                String prefix = setting.isPresent() ? "set to auto: " : "auto: ";
                if (!host.known()) {
                    return new Resolved(DETACH_NETNS, Optional.empty(), Source.AUTO,
                            prefix + "on if rootlesskit --help lists --detach-netns (RootlessKit >= 2.0)",
                            override(DETACH_NETNS, userFlags));
                }
                if (!host.rootlesskitPresent()) {
                    return resolved(DETACH_NETNS, "false", Source.AUTO, prefix + "rootlesskit not found", userFlags);
                }
                return host.rootlesskitDetachNetns()
                        ? resolved(DETACH_NETNS, "true", Source.AUTO,
                                prefix + "rootlesskit --help lists --detach-netns", userFlags)
                        : resolved(DETACH_NETNS, "false", Source.AUTO, prefix + "rootlesskit"
                                + host.rootlesskitVersion().map(v -> " " + v).orElse("")
                                + " has no --detach-netns (older than 2.0)", userFlags);
            case "true":
            case "1":
                return resolved(DETACH_NETNS, "true", Source.SET, setNote, userFlags);
            case "false":
            case "0":
                return resolved(DETACH_NETNS, "false", Source.SET, setNote, userFlags);
            default:
                return resolved(DETACH_NETNS, raw, Source.SET,
                        "unknown value: containerd-rootless.sh stops (exit 1)", userFlags);
        }
    }

    private static Resolved ipv6(Optional<String> setting, FlagWords.Parsed userFlags) {
        if (setting.isEmpty()) {
            return resolved(IPV6, "false", Source.DEFAULT, "default", userFlags);
        }
        String raw = setting.get();
        String note = raw.equals("true") || raw.equals("false") ? "set" : "set to " + raw;
        switch (raw) {
            case "true":
            case "1":
                return resolved(IPV6, "true", Source.SET, note, userFlags);
            case "false":
            case "0":
                return resolved(IPV6, "false", Source.SET, note, userFlags);
            default:
                return resolved(IPV6, raw, Source.SET, "unknown value: containerd-rootless.sh stops (exit 1)",
                        userFlags);
        }
    }

    private static boolean booleanOrEmpty(Resolved r) {
        return r.value().map(v -> v.equals("true") || v.equals("false")).orElse(true);
    }

    private static Resolved settingOrDefault(Settings settings, Variable v, String dflt, FlagWords.Parsed userFlags) {
        return settings.get(v).map(x -> set(v, x, userFlags))
                .orElseGet(() -> resolved(v, dflt, Source.DEFAULT, "default", userFlags));
    }

    private static Resolved set(Variable v, String value, FlagWords.Parsed userFlags) {
        return resolved(v, value, Source.SET, "set", userFlags);
    }

    private static Resolved resolved(Variable v, String value, Source source, String reason,
            FlagWords.Parsed userFlags) {
        return new Resolved(v, Optional.of(value), source, reason, override(v, userFlags));
    }

    /** The last occurrence of the variable's flag among the user's FLAGS words (the one RootlessKit keeps). */
    private static Optional<FlagOverride> override(Variable v, FlagWords.Parsed userFlags) {
        return v.rootlesskitFlag()
                .flatMap(flag -> userFlags.last(flag.substring(2)))
                .map(o -> new FlagOverride(o.text(), FlagWords.BOOLEAN.contains(o.name())
                        ? FlagWords.goBool(o.value()).orElse(o.value()) : o.value()));
    }

    private static String stripSlash(String dir) {
        String d = dir;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }
}
