package io.github.rootlesspanel.containers;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One plugin as containerd's Introspection service reports it, whether it loaded or not.
 *
 * @param type         the plugin type, e.g. {@value #SNAPSHOTTER}
 * @param id           the plugin id, e.g. {@code overlayfs}, {@code native}, or a proxy plugin's configured name
 * @param exports      what the plugin exports (snapshotters: {@code root} = their data directory; proxy plugins:
 *                     {@code address}); sorted by key, unmodifiable
 * @param capabilities feature switches the plugin announces; unmodifiable
 * @param initError    containerd's message when the plugin failed to initialise; empty when it loaded
 */
public record PluginInfo(String type, String id, Map<String, String> exports, List<String> capabilities,
                         Optional<String> initError) {

    /** The plugin type of snapshotters (built-in and proxy). */
    public static final String SNAPSHOTTER = "io.containerd.snapshotter.v1";

    /** How {@code ctr plugins ls} shows a plugin's state, and the rule it uses. */
    public enum Status {
        /** Loaded. */
        OK,
        /** Not loaded because it does not apply here (containerd's message ends in "skip plugin"), e.g. btrfs. */
        SKIPPED,
        /** Not loaded because it failed, e.g. devmapper "devmapper not configured". */
        ERROR
    }

    public PluginInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        exports = Collections.unmodifiableMap(new TreeMap<>(exports));
        capabilities = List.copyOf(capabilities);
        Objects.requireNonNull(initError, "initError");
    }

    /** OK, or skip/error by ctr's rule: an init error whose message contains "skip plugin" is a skip. */
    public Status status() {
        if (initError.isEmpty()) {
            return Status.OK;
        }
        return initError.get().contains("skip plugin") ? Status.SKIPPED : Status.ERROR;
    }

    public boolean loaded() {
        return initError.isEmpty();
    }

    public boolean isSnapshotter() {
        return SNAPSHOTTER.equals(type);
    }
}
