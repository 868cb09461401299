package io.github.rootlesspanel.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who the panel runs as. */
public final class Identity {

    private Identity() {
    }

    /** The effective uid of this process, read from /proc (no native code). */
    public static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return Integer.parseInt(f[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the attribute view
        }
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static boolean isRoot() {
        return effectiveUid() == 0;
    }

    /** The refusal, worded like containerd-rootless-setuptool.sh's: rootless means not as root. */
    public static String rootRefusal() {
        return "Rootless Panel must not run as root. It manages rootless containerd, which runs as your own "
                + "user under your user's systemd (systemctl --user). Run it as the desktop user, without sudo.";
    }
}
