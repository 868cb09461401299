package io.github.rootlesspanel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real programs: /bin/cat writing journal lines from a file, /bin/false failing. */
class JournalFollowerTest {

    // generous bounds that only stop a broken follower from hanging the build; nothing here measures speed
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    private final BlockingQueue<JournalEntry> entries = new LinkedBlockingQueue<>();
    private final CompletableFuture<JournalFollower.End> end = new CompletableFuture<>();

    private Path journalFile() throws IOException {
        String lines = JournalParserTest.CONTAINERD_LINE + "\n"
                + "journalctl: this is not json\n"
                + JournalParserTest.MANAGER_LINE + "\n"
                + JournalParserTest.BINARY_LINE + "\n";
        return Files.writeString(dir.resolve("journal.json"), lines, StandardCharsets.UTF_8);
    }

    private JournalFollower start(List<String> argv) throws IOException {
        return JournalFollower.start(argv, entries::add, end::complete);
    }

    @Test
    void entriesArriveInOrderThenTheEnd() throws Exception {
        try (JournalFollower f = start(List.of("/bin/cat", journalFile().toString()))) {
            JournalFollower.End e = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e.exitStatus()).isZero();
            assertThat(e.closed()).isFalse();
            assertThat(e.failed()).isFalse();
            assertThat(e.skipped()).isEqualTo(1);
            assertThat(e.error()).isEmpty();
            // the end is delivered after the last entry, on the same thread
            assertThat(entries).extracting(JournalEntry::message).containsExactly(
                    "time=\"2024-12-04T22:06:40.123456Z\" level=info msg=\"containerd successfully booted in 0.041s\"",
                    "Started containerd.service - containerd (Rootless).",
                    "error: caf\uFFFD \uFFFD\tend");
        }
    }

    @Test
    void closeEndsAFollowingProcessAndWaitsForTheReader() throws Exception {
        // "cat FILE -" prints the file, then waits on its stdin like journalctl -f waits for new entries
        JournalFollower f = start(List.of("/bin/cat", journalFile().toString(), "-"));
        assertThat(entries.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(entries.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(entries.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        assertThat(f.isRunning()).isTrue();
        assertThat(end).isNotDone();
        long pid = f.pid();

        f.close();

        assertThat(f.isRunning()).isFalse();
        assertThat(end).isDone();
        JournalFollower.End e = end.get();
        assertThat(e.closed()).isTrue();
        assertThat(e.failed()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        f.close(); // idempotent
    }

    @Test
    void aFailingProgramReportsItsExitStatus() throws Exception {
        try (JournalFollower f = start(List.of("/bin/false"))) {
            JournalFollower.End e = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e.exitStatus()).isEqualTo(1);
            assertThat(e.failed()).isTrue();
            assertThat(e.closed()).isFalse();
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void stderrIsKeptForTheReport() throws Exception {
        Path missing = dir.resolve("no-such-journal");
        try (JournalFollower f = start(List.of("/bin/cat", missing.toString()))) {
            JournalFollower.End e = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e.failed()).isTrue();
            assertThat(e.exitStatus()).isEqualTo(1);
            assertThat(e.stderr()).contains(missing.toString()).contains("No such file");
        }
    }

    @Test
    void anEntryCallbackThatThrowsEndsTheFollowerWithTheError() throws Exception {
        RuntimeException boom = new IllegalStateException("view gone");
        try (JournalFollower f = JournalFollower.start(List.of("/bin/cat", journalFile().toString(), "-"),
                entry -> {
                    throw boom;
                }, end::complete)) {
            JournalFollower.End e = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(e.error()).containsSame(boom);
            assertThat(e.failed()).isTrue();
        }
    }

    @Test
    void aProgramThatDoesNotExistFailsToStart() {
        assertThatThrownBy(() -> start(List.of(dir.resolve("journalctl").toString())))
                .isInstanceOf(IOException.class);
    }
}
