package io.github.rootlesspanel.host;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one way the panel starts processes: an argument list (never a shell), a timeout, output captured.
 * Output beyond {@link #MAX_OUTPUT} bytes per stream is dropped so a chatty tool cannot exhaust memory.
 */
public final class ProcessRunner {

    public static final int MAX_OUTPUT = 1 << 20;

    private final Map<String, String> env;

    /** Runs with this process's environment. */
    public ProcessRunner() {
        this(System.getenv());
    }

    /** Runs with the given environment (PATH in it is also what {@link #which} searches). */
    public ProcessRunner(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Map<String, String> environment() {
        return env;
    }

    /** What a finished (or timed-out) process left behind. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** stdout and stderr together, for messages. */
        public String output() {
            if (stderr.isBlank()) {
                return stdout;
            }
            return stdout.isBlank() ? stderr : stdout + System.lineSeparator() + stderr;
        }
    }

    public Result run(List<String> argv, Duration timeout) throws IOException {
        return run(argv, Map.of(), timeout);
    }

    /** Runs argv with extra environment variables; stdin is empty. A timeout kills the process tree. */
    public Result run(List<String> argv, Map<String, String> extraEnv, Duration timeout) throws IOException {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.get(0), e);
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Result(finished ? p.exitValue() : -1, out.join(), err.join(), !finished);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    if (buf.size() < MAX_OUTPUT) {
                        buf.write(chunk, 0, Math.min(n, MAX_OUTPUT - buf.size()));
                    }
                }
            } catch (IOException e) {
                // the process went away; keep what was read
            }
            return buf.toString(StandardCharsets.UTF_8);
        });
    }

    /** Finds an executable on this runner's PATH, like {@code command -v}. */
    public Optional<Path> which(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Convenience for callers that treat an I/O failure to start as a result. */
    public Result runQuietly(List<String> argv, Duration timeout) {
        try {
            return run(argv, timeout);
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage() == null ? e.toString() : e.getMessage(), false);
        } catch (UncheckedIOException e) {
            return new Result(-1, "", String.valueOf(e.getMessage()), false);
        }
    }
}
