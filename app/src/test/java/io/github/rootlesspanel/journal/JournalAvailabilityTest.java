package io.github.rootlesspanel.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a unit file sends a stream: systemd's order of the unit file and its drop-ins, and the specifiers. */
class JournalAvailabilityTest {

    @TempDir
    Path dir;

    @Test
    void theLastAssignmentInServiceSectionsWinsAndAnEmptyOneResets() throws IOException {
        Path unit = Files.writeString(dir.resolve("a.service"), "[Unit]\nStandardOutput=file:/not/here\n"
                + "[Service]\nExecStart=/bin/true\nStandardOutput=file:/var/tmp/first.log\n"
                + "StandardError = append:/var/tmp/err.log\n");
        Path dropIn = Files.writeString(dir.resolve("override.conf"), "[Service]\n# StandardOutput=file:/comment\n"
                + "StandardOutput=truncate:/var/tmp/second.log\n");
        Path reset = Files.writeString(dir.resolve("reset.conf"), "[Service]\nStandardOutput=\n");

        assertThat(JournalAvailability.fileOf(List.of(unit), "StandardOutput")).contains("/var/tmp/first.log");
        assertThat(JournalAvailability.fileOf(List.of(unit, dropIn), "StandardOutput")).contains("/var/tmp/second.log");
        assertThat(JournalAvailability.fileOf(List.of(unit, dropIn, reset), "StandardOutput")).isEmpty();
        assertThat(JournalAvailability.fileOf(List.of(unit), "StandardError")).contains("/var/tmp/err.log");
        assertThat(JournalAvailability.fileOf(List.of(dir.resolve("missing")), "StandardOutput")).isEmpty();
    }

    @Test
    void specifiersAreThoseOfThisUser() {
        String home = System.getProperty("user.home");
        assertThat(JournalAvailability.expand("%h/logs/%N.log", "web.service")).isEqualTo(home + "/logs/web.log");
        assertThat(JournalAvailability.expand("/tmp/%n-100%%", "web.service")).isEqualTo("/tmp/web.service-100%");
        assertThat(JournalAvailability.expand("/tmp/%q", "web.service")).isEqualTo("/tmp/%q");
    }

    @Test
    void systemdsWordsBecomeTargets() {
        assertThat(OutputTarget.of("journal+console", Optional.empty()).kind()).isEqualTo(OutputTarget.Kind.JOURNAL);
        assertThat(OutputTarget.of("kmsg", Optional.empty()).kind()).isEqualTo(OutputTarget.Kind.JOURNAL);
        assertThat(OutputTarget.of("append", Optional.of("/x")).path()).contains("/x");
        assertThat(OutputTarget.of("null", Optional.of("/x"))).isEqualTo(new OutputTarget(OutputTarget.Kind.NULL,
                Optional.empty()));
        assertThat(OutputTarget.of("", Optional.empty()).kind()).isEqualTo(OutputTarget.Kind.UNKNOWN);
    }
}
