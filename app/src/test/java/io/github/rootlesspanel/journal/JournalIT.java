package io.github.rootlesspanel.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The journal of the throwaway user's units, read from the real systemd-journald that run-tests.sh starts
 * (test-user.sh journald): journalctl's JSON through {@link JournalFollower} and {@link JournalParser}, and the
 * "no journal" answer of {@link JournalAvailability} over the real user manager. Unit names carry a fresh token: a
 * recreated test user gets the uid, and so the journal file, of an earlier run.
 */
@Tag("real-systemd")
class JournalIT {

    static final Duration PROMPTLY = Duration.ofSeconds(15);
    static final String TOKEN = UUID.randomUUID().toString().substring(0, 8);
    static final String LOGGER = "rp-journal-" + TOKEN + ".service";
    static final String TO_FILE = "rp-tofile-" + TOKEN + ".service";
    static final String TO_NULL = "rp-tonull-" + TOKEN + ".service";
    static DbusUserManager manager;

    @BeforeAll
    static void units() throws IOException {
        // one line per priority through the "<N>" prefix journald reads from a stream (SyslogLevelPrefix=yes);
        // ExecReload writes from the unit's cgroup, so a reload is a new line of this unit for the follow test
        writeUnit(LOGGER, "[Service]\n"
                + "ExecStart=/bin/sh -c 'printf \"<3>failed " + TOKEN + "\\n<4>warned " + TOKEN + "\\n<6>told "
                + TOKEN + "\\n<7>debugged " + TOKEN + "\\n\"; exec sleep 600'\n"
                + "ExecReload=/bin/sh -c 'echo reloaded " + TOKEN + "'\n");
        writeUnit(TO_FILE, "[Service]\n"
                + "ExecStart=/bin/sh -c 'echo to the file; exec sleep 600'\n"
                + "StandardOutput=file:%h/" + TOKEN + ".out\n"
                + "StandardError=append:%h/" + TOKEN + ".err\n");
        writeUnit(TO_NULL, "[Service]\nExecStart=/bin/sleep 600\nStandardOutput=null\n");
        TestUser.systemctl("daemon-reload");
        manager = DbusUserManager.connectInBackground(TestUser.busAddress());
    }

    @AfterAll
    static void removeUnits() {
        manager.close();
        for (String u : List.of(LOGGER, TO_FILE, TO_NULL)) {
            TestUser.removeUnit(u);
        }
    }

    static void writeUnit(String name, String text) throws IOException {
        Files.createDirectories(TestUser.unitDir());
        Files.writeString(TestUser.unitDir().resolve(name), text);
    }

    @Test
    void aUnitsLinesComeWithTheirPriorityUnitAndTime() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestUser.systemctl("start", LOGGER);
        List<JournalEntry> mine = new CopyOnWriteArrayList<>();
        awaitEntries(JournalCommand.forUnit(LOGGER).following(true), mine, () -> count(mine, "debugged") == 1);
        Instant after = Instant.now();

        assertThat(priorityOf(mine, "failed")).isEqualTo(Priority.ERR);
        assertThat(priorityOf(mine, "warned")).isEqualTo(Priority.WARNING);
        assertThat(priorityOf(mine, "told")).isEqualTo(Priority.INFO);
        assertThat(priorityOf(mine, "debugged")).isEqualTo(Priority.DEBUG);
        for (JournalEntry e : mine) {
            if (e.message().contains(TOKEN)) {
                assertThat(e.unit()).contains(LOGGER);
                assertThat(e.realtime()).isBetween(before, after);
                assertThat(e.pid()).isPresent();
                assertThat(e.cursor()).isPresent();
            }
        }
        // the manager's own line about the unit (it logs to the journal in this environment, SYSTEMD_LOG_TARGET)
        assertThat(mine).anyMatch(e -> e.message().startsWith("Started " + LOGGER) && e.unit().equals(Optional.of(LOGGER)));
        // the priority filter is journalctl's: warning and worse only
        List<JournalEntry> severe = new CopyOnWriteArrayList<>();
        awaitEnd(JournalCommand.forUnit(LOGGER).withPriority(Priority.WARNING).currentBoot(), severe);
        assertThat(severe).extracting(JournalEntry::message).contains("failed " + TOKEN, "warned " + TOKEN)
                .doesNotContain("told " + TOKEN, "debugged " + TOKEN);
    }

    @Test
    void followingSeesANewLineAsItIsWritten() throws Exception {
        TestUser.systemctlMayFail("start", LOGGER);
        List<JournalEntry> seen = new CopyOnWriteArrayList<>();
        JournalFollower f = JournalFollower.start(JournalCommand.forUnit(LOGGER).withLines(5).following(true).argv(),
                seen::add, end -> { });
        try {
            awaitThat(() -> count(seen, "debugged") == 1, () -> "no past lines: " + seen);
            assertThat(count(seen, "reloaded")).isZero();
            TestUser.systemctl("reload", LOGGER);
            awaitThat(() -> count(seen, "reloaded") == 1, () -> "no new line: " + seen);
            assertThat(f.isRunning()).isTrue();
        } finally {
            f.close();
        }
        assertThat(f.isRunning()).isFalse();
    }

    @Test
    void aUnitThatWritesToAFileHasNoJournalAndSaysWhere() throws Exception {
        TestUser.systemctl("start", TO_FILE);
        Path out = TestUser.home().resolve(TOKEN + ".out");
        awaitThat(() -> Files.exists(out) && Files.readString(out).contains("to the file"), () -> out + " empty");

        UnitLogging logging = new JournalAvailability(manager).check(TO_FILE);

        assertThat(logging.journald()).isTrue();
        assertThat(logging.hasJournal()).isFalse();
        assertThat(logging.stdout()).isEqualTo(new OutputTarget(OutputTarget.Kind.FILE, Optional.of(out.toString())));
        assertThat(logging.stderr().path()).contains(TestUser.home().resolve(TOKEN + ".err").toString());
        // and indeed journald has nothing of the unit's own output
        List<JournalEntry> entries = new CopyOnWriteArrayList<>();
        awaitEnd(JournalCommand.forUnit(TO_FILE), entries);
        assertThat(entries).noneMatch(e -> e.message().contains("to the file"));
    }

    @Test
    void aUnitThatDiscardsItsOutputAndOneThatLogsAreToldApart() throws Exception {
        UnitLogging discards = new JournalAvailability(manager).check(TO_NULL);
        assertThat(discards.stdout().kind()).isEqualTo(OutputTarget.Kind.NULL);
        assertThat(discards.stderr().kind()).isEqualTo(OutputTarget.Kind.NULL); // inherit = stdout's
        assertThat(discards.hasJournal()).isFalse();

        UnitLogging logs = new JournalAvailability(manager).check(LOGGER);
        assertThat(logs.stdout().kind()).isEqualTo(OutputTarget.Kind.JOURNAL);
        assertThat(logs.hasJournal()).isTrue();
    }

    @Test
    void withoutAListeningJournaldThereIsNoJournal() throws Exception {
        Path nowhere = TestUser.home().resolve("no-journald-" + TOKEN + ".socket");
        UnitLogging logging = new JournalAvailability(manager, nowhere).check(LOGGER);
        assertThat(logging.journald()).isFalse();
        assertThat(logging.hasJournal()).isFalse();
        assertThat(new JournalAvailability(manager).journaldListens()).isTrue();
    }

    static long count(List<JournalEntry> entries, String word) {
        return entries.stream().filter(e -> e.message().equals(word + " " + TOKEN)).count();
    }

    static Priority priorityOf(List<JournalEntry> entries, String word) {
        return entries.stream().filter(e -> e.message().equals(word + " " + TOKEN)).findFirst().orElseThrow().priority();
    }

    static void awaitEntries(JournalCommand cmd, List<JournalEntry> into, Supplier<Boolean> done) throws Exception {
        try (JournalFollower f = JournalFollower.start(cmd.argv(), into::add, end -> { })) {
            awaitThat(done::get, () -> "journal shows " + into);
        }
    }

    static JournalFollower.End awaitEnd(JournalCommand cmd, List<JournalEntry> into) throws Exception {
        CompletableFuture<JournalFollower.End> end = new CompletableFuture<>();
        JournalFollower.start(cmd.argv(), into::add, end::complete);
        JournalFollower.End e = end.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
        assertThat(e.failed()).as("journalctl: %s", e.stderr()).isFalse();
        return e;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitThat(Check c, Supplier<String> describe) throws Exception {
        long end = System.nanoTime() + PROMPTLY.toNanos();
        while (System.nanoTime() < end) {
            if (c.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within " + PROMPTLY + ": " + describe.get());
    }
}
