package io.github.rootlesspanel.setup.install;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.rootlesspanel.setup.Component;

/**
 * What can be installed: the five components, with BuildKit in two variants as the setup script has
 * them ({@code install-buildkit}, OCI worker; {@code install-buildkit-containerd}, containerd worker).
 */
public enum Target {
    CONTAINERD("containerd", Component.CONTAINERD, "install", List.of("containerd-rootless.sh", "rootlesskit", "containerd")),
    BUILDKIT("buildkit", Component.BUILDKIT, "install-buildkit", List.of("buildkitd")),
    BUILDKIT_CONTAINERD("buildkit-containerd", Component.BUILDKIT, "install-buildkit-containerd", List.of("buildkitd")),
    FUSE_OVERLAYFS("fuse-overlayfs", Component.FUSE_OVERLAYFS, "install-fuse-overlayfs",
            List.of("containerd-fuse-overlayfs-grpc", "fuse-overlayfs")),
    STARGZ("stargz", Component.STARGZ, "install-stargz", List.of("containerd-stargz-grpc")),
    BYPASS4NETNSD("bypass4netnsd", Component.BYPASS4NETNSD, "install-bypass4netnsd", List.of("bypass4netnsd"));

    private final String id;
    private final Component component;
    private final String setupToolCommand;
    private final List<String> requiredBinaries;

    Target(String id, Component component, String setupToolCommand, List<String> requiredBinaries) {
        this.id = id;
        this.component = component;
        this.setupToolCommand = setupToolCommand;
        this.requiredBinaries = requiredBinaries;
    }

    public String id() {
        return id;
    }

    public Component component() {
        return component;
    }

    /** The setup script's subcommand this equals. */
    public String setupToolCommand() {
        return setupToolCommand;
    }

    public List<String> requiredBinaries() {
        return requiredBinaries;
    }

    /** Add-ons need containerd running, as the setup script insists (bypass4netnsd does not). */
    public boolean needsContainerdActive() {
        return this != CONTAINERD && this != BYPASS4NETNSD;
    }

    /** Add-ons that run their daemon inside RootlessKit's namespaces. */
    public boolean usesNsenter() {
        return this != CONTAINERD && this != BYPASS4NETNSD;
    }

    public static Optional<Target> find(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Target t : values()) {
            if (t.id.equals(n)) {
                return Optional.of(t);
            }
        }
        // a unit name finds the component's default variant
        return Component.find(n).flatMap(c -> {
            for (Target t : values()) {
                if (t.component == c) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        });
    }
}
