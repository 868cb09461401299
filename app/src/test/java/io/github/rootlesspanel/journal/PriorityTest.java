package io.github.rootlesspanel.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriorityTest {

    @Test
    void journalNumbersMapToTheirPriorities() {
        for (int i = 0; i <= 7; i++) {
            Priority p = Priority.of(Integer.toString(i));
            assertThat(p.code()).isEqualTo(i);
        }
        assertThat(Priority.of("0")).isEqualTo(Priority.EMERG);
        assertThat(Priority.of("3")).isEqualTo(Priority.ERR);
        assertThat(Priority.of(" 4 ")).isEqualTo(Priority.WARNING);
        assertThat(Priority.of("7")).isEqualTo(Priority.DEBUG);
    }

    @Test
    void wordsAreLowerCaseJournalctlNames() {
        assertThat(Priority.ERR.word()).isEqualTo("err");
        assertThat(Priority.WARNING.word()).isEqualTo("warning");
        assertThat(Priority.EMERG.word()).isEqualTo("emerg");
        for (Priority p : Priority.values()) {
            assertThat(Priority.of(p.word())).isEqualTo(p);
        }
    }

    @Test
    void namesAreReadLeniently() {
        assertThat(Priority.of("ERROR")).isEqualTo(Priority.ERR);
        assertThat(Priority.of("Warn")).isEqualTo(Priority.WARNING);
        assertThat(Priority.of("crit")).isEqualTo(Priority.CRIT);
    }

    @Test
    void missingOrUnreadableIsUnknownNotInfo() {
        assertThat(Priority.of(null)).isEqualTo(Priority.UNKNOWN);
        assertThat(Priority.of("")).isEqualTo(Priority.UNKNOWN);
        assertThat(Priority.of("8")).isEqualTo(Priority.UNKNOWN);
        assertThat(Priority.of("-1")).isEqualTo(Priority.UNKNOWN);
        assertThat(Priority.of("06")).isEqualTo(Priority.UNKNOWN);
        assertThat(Priority.of("loud")).isEqualTo(Priority.UNKNOWN);
    }

    @Test
    void atLeastComparesSeverity() {
        assertThat(Priority.ERR.atLeast(Priority.WARNING)).isTrue();
        assertThat(Priority.WARNING.atLeast(Priority.WARNING)).isTrue();
        assertThat(Priority.INFO.atLeast(Priority.WARNING)).isFalse();
        assertThat(Priority.UNKNOWN.atLeast(Priority.DEBUG)).isFalse();
    }
}
