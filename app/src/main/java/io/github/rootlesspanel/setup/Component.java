package io.github.rootlesspanel.setup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The five systemd user units the panel manages, with the unit names containerd-rootless-setuptool.sh
 * gives them, so a setup made by the script is recognised as is.
 */
public enum Component {
    CONTAINERD("containerd", "containerd.service", "containerd",
            "The container runtime, run inside RootlessKit's user and network namespaces.", "containerd",
            "install"),
    BUILDKIT("buildkit", "buildkit.service", "BuildKit",
            "Builds images for nerdctl build, inside containerd's namespaces.", "buildkit", "install-buildkit"),
    FUSE_OVERLAYFS("fuse-overlayfs", "containerd-fuse-overlayfs.service", "fuse-overlayfs",
            "Snapshotter for kernels where rootless overlayfs is not available.", "fuse-overlayfs",
            "install-fuse-overlayfs"),
    STARGZ("stargz", "stargz-snapshotter.service", "stargz",
            "Lazy pulling: containers start before the whole image is downloaded.", "stargz", "install-stargz"),
    BYPASS4NETNSD("bypass4netnsd", "bypass4netnsd.service", "bypass4netnsd",
            "Lets chosen containers use the host network stack directly, at native speed.", "bypass4netnsd",
            "install-bypass4netnsd");

    private final String id;
    private final String unit;
    private final String displayName;
    private final String purpose;
    private final String glyph;
    private final String setupCommand;

    Component(String id, String unit, String displayName, String purpose, String glyph, String setupCommand) {
        this.id = id;
        this.unit = unit;
        this.displayName = displayName;
        this.purpose = purpose;
        this.glyph = glyph;
        this.setupCommand = setupCommand;
    }

    /** How nerdctl's setup script installs this component, for users who install by hand. */
    public String setupToolCommand() {
        return "containerd-rootless-setuptool.sh " + setupCommand;
    }

    /** Short name used on the command line and in JSON ("containerd", "fuse-overlayfs", ...). */
    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public String displayName() {
        return displayName;
    }

    public String purpose() {
        return purpose;
    }

    /** Name of the in-app glyph in icons/glyphs. */
    public String glyph() {
        return glyph;
    }

    public static List<String> units() {
        return Arrays.stream(values()).map(Component::unit).toList();
    }

    /** Finds a component by its short name or its unit name (with or without ".service"). */
    public static Optional<Component> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Component c : values()) {
            if (c.id.equals(n) || c.unit.equals(n) || c.unit.equals(n + ".service")) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
