package io.github.rootlesspanel.snapshotters;

import java.util.Locale;
import java.util.Optional;

import io.github.rootlesspanel.setup.install.Target;

/** The snapshotters the panel knows: containerd's built-in overlayfs and native, and the two proxy plugins. */
public enum Snapshotter {
    OVERLAYFS("overlayfs", Optional.empty()),
    NATIVE("native", Optional.empty()),
    FUSE_OVERLAYFS("fuse-overlayfs", Optional.of(Target.FUSE_OVERLAYFS)),
    STARGZ("stargz", Optional.of(Target.STARGZ));

    private final String id;
    private final Optional<Target> unit;

    Snapshotter(String id, Optional<Target> unit) {
        this.id = id;
        this.unit = unit;
    }

    /** The name containerd and nerdctl use (plugin id, --snapshotter value). */
    public String id() {
        return id;
    }

    /** The daemon unit of a proxy snapshotter; empty for the built-in ones. */
    public Optional<Target> unit() {
        return unit;
    }

    public boolean proxy() {
        return unit.isPresent();
    }

    public static Optional<Snapshotter> find(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Snapshotter s : values()) {
            if (s.id.equals(n)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
