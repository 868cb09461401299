package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostFacts.Binary;
import io.github.rootlesspanel.host.HostFacts.OsRelease;
import io.github.rootlesspanel.host.HostProbe;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.checks.Checks;
import io.github.rootlesspanel.setup.checks.VersionNumber;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * Whether bypass4netns can be switched on this host (rootless-setup.md §3.1), as sentences that say what to do:
 * bypass4netnsd answering on its socket, the host requirements of the Setup page's three bypass4netns checks
 * (kernel 5.9, runc 1.1 or crun 1.6, libseccomp 2.5; their verdicts are reused, not recomputed), and nerdctl,
 * which recreates the container.
 *
 * <p>nerdctl older than 2.0 is ready too, with {@code useAnnotation=false}: it reads bypass4netns from
 * {@code --label nerdctl/bypass4netns=true}. nerdctl 2.x must get {@code --annotation}: it still accepts the
 * label (with a warning) but builds the seccomp listener only from the annotation, so a label alone gives a
 * container that bypass4netns cannot accelerate.
 */
public final class Bypass4netnsRequirements {

    static final String KERNEL = "bypass4netns-kernel";
    static final String RUNTIME = "bypass4netns-oci-runtime";
    static final String LIBSECCOMP = "bypass4netns-libseccomp";
    static final Set<String> CHECK_IDS = Set.of(KERNEL, RUNTIME, LIBSECCOMP);

    private static final String START = "start it on the Overview page (systemctl --user start bypass4netnsd)";

    private Bypass4netnsRequirements() {
    }

    /**
     * Pure: the readiness from what was found.
     *
     * @param unitActive    whether bypass4netnsd.service is active; empty when systemd could not be asked
     * @param socketProblem why {@code GET /v1/bypass} failed; empty when it answered. An answer is enough: a
     *                      daemon the user started by hand serves nerdctl's hook as well as the unit's
     * @param checks        results of the Setup checks; those with the ids bypass4netns-kernel,
     *                      bypass4netns-oci-runtime and bypass4netns-libseccomp are used, others ignored
     * @param nerdctl       the located nerdctl, or empty
     */
    public static Bypass4netnsReadiness evaluate(Optional<Boolean> unitActive, Optional<String> socketProblem,
            List<CheckResult> checks, Optional<Nerdctl> nerdctl) {
        return evaluate(unitActive, true, socketProblem, checks, nerdctl);
    }

    /** As above, also knowing whether systemd has a unit file for bypass4netnsd.service. */
    static Bypass4netnsReadiness evaluate(Optional<Boolean> unitActive, boolean unitInstalled,
            Optional<String> socketProblem, List<CheckResult> checks, Optional<Nerdctl> nerdctl) {
        List<String> unmet = new ArrayList<>();
        List<CheckResult> bypassChecks = checks.stream().filter(c -> CHECK_IDS.contains(c.id())).toList();
        // the checks say "not applicable" exactly when bypass4netnsd is not on PATH
        boolean notInstalled = !bypassChecks.isEmpty()
                && bypassChecks.stream().allMatch(c -> c.state() == CheckState.NOT_APPLICABLE);

        if (socketProblem.isPresent()) {
            if (unitActive.orElse(false)) {
                unmet.add("bypass4netnsd.service is active but does not answer on its socket ("
                        + sentenceBody(socketProblem.get()) + "): restart it on the Overview page "
                        + "(systemctl --user restart bypass4netnsd).");
            } else if (notInstalled) {
                unmet.add("bypass4netnsd is not installed: install it on the Setup page (see the check "
                        + "bin-bypass4netnsd there).");
            } else if (!unitInstalled) {
                unmet.add("bypass4netnsd.service is not installed: install it on the Setup page "
                        + "(rootless-panel install bypass4netnsd).");
            } else if (unitActive.isPresent()) {
                unmet.add("bypass4netnsd is not running: " + START + ".");
            } else {
                // systemd could not be asked: the socket's problem is all there is to say
                unmet.add(sentenceBody(socketProblem.get()) + "; " + START + ".");
            }
        }
        for (CheckResult c : bypassChecks) {
            if (blocks(c)) {
                unmet.add(sentence(c));
            }
        }
        if (nerdctl.isEmpty()) {
            unmet.add("nerdctl is not installed: bypass4netns is switched by recreating the container with nerdctl. "
                    + "Install nerdctl (see the check bin-nerdctl on the Setup page).");
        }
        Optional<VersionNumber> version = nerdctl.flatMap(Nerdctl::version);
        return new Bypass4netnsReadiness(unmet, version, nerdctl.map(Nerdctl::usesAnnotation).orElse(true));
    }

    /**
     * Blocking: asks systemd (through the port; {@code null} = not reachable), bypass4netnsd's socket, the host
     * (kernel, runc/crun and libseccomp as the Setup checks see them, without the RootlessKit trial runs) and
     * nerdctl. A few {@code --version} runs; well under a second on a normal host.
     */
    public static Bypass4netnsReadiness probe(UserManager systemd, XdgDirs dirs, ProcessRunner runner) {
        Optional<Boolean> active = Optional.empty();
        boolean installed = true;   // unknown without systemd: say nothing about the unit file
        if (systemd != null) {
            try {
                UnitStatus status = systemd.status(Bypass4netnsdClient.UNIT);
                ActiveState s = status.activeState();
                active = Optional.of(s == ActiveState.ACTIVE || s == ActiveState.RELOADING);
                installed = status.installed();
            } catch (SystemdException | RuntimeException e) {
                active = Optional.empty();
            }
        }
        Optional<String> socketProblem = Optional.empty();
        try {
            new Bypass4netnsdClient(Bypass4netnsdClient.defaultSocket(dirs)).list();
        } catch (IOException e) {
            socketProblem = Optional.of(e.getMessage());
        }
        List<CheckResult> checks = Checks.evaluate(hostFacts(runner, Path.of("/")));
        return evaluate(active, installed, socketProblem, checks, Nerdctl.locate(runner));
    }

    /**
     * The facts the three bypass4netns checks (and their hints) read, and nothing else: the distribution, the
     * kernel release, and where bypass4netnsd, bypass4netns, runc, crun and slirp4netns are with their
     * {@code --version} (runc's and slirp4netns's name libseccomp). Found as {@link HostProbe} finds them.
     */
    static HostFacts hostFacts(ProcessRunner runner, Path root) {
        HostFacts.Builder b = HostFacts.builder()
                .os(read(root.resolve("etc/os-release")).or(() -> read(root.resolve("usr/lib/os-release")))
                        .map(OsRelease::parse).orElse(OsRelease.unknown()))
                .kernelRelease(read(root.resolve("proc/sys/kernel/osrelease")).map(String::strip).orElse(""));
        for (String name : List.of("bypass4netnsd", "bypass4netns")) {
            Optional<Path> p = runner.which(name);
            b.binary(new Binary(name, p, p.isPresent(), "", ""));
        }
        for (String name : List.of("runc", "crun", "slirp4netns")) {
            Optional<Path> p = runner.which(name);
            boolean onPath = p.isPresent();
            if (p.isEmpty() && !name.equals("slirp4netns")) {
                // Debian's runc is /usr/sbin/runc, which a desktop user's PATH often lacks
                p = executable(root.resolve("usr/sbin").resolve(name)).or(() -> executable(root.resolve("sbin")
                        .resolve(name)));
            }
            if (p.isEmpty()) {
                b.binary(Binary.absent(name));
                continue;
            }
            ProcessRunner.Result r = runner.runQuietly(List.of(p.get().toString(), "--version"),
                    HostProbe.VERSION_TIMEOUT);
            String out = r.output().strip();
            b.binary(new Binary(name, p, onPath, HostProbe.versionLine(name, out), out));
        }
        return b.build();
    }

    /**
     * A check that stops bypass4netns: failed, or a warning that a version is too old or a program missing. A
     * warning that a version is unknown does not block: bypass4netns may well work, and nerdctl would try.
     */
    static boolean blocks(CheckResult c) {
        if (c.state() == CheckState.FAILED) {
            return true;
        }
        return c.state() == CheckState.WARNING && !c.found().contains("unknown");
    }

    /** The unmet requirement of a check, with what to do (the commands of its hint). */
    static String sentence(CheckResult c) {
        String commands = commands(c.hint());
        String todo;
        String what;
        switch (c.id()) {
            case KERNEL: {
                String release = VersionNumber.find(c.found()).map(VersionNumber::toString).orElse(c.found());
                what = "The kernel is " + release + "; bypass4netns needs 5.9 or later (SECCOMP_IOCTL_NOTIF_ADDFD).";
                todo = "Update the kernel and reboot";
                break;
            }
            case RUNTIME: {
                boolean none = c.found().startsWith("neither");
                what = "bypass4netns needs runc 1.1 or crun 1.6 or later; "
                        + (none ? "neither is installed." : "found " + c.found() + ".");
                todo = none ? "Install runc" : "Update runc (or crun)";
                break;
            }
            case LIBSECCOMP:
                what = "bypass4netns needs libseccomp 2.5 or later; found " + c.found() + ".";
                todo = "Update libseccomp";
                break;
            default:
                what = c.title() + ": " + c.found() + ".";
                todo = "See the check " + c.id() + " on the Setup page";
        }
        return what + " " + todo + (commands.isEmpty() ? "." : " (" + commands + ").");
    }

    /** The shell commands of a hint, without its {@code #} comments, joined by "; ". */
    private static String commands(String hint) {
        List<String> out = new ArrayList<>();
        for (String line : hint.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return String.join("; ", out);
    }

    private static String sentenceBody(String s) {
        String t = s.strip();
        while (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static Optional<Path> executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    private static Optional<String> read(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return Optional.of(new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
