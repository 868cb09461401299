package io.github.rootlesspanel.rootlesskit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * RootlessKit's state directory ({@code $XDG_RUNTIME_DIR/containerd-rootless} by default): child_pid,
 * api.sock, and netns in detach-netns mode. Files can outlive a crash, so liveness is checked, not assumed.
 */
public record StateDir(Path dir) {

    public static StateDir forRuntimeDir(Path xdgRuntimeDir) {
        return new StateDir(xdgRuntimeDir.resolve("containerd-rootless"));
    }

    public Path apiSocket() {
        return dir.resolve("api.sock");
    }

    public Path childPidFile() {
        return dir.resolve("child_pid");
    }

    /** The child's PID if the file exists and that process is alive. */
    public Optional<Long> liveChildPid() {
        try {
            long pid = Long.parseLong(Files.readString(childPidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean detachedNetns() {
        return Files.exists(dir.resolve("netns"));
    }

    /** {@code GET /v1/info}; throws if nothing answers. */
    public String info(Duration timeout) throws IOException {
        UnixHttp.Response r = UnixHttp.get(apiSocket(), "/v1/info", timeout);
        if (r.status() != 200) {
            throw new IOException("RootlessKit answered HTTP " + r.status() + ": " + r.body());
        }
        return r.body();
    }

    /** The answer of /v1/info as a map of its top-level fields, or empty if it does not answer. */
    public Optional<Map<String, Object>> infoFields(Duration timeout) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(info(timeout), Map.class);
            return Optional.of(m);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
