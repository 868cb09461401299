package io.github.rootlesspanel.config.rootlesskit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables nerdctl's {@code containerd-rootless.sh} reads to build RootlessKit's command line
 * (rootless-setup.md §2.2), with what a form needs to show them: a label, the allowed values, what happens when
 * the variable is unset, a short explanation and, for the two driver pickers, the trade-offs of each choice
 * (benchmark figures from RootlessKit's docs/network.md and docs/port.md, Apr 10 2026). Pure data.
 */
public enum Variable {

    STATE_DIR("State directory", List.of(), "--state-dir",
            "$XDG_RUNTIME_DIR/containerd-rootless",
            "Where RootlessKit keeps its lock, child_pid, api.sock and (in detach-netns mode) the netns file. Leave "
                    + "it unset: nerdctl, the add-on units and the panel's nsenter helper only look at the default "
                    + "path.",
            Map.of()),

    NET("Network driver",
            List.of("slirp4netns", "pasta", "gvisor-tap-vsock", "vpnkit", "lxc-user-nic", "host", "none"), "--net",
            "auto: slirp4netns if it supports --netns-type (>= 0.4), else vpnkit, else gvisor-tap-vsock",
            "How containers reach the outside network: a user-mode network stack (slirp4netns, pasta, "
                    + "gvisor-tap-vsock, vpnkit) or LXC's SUID helper (lxc-user-nic). Setting it also makes the "
                    + "script's default MTU 1500, so set MTU together with it.",
            ordered(
                    "slirp4netns", "0.84 Gbps at MTU 1500, 6.17 at 65520 (0.80 / 6.19 with sandbox + seccomp); the "
                            + "recommended driver; needs slirp4netns >= 0.4; TCP, UDP and ping only; IPv6 possible "
                            + "(RootlessKit docs, Apr 2026)",
                    "pasta", "0.87 Gbps at MTU 1500, 6.48 at 65520; experimental; needs RootlessKit >= 2.0 and passt "
                            + "2023_06_25 or later, and PORT_DRIVER implicit or pesto (not the default builtin); "
                            + "IPv6 possible; Ubuntu 23.10/24.04's passt needs an AppArmor profile (RootlessKit "
                            + "docs, Apr 2026)",
                    "gvisor-tap-vsock", "1.55 Gbps at MTU 1500, 5.40 at 65520; experimental; built into RootlessKit "
                            + ">= 3.0 (no extra program); no IPv6; --disable-host-loopback not supported yet "
                            + "(RootlessKit docs, Apr 2026)",
                    "vpnkit", "0.10 Gbps at MTU 1500, MTU 65520 unsupported: the slowest; needs the vpnkit program; "
                            + "no IPv6 (RootlessKit docs, Apr 2026)",
                    "lxc-user-nic", "29.3 Gbps at MTU 1500, 30.4 at 65520, close to rootful veth (35.0 / 36.2), but "
                            + "uses LXC's SUID helper and needs /etc/lxc/lxc-usernet set up by root; experimental; "
                            + "no IPv6 (RootlessKit docs, Apr 2026)",
                    "host", "no network namespace of its own: native speed but no isolation; port drivers builtin "
                            + "and gvisor-tap-vsock refuse it (use PORT_DRIVER=none); not documented for "
                            + "containerd-rootless.sh",
                    "none", "loopback only, no outside network; PORT_DRIVER none or builtin; not documented for "
                            + "containerd-rootless.sh")),

    MTU("MTU", List.of(), "--mtu",
            "65520 when NET is unset and auto-selects slirp4netns or gvisor-tap-vsock; otherwise 1500 "
                    + "(also for an explicitly set NET, even slirp4netns)",
            "Packet size of RootlessKit's tap device. For the user-mode drivers 65520 is 6 to 8 times faster than "
                    + "1500; RootlessKit accepts 0 to 65521 (0 = the driver's own default).",
            Map.of()),

    PORT_DRIVER("Port driver",
            List.of("builtin", "slirp4netns", "implicit", "pesto", "gvisor-tap-vsock", "none"), "--port-driver",
            "builtin",
            "How ports published with nerdctl run -p reach the host, and whether containers see the client's real "
                    + "source IP. NET=pasta needs implicit or pesto instead of the default builtin.",
            ordered(
                    "builtin", "29.9 Gbps; client source IP kept for TCP since RootlessKit 3.0 (before: always "
                            + "127.0.0.1), not for UDP; the default and the best general choice; not with NET host "
                            + "or pasta (RootlessKit docs, Apr 2026)",
                    "slirp4netns", "8.03 Gbps; source IP kept; only with NET=slirp4netns (RootlessKit docs, Apr 2026)",
                    "implicit", "37.6 Gbps, the fastest; source IP kept; only with NET=pasta, RootlessKit >= 2.0; no "
                            + "port API, so nerdctl run -p is expected to fail (RootlessKit docs, Apr 2026)",
                    "pesto", "pasta's forwarding with a port API; only with NET=pasta; needs RootlessKit >= 3.1 and "
                            + "the pesto program (passt 2026_05_07 or later); experimental, IPv4 unless IPV6 is on; "
                            + "no published benchmark",
                    "gvisor-tap-vsock", "3.83 Gbps; source IP not kept (rootlesskit#573); experimental; RootlessKit "
                            + ">= 3.0; meant for NET=gvisor-tap-vsock (RootlessKit docs, Apr 2026)",
                    "none", "no port forwarding: nerdctl run -p cannot publish ports")),

    SLIRP4NETNS_SANDBOX("slirp4netns sandbox", List.of("auto", "true", "false"), "--slirp4netns-sandbox",
            "auto: on if slirp4netns supports it and detach-netns is off",
            "Runs slirp4netns in a mount namespace of its own (hardening). Used only with NET=slirp4netns; "
                    + "true cannot be combined with detach-netns.",
            Map.of()),

    SLIRP4NETNS_SECCOMP("slirp4netns seccomp", List.of("auto", "true", "false"), "--slirp4netns-seccomp",
            "auto: on if slirp4netns and the kernel support it",
            "Restricts the system calls slirp4netns may make (hardening). Used only with NET=slirp4netns.",
            Map.of()),

    DETACH_NETNS("Detach network namespace", List.of("auto", "true", "false", "1", "0"), "--detach-netns",
            "auto: on if rootlesskit --help lists --detach-netns (RootlessKit >= 2.0)",
            "containerd stays in the host's network namespace and only containers use RootlessKit's: faster pulls "
                    + "and pushes, and nerdctl run --net=host gets the real host network. Needs RootlessKit >= 2.0; "
                    + "with BuildKit older than 0.13, RUN steps can reach the host's 127.0.0.1.",
            Map.of()),

    IPV6("IPv6", List.of("false", "true", "0", "1"), "--ipv6",
            "false",
            "Routes outgoing IPv6 traffic from the rootless network (experimental; slirp4netns and pasta only; not "
                    + "port forwarding). Read only by containerd-rootless.sh of nerdctl after v2.3.5; then create "
                    + "IPv6 networks with nerdctl network create --ipv6 --subnet <v6-subnet>.",
            Map.of()),

    FLAGS("Extra RootlessKit flags", List.of(), "",
            "none",
            "More RootlessKit flags, appended after the script's own. Split at spaces, without quoting; a flag "
                    + "that another setting already passes is overridden by the one here.",
            Map.of());

    /** Every variable name starts with this. */
    public static final String PREFIX = "CONTAINERD_ROOTLESS_ROOTLESSKIT_";

    private final String label;
    private final List<String> choices;
    private final String flag;
    private final String defaultDescription;
    private final String explanation;
    private final Map<String, String> tradeoffs;

    Variable(String label, List<String> choices, String flag, String defaultDescription, String explanation,
            Map<String, String> tradeoffs) {
        this.label = label;
        this.choices = List.copyOf(choices);
        this.flag = flag;
        this.defaultDescription = defaultDescription;
        this.explanation = explanation;
        this.tradeoffs = tradeoffs;
    }

    private static Map<String, String> ordered(String... choiceAndText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < choiceAndText.length; i += 2) {
            m.put(choiceAndText[i], choiceAndText[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** {@code CONTAINERD_ROOTLESS_ROOTLESSKIT_} + the constant's name. */
    public String envName() {
        return PREFIX + name();
    }

    /** A short label for the form. */
    public String label() {
        return label;
    }

    /**
     * The values accepted without an error, in display order; empty for free text (STATE_DIR, FLAGS) and numbers
     * (MTU). NET lists the documented drivers first, then RootlessKit's undocumented {@code host} and {@code none}.
     */
    public List<String> choices() {
        return choices;
    }

    /** Whether {@link #choices()} is the whole set of allowed values. */
    public boolean enumerated() {
        return !choices.isEmpty();
    }

    /** The RootlessKit flag the script turns this variable into ({@code --net}); empty for FLAGS. */
    public Optional<String> rootlesskitFlag() {
        return flag.isEmpty() ? Optional.empty() : Optional.of(flag);
    }

    /** What containerd-rootless.sh does when the variable is unset (or empty). */
    public String defaultDescription() {
        return defaultDescription;
    }

    /** One or two sentences for the user. */
    public String explanation() {
        return explanation;
    }

    /**
     * For NET and PORT_DRIVER: per choice, in {@link #choices()} order, throughput, source-IP behaviour and version
     * gates with their provenance. Empty for the other variables.
     */
    public Map<String, String> tradeoffs() {
        return tradeoffs;
    }

    /** The trade-offs of one choice, if this variable has them. */
    public Optional<String> tradeoff(String choice) {
        return Optional.ofNullable(tradeoffs.get(choice));
    }

    /** The variable of an environment name, exactly as written ({@code CONTAINERD_ROOTLESS_ROOTLESSKIT_NET}). */
    public static Optional<Variable> fromEnvName(String envName) {
        if (envName == null || !envName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = envName.substring(PREFIX.length());
        for (Variable v : values()) {
            if (v.name().equals(rest)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
