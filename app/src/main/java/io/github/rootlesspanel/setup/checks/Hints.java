package io.github.rootlesspanel.setup.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Fix-it text for one distribution family. Hints are shell text: commands as they are, explanations as
 * {@code #} comments, so a whole hint can be pasted into a terminal. The panel never runs them itself.
 */
final class Hints {

    /** Package names per family; {@code null} where the family has no package for it. */
    record Pkg(String debian, String fedora, String arch, String opensuse) {
        String name(DistroFamily f) {
            return switch (f) {
                case DEBIAN -> debian;
                case FEDORA -> fedora;
                case ARCH -> arch;
                case OPENSUSE -> opensuse;
                case OTHER -> null;
            };
        }
    }

    static final Pkg UIDMAP = new Pkg("uidmap", "shadow-utils", "shadow", "shadow");
    static final Pkg ROOTLESSKIT = new Pkg("rootlesskit", "rootlesskit", "rootlesskit", "rootlesskit");
    static final Pkg SLIRP4NETNS = new Pkg("slirp4netns", "slirp4netns", "slirp4netns", "slirp4netns");
    static final Pkg CONTAINERD = new Pkg("containerd", "containerd", "containerd", "containerd");
    static final Pkg RUNC = new Pkg("runc", "runc", "runc", "runc");
    static final Pkg FUSE_OVERLAYFS = new Pkg("fuse-overlayfs", "fuse-overlayfs", "fuse-overlayfs", "fuse-overlayfs");
    static final Pkg DBUS_USER_SESSION = new Pkg("dbus-user-session", "dbus-daemon", "dbus-broker-units", "dbus-1");
    static final Pkg GETCAP = new Pkg("libcap2-bin", "libcap", "libcap", "libcap-progs");
    static final Pkg MACHINECTL = new Pkg("systemd-container", "systemd-container", null, "systemd-container");
    static final Pkg LIBSECCOMP = new Pkg("libseccomp2", "libseccomp", "libseccomp", "libseccomp2");
    /** Only Arch packages nerdctl (with containerd-rootless.sh and the setup tool) and BuildKit. */
    static final Pkg NERDCTL = new Pkg(null, null, "nerdctl", null);
    static final Pkg BUILDKIT = new Pkg(null, null, "buildkit", null);
    static final Pkg NOT_PACKAGED = new Pkg(null, null, null, null);

    private Hints() {
    }

    /** "sudo apt-get install uidmap" and the like; for OTHER, the names per family as a comment. */
    static String install(DistroFamily f, Pkg pkg) {
        String name = pkg.name(f);
        if (name == null) {
            return f == DistroFamily.OTHER ? otherInstall(pkg) : "";
        }
        return switch (f) {
            case DEBIAN -> "sudo apt-get install " + name;
            case FEDORA -> "sudo dnf install " + name;
            case ARCH -> "sudo pacman -S " + name;
            case OPENSUSE -> "sudo zypper install " + name;
            case OTHER -> otherInstall(pkg);
        };
    }

    /** Reinstalling restores a package's file modes (setuid) and file capabilities. */
    static String reinstall(DistroFamily f, Pkg pkg) {
        String name = pkg.name(f);
        if (name == null) {
            return otherInstall(pkg);
        }
        return switch (f) {
            case DEBIAN -> "sudo apt-get install --reinstall " + name;
            case FEDORA -> "sudo dnf reinstall " + name;
            case ARCH -> "sudo pacman -S " + name;
            case OPENSUSE -> "sudo zypper install --force " + name;
            case OTHER -> otherInstall(pkg);
        };
    }

    /** Brings the system's packages up to date (kernel, runc, ...). */
    static String upgrade(DistroFamily f) {
        return switch (f) {
            case DEBIAN -> "sudo apt-get update && sudo apt-get upgrade";
            case FEDORA -> "sudo dnf upgrade --refresh";
            case ARCH -> "sudo pacman -Syu";
            case OPENSUSE -> "sudo zypper update";
            case OTHER -> "# update the system with your package manager";
        };
    }

    private static String otherInstall(Pkg pkg) {
        List<String> names = new ArrayList<>();
        add(names, "Debian/Ubuntu", pkg.debian());
        add(names, "Fedora/RHEL", pkg.fedora());
        add(names, "Arch", pkg.arch());
        add(names, "openSUSE", pkg.opensuse());
        return names.isEmpty() ? "" : "# install the package (" + String.join(", ", names) + ")";
    }

    private static void add(List<String> names, String family, String name) {
        if (name != null) {
            names.add(family + ": " + name);
        }
    }

    /**
     * Installs one of the tools nerdctl's release bundles: the distribution package where there is one,
     * else the nerdctl-full archive.
     */
    static String nerdctlTool(DistroFamily f, Pkg pkg, String what, String arch, boolean ubuntu) {
        String name = pkg.name(f);
        if (name != null) {
            return install(f, pkg);
        }
        String a = arch == null || arch.isEmpty() ? "amd64" : arch;
        String s = "# " + what + " is in nerdctl-full: download nerdctl-full-VERSION-linux-" + a
                + ".tar.gz from https://github.com/containerd/nerdctl/releases, then\n"
                + "sudo tar -C /usr/local -xzf nerdctl-full-*-linux-" + a + ".tar.gz";
        if (ubuntu) {
            s += "\n# on Ubuntu 24.04 and later, /usr/local/bin/rootlesskit then needs an AppArmor profile"
                    + " (see the check apparmor-userns)";
        }
        return s;
    }

    static String sysctl(String key, String value) {
        return "echo '" + key + "=" + value + "' | sudo tee -a /etc/sysctl.d/99-rootless.conf\n"
                + "sudo sysctl --system";
    }

    static String join(String... parts) {
        List<String> l = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                l.add(p.strip());
            }
        }
        return String.join("\n", l);
    }
}
