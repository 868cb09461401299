package io.github.rootlesspanel.setup.units;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the setup script expands at install time and bakes into the units: the directory of
 * containerd-rootless.sh ({@code BIN}), the installer's PATH, the XDG directories, the panel's nsenter
 * helper (its stand-in for {@code "$REALPATH0" nsenter}), and what it probes from buildkitd's help.
 */
public record InstallContext(
        Path bin,
        String path,
        Path xdgRuntimeDir,
        Path xdgDataHome,
        Path xdgConfigHome,
        Path nsenterHelper,
        String rootlesskitFlags,
        Optional<Path> bypass4netnsd,
        boolean buildkitdHasBridge,
        Optional<String> containerdNamespace,
        Optional<String> containerdSnapshotter) {

    /** {@code $BIN:/sbin:/usr/sbin:$PATH}, as every unit's Environment=PATH. */
    public String unitPath() {
        return bin + ":/sbin:/usr/sbin:" + path;
    }
}
