package io.github.rootlesspanel.setup.units;

import io.github.rootlesspanel.config.SystemdQuoting;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the unit files exactly as containerd-rootless-setuptool.sh writes them (same directives,
 * same order), with two deliberate differences: add-on units enter the namespaces through the panel's
 * own nsenter helper instead of {@code "$REALPATH0" nsenter}, and values are quoted by systemd's rules
 * where the script would write them unquoted and let systemd split them. Pure.
 */
public final class UnitRenderer {

    public static final String HEADER = "# Written by Rootless Panel, like containerd-rootless-setuptool.sh would.\n";

    private UnitRenderer() {
    }

    public static String containerd(InstallContext c) {
        return HEADER + """
                [Unit]
                Description=containerd (Rootless)
                Requires=dbus.socket

                [Service]
                """
                + "Environment=" + SystemdQuoting.environment("PATH", c.unitPath()) + "\n"
                + "Environment=" + SystemdQuoting.environment("CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS",
                        c.rootlesskitFlags()) + "\n"
                + "ExecStart=" + SystemdQuoting.execPath(c.bin().resolve("containerd-rootless.sh").toString()) + "\n"
                + """
                ExecReload=/bin/kill -s HUP $MAINPID
                TimeoutSec=0
                RestartSec=2
                Restart=always
                StartLimitBurst=3
                StartLimitInterval=60s
                LimitNOFILE=infinity
                LimitNPROC=infinity
                LimitCORE=infinity
                TasksMax=infinity
                Delegate=yes
                Type=simple
                KillMode=mixed

                [Install]
                WantedBy=default.target
                """;
    }

    /** buildkit.service with the OCI worker (install-buildkit). */
    public static String buildkitOci(InstallContext c) {
        List<String> args = new ArrayList<>(List.of("buildkitd", "--oci-worker=true", "--oci-worker-rootless=true",
                "--containerd-worker=false"));
        if (c.buildkitdHasBridge()) {
            args.add("--oci-worker-net=bridge");
        }
        return addOn("BuildKit (Rootless)", true, c, List.of(), nsenter(c, true, args));
    }

    /** The unit name install-buildkit-containerd uses: {@code NS-buildkit.service} with a namespace. */
    public static String buildkitContainerdUnitName(InstallContext c) {
        return c.containerdNamespace().map(ns -> ns + "-buildkit.service").orElse("buildkit.service");
    }

    /** BuildKit with the containerd worker (install-buildkit-containerd). */
    public static String buildkitContainerd(InstallContext c) {
        List<String> args = new ArrayList<>(List.of("buildkitd", "--oci-worker=false", "--containerd-worker=true",
                "--containerd-worker-rootless=true"));
        c.containerdNamespace().ifPresent(ns -> {
            SystemdQuoting.requireSingleLine("the containerd namespace", ns);
            args.add("--addr=unix://" + c.xdgRuntimeDir() + "/buildkit-" + ns + "/buildkitd.sock");
            args.add("--root=" + c.xdgDataHome() + "/buildkit-" + ns);
            args.add("--containerd-worker-namespace=" + ns);
        });
        c.containerdSnapshotter().ifPresent(s -> args.add("--containerd-worker-snapshotter=" + s));
        if (c.buildkitdHasBridge()) {
            args.add("--containerd-worker-net=bridge");
        }
        return addOn("BuildKit (Rootless)", true, c, List.of(), nsenter(c, true, args));
    }

    public static String fuseOverlayfs(InstallContext c) {
        // the script passes no "--" here; the helper accepts both forms
        List<String> args = List.of("containerd-fuse-overlayfs-grpc",
                c.xdgRuntimeDir().resolve("containerd-fuse-overlayfs.sock").toString(),
                c.xdgDataHome().resolve("containerd-fuse-overlayfs").toString());
        return addOn("containerd-fuse-overlayfs (Rootless)", true, c, List.of(), nsenter(c, false, args));
    }

    public static String stargz(InstallContext c) {
        List<String> args = List.of("containerd-stargz-grpc",
                "-address", c.xdgRuntimeDir().resolve("containerd-stargz-grpc/containerd-stargz-grpc.sock").toString(),
                "-root", c.xdgDataHome().resolve("containerd-stargz-grpc").toString(),
                "-config", stargzConfig(c).toString());
        return addOn("stargz snapshotter (Rootless)", true, c,
                List.of(SystemdQuoting.environment("IPFS_PATH", c.xdgDataHome().resolve("ipfs").toString())),
                nsenter(c, true, args));
    }

    /** The config file containerd-stargz-grpc is pointed at; the installer creates it empty if missing. */
    public static java.nio.file.Path stargzConfig(InstallContext c) {
        return c.xdgConfigHome().resolve("containerd-stargz-grpc/config.toml");
    }

    public static String bypass4netnsd(InstallContext c) {
        String exe = c.bypass4netnsd().orElseThrow(() -> new IllegalStateException("bypass4netnsd not found on PATH"))
                .toString();
        return addOn("bypass4netnsd (daemon for bypass4netns, accelerator for rootless containers)", false, c,
                List.of(), SystemdQuoting.execPathQuoted(exe));
    }

    /** The helper's ExecStart= form: {@code "HELPER" [--] CMD ARGS...}. */
    private static String nsenter(InstallContext c, boolean dashDash, List<String> args) {
        StringBuilder sb = new StringBuilder(SystemdQuoting.execPathQuoted(c.nsenterHelper().toString()));
        if (dashDash) {
            sb.append(" --");
        }
        for (String a : args) {
            sb.append(' ').append(SystemdQuoting.execWord(a));
        }
        return sb.toString();
    }

    private static String addOn(String description, boolean partOfContainerd, InstallContext c,
                                List<String> extraEnvironment, String execStart) {
        StringBuilder sb = new StringBuilder(HEADER);
        sb.append("[Unit]\n");
        sb.append("Description=").append(SystemdQuoting.requireSingleLine("Description", description)).append('\n');
        if (partOfContainerd) {
            sb.append("PartOf=containerd.service\n");
        } else {
            sb.append("# Not PartOf=containerd.service\n");
        }
        sb.append("\n[Service]\n");
        sb.append("Environment=").append(SystemdQuoting.environment("PATH", c.unitPath())).append('\n');
        for (String e : extraEnvironment) {
            sb.append("Environment=").append(e).append('\n');
        }
        sb.append("ExecStart=").append(execStart).append('\n');
        sb.append("""
                ExecReload=/bin/kill -s HUP $MAINPID
                RestartSec=2
                Restart=always
                Type=simple
                KillMode=mixed

                [Install]
                WantedBy=default.target
                """);
        return sb.toString();
    }

    /**
     * The panel's equivalent of {@code containerd-rootless-setuptool.sh nsenter}: reads RootlessKit's
     * child_pid, joins its user and mount namespaces (and its network namespace unless RootlessKit runs
     * with --detach-netns), passes on the three ROOTLESSKIT_* variables, then execs the command.
     */
    public static String nsenterHelper() {
        return """
                #!/bin/sh
                # rootless-panel-nsenter: written by Rootless Panel. Runs a command inside rootless containerd's
                # namespaces, as `containerd-rootless-setuptool.sh nsenter` does; the add-on units start their
                # daemons through it. Usage: rootless-panel-nsenter [--] COMMAND [ARG...]
                set -eu
                state="${XDG_RUNTIME_DIR:?XDG_RUNTIME_DIR is not set}/containerd-rootless"
                if [ ! -r "$state/child_pid" ]; then
                \techo "rootless-panel-nsenter: $state/child_pid is missing: is containerd.service running?" >&2
                \texit 1
                fi
                pid=$(cat "$state/child_pid")
                if [ "${1:-}" = "--" ]; then
                \tshift
                fi
                n="-n"
                # With --detach-netns the daemons stay in the host network namespace
                if [ -e "$state/netns" ]; then
                \tn=""
                fi
                for v in ROOTLESSKIT_STATE_DIR ROOTLESSKIT_PARENT_EUID ROOTLESSKIT_PARENT_EGID; do
                \tval=$(tr '\\0' '\\n' <"/proc/$pid/environ" | sed -n "s/^$v=//p" | head -n 1)
                \tif [ -n "$val" ]; then
                \t\texport "$v=$val"
                \tfi
                done
                exec nsenter --no-fork --wd="$(pwd)" --preserve-credentials -m $n -U -t "$pid" -- "$@"
                """;
    }
}
