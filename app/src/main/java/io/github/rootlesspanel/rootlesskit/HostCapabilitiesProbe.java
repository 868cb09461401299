package io.github.rootlesspanel.rootlesskit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.rootlesspanel.config.rootlesskit.HostCapabilities;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.checks.VersionNumber;

/**
 * What this host's RootlessKit and network drivers can do, found the way containerd-rootless.sh finds
 * it: help texts ({@code --detach-netns}, {@code --netns-type}) and the binaries on PATH.
 */
public final class HostCapabilitiesProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HostCapabilitiesProbe() {
    }

    public static HostCapabilities probe(ProcessRunner runner) {
        HostCapabilities.Builder b = HostCapabilities.builder();
        String runtime = runner.environment().get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            b.xdgRuntimeDir(runtime);
        }
        runner.which("rootlesskit").ifPresent(p -> {
            String version = run(runner, p, "--version");
            boolean detach = run(runner, p, "--help").contains("--detach-netns");
            b.rootlesskit(VersionNumber.find(version), detach);
        });
        runner.which("slirp4netns").ifPresent(p -> {
            String version = run(runner, p, "--version");
            boolean netnsType = run(runner, p, "--help").contains("--netns-type");
            b.slirp4netns(VersionNumber.find(version), netnsType);
        });
        if (runner.which("vpnkit").isPresent()) {
            b.vpnkit();
        }
        runner.which("pasta").ifPresent(p -> {
            String v = run(runner, p, "--version").lines().findFirst().orElse("").trim();
            b.pasta(v.isEmpty() ? Optional.empty() : Optional.of(v));
        });
        if (runner.which("pesto").isPresent()) {
            b.pesto();
        }
        return b.build();
    }

    private static String run(ProcessRunner runner, Path exe, String arg) {
        return runner.runQuietly(List.of(exe.toString(), arg), TIMEOUT).output();
    }
}
