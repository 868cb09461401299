package io.github.rootlesspanel.snapshotters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.checks.Checks;
import io.github.rootlesspanel.setup.checks.VersionNumber;

/**
 * Whether a snapshotter is expected to work on this host, and why: the overlayfs rules of nerdctl's
 * docs and the setup script's trial mount (through the prerequisite checks), and the fuse-overlayfs
 * snapshotter's own requirements (kernel >= 4.18, fuse-overlayfs >= 0.7, /dev/fuse). Pure over the facts.
 */
public final class Eligibility {

    /** The verdict: expected to work or not, with the reasons in sentences. */
    public record Verdict(boolean expected, List<String> reasons) { }

    private Eligibility() {
    }

    public static Verdict of(Snapshotter s, HostFacts facts, boolean devFuse) {
        List<CheckResult> checks = Checks.evaluate(facts);
        return switch (s) {
            case OVERLAYFS -> overlayfs(checks);
            case NATIVE -> new Verdict(true, List.of("native copies every layer: always works, slow and large."));
            case FUSE_OVERLAYFS -> fuse(facts, devFuse);
            case STARGZ -> stargz(facts, devFuse);
        };
    }

    private static Verdict overlayfs(List<CheckResult> checks) {
        CheckResult kernel = find(checks, "overlay-kernel");
        CheckResult trial = find(checks, "overlay-trial");
        List<String> reasons = new ArrayList<>();
        reasons.add("Kernel rules: " + kernel.found());
        reasons.add("Trial mount: " + trial.found());
        boolean trialFailed = trial.state() == CheckState.FAILED || trial.state() == CheckState.WARNING;
        boolean kernelOk = kernel.state() == CheckState.OK;
        boolean trialRan = trial.state() != CheckState.NOT_APPLICABLE;
        // the trial mount is the most reliable word when it ran; the kernel rules decide otherwise
        boolean expected = trialRan ? !trialFailed : kernelOk;
        return new Verdict(expected, reasons);
    }

    private static Verdict fuse(HostFacts facts, boolean devFuse) {
        List<String> reasons = new ArrayList<>();
        boolean ok = true;
        Optional<VersionNumber> kernel = VersionNumber.find(facts.kernelRelease());
        if (kernel.isPresent() && !kernel.get().atLeast(4, 18)) {
            ok = false;
            reasons.add("Kernel " + facts.kernelRelease() + " is older than 4.18, which FUSE-based overlay needs.");
        } else {
            reasons.add("Kernel " + facts.kernelRelease() + " (4.18 or later is needed).");
        }
        HostFacts.Binary fo = facts.binary("fuse-overlayfs");
        if (fo == null || fo.path().isEmpty()) {
            ok = false;
            reasons.add("fuse-overlayfs is not installed (0.7 or later is needed).");
        } else {
            Optional<VersionNumber> v = VersionNumber.find(fo.versionLine());
            if (v.isPresent() && !v.get().atLeast(0, 7)) {
                ok = false;
                reasons.add("fuse-overlayfs " + v.get() + " is older than 0.7.");
            } else {
                reasons.add(fo.versionLine().isBlank() ? "fuse-overlayfs is installed." : fo.versionLine() + ".");
            }
        }
        ok &= daemon(facts, "containerd-fuse-overlayfs-grpc", reasons);
        ok &= fuseDevice(devFuse, reasons);
        return new Verdict(ok, reasons);
    }

    private static Verdict stargz(HostFacts facts, boolean devFuse) {
        List<String> reasons = new ArrayList<>();
        boolean ok = daemon(facts, "containerd-stargz-grpc", reasons);
        ok &= fuseDevice(devFuse, reasons);
        return new Verdict(ok, reasons);
    }

    private static boolean daemon(HostFacts facts, String name, List<String> reasons) {
        HostFacts.Binary b = facts.binary(name);
        if (b == null || b.path().isEmpty()) {
            reasons.add(name + " is not installed (it comes with nerdctl-full).");
            return false;
        }
        reasons.add(name + " is installed" + (b.versionLine().isBlank() ? "." : ": " + b.versionLine() + "."));
        return true;
    }

    private static boolean fuseDevice(boolean devFuse, List<String> reasons) {
        if (!devFuse) {
            reasons.add("/dev/fuse is missing or not usable by you.");
            return false;
        }
        reasons.add("/dev/fuse is usable.");
        return true;
    }

    private static CheckResult find(List<CheckResult> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no check " + id));
    }
}
