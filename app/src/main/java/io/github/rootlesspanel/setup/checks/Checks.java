package io.github.rootlesspanel.setup.checks;

import static io.github.rootlesspanel.setup.checks.CheckState.FAILED;
import static io.github.rootlesspanel.setup.checks.CheckState.NOT_APPLICABLE;
import static io.github.rootlesspanel.setup.checks.CheckState.OK;
import static io.github.rootlesspanel.setup.checks.CheckState.WARNING;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostFacts.Binary;
import io.github.rootlesspanel.host.HostFacts.Caps;
import io.github.rootlesspanel.host.HostFacts.IdMapper;
import io.github.rootlesspanel.host.HostFacts.SubIds;
import io.github.rootlesspanel.host.HostFacts.Trial;
import io.github.rootlesspanel.host.HostFacts.TrialState;
import io.github.rootlesspanel.host.SubIdParser;

/**
 * The prerequisite checks for rootless containerd: the setup script's own ({@code containerd-rootless-setuptool.sh}
 * preflight and {@code check}) and what it leaves out. Pure over {@link HostFacts}: no I/O, so they run anywhere
 * and are tested against prepared fact sets.
 *
 * <p>{@link #evaluate} returns one result per id in {@link #IDS}, in that order:
 * <ol>
 * <li>Session: not-root, home, xdg-runtime-dir, user-bus, systemd-user, dbus-user-session, linger</li>
 * <li>User namespaces: subuid, subgid, newuidmap, newgidmap, unprivileged-userns-clone, max-user-namespaces,
 * apparmor-userns, rootlesskit-trial</li>
 * <li>cgroups: cgroup-v2, cgroup-delegation</li>
 * <li>Storage: selinux, overlay-kernel, overlay-trial</li>
 * <li>Network: ip-unprivileged-port-start</li>
 * <li>Binaries: bin-containerd-rootless-sh, bin-rootlesskit, bin-slirp4netns, bin-containerd, bin-oci-runtime,
 * bin-nerdctl, bin-buildkitd, bin-containerd-fuse-overlayfs-grpc, bin-containerd-stargz-grpc, bin-bypass4netnsd,
 * bin-fuse-overlayfs</li>
 * <li>bypass4netns: bypass4netns-kernel, bypass4netns-oci-runtime, bypass4netns-libseccomp</li>
 * </ol>
 * FAILED is kept for what stops the setup script or containerd-rootless.sh; recommendations are WARNING;
 * optional parts that are absent are NOT_APPLICABLE.
 */
public final class Checks {

    public static final String SESSION = "Session";
    public static final String USERNS = "User namespaces";
    public static final String CGROUPS = "cgroups";
    public static final String STORAGE = "Storage";
    public static final String NETWORK = "Network";
    public static final String BINARIES = "Binaries";
    public static final String BYPASS4NETNS = "bypass4netns";

    /** Every check id, in the order {@link #evaluate} returns them. */
    public static final List<String> IDS = List.of(
            "not-root", "home", "xdg-runtime-dir", "user-bus", "systemd-user", "dbus-user-session", "linger",
            "subuid", "subgid", "newuidmap", "newgidmap", "unprivileged-userns-clone", "max-user-namespaces",
            "apparmor-userns", "rootlesskit-trial",
            "cgroup-v2", "cgroup-delegation",
            "selinux", "overlay-kernel", "overlay-trial",
            "ip-unprivileged-port-start",
            "bin-containerd-rootless-sh", "bin-rootlesskit", "bin-slirp4netns", "bin-containerd", "bin-oci-runtime",
            "bin-nerdctl", "bin-buildkitd", "bin-containerd-fuse-overlayfs-grpc", "bin-containerd-stargz-grpc",
            "bin-bypass4netnsd", "bin-fuse-overlayfs",
            "bypass4netns-kernel", "bypass4netns-oci-runtime", "bypass4netns-libseccomp");

    private static final long NEEDED_SUBIDS = 65_536;

    private final HostFacts f;
    private final DistroFamily family;
    private final boolean ubuntu;
    private final String user;
    private final Optional<VersionNumber> kernel;

    private Checks(HostFacts facts) {
        this.f = facts;
        this.family = DistroFamily.of(facts.os());
        this.ubuntu = DistroFamily.isUbuntu(facts.os());
        this.user = facts.user().name().isEmpty() ? "$USER" : facts.user().name();
        this.kernel = VersionNumber.find(facts.kernelRelease());
    }

    /** Runs every check; one result per id of {@link #IDS}, in that order. */
    public static List<CheckResult> evaluate(HostFacts facts) {
        Checks c = new Checks(facts);
        List<CheckResult> out = new ArrayList<>(List.of(
                c.notRoot(), c.home(), c.xdgRuntimeDir(), c.userBus(), c.systemdUser(), c.dbusUserSession(),
                c.linger(),
                c.subIds("subuid", "uid", facts.subuid()), c.subIds("subgid", "gid", facts.subgid()),
                c.idMapper("newuidmap", facts.newuidmap(), "cap_setuid"),
                c.idMapper("newgidmap", facts.newgidmap(), "cap_setgid"),
                c.unprivilegedUsernsClone(), c.maxUserNamespaces(), c.apparmor(), c.rootlesskitTrial(),
                c.cgroupV2(), c.cgroupDelegation(),
                c.selinux(), c.overlayKernel(), c.overlayTrial(),
                c.portStart(),
                c.containerdRootlessSh(), c.rootlesskit(), c.slirp4netns(), c.containerd(), c.ociRuntime(),
                c.nerdctl(), c.buildkitd(), c.fuseOverlayfsGrpc(), c.stargzGrpc(), c.bypass4netnsd(),
                c.fuseOverlayfs(),
                c.bypassKernel(), c.bypassRuntime(), c.bypassLibseccomp()));
        return List.copyOf(out);
    }

    /** The family hints are written for. */
    public static DistroFamily familyOf(HostFacts facts) {
        return DistroFamily.of(facts.os());
    }

    private static CheckResult r(String id, String title, String group, CheckState state, String found, String why,
            String hint) {
        return new CheckResult(id, title, group, state, found, why, hint);
    }

    // ---- Session -------------------------------------------------------------------------------------------

    private CheckResult notRoot() {
        String title = "Not running as root";
        String why = "Rootless containerd runs as your own user, under your user's systemd. "
                + "containerd-rootless-setuptool.sh and containerd-rootless.sh refuse to run as root.";
        int uid = f.user().uid();
        if (uid == 0) {
            return r("not-root", title, SESSION, FAILED, "running as root (uid 0)", why,
                    "# Log in as your desktop user (not root, and not through sudo), then run again:\n"
                            + "rootless-panel check");
        }
        String who = uid < 0 ? "uid unknown" : "uid " + uid + (f.user().name().isEmpty() ? "" : " (" + f.user().name() + ")");
        return r("not-root", title, SESSION, uid < 0 ? WARNING : OK, who, why,
                "# could not read this process's uid from /proc/self/status\nid -u");
    }

    private CheckResult home() {
        String title = "HOME is set and writable";
        String why = "containerd keeps images and containers under ~/.local/share/containerd and its settings "
                + "under ~/.config; the setup script and containerd-rootless.sh stop when HOME is not set and writable.";
        HostFacts.User u = f.user();
        if (!u.homeSet()) {
            return r("home", title, SESSION, FAILED, "HOME is not set", why,
                    "export HOME=\"$(getent passwd \"$(id -un)\" | cut -d: -f6)\"");
        }
        if (!u.homeIsDirectory()) {
            return r("home", title, SESSION, FAILED, "HOME=" + u.home() + " is not a directory", why,
                    "sudo mkdir -p " + u.home() + "\nsudo chown " + user + ": " + u.home());
        }
        if (!u.homeWritable()) {
            return r("home", title, SESSION, FAILED, "HOME=" + u.home() + " is not writable for you", why,
                    "sudo chown " + user + ": " + u.home());
        }
        return r("home", title, SESSION, OK, u.home() + " (writable)", why, "");
    }

    /** For a session without XDG_RUNTIME_DIR / user manager: what su and sudo leave out. */
    private String loginHint() {
        String machinectl = Hints.install(family, Hints.MACHINECTL);
        return Hints.join(
                "# XDG_RUNTIME_DIR and the user bus come with a real login; su and sudo do not make one.",
                "# Log in directly as " + user + ": on the desktop, with `ssh " + user + "@localhost`, or as root with:",
                "machinectl shell " + user + "@",
                machinectl.isEmpty() || machinectl.startsWith("#") ? "" : "# (machinectl is in systemd-container: " + machinectl + ")",
                "# Or keep your user manager running without a login and point to its directory:",
                "sudo loginctl enable-linger " + user,
                "export XDG_RUNTIME_DIR=\"$(loginctl show-user " + user + " -p RuntimePath --value)\"",
                "export DBUS_SESSION_BUS_ADDRESS=\"unix:path=$XDG_RUNTIME_DIR/bus\"");
    }

    private CheckResult xdgRuntimeDir() {
        String title = "XDG_RUNTIME_DIR is set and writable";
        String why = "RootlessKit, containerd and the user bus keep their sockets and state there "
                + "($XDG_RUNTIME_DIR/containerd-rootless, $XDG_RUNTIME_DIR/bus). A real login (desktop, ssh, "
                + "machinectl shell) sets it; su and sudo do not. The setup script stops without it.";
        HostFacts.Session s = f.session();
        if (!s.xdgSet()) {
            return r("xdg-runtime-dir", title, SESSION, FAILED, "XDG_RUNTIME_DIR is not set", why, loginHint());
        }
        if (!s.xdgExists()) {
            return r("xdg-runtime-dir", title, SESSION, FAILED,
                    "XDG_RUNTIME_DIR=" + s.xdgRuntimeDir() + " does not exist", why, loginHint());
        }
        if (!s.xdgWritable()) {
            return r("xdg-runtime-dir", title, SESSION, FAILED,
                    "XDG_RUNTIME_DIR=" + s.xdgRuntimeDir() + " is not writable for you", why, loginHint());
        }
        int uid = f.user().uid();
        if (s.xdgOwnerUid() >= 0 && uid >= 0 && s.xdgOwnerUid() != uid) {
            return r("xdg-runtime-dir", title, SESSION, WARNING, "XDG_RUNTIME_DIR=" + s.xdgRuntimeDir()
                    + " belongs to uid " + s.xdgOwnerUid() + ", not to you (uid " + uid + ")", why, loginHint());
        }
        return r("xdg-runtime-dir", title, SESSION, OK, s.xdgRuntimeDir() + " (yours, writable)", why, "");
    }

    private CheckResult userBus() {
        String title = "User D-Bus reachable";
        String why = "Rootless Panel talks to your systemd user manager over the user bus, and containerd.service "
                + "as nerdctl 2.x writes it requires dbus.socket (runc's systemd cgroup driver needs the per-user D-Bus).";
        HostFacts.Session s = f.session();
        List<String> seen = new ArrayList<>();
        if (s.busSocket()) {
            seen.add(s.xdgRuntimeDir() + "/bus exists");
        }
        if (!s.busAddress().isEmpty()) {
            seen.add("DBUS_SESSION_BUS_ADDRESS=" + s.busAddress());
        }
        if (!seen.isEmpty()) {
            return r("user-bus", title, SESSION, OK, String.join("; ", seen), why, "");
        }
        String found = s.xdgSet() ? "no bus socket at " + s.xdgRuntimeDir() + "/bus and DBUS_SESSION_BUS_ADDRESS is not set"
                : "DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are not set";
        String hint;
        if (!s.xdgSet() || !s.xdgWritable()) {
            hint = loginHint();
        } else if (f.dbusSocketUnit().isEmpty()) {
            hint = Hints.join(Hints.install(family, Hints.DBUS_USER_SESSION),
                    "# then log out and in again, or start it now:", "systemctl --user start dbus.socket");
        } else {
            hint = "systemctl --user start dbus.socket\nexport DBUS_SESSION_BUS_ADDRESS=\"unix:path=$XDG_RUNTIME_DIR/bus\"";
        }
        return r("user-bus", title, SESSION, FAILED, found, why, hint);
    }

    private CheckResult systemdUser() {
        String title = "systemctl --user reachable";
        String why = "The setup script installs containerd as a systemd user service and stops when "
                + "`systemctl --user show-environment` fails; Rootless Panel starts and stops the components "
                + "through the same user manager.";
        HostFacts.UserManagerProbe m = f.session().userManager();
        if (m.ok()) {
            return r("systemd-user", title, SESSION, OK, "your systemd user manager answered", why, "");
        }
        if (!m.checked()) {
            return r("systemd-user", title, SESSION, WARNING, "not checked", why, "systemctl --user show-environment");
        }
        HostFacts.Session s = f.session();
        String hint = !s.xdgSet() || !s.xdgWritable() ? loginHint()
                : Hints.join("# Is a user manager running for you?", "systemctl --user status",
                        "# If not (no login through logind/PAM), log in directly, not via su/sudo, or let it run without a login:",
                        "sudo loginctl enable-linger " + user);
        return r("systemd-user", title, SESSION, FAILED, m.problem().orElse("no answer"), why, hint);
    }

    private CheckResult dbusUserSession() {
        String title = "dbus-user-session installed";
        String why = "Without the per-user D-Bus, runc's systemd cgroup driver fails with errors like "
                + "'read unix @->/run/systemd/private: connection reset by peer', and containerd.service from "
                + "nerdctl 2.x (Requires=dbus.socket) cannot start.";
        if (f.dbusSocketUnit().isPresent()) {
            return r("dbus-user-session", title, SESSION, OK, "user unit " + f.dbusSocketUnit().get(), why, "");
        }
        return r("dbus-user-session", title, SESSION, WARNING,
                "no user unit dbus.socket in /usr/lib/systemd/user, /lib/systemd/user or /etc/systemd/user", why,
                Hints.join(Hints.install(family, Hints.DBUS_USER_SESSION), "# then log out and in again"));
    }

    private CheckResult linger() {
        String title = "Lingering enabled";
        String why = "Without lingering your systemd user manager, and with it containerd.service and containers "
                + "with restart=always, starts only when you log in and stops when your last session ends.";
        String file = f.lingerFile().toString();
        if (f.linger()) {
            return r("linger", title, SESSION, OK, file + " exists", why, "");
        }
        return r("linger", title, SESSION, WARNING,
                file + " does not exist: containerd starts only at login", why, "sudo loginctl enable-linger " + user);
    }

    // ---- User namespaces -----------------------------------------------------------------------------------

    private CheckResult subIds(String id, String kind, SubIds s) {
        String title = s.file() + " has >= 65536 " + kind + "s for you";
        String why = "RootlessKit maps the " + kind + "s 0-65535 inside the user namespace onto your subordinate "
                + kind + "s with new" + kind + "map; images need all 65,536 of them (nobody is 65534).";
        String option = "--add-sub" + kind + "s";
        long start = s.nextFreeStart();
        String add = "sudo usermod " + option + " " + start + "-" + (start + NEEDED_SUBIDS - 1) + " " + user;
        if (!s.exists()) {
            return r(id, title, USERNS, FAILED, s.file() + " does not exist", why,
                    "sudo touch " + s.file() + "\n" + add);
        }
        if (!s.readable()) {
            return r(id, title, USERNS, FAILED, "cannot read " + s.file(), why, "sudo chmod 0644 " + s.file());
        }
        List<SubIdParser.Range> mine = s.entries();
        if (mine.isEmpty()) {
            return r(id, title, USERNS, FAILED, "no line for " + user + " (or uid " + f.user().uid() + ") in " + s.file(),
                    why, add);
        }
        String lines = String.join(", ", mine.stream().map(SubIdParser.Range::toString).toList());
        long largest = SubIdParser.largestCount(mine);
        if (largest < NEEDED_SUBIDS) {
            return r(id, title, USERNS, FAILED, lines + ": the largest range has " + largest
                    + " " + kind + "s, fewer than 65536", why, add);
        }
        if (mine.size() > 1) {
            SubIdParser.Range keep = mine.stream().filter(x -> x.count() == largest).findFirst().orElseThrow();
            List<String> hint = new ArrayList<>();
            hint.add("# keep one range of at least 65536 " + kind + "s (" + keep + ") and remove the others:");
            for (SubIdParser.Range x : mine) {
                if (x != keep) {
                    hint.add("sudo usermod --del-sub" + kind + "s " + x.start() + "-" + x.end() + " " + user);
                }
            }
            return r(id, title, USERNS, WARNING, mine.size() + " lines for you: " + lines,
                    why + " Several lines for one user are a known cause of 'newuidmap: write to uid_map failed: "
                            + "Invalid argument'.", String.join("\n", hint));
        }
        if (s.symlink()) {
            return r(id, title, USERNS, WARNING, lines + "; " + s.file() + " is a symbolic link", why
                    + " A symlinked " + s.file() + " is a reported cause of RootlessKit failing to set up the "
                    + kind + " map.", "# make it a regular file:\nsudo cp --remove-destination \"$(readlink -f "
                    + s.file() + ")\" " + s.file());
        }
        return r(id, title, USERNS, OK, lines + " (" + largest + " " + kind + "s)", why, "");
    }

    private CheckResult idMapper(String id, IdMapper m, String capability) {
        String title = id + " installed and privileged";
        String why = "RootlessKit writes the user namespace's id map through " + id + ", which needs root "
                + "rights to map your subordinate ids: setuid root, or the file capability " + capability + ".";
        if (m.path().isEmpty()) {
            return r(id, title, USERNS, FAILED, id + " not found (PATH, /usr/bin, /usr/sbin)", why,
                    Hints.install(family, Hints.UIDMAP));
        }
        String path = m.path().get().toString();
        boolean capOk = m.caps() == Caps.PRESENT && m.capsText().contains(capability)
                && !m.capsText().contains("(no ");
        String notOnPath = m.onPath() ? "" : "; not on your PATH";
        if (m.setuid() || capOk) {
            String how = m.setuid() ? "setuid" : "file capabilities " + m.capsText();
            if (!m.onPath()) {
                return r(id, title, USERNS, WARNING, path + ", " + how + notOnPath, why
                        + " RootlessKit looks it up on PATH.", "export PATH=\"$PATH:" + m.path().get().getParent() + "\"");
            }
            return r(id, title, USERNS, OK, path + ", " + how, why, "");
        }
        if (m.caps() == Caps.UNKNOWN) {
            if (f.rootlesskitTrial().state() == TrialState.OK) {
                return r(id, title, USERNS, OK, path + ", not setuid; file capabilities unknown (no getcap), but the "
                        + "RootlessKit trial run worked" + notOnPath, why, "");
            }
            return r(id, title, USERNS, WARNING, path + " is not setuid; its file capabilities are unknown (getcap "
                    + "is not installed)" + notOnPath, why,
                    Hints.join(Hints.install(family, Hints.GETCAP), "getcap " + path));
        }
        String caps = m.caps() == Caps.NONE ? "no file capabilities" : "file capabilities " + m.capsText();
        return r(id, title, USERNS, FAILED, path + " is not setuid and has " + caps + notOnPath, why,
                Hints.join(Hints.reinstall(family, Hints.UIDMAP), "# or set the bit by hand:", "sudo chmod u+s " + path));
    }

    private CheckResult unprivilegedUsernsClone() {
        String id = "unprivileged-userns-clone";
        String title = "kernel.unprivileged_userns_clone allows user namespaces";
        String why = "RootlessKit creates a user namespace as your user; with this switch at 0 the kernel refuses.";
        OptionalLong v = f.sysctls().unprivilegedUsernsClone();
        if (v.isEmpty()) {
            return r(id, title, USERNS, OK, "no such switch in this kernel (only Debian's and older Ubuntu kernels "
                    + "have it): nothing restricts user namespaces here", why, "");
        }
        if (v.getAsLong() == 0) {
            return r(id, title, USERNS, FAILED, "kernel.unprivileged_userns_clone = 0", why,
                    Hints.sysctl("kernel.unprivileged_userns_clone", "1"));
        }
        return r(id, title, USERNS, OK, "kernel.unprivileged_userns_clone = " + v.getAsLong(), why, "");
    }

    private CheckResult maxUserNamespaces() {
        String id = "max-user-namespaces";
        String title = "user.max_user_namespaces above 0";
        String why = "The number of user namespaces a user may create; at 0 RootlessKit cannot create one.";
        OptionalLong v = f.sysctls().maxUserNamespaces();
        if (v.isEmpty()) {
            return r(id, title, USERNS, WARNING, "cannot read /proc/sys/user/max_user_namespaces (a kernel without "
                    + "user namespaces?)", why, "cat /proc/sys/user/max_user_namespaces");
        }
        if (v.getAsLong() <= 0) {
            return r(id, title, USERNS, FAILED, "user.max_user_namespaces = " + v.getAsLong(), why,
                    Hints.sysctl("user.max_user_namespaces", "28633"));
        }
        return r(id, title, USERNS, OK, "user.max_user_namespaces = " + v.getAsLong(), why, "");
    }

    private CheckResult apparmor() {
        String id = "apparmor-userns";
        String title = "AppArmor lets RootlessKit create user namespaces";
        String why = "Ubuntu 23.10 and later (kernel.apparmor_restrict_unprivileged_userns = 1) allow user namespaces "
                + "only to programs with an AppArmor profile; Ubuntu's profile covers /usr/bin/rootlesskit, not "
                + "RootlessKit installed elsewhere (e.g. /usr/local/bin from nerdctl-full). Blocked, RootlessKit fails "
                + "with 'fork/exec /proc/self/exe: operation not permitted'.";
        OptionalLong v = f.sysctls().apparmorRestrictUnprivilegedUserns();
        if (v.isEmpty()) {
            return r(id, title, USERNS, OK, "no kernel.apparmor_restrict_unprivileged_userns: AppArmor does not "
                    + "restrict user namespaces here", why, "");
        }
        if (v.getAsLong() == 0) {
            return r(id, title, USERNS, OK, "kernel.apparmor_restrict_unprivileged_userns = 0", why, "");
        }
        Binary rk = f.binary("rootlesskit");
        String set = "kernel.apparmor_restrict_unprivileged_userns = " + v.getAsLong();
        if (rk.path().isEmpty()) {
            return r(id, title, USERNS, WARNING, set + "; RootlessKit is not installed yet", why,
                    Hints.join("# install RootlessKit from the distribution: it lands in /usr/bin, which the profile covers",
                            Hints.install(family, Hints.ROOTLESSKIT)));
        }
        Path path = rk.path().get();
        if (path.equals(Path.of("/usr/bin/rootlesskit"))) {
            return r(id, title, USERNS, OK, set + "; RootlessKit is /usr/bin/rootlesskit, which Ubuntu's profile allows",
                    why, "");
        }
        if (f.rootlesskitTrial().state() == TrialState.OK) {
            return r(id, title, USERNS, OK, set + "; " + path + " worked in the trial run, so a profile allows it",
                    why, "");
        }
        return r(id, title, USERNS, FAILED, set + " and RootlessKit is " + path + ", outside /usr/bin: AppArmor blocks"
                + " its user namespace", why, apparmorProfile(path.toString()));
    }

    private static String apparmorProfile(String path) {
        String name = path.replaceFirst("^/+", "").replace('/', '.');
        return "cat <<'EOT' | sudo tee /etc/apparmor.d/" + name + "\n"
                + "abi <abi/4.0>,\n"
                + "include <tunables/global>\n"
                + "\n"
                + path + " flags=(unconfined) {\n"
                + "  userns,\n"
                + "\n"
                + "  # Site-specific additions and overrides. See local/README for details.\n"
                + "  include if exists <local/" + name + ">\n"
                + "}\n"
                + "EOT\n"
                + "sudo systemctl restart apparmor.service\n"
                + "# (or, for every program and less safe: sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0)";
    }

    private CheckResult rootlesskitTrial() {
        String id = "rootlesskit-trial";
        String title = "RootlessKit trial run";
        String why = "containerd-rootless-setuptool.sh runs `rootlesskit --disable-host-loopback --copy-up=/etc "
                + "--copy-up=/run --copy-up=/var/lib true` before installing anything and stops when it fails: it "
                + "shows that RootlessKit can create the user namespace with your subordinate ids.";
        Trial t = f.rootlesskitTrial();
        if (t.state() == TrialState.NOT_RUN) {
            return r(id, title, USERNS, NOT_APPLICABLE, "not run: " + t.output(), why,
                    "# install RootlessKit first (see the check bin-rootlesskit), then check again");
        }
        if (t.state() == TrialState.OK) {
            return r(id, title, USERNS, OK, "`" + t.command() + "` worked", why, "");
        }
        String hint = Hints.join(
                "# Fix the failed checks above (subuid/subgid, newuidmap, sysctls, AppArmor), then run it by hand to see the error:",
                "rootlesskit --disable-host-loopback --copy-up=/etc --copy-up=/run --copy-up=/var/lib true",
                t.output().contains("/proc/self/exe: operation not permitted")
                        ? "# 'fork/exec /proc/self/exe: operation not permitted' on Ubuntu 24.04+ is AppArmor (see apparmor-userns)"
                        : "");
        return r(id, title, USERNS, FAILED, "exit status " + t.exitCode() + tail(t.output()), why, hint);
    }

    // ---- cgroups -------------------------------------------------------------------------------------------

    private CheckResult cgroupV2() {
        String id = "cgroup-v2";
        String title = "cgroup v2";
        String why = "Rootless containers can be limited only through cgroup v2 controllers delegated by systemd; "
                + "on cgroup v1, limits such as nerdctl run --memory, --cpus and --pids-limit are ignored.";
        HostFacts.Cgroups c = f.cgroups();
        if (c.unified()) {
            return r(id, title, CGROUPS, OK, "cgroup v2 (controllers: " + String.join(" ", c.rootControllers()) + ")",
                    why, "");
        }
        String found = c.hybridUnifiedMount()
                ? "cgroup v1, hybrid: a cgroup2 hierarchy at /sys/fs/cgroup/unified with "
                        + (c.rootControllers().isEmpty() ? "no controllers" : "only " + String.join(" ", c.rootControllers()))
                : "cgroup v1 (no /sys/fs/cgroup/cgroup.controllers)";
        String cmdline = "# boot with cgroup v2: add systemd.unified_cgroup_hierarchy=1 to GRUB_CMDLINE_LINUX in /etc/default/grub, then";
        String hint = switch (family) {
            case DEBIAN -> Hints.join(cmdline, "sudo update-grub", "sudo reboot");
            case FEDORA -> "sudo grubby --update-kernel=ALL --args=\"systemd.unified_cgroup_hierarchy=1\"\nsudo reboot";
            case ARCH -> Hints.join(cmdline, "sudo grub-mkconfig -o /boot/grub/grub.cfg", "sudo reboot");
            case OPENSUSE -> Hints.join(cmdline, "sudo grub2-mkconfig -o /boot/grub2/grub.cfg", "sudo reboot");
            case OTHER -> "# add systemd.unified_cgroup_hierarchy=1 to the kernel command line and reboot";
        };
        return r(id, title, CGROUPS, WARNING, found + ": --memory/--cpus limits are ignored", why, hint);
    }

    private CheckResult cgroupDelegation() {
        String id = "cgroup-delegation";
        int uid = f.user().uid();
        String title = "cgroup controllers cpu, memory, pids delegated to user@" + (uid < 0 ? "UID" : uid) + ".service";
        String why = "systemd hands your user manager only the controllers in Delegate=; a limit works only with "
                + "its controller: cpu for --cpus (and --cpu-shares, --cpu-quota), memory for --memory, pids for "
                + "--pids-limit. The setup script warns about these three.";
        HostFacts.Cgroups c = f.cgroups();
        if (!c.unified()) {
            return r(id, title, CGROUPS, NOT_APPLICABLE, "cgroup v1: nothing is delegated", why,
                    "# switch to cgroup v2 first (see the check cgroup-v2)");
        }
        if (c.delegated().isEmpty()) {
            return r(id, title, CGROUPS, WARNING, c.delegationFile() + " does not exist (no user manager of yours "
                    + "in its own cgroup): --memory/--cpus limits are ignored", why, loginHint());
        }
        List<String> have = c.delegated().get();
        List<String> missing = new ArrayList<>();
        for (String ctl : List.of("cpu", "memory", "pids")) {
            if (!have.contains(ctl)) {
                missing.add(ctl);
            }
        }
        String seen = "delegated: " + (have.isEmpty() ? "none" : String.join(" ", have));
        List<String> extra = new ArrayList<>();
        for (String ctl : List.of("cpuset", "io")) {
            if (!have.contains(ctl)) {
                extra.add(ctl);
            }
        }
        String optional = extra.isEmpty() ? "" : " (" + String.join(", ", extra) + " not delegated: "
                + String.join(", ", extra.stream().map(x -> x.equals("cpuset") ? "--cpuset-cpus" : "--blkio-weight").toList())
                + " ignored)";
        if (missing.isEmpty()) {
            return r(id, title, CGROUPS, OK, seen + optional, why, "");
        }
        List<String> effects = new ArrayList<>();
        for (String m : missing) {
            effects.add(switch (m) {
                case "cpu" -> "--cpus";
                case "memory" -> "--memory";
                default -> "--pids-limit";
            });
        }
        String hint = "sudo mkdir -p /etc/systemd/system/user@.service.d\n"
                + "cat <<'EOF' | sudo tee /etc/systemd/system/user@.service.d/delegate.conf\n"
                + "[Service]\n"
                + "Delegate=cpu cpuset io memory pids\n"
                + "EOF\n"
                + "sudo systemctl daemon-reload\n"
                + "# then log out and in again (your user@" + (uid < 0 ? "UID" : uid) + ".service must restart)";
        return r(id, title, CGROUPS, WARNING, seen + "; missing: " + String.join(" ", missing) + " ("
                + String.join(", ", effects) + " ignored)", why, hint);
    }

    // ---- Storage -------------------------------------------------------------------------------------------

    private CheckResult selinux() {
        String id = "selinux";
        String title = "SELinux mode";
        String why = "nerdctl's rule for the default overlayfs snapshotter: kernel >= 5.11 is enough without SELinux, "
                + "with SELinux it takes kernel >= 5.13 (see overlay-kernel).";
        String found = switch (f.selinux()) {
            case ABSENT -> "not enabled (no /sys/fs/selinux)";
            case DISABLED -> "disabled";
            case PERMISSIVE -> "enabled, permissive";
            case ENFORCING -> "enabled, enforcing";
        };
        return r(id, title, STORAGE, OK, found, why, "");
    }

    /** Why the default overlayfs snapshotter will not work rootless here, or empty when it will by the rules. */
    private Optional<String> overlayRuleProblem() {
        if (kernel.isEmpty()) {
            return Optional.of("kernel release unknown");
        }
        VersionNumber k = kernel.get();
        if (k.atLeast(5, 13) || ubuntu || (k.atLeast(5, 11) && !f.selinux().enabled())) {
            return Optional.empty();
        }
        if (f.selinux().enabled()) {
            return Optional.of("kernel " + k.numbers() + " with SELinux " + f.selinux().word() + ": below 5.13");
        }
        return Optional.of("kernel " + k.numbers() + " without SELinux: below 5.11");
    }

    private boolean overlayUnusable() {
        return overlayRuleProblem().isPresent() || f.overlayTrial().state() == TrialState.FAILED;
    }

    private String fuseOverlayfsHint() {
        return Hints.join(
                f.binary("fuse-overlayfs").present() ? "" : Hints.install(family, Hints.FUSE_OVERLAYFS),
                f.binary("containerd-fuse-overlayfs-grpc").present() ? ""
                        : Hints.nerdctlTool(family, Hints.NOT_PACKAGED, "containerd-fuse-overlayfs-grpc", f.arch(), ubuntu),
                "containerd-rootless-setuptool.sh install-fuse-overlayfs",
                "# then add [proxy_plugins.\"fuse-overlayfs\"] to ~/.config/containerd/config.toml, restart containerd.service",
                "# and use: export CONTAINERD_SNAPSHOTTER=fuse-overlayfs   (last resort: CONTAINERD_SNAPSHOTTER=native)");
    }

    private CheckResult overlayKernel() {
        String id = "overlay-kernel";
        String title = "Kernel allows rootless overlayfs";
        String why = "containerd's default overlayfs snapshotter works rootless with kernel >= 5.13 on any distribution, "
                + ">= 5.11 without SELinux, and on Ubuntu's kernels; elsewhere use the fuse-overlayfs snapshotter.";
        Optional<String> problem = overlayRuleProblem();
        if (problem.isEmpty()) {
            VersionNumber k = kernel.orElseThrow();
            String rule = k.atLeast(5, 13) ? ">= 5.13"
                    : k.atLeast(5, 11) && !f.selinux().enabled() ? ">= 5.11 without SELinux" : "an Ubuntu kernel";
            return r(id, title, STORAGE, OK, "kernel " + f.kernelRelease() + ": " + rule, why, "");
        }
        if (kernel.isEmpty()) {
            return r(id, title, STORAGE, WARNING, problem.get(), why, "uname -r");
        }
        return r(id, title, STORAGE, WARNING, problem.get() + ": use fuse-overlayfs", why, fuseOverlayfsHint());
    }

    private CheckResult overlayTrial() {
        String id = "overlay-trial";
        String title = "Rootless overlay mount trial";
        String why = "The setup script mounts an overlay inside RootlessKit in a temporary directory; when that fails, "
                + "containerd's default overlayfs snapshotter will not work either. The script only warns.";
        Trial t = f.overlayTrial();
        if (t.state() == TrialState.NOT_RUN) {
            return r(id, title, STORAGE, NOT_APPLICABLE, "not run: " + t.output(), why,
                    "# install RootlessKit first (see the check bin-rootlesskit), then check again");
        }
        if (t.state() == TrialState.OK) {
            return r(id, title, STORAGE, OK, "`rootlesskit mount -t overlay ...` in a temporary directory worked", why, "");
        }
        return r(id, title, STORAGE, WARNING, "the overlay mount failed: exit status " + t.exitCode() + tail(t.output()),
                why, fuseOverlayfsHint());
    }

    // ---- Network -------------------------------------------------------------------------------------------

    private CheckResult portStart() {
        String id = "ip-unprivileged-port-start";
        String title = "Ports below 1024 can be published";
        String why = "RootlessKit's builtin port driver listens on the host as your user; the kernel lets unprivileged "
                + "users bind only ports from net.ipv4.ip_unprivileged_port_start up.";
        String setcap = "sudo setcap cap_net_bind_service=ep "
                + f.binary("rootlesskit").path().map(Path::toString).orElse("$(command -v rootlesskit)");
        OptionalLong v = f.sysctls().ipUnprivilegedPortStart();
        if (v.isEmpty()) {
            return r(id, title, NETWORK, WARNING, "cannot read net.ipv4.ip_unprivileged_port_start: ports below 1024 "
                    + "need CAP_NET_BIND_SERVICE", why, setcap);
        }
        long start = v.getAsLong();
        if (start <= 0) {
            return r(id, title, NETWORK, OK, "net.ipv4.ip_unprivileged_port_start = " + start + ": every port", why, "");
        }
        return r(id, title, NETWORK, WARNING, "net.ipv4.ip_unprivileged_port_start = " + start + ": ports below "
                + start + " cannot be published (nerdctl run -p 80:80 fails)", why,
                Hints.join(Hints.sysctl("net.ipv4.ip_unprivileged_port_start", "0"),
                        "# or, for RootlessKit alone (builtin port driver):", setcap));
    }

    // ---- Binaries ------------------------------------------------------------------------------------------

    /** "rootlesskit version 1.1.0 (/usr/bin/rootlesskit)"; the path alone when --version printed no version. */
    private static String located(Binary b) {
        String where = b.path().map(Path::toString).orElse("");
        String v = VersionNumber.find(b.versionLine()).isPresent() ? b.versionLine() : "";
        return (v.isEmpty() ? where : v + " (" + where + ")")
                + (b.onPath() ? "" : "; not on your PATH (containerd.service adds /sbin:/usr/sbin)");
    }

    private CheckResult required(String id, String name, String why, Hints.Pkg pkg, boolean nerdctlTool) {
        Binary b = f.binary(name);
        String title = name;
        if (b.present()) {
            return r(id, title, BINARIES, OK, located(b), why, "");
        }
        String hint = nerdctlTool ? Hints.nerdctlTool(family, pkg, name, f.arch(), ubuntu) : Hints.install(family, pkg);
        return r(id, title, BINARIES, FAILED, name + " not found on PATH", why, hint);
    }

    private CheckResult optional(String id, String name, String why, String hint, boolean needed) {
        Binary b = f.binary(name);
        if (b.present()) {
            return r(id, name, BINARIES, OK, located(b), why, "");
        }
        return r(id, name, BINARIES, needed ? WARNING : NOT_APPLICABLE, name + " not found on PATH"
                + (needed ? "" : " (optional)"), why, hint);
    }

    private CheckResult containerdRootlessSh() {
        return required("bin-containerd-rootless-sh", "containerd-rootless.sh",
                "The script containerd.service runs: it starts containerd inside RootlessKit. The setup tool stops "
                        + "when it is not on PATH.", Hints.NERDCTL, true);
    }

    private CheckResult rootlesskit() {
        return required("bin-rootlesskit", "rootlesskit",
                "Makes the user, mount and network namespaces rootless containerd runs in.", Hints.ROOTLESSKIT, false);
    }

    private CheckResult slirp4netns() {
        String id = "bin-slirp4netns";
        String title = "slirp4netns >= 0.4";
        String why = "containerd-rootless.sh picks RootlessKit's network driver: slirp4netns when version >= 0.4.0 is "
                + "installed, else vpnkit, else gvisor-tap-vsock (built into RootlessKit >= 3.0).";
        Binary b = f.binary("slirp4netns");
        String install = Hints.install(family, Hints.SLIRP4NETNS);
        if (b.present()) {
            Optional<VersionNumber> v = VersionNumber.find(b.versionLine());
            if (v.isEmpty()) {
                return r(id, title, BINARIES, WARNING, "version unknown: " + located(b), why, b.path().get() + " --version");
            }
            if (!v.get().atLeast(0, 4)) {
                return r(id, title, BINARIES, WARNING, located(b) + ": older than 0.4.0, so containerd-rootless.sh "
                        + "does not use it", why, install);
            }
            return r(id, title, BINARIES, OK, located(b), why, "");
        }
        if (f.binary("vpnkit").present()) {
            return r(id, title, BINARIES, WARNING, "slirp4netns not found; RootlessKit will use vpnkit ("
                    + f.binary("vpnkit").path().get() + ")", why, install);
        }
        Binary rk = f.binary("rootlesskit");
        Optional<VersionNumber> rkv = VersionNumber.find(rk.versionLine());
        if (rk.present() && rkv.isPresent() && !rkv.get().atLeast(3, 0)) {
            return r(id, title, BINARIES, FAILED, "slirp4netns and vpnkit not found, and RootlessKit " + rkv.get()
                    + " has no built-in gvisor-tap-vsock (3.0 and later): containerd-rootless.sh finds no network "
                    + "driver", why, install);
        }
        return r(id, title, BINARIES, WARNING, "slirp4netns not found; RootlessKit >= 3.0 falls back to its built-in "
                + "gvisor-tap-vsock", why, install);
    }

    private CheckResult containerd() {
        return required("bin-containerd", "containerd", "The container runtime daemon the panel manages.",
                Hints.CONTAINERD, false);
    }

    private CheckResult ociRuntime() {
        String id = "bin-oci-runtime";
        String title = "runc or crun";
        String why = "The OCI runtime containerd starts each container with (runc by default).";
        List<String> found = new ArrayList<>();
        for (String name : List.of("runc", "crun")) {
            Binary b = f.binary(name);
            if (b.present()) {
                found.add(located(b));
            }
        }
        if (found.isEmpty()) {
            return r(id, title, BINARIES, FAILED, "neither runc nor crun found (PATH, /usr/sbin, /sbin)", why,
                    Hints.install(family, Hints.RUNC));
        }
        return r(id, title, BINARIES, OK, String.join("; ", found), why, "");
    }

    private CheckResult nerdctl() {
        return optional("bin-nerdctl", "nerdctl",
                "The containerd client Rootless Panel uses for containers, images and networks; it comes with "
                        + "containerd-rootless-setuptool.sh.",
                Hints.nerdctlTool(family, Hints.NERDCTL, "nerdctl", f.arch(), ubuntu), true);
    }

    private CheckResult buildkitd() {
        return optional("bin-buildkitd", "buildkitd", "Optional: BuildKit, for nerdctl build.",
                Hints.join(Hints.nerdctlTool(family, Hints.BUILDKIT, "buildkitd", f.arch(), ubuntu),
                        "containerd-rootless-setuptool.sh install-buildkit"), false);
    }

    private CheckResult fuseOverlayfsGrpc() {
        boolean needed = overlayUnusable();
        return optional("bin-containerd-fuse-overlayfs-grpc", "containerd-fuse-overlayfs-grpc",
                (needed ? "Needed here: " : "Optional: ") + "the fuse-overlayfs snapshotter, for hosts where rootless "
                        + "overlayfs does not work.",
                Hints.join(Hints.nerdctlTool(family, Hints.NOT_PACKAGED, "containerd-fuse-overlayfs-grpc", f.arch(), ubuntu),
                        "containerd-rootless-setuptool.sh install-fuse-overlayfs"), needed);
    }

    private CheckResult stargzGrpc() {
        return optional("bin-containerd-stargz-grpc", "containerd-stargz-grpc",
                "Optional: the stargz snapshotter, for lazy pulling (Debian's stargz-snapshotter package has only "
                        + "ctr-remote, not this daemon).",
                Hints.join(Hints.nerdctlTool(family, Hints.NOT_PACKAGED, "containerd-stargz-grpc", f.arch(), ubuntu),
                        "containerd-rootless-setuptool.sh install-stargz"), false);
    }

    private CheckResult bypass4netnsd() {
        String id = "bin-bypass4netnsd";
        String why = "Optional: bypass4netns lets chosen containers use the host's network stack at native speed.";
        String hint = Hints.join(Hints.nerdctlTool(family, Hints.NOT_PACKAGED, "bypass4netnsd", f.arch(), ubuntu),
                "containerd-rootless-setuptool.sh install-bypass4netnsd");
        Binary d = f.binary("bypass4netnsd");
        if (d.present()) {
            Path dir = d.path().get().getParent();
            boolean helper = f.binary("bypass4netns").path().map(p -> p.getParent().equals(dir)).orElse(false);
            if (!helper) {
                return r(id, "bypass4netnsd", BINARIES, WARNING, located(d) + "; but " + dir.resolve("bypass4netns")
                        + " is missing", why + " bypass4netnsd starts bypass4netns from its own directory.", hint);
            }
        }
        return optional(id, "bypass4netnsd", why, hint, false);
    }

    private CheckResult fuseOverlayfs() {
        boolean needed = overlayUnusable();
        return optional("bin-fuse-overlayfs", "fuse-overlayfs",
                (needed ? "Needed here: " : "Optional: ") + "the FUSE overlay the fuse-overlayfs snapshotter mounts with.",
                Hints.install(family, Hints.FUSE_OVERLAYFS), needed);
    }

    // ---- bypass4netns --------------------------------------------------------------------------------------

    private static final String BYPASS_WHY = "bypass4netns needs kernel >= 5.9, runc >= 1.1 or crun >= 1.6, and "
            + "libseccomp >= 2.5 (seccomp user notification).";
    private static final String BYPASS_NA_HINT = "# needed only for bypass4netns: install bypass4netnsd first "
            + "(see the check bin-bypass4netnsd)";

    private CheckResult bypass(String id, String title, Supplier<CheckResult> check) {
        if (!f.binary("bypass4netnsd").present()) {
            return r(id, title, BYPASS4NETNS, NOT_APPLICABLE, "bypass4netnsd is not installed", BYPASS_WHY,
                    BYPASS_NA_HINT);
        }
        return check.get();
    }

    private CheckResult bypassKernel() {
        String id = "bypass4netns-kernel";
        String title = "Kernel >= 5.9 for bypass4netns";
        return bypass(id, title, () -> {
            if (kernel.isEmpty()) {
                return r(id, title, BYPASS4NETNS, WARNING, "kernel release unknown", BYPASS_WHY, "uname -r");
            }
            if (kernel.get().atLeast(5, 9)) {
                return r(id, title, BYPASS4NETNS, OK, "kernel " + f.kernelRelease(), BYPASS_WHY, "");
            }
            return r(id, title, BYPASS4NETNS, WARNING, "kernel " + f.kernelRelease() + " is older than 5.9", BYPASS_WHY,
                    Hints.join("# a kernel >= 5.9 is needed; update and reboot:", Hints.upgrade(family)));
        });
    }

    private CheckResult bypassRuntime() {
        String id = "bypass4netns-oci-runtime";
        String title = "runc >= 1.1 or crun >= 1.6 for bypass4netns";
        return bypass(id, title, () -> {
            List<String> seen = new ArrayList<>();
            boolean ok = false;
            for (String name : List.of("runc", "crun")) {
                Binary b = f.binary(name);
                if (!b.present()) {
                    continue;
                }
                Optional<VersionNumber> v = VersionNumber.find(b.versionLine());
                seen.add(name + " " + v.map(VersionNumber::toString).orElse("(version unknown)"));
                if (v.isPresent() && v.get().atLeast(name.equals("runc") ? new int[] {1, 1} : new int[] {1, 6})) {
                    ok = true;
                }
            }
            String found = seen.isEmpty() ? "neither runc nor crun found" : String.join(", ", seen);
            if (ok) {
                return r(id, title, BYPASS4NETNS, OK, found, BYPASS_WHY, "");
            }
            return r(id, title, BYPASS4NETNS, WARNING, found, BYPASS_WHY,
                    seen.isEmpty() ? Hints.install(family, Hints.RUNC)
                            : Hints.join("# update runc (or crun):", Hints.upgrade(family)));
        });
    }

    private CheckResult bypassLibseccomp() {
        String id = "bypass4netns-libseccomp";
        String title = "libseccomp >= 2.5 for bypass4netns";
        return bypass(id, title, () -> {
            Optional<String> from = Optional.empty();
            Optional<VersionNumber> v = Optional.empty();
            for (String name : List.of("runc", "slirp4netns")) {
                Optional<VersionNumber> found = libseccompOf(f.binary(name).output());
                if (found.isPresent()) {
                    v = found;
                    from = Optional.of(name);
                    break;
                }
            }
            if (v.isEmpty()) {
                return r(id, title, BYPASS4NETNS, WARNING, "libseccomp version unknown (neither runc nor slirp4netns "
                        + "reported it)", BYPASS_WHY, Hints.install(family, Hints.LIBSECCOMP));
            }
            String found = "libseccomp " + v.get() + " (as " + from.get() + " --version reports)";
            if (v.get().atLeast(2, 5)) {
                return r(id, title, BYPASS4NETNS, OK, found, BYPASS_WHY, "");
            }
            return r(id, title, BYPASS4NETNS, WARNING, found + ": older than 2.5", BYPASS_WHY,
                    Hints.join("# update libseccomp:", Hints.upgrade(family)));
        });
    }

    /** "libseccomp: 2.5.4" as runc and slirp4netns print it. */
    static Optional<VersionNumber> libseccompOf(String versionOutput) {
        for (String line : versionOutput.split("\\R")) {
            String l = line.strip();
            if (l.toLowerCase(java.util.Locale.ROOT).startsWith("libseccomp")) {
                return VersionNumber.find(l);
            }
        }
        return Optional.empty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /**
     * ": " and the telling line of a trial's output: RootlessKit's parent error (the child only reports that
     * its parent went away), else any error line, else the last line; "" when there was no output.
     */
    static String tail(String output) {
        List<String> lines = output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        for (String l : lines) {
            if (l.contains("[rootlesskit:parent] error")) {
                return ": " + l;
            }
        }
        for (String l : lines) {
            if (l.toLowerCase(java.util.Locale.ROOT).contains("error")) {
                return ": " + l;
            }
        }
        return ": " + lines.get(lines.size() - 1);
    }
}
