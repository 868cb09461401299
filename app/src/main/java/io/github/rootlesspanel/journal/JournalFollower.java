package io.github.rootlesspanel.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a journal command (an argument list) and hands each entry of its stdout to {@code onEntry} on a daemon
 * thread of its own; when the process has ended, {@code onEnd} is called exactly once on that thread, after the
 * last entry. Callbacks run on the reader thread: a UI must hop to its own thread.
 */
public final class JournalFollower implements AutoCloseable {

    /** Stderr kept for the end report; journalctl's complaints are short, a runaway program's are not. */
    static final int STDERR_LIMIT = 16 * 1024;
    private static final long TERM_GRACE_SECONDS = 5;

    /**
     * How the process ended.
     *
     * @param exitStatus the process's exit status (128+signal when killed)
     * @param closed     {@link #close()} ended it
     * @param stderr     the end of its stderr, at most {@link #STDERR_LIMIT} characters
     * @param skipped    stdout lines that were not journal entries
     * @param error      reading failed or {@code onEntry} threw
     */
    public record End(int exitStatus, boolean closed, String stderr, long skipped, Optional<Exception> error) {

        /** Ended by itself with a non-zero status, or reading failed; not when {@link #close()} ended it. */
        public boolean failed() {
            return error.isPresent() || (!closed && exitStatus != 0);
        }
    }

    private final Process process;
    private final Thread reader;
    private final Thread stderrReader;
    private final StringBuilder stderr = new StringBuilder();
    private volatile boolean closed;

    private JournalFollower(Process process, Consumer<JournalEntry> onEntry, Consumer<End> onEnd) {
        this.process = process;
        String name = "journal-" + process.pid();
        this.stderrReader = new Thread(this::drainStderr, name + "-stderr");
        this.stderrReader.setDaemon(true);
        this.reader = new Thread(() -> read(onEntry, onEnd), name);
        this.reader.setDaemon(true);
    }

    /** Starts {@code argv} (e.g. {@link JournalCommand#argv()}); returns at once. Fails if it cannot be started. */
    public static JournalFollower start(List<String> argv, Consumer<JournalEntry> onEntry, Consumer<End> onEnd)
            throws IOException {
        Objects.requireNonNull(onEntry, "onEntry");
        Objects.requireNonNull(onEnd, "onEnd");
        ProcessBuilder pb = new ProcessBuilder(List.copyOf(argv));
        // journalctl reads nothing; stdin stays an open pipe so a follower is not told "end of input"
        Process process = pb.start();
        JournalFollower follower = new JournalFollower(process, onEntry, onEnd);
        follower.stderrReader.start();
        follower.reader.start();
        return follower;
    }

    /** True until the reader thread has delivered the end. */
    public boolean isRunning() {
        return reader.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    private void read(Consumer<JournalEntry> onEntry, Consumer<End> onEnd) {
        long skipped = 0;
        Exception error = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Optional<JournalEntry> entry = JournalParser.parseLine(line);
                if (entry.isPresent()) {
                    onEntry.accept(entry.get());
                } else if (!line.isBlank()) {
                    skipped++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // an IOException after close() is the pipe going away, not a failure
            if (!closed) {
                error = e;
            }
            process.destroy();
        }
        int status;
        try {
            status = process.waitFor();
            stderrReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            status = -1;
        }
        String err;
        synchronized (stderr) {
            err = stderr.toString();
        }
        onEnd.accept(new End(status, closed, err, skipped, Optional.ofNullable(error)));
    }

    private void drainStderr() {
        char[] buf = new char[4096];
        try (InputStream in = process.getErrorStream();
                InputStreamReader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) >= 0) {
                synchronized (stderr) {
                    stderr.append(buf, 0, n);
                    if (stderr.length() > STDERR_LIMIT) {
                        stderr.delete(0, stderr.length() - STDERR_LIMIT);
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; what was read is kept
        }
    }

    /**
     * Ends the process (SIGTERM, then SIGKILL after a grace period) and returns once the reader thread has delivered
     * the end, unless called from a callback on that thread. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed
        }
        if (Thread.currentThread() == reader) {
            return;
        }
        try {
            if (!process.waitFor(TERM_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
