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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.rootlesspanel.config.rootlesskit.Problem.Severity;
import io.github.rootlesspanel.setup.checks.VersionNumber;

/**
 * Checks RootlessKit settings alone and together, as containerd-rootless.sh (nerdctl main) and RootlessKit
 * (main {@code e780dd3b}, pesto from {@code 9b66c79d}) would judge them: rootless-setup.md §2.2, §2.9, §6.3–6.4.
 * ERROR means the value cannot be written, the script exits, or RootlessKit refuses to start; WARNING means it
 * starts but probably not as intended. Combinations are judged on what RootlessKit finally receives (FLAGS
 * overrides included); rules about installed programs and versions only when the host is
 * {@linkplain HostCapabilities#known() known}. Pure.
 *
 * <p>Problems come in this order: values that cannot be written; each variable's own value (in {@link Variable}
 * order); unknown variable names; FLAGS; combinations; the host.
 */
public final class Rules {

    private static final Set<String> DOCUMENTED_NETS =
            Set.of("slirp4netns", "pasta", "gvisor-tap-vsock", "vpnkit", "lxc-user-nic");
    private static final Set<String> PASTA_PORT_DRIVERS = Set.of("none", "implicit", "pesto");
    private static final Map<String, String> MTU_GAIN = Map.of(
            "slirp4netns", "0.84 Gbps at MTU 1500, 6.17 at 65520",
            "pasta", "0.87 Gbps at MTU 1500, 6.48 at 65520",
            "gvisor-tap-vsock", "1.55 Gbps at MTU 1500, 5.40 at 65520");
    private static final LocalDate PASTA_MIN_PASST = LocalDate.of(2023, 6, 25);
    private static final LocalDate PESTO_MIN_PASST = LocalDate.of(2026, 5, 7);
    private static final Map<String, String> WORD_SYNONYMS = Map.of(
            "yes", "true", "on", "true", "enabled", "true", "no", "false", "off", "false", "disabled", "false");

    private final Settings settings;
    private final HostCapabilities host;
    private final EffectiveSettings eff;
    private final List<Problem> out = new ArrayList<>();
    private final Set<Variable> unwritable = EnumSet.noneOf(Variable.class);

    /* What RootlessKit finally receives, after FLAGS overrides; null when invalid or not decided. */
    private String net;
    private boolean netUndecided;
    private boolean netAuto;
    private String port;
    private Boolean detach;
    private Boolean ipv6;

    private Rules(Settings settings, HostCapabilities host) {
        this.settings = settings;
        this.host = host;
        this.eff = Effective.resolve(settings, host);
    }

    /** Every problem of these settings on this host, in the order described above; empty when all is well. */
    public static List<Problem> validate(Settings settings, HostCapabilities host) {
        Rules r = new Rules(settings, host);
        r.writable();
        r.eachValue();
        r.unknownNames();
        r.flags();
        r.finalValues();
        r.combinations();
        if (host.known()) {
            r.hostNetwork();
            r.hostPortDriver();
            r.hostDetachNetns();
        }
        return List.copyOf(r.out);
    }

    /** Whether any of the problems blocks Apply. */
    public static boolean blocking(List<Problem> problems) {
        return problems.stream().anyMatch(Problem::isError);
    }

    // ---- Values alone --------------------------------------------------------------------------------------

    private void writable() {
        settings.values().forEach((v, value) -> {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                unwritable.add(v);
                error(v, v.name() + " contains a line break or NUL character, which cannot be written to the "
                        + "unit's Environment= line: remove it.");
            }
        });
    }

    private void eachValue() {
        for (Variable v : Variable.values()) {
            Optional<String> value = settings.get(v);
            if (value.isEmpty() || unwritable.contains(v)) {
                continue;
            }
            if (v == STATE_DIR) {
                stateDir(value.get());
            } else if (v != FLAGS) {
                valueProblem(v, v.name(), value.get()).ifPresent(m -> error(v, m));
            }
            if (v == NET && (value.get().equals("host") || value.get().equals("none"))) {
                warning(NET, "NET=" + value.get() + " is not documented for containerd-rootless.sh (RootlessKit "
                        + "accepts it): " + (value.get().equals("host")
                                ? "containers get no network isolation from the host, and port drivers other than "
                                        + "none refuse it."
                                : "containers get no network beyond loopback.")
                        + " Use slirp4netns or pasta for a normal setup.");
            }
        }
    }

    private void stateDir(String dir) {
        String suggestion = host.xdgRuntimeDir().map(x -> strip(x) + "/containerd-rootless")
                .orElse("/run/user/1000/containerd-rootless");
        if (!dir.startsWith("/")) {
            boolean expands = dir.contains("$") || dir.startsWith("~") || dir.contains("%");
            error(STATE_DIR, "STATE_DIR must be an absolute path (starting with /), got " + quote(dir) + "."
                    + (expands ? " Variables and ~ are not expanded there: write the full path, e.g. "
                            + suggestion + "." : ""));
            return;
        }
        Optional<String> dflt = host.xdgRuntimeDir().map(x -> strip(x) + "/containerd-rootless");
        if (dflt.isPresent() && dflt.get().equals(strip(dir))) {
            return;
        }
        warning(STATE_DIR, "STATE_DIR " + quote(dir) + " is not the default $XDG_RUNTIME_DIR/containerd-rootless"
                + dflt.map(d -> " (" + d + ")").orElse("") + ": nerdctl, the add-on units (BuildKit, snapshotters, "
                + "bypass4netnsd) and the panel's nsenter helper assume the default and will not find RootlessKit "
                + "(nerdctl only with ROOTLESSKIT_STATE_DIR exported). Leave STATE_DIR unset.");
    }

    /**
     * What is wrong with one value of a variable (or of its flag in FLAGS, then {@code subject} names it), or empty.
     */
    private static Optional<String> valueProblem(Variable v, String subject, String value) {
        switch (v) {
            case MTU:
                return mtuProblem(subject, value);
            case NET:
                return notIn(v, subject, value, ", or unset for auto",
                        "; RootlessKit stops with \"unknown network mode\".");
            case PORT_DRIVER:
                if (value.equals("pasta")) {
                    return Optional.of(subject + " \"pasta\" is not a port driver (RootlessKit: did you mean "
                            + "\"pesto\"?): with NET=pasta use implicit or pesto.");
                }
                return notIn(v, subject, value, "", "; RootlessKit stops with \"unknown port driver\".");
            case SLIRP4NETNS_SANDBOX:
            case SLIRP4NETNS_SECCOMP:
                return notIn(v, subject, value, "", "; with NET=slirp4netns RootlessKit stops with \"unsupported "
                        + v.rootlesskitFlag().orElseThrow().substring(2) + " mode\".");
            case DETACH_NETNS:
            case IPV6:
                return notIn(v, subject, value, "", ": containerd-rootless.sh stops with \"Unknown " + v.envName()
                        + " value\" (exit 1).");
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> mtuProblem(String subject, String value) {
        String range = " must be a whole number from 0 to 65521 (0 = the driver's default)";
        if (!value.matches("[0-9]+")) {
            return Optional.of(subject + range + ", got " + quote(value) + "; 65520 is the fast choice for "
                    + "slirp4netns, pasta and gvisor-tap-vsock.");
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        if (!digits.equals(value)) {
            return Optional.of(subject + " " + quote(value) + " has a leading zero, which RootlessKit reads as an "
                    + "octal number: write " + digits + ".");
        }
        if (digits.length() > 5 || Integer.parseInt(digits) > 65521) {
            return Optional.of(subject + range + ", got " + value + ": RootlessKit stops with \"mtu must be <= "
                    + "65521\". Use 65520.");
        }
        return Optional.empty();
    }

    private static Optional<String> notIn(Variable v, String subject, String value, String unsetNote, String effect) {
        if (v.choices().contains(value)) {
            return Optional.empty();
        }
        List<String> shown = v == NET ? List.of("slirp4netns", "pasta", "gvisor-tap-vsock", "vpnkit", "lxc-user-nic")
                : v.choices();
        return Optional.of(subject + " must be one of " + String.join(", ", shown)
                + (subject.equals(v.name()) ? unsetNote : "") + ", got "
                + quote(value) + effect + didYouMean(value, v.choices()));
    }

    private static String didYouMean(String value, List<String> choices) {
        String n = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        n = WORD_SYNONYMS.getOrDefault(n, n);
        if (choices.contains(n)) {
            return " Did you mean \"" + n + "\"?";
        }
        return "";
    }

    private void unknownNames() {
        settings.unknown().keySet().forEach(name -> {
            String suffix = name.substring(Variable.PREFIX.length());
            Variable nearest = null;
            int best = Integer.MAX_VALUE;
            for (Variable v : Variable.values()) {
                int d = distance(suffix.toUpperCase(Locale.ROOT), v.name());
                if (d < best) {
                    best = d;
                    nearest = v;
                }
            }
            String hint = nearest != null && best <= 3 ? " Did you mean " + nearest.envName() + "?" : "";
            out.add(new Problem(Optional.empty(), Severity.WARNING, name + " is not a variable containerd-rootless.sh "
                    + "reads, so it has no effect." + hint));
        });
    }

    // ---- FLAGS ---------------------------------------------------------------------------------------------

    private void flags() {
        Optional<String> value = settings.get(FLAGS);
        if (value.isEmpty() || unwritable.contains(FLAGS)) {
            return;
        }
        String flags = value.get();
        if (flags.indexOf('"') >= 0 || flags.indexOf('\'') >= 0) {
            warning(FLAGS, "FLAGS contains quotes, but containerd-rootless.sh splits FLAGS at every space and keeps "
                    + "quote characters (no quoting support): --foo=\"a b\" becomes the two words --foo=\"a and b\". "
                    + "Write values without spaces and quotes.");
        }
        if (flags.indexOf('*') >= 0 || flags.indexOf('?') >= 0 || flags.indexOf('[') >= 0) {
            warning(FLAGS, "FLAGS contains *, ? or [: the script expands FLAGS unquoted, so the shell may replace "
                    + "such a word with matching file names. Avoid these characters.");
        }
        FlagWords.Parsed parsed = FlagWords.parse(FlagWords.split(flags));
        parsed.strays().stream().findFirst().ifPresent(w -> warning(FLAGS, "FLAGS word " + quote(w)
                + " is not a flag: RootlessKit stops reading flags there and runs it as the command instead of "
                + "containerd-rootless.sh. Write every flag as --name=value."));

        Map<String, FlagWords.Occurrence> owned = new LinkedHashMap<>();
        for (FlagWords.Occurrence o : parsed.flags()) {
            owned.put(o.name(), o);
        }
        for (Variable v : Variable.values()) {
            Optional<String> flag = v.rootlesskitFlag();
            FlagWords.Occurrence o = flag.map(f -> owned.get(f.substring(2))).orElse(null);
            if (o == null) {
                continue;
            }
            if (v == DETACH_NETNS || v == IPV6) {
                if (FlagWords.goBool(o.value()).isEmpty()) {
                    error(FLAGS, flag.get() + " in FLAGS must be true or false, got " + quote(o.value())
                            + "; RootlessKit stops with \"invalid boolean value\".");
                }
                warning(FLAGS, "FLAGS contains " + o.text() + ", which " + v.name() + " controls: the one in FLAGS "
                        + "comes last and wins" + (v == DETACH_NETNS ? ", even over DETACH_NETNS=false" : "")
                        + ". Set " + v.name() + " instead"
                        + (v == IPV6 ? " (only scripts of nerdctl v2.3.x and older need --ipv6 in FLAGS)." : "."));
            } else {
                String subject = flag.get() + " in FLAGS";
                (v == STATE_DIR ? Optional.<String>empty() : valueProblem(v, subject, o.value()))
                        .ifPresent(m -> error(FLAGS, m));
                warning(FLAGS, "FLAGS sets " + o.text() + ", which comes after the script's own " + flag.get()
                        + " and overrides it (the last one wins): set " + v.name() + " instead.");
            }
        }
        FlagWords.Occurrence loopback = owned.get("disable-host-loopback");
        if (loopback != null) {
            warning(FLAGS, "FLAGS repeats " + loopback.text() + ", which the script always passes"
                    + (FlagWords.goBool(loopback.value()).orElse("").equals("false")
                            ? "; =false lets containers reach services on the host's 127.0.0.1" : "")
                    + ". Remove it from FLAGS.");
        }
        FlagWords.Occurrence propagation = owned.get("propagation");
        if (propagation != null) {
            warning(FLAGS, "FLAGS sets " + propagation.text() + ", overriding the script's --propagation=rslave "
                    + "(the last one wins), which its mounts and the add-on units rely on. Remove it from FLAGS.");
        }
    }

    // ---- Together ------------------------------------------------------------------------------------------

    private void finalValues() {
        Resolved n = eff.get(NET);
        Optional<String> nv = n.rootlesskitValue();
        netUndecided = nv.isEmpty();
        net = nv.filter(NET.choices()::contains).orElse(null);
        netAuto = n.source() == Source.AUTO && n.flagsOverride().isEmpty();
        port = eff.get(PORT_DRIVER).rootlesskitValue().filter(PORT_DRIVER.choices()::contains).orElse(null);
        detach = bool(eff.get(DETACH_NETNS).rootlesskitValue());
        ipv6 = bool(eff.get(IPV6).rootlesskitValue());
    }

    private static Boolean bool(Optional<String> v) {
        if (v.isEmpty()) {
            return null;
        }
        return v.get().equals("true") ? Boolean.TRUE : v.get().equals("false") ? Boolean.FALSE : null;
    }

    private void combinations() {
        mtuTrap();
        mtuForNetwork();
        portDriver();
        sandbox();
        slirp4netnsOnly(SLIRP4NETNS_SANDBOX);
        slirp4netnsOnly(SLIRP4NETNS_SECCOMP);
        ipv6();
        if ("gvisor-tap-vsock".equals(net)) {
            warning(NET, "gvisor-tap-vsock does not support --disable-host-loopback yet (RootlessKit only warns), so "
                    + "containers may reach services listening on the host's 127.0.0.1. Prefer slirp4netns or pasta.");
        }
    }

    /** NET set explicitly and MTU not: the script passes 1500 (rootless-setup.md §2.2; moby/moby#47765). */
    private void mtuTrap() {
        Optional<String> setNet = settings.get(NET);
        if (setNet.isEmpty() || settings.isSet(MTU) || eff.get(MTU).flagsOverride().isPresent()
                || !MTU_GAIN.containsKey(setNet.get())) {
            return;
        }
        warning(MTU, "NET is set to " + setNet.get() + ", so containerd-rootless.sh passes --mtu=1500: it uses 65520 "
                + "only for a driver it picks itself. Set MTU=65520 (" + setNet.get() + ": "
                + MTU_GAIN.get(setNet.get()) + ", RootlessKit docs, Apr 2026).");
    }

    private void mtuForNetwork() {
        Optional<Integer> mtu = eff.get(MTU).rootlesskitValue().filter(v -> v.matches("[1-9][0-9]{0,4}"))
                .map(Integer::parseInt);
        if ("vpnkit".equals(net) && mtu.isPresent() && mtu.get() > 1500) {
            warning(MTU, "vpnkit does not support large MTUs (RootlessKit's benchmark lists 65520 as unsupported): "
                    + "use MTU=1500 with NET=vpnkit.");
        }
        if (("host".equals(net) || "none".equals(net)) && settings.isSet(MTU)) {
            warning(MTU, "MTU has no effect with NET=" + net + ": leave it unset.");
        }
    }

    private void portDriver() {
        if (port == null) {
            return;
        }
        String portText = "PORT_DRIVER=" + port + (eff.get(PORT_DRIVER).source() == Source.DEFAULT
                ? " (the script's default)" : "");
        if ("pasta".equals(net) && !PASTA_PORT_DRIVERS.contains(port)) {
            error(PORT_DRIVER, "NET=pasta does not work with " + portText + ": RootlessKit refuses to start "
                    + "(pasta needs port driver implicit, pesto or none). Set PORT_DRIVER=implicit (fastest, 37.6 "
                    + "Gbps, keeps the source IP, but has no port API, so nerdctl run -p is expected to fail) or "
                    + "pesto (RootlessKit >= 3.1, with a port API).");
            return;
        }
        if ("none".equals(net) && !port.equals("none") && !port.equals("builtin")) {
            error(PORT_DRIVER, "NET=none works only with PORT_DRIVER none or builtin; RootlessKit refuses "
                    + portText + ". Set PORT_DRIVER=builtin or none.");
            return;
        }
        switch (port) {
            case "implicit":
            case "pesto":
                if (!"pasta".equals(net) && (net != null || netUndecided)) {
                    error(PORT_DRIVER, "PORT_DRIVER=" + port + " works only with NET=pasta, but " + netText()
                            + (netUndecided || netAuto ? " (auto never picks pasta)" : "")
                            + ". Set NET=pasta (with MTU=65520), or use PORT_DRIVER=builtin.");
                }
                break;
            case "slirp4netns":
                if (netUndecided) {
                    warning(PORT_DRIVER, "PORT_DRIVER=slirp4netns works only with NET=slirp4netns; NET is unset, so it "
                            + "depends on what auto picks when the service starts. Set NET=slirp4netns (with "
                            + "MTU=65520) to be sure.");
                } else if (net != null && !net.equals("slirp4netns")) {
                    error(PORT_DRIVER, "PORT_DRIVER=slirp4netns works only with NET=slirp4netns, but " + netText()
                            + ": RootlessKit refuses to start (\"port driver requires slirp4netns network\"). Set "
                            + "NET=slirp4netns (with MTU=65520), or use PORT_DRIVER=builtin (29.9 Gbps against 8.03).");
                }
                break;
            case "builtin":
            case "gvisor-tap-vsock":
                if ("host".equals(net)) {
                    error(PORT_DRIVER, portText + " needs a network namespace, but NET=host has none: RootlessKit "
                            + "refuses to start (\"port driver requires non-host network\"). Set PORT_DRIVER=none, "
                            + "or choose another network driver.");
                } else if (port.equals("gvisor-tap-vsock") && net != null && !net.equals("gvisor-tap-vsock")) {
                    warning(PORT_DRIVER, "PORT_DRIVER=gvisor-tap-vsock takes its forwarder from the gvisor-tap-vsock "
                            + "network; with " + netText() + " RootlessKit accepts the combination, but the port "
                            + "driver is expected to fail at start. Use NET=gvisor-tap-vsock, or PORT_DRIVER=builtin.");
                }
                break;
            default:
                break;
        }
    }

    /** "NET is vpnkit", "NET is unset", "NET is unset and auto picks vpnkit on this machine". */
    private String netText() {
        if (netUndecided) {
            return "NET is unset";
        }
        if (netAuto) {
            return "NET is unset and auto picks " + net + " on this machine";
        }
        return "NET is " + net + (eff.get(NET).flagsOverride().isPresent() ? " (from FLAGS)" : "");
    }

    private void sandbox() {
        if (!eff.get(SLIRP4NETNS_SANDBOX).rootlesskitValue().equals(Optional.of("true"))) {
            return;
        }
        boolean slirp = "slirp4netns".equals(net);
        boolean maybeSlirp = netUndecided;
        if (!slirp && !maybeSlirp || Boolean.FALSE.equals(detach)) {
            return;
        }
        Resolved d = eff.get(DETACH_NETNS);
        boolean detachUndecided = detach == null && d.rootlesskitValue().isEmpty();
        if (detach == null && !detachUndecided) {
            return; // an invalid DETACH_NETNS value is reported on its own
        }
        String why = d.flagsOverride().isPresent() ? d.flagsOverride().get().text() + " in FLAGS"
                : d.source() == Source.SET ? "DETACH_NETNS=" + settings.get(DETACH_NETNS).orElse("true")
                : detachUndecided ? "DETACH_NETNS=auto, on with RootlessKit >= 2.0"
                : "DETACH_NETNS=auto, and this RootlessKit has --detach-netns";
        String fix = " Set SLIRP4NETNS_SANDBOX=auto (RootlessKit then leaves the sandbox off in detach mode) or "
                + "DETACH_NETNS=false.";
        if (slirp && Boolean.TRUE.equals(detach)) {
            error(SLIRP4NETNS_SANDBOX, "SLIRP4NETNS_SANDBOX=true conflicts with detach-netns (" + why + "): "
                    + "RootlessKit refuses to start (slirp4netns issue 317)." + fix);
        } else {
            warning(SLIRP4NETNS_SANDBOX, "SLIRP4NETNS_SANDBOX=true conflicts with detach-netns (" + why + ")"
                    + (maybeSlirp ? " when NET ends up slirp4netns" : "")
                    + ": RootlessKit then refuses to start (slirp4netns issue 317)." + fix);
        }
    }

    private void slirp4netnsOnly(Variable v) {
        Optional<String> value = settings.get(v);
        if (value.isEmpty() || !v.choices().contains(value.get()) || net == null || net.equals("slirp4netns")) {
            return;
        }
        warning(v, v.name() + " is used only with NET=slirp4netns; with NET=" + net + " it has no effect.");
    }

    private void ipv6() {
        if (!Boolean.TRUE.equals(ipv6)) {
            return;
        }
        if ("gvisor-tap-vsock".equals(net)) {
            error(IPV6, "IPv6 is not supported with gvisor-tap-vsock" + (netAuto ? " (" + netText() + ")" : "")
                    + ": RootlessKit refuses to start. Turn IPV6 off, or set NET=slirp4netns or pasta.");
        } else if (netUndecided) {
            warning(IPV6, "IPv6 works only with NET slirp4netns or pasta; NET is unset, so auto decides when the "
                    + "service starts: vpnkit would discard it and gvisor-tap-vsock would refuse to start. Set "
                    + "NET=slirp4netns (with MTU=65520) or pasta.");
        } else if (net != null && !net.equals("slirp4netns") && !net.equals("pasta")) {
            warning(IPV6, "RootlessKit discards IPv6 with NET=" + net + " (\"--ipv6 is discarded\"): it works only "
                    + "with slirp4netns and pasta. Turn IPV6 off, or change NET.");
        }
    }

    // ---- The host ------------------------------------------------------------------------------------------

    private void hostNetwork() {
        if (net == null) {
            return;
        }
        Optional<VersionNumber> rk = rootlesskitVersion();
        String rkText = rk.map(v -> "this one is " + v).orElse("");
        switch (net) {
            case "slirp4netns":
                if (!host.slirp4netnsPresent()) {
                    error(NET, "NET=slirp4netns, but slirp4netns is not installed: install it (package "
                            + "slirp4netns), or choose another driver.");
                } else if (!host.slirp4netnsNetnsType()) {
                    error(NET, "slirp4netns" + host.slirp4netnsVersion().map(v -> " " + v).orElse("")
                            + " is older than 0.4 (its --help has no --netns-type), too old for RootlessKit: update "
                            + "slirp4netns (1.1.7 or later is recommended).");
                }
                break;
            case "vpnkit":
                if (!host.vpnkitPresent()) {
                    error(NET, "NET=vpnkit, but vpnkit is not installed: install it, or use slirp4netns (faster).");
                } else if (netAuto) {
                    warning(NET, "NET is unset and slirp4netns (>= 0.4) is " + (host.slirp4netnsPresent()
                            ? "too old" : "missing") + " here, so auto picks vpnkit, the slowest driver (0.10 Gbps): "
                            + "install or update slirp4netns.");
                }
                break;
            case "pasta":
                if (!host.pastaPresent()) {
                    error(NET, "NET=pasta, but pasta is not installed: install passt (it provides pasta), or choose "
                            + "another driver.");
                } else if (host.passtDate().filter(d -> d.isBefore(PASTA_MIN_PASST)).isPresent()) {
                    warning(NET, "passt " + host.passtVersion().orElse("") + " is older than 2023_06_25, which "
                            + "RootlessKit's pasta driver needs (2023_12_04 or later is recommended): update passt.");
                }
                if (rk.filter(v -> !v.atLeast(2)).isPresent()) {
                    error(NET, "NET=pasta needs RootlessKit >= 2.0, " + rkText + ": update RootlessKit, or use "
                            + "slirp4netns.");
                }
                break;
            case "gvisor-tap-vsock":
                if (rk.filter(v -> !v.atLeast(3)).isPresent()) {
                    error(NET, netAuto
                            ? "NET is unset and neither slirp4netns (>= 0.4) nor vpnkit is installed, so the script "
                                    + "falls back to gvisor-tap-vsock, which needs RootlessKit >= 3.0 (" + rkText
                                    + "): install slirp4netns."
                            : "NET=gvisor-tap-vsock needs RootlessKit >= 3.0 (it is built in from 3.0), " + rkText
                                    + ": update RootlessKit, or use slirp4netns.");
                } else if (netAuto) {
                    warning(NET, "NET is unset and neither slirp4netns (>= 0.4) nor vpnkit is installed: the script of "
                            + "nerdctl 2.3 and later falls back to the experimental gvisor-tap-vsock (RootlessKit >= "
                            + "3.0), older scripts stop with an error. Install slirp4netns for the usual setup.");
                }
                break;
            default:
                break;
        }
    }

    private void hostPortDriver() {
        if (port == null) {
            return;
        }
        Optional<VersionNumber> rk = rootlesskitVersion();
        String rkText = rk.map(v -> "this one is " + v).orElse("");
        switch (port) {
            case "implicit":
                if (rk.filter(v -> !v.atLeast(2)).isPresent()) {
                    error(PORT_DRIVER, "PORT_DRIVER=implicit needs RootlessKit >= 2.0, " + rkText
                            + ": update RootlessKit.");
                }
                break;
            case "gvisor-tap-vsock":
                if (rk.filter(v -> !v.atLeast(3)).isPresent()) {
                    error(PORT_DRIVER, "PORT_DRIVER=gvisor-tap-vsock needs RootlessKit >= 3.0, " + rkText
                            + ": update RootlessKit, or use PORT_DRIVER=builtin.");
                }
                break;
            case "pesto":
                if (rk.filter(v -> !v.atLeast(3, 1)).isPresent()) {
                    error(PORT_DRIVER, "PORT_DRIVER=pesto needs RootlessKit >= 3.1, " + rkText
                            + ": update RootlessKit, or use PORT_DRIVER=implicit.");
                }
                if (!host.pestoPresent()) {
                    error(PORT_DRIVER, "PORT_DRIVER=pesto needs the pesto program (passt 2026_05_07 or later), which "
                            + "is not installed: update passt, or use PORT_DRIVER=implicit.");
                } else if (host.passtDate().filter(d -> d.isBefore(PESTO_MIN_PASST)).isPresent()) {
                    warning(PORT_DRIVER, "passt " + host.passtVersion().orElse("") + " is older than 2026_05_07, "
                            + "whose pesto RootlessKit's pesto port driver needs: update passt.");
                }
                break;
            default:
                break;
        }
    }

    private void hostDetachNetns() {
        Resolved d = eff.get(DETACH_NETNS);
        boolean explicit = d.flagsOverride().isPresent() || d.source() == Source.SET;
        if (!Boolean.TRUE.equals(detach) || !explicit || !host.rootlesskitPresent() || host.rootlesskitDetachNetns()) {
            return;
        }
        boolean fromFlags = d.flagsOverride().isPresent();
        error(fromFlags ? FLAGS : DETACH_NETNS, (fromFlags ? d.flagsOverride().get().text() + " in FLAGS"
                : "DETACH_NETNS=" + settings.get(DETACH_NETNS).orElse("true"))
                + " needs RootlessKit >= 2.0, but this rootlesskit"
                + rootlesskitVersion().map(v -> " (" + v + ")").orElse("") + " has no --detach-netns: it stops with "
                + "\"flag provided but not defined\". Set DETACH_NETNS=auto or false, or update RootlessKit.");
    }

    private Optional<VersionNumber> rootlesskitVersion() {
        return host.rootlesskitPresent() ? host.rootlesskitVersion() : Optional.empty();
    }

    // ---- Helpers -------------------------------------------------------------------------------------------

    private void error(Variable v, String message) {
        out.add(Problem.error(v, message));
    }

    private void warning(Variable v, String message) {
        out.add(Problem.warning(v, message));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == 0) {
                sb.append("\\0");
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String strip(String dir) {
        String d = dir;
        while (d.length() > 1 && d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }

    /** Levenshtein distance, for "did you mean" on unknown variable names. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
