package io.github.rootlesspanel.config.containerd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What enabling one remote snapshotter puts into {@code ~/.config/containerd/config.toml}: the stanza
 * {@code containerd-rootless-setuptool.sh install-fuse-overlayfs} / {@code install-stargz} prints (nerdctl v2.3.0 and
 * later), with the user's own {@code XDG_RUNTIME_DIR} and {@code XDG_DATA_HOME}:
 *
 * <pre>
 * [proxy_plugins."fuse-overlayfs"]                 [proxy_plugins.stargz]
 *   type = "snapshot"                                type = "snapshot"
 *   address = "RUNTIME/containerd-fuse-overlayfs.sock"   address = "RUNTIME/containerd-stargz-grpc/containerd-stargz-grpc.sock"
 * [proxy_plugins."fuse-overlayfs".exports]         [proxy_plugins.stargz.exports]
 *   root = "DATA/containerd-fuse-overlayfs/"         root = "DATA/containerd-stargz-grpc/"
 *   enable_remote_snapshot_annotations = "true"      enable_remote_snapshot_annotations = "true"
 * [[plugins."io.containerd.transfer.v1.local".unpack_config]]  platform = "linux", snapshotter = NAME
 * [[plugins."io.containerd.transfer.v1.local".unpack_config]]  platform = "linux", snapshotter = "overlayfs"
 * </pre>
 *
 * <p>{@code unpack_config} replaces containerd's default unpack platforms, which is why {@code overlayfs} is listed
 * again; with both snapshotters there is one {@code overlayfs} entry, not two. The transfer plugin's ID
 * {@code io.containerd.transfer.v1.local} is the same in config version 2 and version 3 (version 3 renamed the CRI
 * and cgroups-monitor IDs only), and {@code [proxy_plugins]} is a top-level table with the same syntax in both, so
 * the stanzas do not depend on the file's version.
 */
public record SnapshotterStanza(Snapshotter snapshotter, String address, String root) {

    /** The transfer service plugin; the same ID in config version 2 and 3. */
    public static final String TRANSFER_PLUGIN = "io.containerd.transfer.v1.local";
    /** {@code plugins."io.containerd.transfer.v1.local".unpack_config}, an array of tables. */
    public static final List<String> UNPACK_CONFIG = List.of("plugins", TRANSFER_PLUGIN, "unpack_config");
    /** containerd's built-in snapshotter, listed again because {@code unpack_config} replaces the default list. */
    public static final String OVERLAYFS = "overlayfs";
    public static final String PLATFORM = "linux";
    public static final String PROXY_PLUGINS = "proxy_plugins";

    /** One key with the value the stanza gives it. */
    public record Setting(List<String> path, String value) {

        public Setting {
            path = List.copyOf(path);
            Objects.requireNonNull(value, "value");
        }

        /** The key as TOML writes it, e.g. {@code proxy_plugins."fuse-overlayfs".address}. */
        public String dottedKey() {
            return TomlLayout.keyText(path);
        }
    }

    public SnapshotterStanza {
        Objects.requireNonNull(snapshotter, "snapshotter");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(root, "root");
    }

    public static SnapshotterStanza of(Snapshotter snapshotter, UserDirs dirs) {
        return switch (snapshotter) {
            case FUSE_OVERLAYFS -> new SnapshotterStanza(snapshotter,
                    dirs.runtime("containerd-fuse-overlayfs.sock"), dirs.data("containerd-fuse-overlayfs/"));
            case STARGZ -> new SnapshotterStanza(snapshotter,
                    dirs.runtime("containerd-stargz-grpc/containerd-stargz-grpc.sock"), dirs.data("containerd-stargz-grpc/"));
        };
    }

    /** {@code proxy_plugins.NAME}. */
    public List<String> pluginTable() {
        return List.of(PROXY_PLUGINS, snapshotter.pluginName());
    }

    /** {@code proxy_plugins.NAME.exports}. */
    public List<String> exportsTable() {
        return List.of(PROXY_PLUGINS, snapshotter.pluginName(), "exports");
    }

    /** The keys of {@code [proxy_plugins.NAME]}, in the setup tool's order. */
    public Map<String, String> pluginKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", "snapshot");
        m.put("address", address);
        return m;
    }

    /** The keys of {@code [proxy_plugins.NAME.exports]}, in the setup tool's order. */
    public Map<String, String> exportsKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("root", root);
        m.put("enable_remote_snapshot_annotations", "true");
        return m;
    }

    /** All four proxy-plugin keys with their full paths. */
    public List<Setting> settings() {
        List<Setting> l = new ArrayList<>();
        pluginKeys().forEach((k, v) -> l.add(new Setting(TomlLayout.concat(pluginTable(), List.of(k)), v)));
        exportsKeys().forEach((k, v) -> l.add(new Setting(TomlLayout.concat(exportsTable(), List.of(k)), v)));
        return l;
    }

    /**
     * The lines the setup tool prints for this snapshotter, markers included, exactly as a user would paste them:
     * the script's {@code cat <<-EOT} strips every leading tab, which leaves the fuse-overlayfs
     * {@code enable_remote_snapshot_annotations} line and the {@code unpack_config} keys at column 0 (harmless in
     * TOML). The script does not escape the directories; neither does this.
     */
    public String setupToolSnippet() {
        String n = snapshotter.pluginName();
        StringBuilder sb = new StringBuilder();
        sb.append("### BEGIN ###\n");
        sb.append("[proxy_plugins]\n");
        sb.append("  [proxy_plugins.\"").append(n).append("\"]\n");
        sb.append("    type = \"snapshot\"\n");
        sb.append("    address = \"").append(address).append("\"\n");
        if (snapshotter == Snapshotter.FUSE_OVERLAYFS) {
            sb.append("  [proxy_plugins.\"fuse-overlayfs\".exports]\n");
            sb.append("    root = \"").append(root).append("\"\n");
            sb.append("enable_remote_snapshot_annotations = \"true\"\n");
        } else {
            sb.append("  [proxy_plugins.stargz.exports]\n");
            sb.append("    root = \"").append(root).append("\"\n");
            sb.append("    enable_remote_snapshot_annotations = \"true\"\n");
        }
        for (String s : List.of(n, OVERLAYFS)) {
            sb.append("[[plugins.\"").append(TRANSFER_PLUGIN).append("\".unpack_config]]\n");
            sb.append("platform = \"linux\"\n");
            sb.append("snapshotter = \"").append(s).append("\"\n");
        }
        sb.append("###  END  ###\n");
        return sb.toString();
    }
}
