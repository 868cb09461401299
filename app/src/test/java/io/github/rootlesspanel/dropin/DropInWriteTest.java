package io.github.rootlesspanel.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.DropInParseException;

/** Writing: only what changed, quoted as systemd reads it, and values that cannot be written are refused. */
class DropInWriteTest {

    private static DropIn parse(String text) {
        try {
            return DropIn.parse(text);
        } catch (DropInParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String set(String text, String key, String value) {
        return parse(text).withEnvironment(key, Optional.of(value)).text();
    }

    private static String remove(String text, String key) {
        return parse(text).withEnvironment(key, Optional.empty()).text();
    }

    @Test
    void valuesAreQuotedOnlyWhenNeeded() {
        String base = "[Service]\nEnvironment=A=1\n";
        assertThat(set(base, "A", "2")).isEqualTo("[Service]\nEnvironment=A=2\n");
        assertThat(set(base, "A", "x y")).isEqualTo("[Service]\nEnvironment=\"A=x y\"\n");
        assertThat(set(base, "A", "say \"hi\" \\o/")).isEqualTo("[Service]\nEnvironment=\"A=say \\\"hi\\\" \\\\o/\"\n");
        assertThat(set(base, "A", "100%")).isEqualTo("[Service]\nEnvironment=A=100%%\n");
        assertThat(set(base, "A", "%h")).isEqualTo("[Service]\nEnvironment=A=%%h\n");
        assertThat(set(base, "A", "$HOME;x")).isEqualTo("[Service]\nEnvironment=\"A=$HOME;x\"\n");
        assertThat(set(base, "A", "")).isEqualTo("[Service]\nEnvironment=A=\n");
        assertThat(set(base, "A", "Grüße ☕")).isEqualTo("[Service]\nEnvironment=\"A=Grüße ☕\"\n");
    }

    @Test
    void theValueReadBackIsTheValueWritten() {
        for (String v : new String[] {"", " ", "a b", "\"", "'", "\\", "\\\\x", "%", "%%", "%h", "$x", ";", "#x", "a=b",
            "tab\there", "\uD83D\uDC33", "it's \"quoted\"", "trailing\\", " lead", "x\\n"}) {
            DropIn d = parse("[Service]\nEnvironment=A=1 B=2\n").withEnvironment("A", Optional.of(v));
            assertThat(d.environmentMap(DropIn.SERVICE)).as("%s", v).containsExactly(Map.entry("A", v), Map.entry("B", "2"));
            assertThat(d.environment(DropIn.SERVICE).get(0).specifiers()).isEmpty();
        }
    }

    @Test
    void otherAssignmentsOnTheLineAndItsFormattingStay() {
        assertThat(set("[Service]\n  Environment = A=1   \"B=x y\"\t'C=3'  \n", "B", "z"))
                .isEqualTo("[Service]\n  Environment = A=1   B=z\t'C=3'  \n");
        assertThat(remove("[Service]\n  Environment = A=1   \"B=x y\"\t'C=3'  \n", "B"))
                .isEqualTo("[Service]\n  Environment = A=1\t'C=3'  \n");
        assertThat(remove("[Service]\nEnvironment=A=1 B=2 C=3\n", "A")).isEqualTo("[Service]\nEnvironment=B=2 C=3\n");
        assertThat(remove("[Service]\nEnvironment=A=1 B=2 C=3\n", "C")).isEqualTo("[Service]\nEnvironment=A=1 B=2\n");
    }

    @Test
    void aLineLeftWithoutAssignmentsIsDeletedNotLeftAsAReset() {
        assertThat(remove("[Service]\nEnvironment=A=1\nEnvironment=B=2\n", "A")).isEqualTo("[Service]\nEnvironment=B=2\n");
        assertThat(remove("[Service]\nEnvironment=A=1", "A")).isEqualTo("[Service]");
        assertThat(remove("[Service]\nEnvironment=A=1 A=2\n", "A")).isEqualTo("[Service]\n");
    }

    @Test
    void continuedLinesKeepTheirComments() {
        String text = "[Service]\nEnvironment=A=1 \\\n# about B\n    B=2 \\\n    C=3\n";
        assertThat(remove(text, "B")).isEqualTo("[Service]\nEnvironment=A=1 \\\n# about B\n    C=3\n");
        assertThat(remove(text, "C")).isEqualTo("[Service]\nEnvironment=A=1 \\\n# about B\n    B=2\n");
        assertThat(remove(text, "A")).isEqualTo("[Service]\nEnvironment= \\\n# about B\n    B=2 \\\n    C=3\n");
        assertThat(set(text, "B", "x y")).isEqualTo("[Service]\nEnvironment=A=1 \\\n# about B\n    \"B=x y\" \\\n    C=3\n");
        assertThat(remove(remove(remove(text, "A"), "B"), "C")).isEqualTo("[Service]\n# about B\n");
    }

    @Test
    void aQuotedValueSpanningAContinuationIsReplacedWhole() {
        String text = "[Service]\nEnvironment=\"A=x \\\n# note\ny\" B=2\n";
        assertThat(parse(text).environmentMap(DropIn.SERVICE)).containsEntry("A", "x  y");
        // the blank before the backslash was inside the quotes, so it goes with the old value
        assertThat(set(text, "A", "z")).isEqualTo("[Service]\nEnvironment=A=z\\\n# note\n B=2\n");
        assertThat(remove(text, "A")).isEqualTo("[Service]\nEnvironment=\\\n# note\nB=2\n");
    }

    @Test
    void duplicatesLeaveOneAssignmentAndResetsAreRespected() {
        assertThat(set("[Service]\nEnvironment=A=1 B=2 A=3\n", "A", "4")).isEqualTo("[Service]\nEnvironment=B=2 A=4\n");
        // before the reset A has no effect and is left alone; a new line goes after the last Environment= line
        assertThat(set("[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\nDelegate=yes\n", "A", "5"))
                .isEqualTo("[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\nEnvironment=A=5\nDelegate=yes\n");
        assertThat(remove("[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\n", "A"))
                .isEqualTo("[Service]\nEnvironment=A=1\nEnvironment=\nEnvironment=B=2\n");
    }

    @Test
    void newAssignmentsGoAfterTheLastEnvironmentLineOfTheLastServiceSection() {
        String text = "[Service]\nEnvironment=A=1\n[Install]\nWantedBy=default.target\n\n[Service]\n\tEnvironment=B=2\n"
                + "LimitNOFILE=1024\n\n# trailing comment\n";
        assertThat(set(text, "C", "3")).isEqualTo("[Service]\nEnvironment=A=1\n[Install]\nWantedBy=default.target\n\n"
                + "[Service]\n\tEnvironment=B=2\n\tEnvironment=C=3\nLimitNOFILE=1024\n\n# trailing comment\n");
        assertThat(set("[Service]\nDelegate=yes\n\n# about Install\n[Install]\n", "C", "3"))
                .isEqualTo("[Service]\nDelegate=yes\nEnvironment=C=3\n\n# about Install\n[Install]\n");
        assertThat(set("[Service]\n# nothing yet\n", "C", "3")).isEqualTo("[Service]\nEnvironment=C=3\n# nothing yet\n");
        assertThat(set("[Service]\nEnvironment=A=1 \\\n  B=2\n", "C", "3"))
                .isEqualTo("[Service]\nEnvironment=A=1 \\\n  B=2\nEnvironment=C=3\n");
    }

    @Test
    void aServiceSectionIsAddedAtTheEnd() {
        assertThat(set("", "A", "1")).isEqualTo("[Service]\nEnvironment=A=1\n");
        assertThat(set("[Unit]\nDescription=x\n", "A", "1")).isEqualTo("[Unit]\nDescription=x\n\n[Service]\nEnvironment=A=1\n");
        assertThat(set("[Unit]\nDescription=x\n\n", "A", "1")).isEqualTo("[Unit]\nDescription=x\n\n[Service]\nEnvironment=A=1\n");
        assertThat(set("[Unit]\nDescription=x", "A", "1")).isEqualTo("[Unit]\nDescription=x\n\n[Service]\nEnvironment=A=1");
        assertThat(set("# just a comment\n", "A", "1")).isEqualTo("# just a comment\n\n[Service]\nEnvironment=A=1\n");
    }

    @Test
    void severalChangesInOrder() {
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        changes.put("B", Optional.of("20"));
        changes.put("C", Optional.of("3"));
        changes.put("D", Optional.of("4"));
        changes.put("A", Optional.empty());
        DropIn d = parse("[Service]\nEnvironment=A=1 B=2\n").withEnvironment(changes);
        assertThat(d.text()).isEqualTo("[Service]\nEnvironment=B=20\nEnvironment=C=3\nEnvironment=D=4\n");
    }

    @Test
    void settingTheCurrentValueChangesNothing() {
        String text = "[Service]\nEnvironment='A=x y' A=\"x y\"\n";
        assertThat(set(text, "A", "x y")).isEqualTo(text);
        assertThat(remove(text, "NOT_THERE")).isEqualTo(text);
    }

    @Test
    void aValueWrittenOverASpecifierIsLiteral() {
        DropIn d = parse("[Service]\nEnvironment=P=%h/bin\n");
        assertThat(d.environment(DropIn.SERVICE).get(0).usesSpecifiers()).isTrue();
        DropIn literal = d.withEnvironment("P", Optional.of("%h/bin"));
        assertThat(literal.text()).isEqualTo("[Service]\nEnvironment=P=%%h/bin\n");
        assertThat(literal.environment(DropIn.SERVICE).get(0).usesSpecifiers()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nExecStartPre=/bin/evil", "a\rb", "nul\0", "bell\u0007", "esc\u001b[0m", "del\u007f",
        "lone \uD800 surrogate", "non-character \uFFFE", "non-character \uFDD0"})
    void valuesThatCannotBeWrittenAreRejectedBeforeAnythingChanges(String value) {
        DropIn d = parse("[Service]\nEnvironment=A=1\n");
        assertThatThrownBy(() -> d.withEnvironment("A", Optional.of(value))).isInstanceOf(IllegalArgumentException.class);
        Map<String, Optional<String>> changes = new LinkedHashMap<>();
        changes.put("B", Optional.of("fine"));
        changes.put("A", Optional.of(value));
        assertThatThrownBy(() -> d.withEnvironment(changes)).isInstanceOf(IllegalArgumentException.class);
        assertThat(d.text()).isEqualTo("[Service]\nEnvironment=A=1\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1A", "A-B", "A B", "Ä", "A=B", "$A"})
    void invalidNamesAreRejected(String key) {
        DropIn d = parse("[Service]\n");
        assertThatThrownBy(() -> d.withEnvironment(key, Optional.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withEnvironment(key, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlongValuesAreRejected() {
        String big = "x".repeat(DropIn.MAX_ASSIGNMENT_BYTES);
        assertThatThrownBy(() -> DropIn.empty().withEnvironment("A", Optional.of(big)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        String fits = "x".repeat(DropIn.MAX_ASSIGNMENT_BYTES - 2);
        assertThat(DropIn.empty().withEnvironment("A", Optional.of(fits)).environmentMap(DropIn.SERVICE).get("A"))
                .isEqualTo(fits);
    }

    @Test
    void requireWritableReturnsTheAssignmentAsWritten() {
        assertThat(DropIn.requireWritable("A", "x y")).isEqualTo("\"A=x y\"");
        assertThat(DropIn.requireWritable("A", "tab\tok")).isEqualTo("\"A=tab\tok\"");
    }
}
