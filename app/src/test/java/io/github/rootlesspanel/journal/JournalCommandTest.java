package io.github.rootlesspanel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class JournalCommandTest {

    private static final String BOOT = "3d0f4c1be2a44e5e9f0a1b2c3d4e5f60";

    @Test
    void defaultIsTheLastLinesOfTheUnitAsJson() {
        assertThat(JournalCommand.forUnit("containerd.service").withLines(200).argv()).containsExactly(
                "journalctl", "--user", "-u", "containerd.service", "-o", "json", "--no-pager", "--all", "-n", "200");
    }

    @Test
    void followPriorityAndBootAreAppendedWithBootLast() {
        assertThat(JournalCommand.forUnit("containerd.service").withLines(50).following(true)
                .withPriority(Priority.WARNING).currentBoot().argv()).containsExactly(
                        "journalctl", "--user", "-u", "containerd.service", "-o", "json", "--no-pager", "--all", "-n", "50",
                        "-f", "--priority=warning", "--boot");
    }

    @Test
    void aBootIdIsJoinedWithEquals() {
        List<String> argv = JournalCommand.forUnit("buildkit.service").withBoot(BOOT).argv();
        assertThat(argv).endsWith("--boot=" + BOOT);
        assertThat(argv).contains("-n", String.valueOf(JournalCommand.DEFAULT_LINES));
    }

    @Test
    void theUnitIsOneWordWhateverItContains() {
        List<String> argv = JournalCommand.forUnit("odd name;$(rm -rf ~).service").argv();
        assertThat(argv.get(3)).isEqualTo("odd name;$(rm -rf ~).service");
        assertThat(JournalCommand.display(argv))
                .isEqualTo("journalctl --user -u 'odd name;$(rm -rf ~).service' -o json --no-pager --all -n 500");
    }

    @Test
    void terminalTextIsReadableAndFollows() {
        assertThat(JournalCommand.forUnit("json").withLines(100).withPriority(Priority.ERR).terminalText())
                .isEqualTo("journalctl --user -u json -o short-iso -n 100 -f --priority=err");
        assertThat(JournalCommand.forUnit("containerd.service").following(true).terminalText())
                .isEqualTo("journalctl --user -u containerd.service -o short-iso -n 500 -f");
    }

    @Test
    void rejectsWhatJournalctlWouldMisread() {
        assertThatThrownBy(() -> JournalCommand.forUnit(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommand.forUnit("--system")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommand.forUnit("a.service").withLines(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommand.forUnit("a.service").withPriority(Priority.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalCommand.forUnit("a.service").withBoot("-1 --system"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
