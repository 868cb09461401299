package io.github.rootlesspanel.config.containerd;

/**
 * The remote snapshotters the setup tool installs as containerd proxy plugins, with the plugin name containerd
 * and nerdctl know them by ({@code CONTAINERD_SNAPSHOTTER=…}, {@code snapshotter = "…"} in nerdctl.toml). The
 * declaration order is the order in which the merge writes them.
 */
public enum Snapshotter {
    FUSE_OVERLAYFS("fuse-overlayfs"),
    STARGZ("stargz");

    private final String pluginName;

    Snapshotter(String pluginName) {
        this.pluginName = pluginName;
    }

    /** The proxy plugin's name: the key under {@code [proxy_plugins]} and the snapshotter's name for clients. */
    public String pluginName() {
        return pluginName;
    }

    @Override
    public String toString() {
        return pluginName;
    }
}
