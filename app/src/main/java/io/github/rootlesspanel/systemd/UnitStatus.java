package io.github.rootlesspanel.systemd;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A snapshot of one unit as systemd reports it. Timestamps are null when the transition never
 * happened since the manager started; {@code memoryBytes} is empty when systemd cannot tell
 * (no cgroup v2 memory controller, or the unit is not running).
 */
public record UnitStatus(
        String name,
        String description,
        LoadState loadState,
        ActiveState activeState,
        String subState,
        UnitFileState unitFileState,
        Instant activeEnterTimestamp,
        Instant inactiveEnterTimestamp,
        Instant stateChangeTimestamp,
        long mainPid,
        OptionalLong memoryBytes,
        long restarts,
        String result,
        String fragmentPath,
        List<String> dropInPaths,
        List<String> environment,
        boolean jobRunning) {

    public UnitStatus {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        subState = subState == null ? "" : subState;
        result = result == null ? "" : result;
        fragmentPath = fragmentPath == null ? "" : fragmentPath;
        dropInPaths = dropInPaths == null ? List.of() : List.copyOf(dropInPaths);
        environment = environment == null ? List.of() : List.copyOf(environment);
        memoryBytes = memoryBytes == null ? OptionalLong.empty() : memoryBytes;
    }

    /** A unit systemd knows nothing about (no file): what "not installed" means to the panel. */
    public static UnitStatus notFound(String name) {
        return new UnitStatus(name, "", LoadState.NOT_FOUND, ActiveState.INACTIVE, "dead", UnitFileState.UNKNOWN,
                null, null, null, 0, OptionalLong.empty(), 0, "", "", List.of(), List.of(), false);
    }

    public boolean installed() {
        return loadState != LoadState.NOT_FOUND;
    }

    /** When the unit entered its current state, or null if systemd has no record of it. */
    public Instant since() {
        return switch (activeState) {
            case ACTIVE, RELOADING -> activeEnterTimestamp != null ? activeEnterTimestamp : stateChangeTimestamp;
            case INACTIVE, FAILED -> inactiveEnterTimestamp != null ? inactiveEnterTimestamp : stateChangeTimestamp;
            default -> stateChangeTimestamp;
        };
    }

    /** systemd's Result, but only when it says something went wrong. */
    public boolean hasFailureResult() {
        return !result.isEmpty() && !"success".equals(result);
    }
}
