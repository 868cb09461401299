package io.github.rootlesspanel.dropin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.rootlesspanel.config.dropin.DropIn;
import io.github.rootlesspanel.config.dropin.DropInParseException;
import io.github.rootlesspanel.config.dropin.EnvAssignment;

/** Reading: systemd's syntax rules, and malformed input reported with the exact line and column. */
class DropInParseTest {

    private static Map<String, String> env(String text) throws DropInParseException {
        return DropIn.parse(text).environmentMap(DropIn.SERVICE);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unterminated section header", "[Service\nEnvironment=A=1\n", 1, 9, "unterminated section header"),
                Arguments.of("garbage after the header", "[Service] x\n", 1, 12, "unterminated section header"),
                Arguments.of("indented unterminated header", "\t[Service\n", 1, 10, "unterminated section header"),
                Arguments.of("bad character in a section name", "[Ser\"vice]\n", 1, 5, "section name"),
                Arguments.of("neither comment nor header nor key=value", "[Service]\nthis is not a directive\n", 2, 1, "no '='"),
                Arguments.of("indented line without '='", "[Service]\n  Delegate\n", 2, 3, "no '='"),
                Arguments.of("missing key", "[Service]\n  =value\n", 2, 3, "missing key name"),
                Arguments.of("key outside any section", "# comment\nEnvironment=A=1\n[Service]\n", 2, 1, "before the first [Section]"),
                Arguments.of("unterminated double quote", "[Service]\nEnvironment=\"A=1 B=2\n", 2, 13, "unterminated quote"),
                Arguments.of("unterminated single quote", "[Service]\nEnvironment=A=1 'B=2\n", 2, 17, "unterminated quote"),
                Arguments.of("unterminated quote inside a word", "[Service]\nEnvironment=A=\"x y\n", 2, 15, "unterminated quote"),
                Arguments.of("unterminated quote across a continuation", "[Service]\nEnvironment=A=1 \\\n  \"B=2\n", 3, 3, "unterminated quote"),
                Arguments.of("columns count code points", "[Service]\nEnvironment=A=ä\uD83D\uDC33 \"B\n", 2, 18, "unterminated quote"),
                Arguments.of("unknown escape", "[Service]\nEnvironment=A=\\q\n", 2, 15, "unknown escape"),
                Arguments.of("escaped blank (systemd has no such escape)", "[Service]\nEnvironment=A=a\\ b\n", 2, 16, "unknown escape"),
                Arguments.of("NUL escape", "[Service]\nEnvironment=A=\\x00\n", 2, 15, "NUL"),
                Arguments.of("short hex escape", "[Service]\nEnvironment=A=\\x4\n", 2, 15, "hexadecimal"),
                Arguments.of("octal out of range", "[Service]\nEnvironment=A=\\400\n", 2, 15, "octal"),
                Arguments.of("backslash at the end of the value", "[Service]\nEnvironment=A=x\\ \n", 2, 16, "escapes nothing"),
                Arguments.of("word without '='", "[Service]\nEnvironment=A=1 JUSTAWORD\n", 2, 17, "no '='"),
                Arguments.of("name starting with a digit", "[Service]\nEnvironment=1A=x\n", 2, 13, "not a valid environment variable name"),
                Arguments.of("name with a dash", "[Service]\nEnvironment=\"MY-VAR=x\"\n", 2, 13, "not a valid environment variable name"),
                Arguments.of("escapes that are not UTF-8", "[Service]\nEnvironment=A=1 B=\\xff\n", 2, 17, "UTF-8"),
                Arguments.of("continuation at the end of the file", "[Service]\nEnvironment=A=1 \\\n", 2, 17, "nothing follows"),
                Arguments.of("continuation into comments at the end", "[Service]\nEnvironment=A=1 \\\n# c\n", 2, 17, "nothing follows"),
                Arguments.of("CRLF line endings", "[Service]\r\nEnvironment=A=1\r\n", 1, 10, "carriage return"),
                Arguments.of("non-character (systemd refuses the file)", "[Unit]\nDescription=\uFFFE\n", 2, 13, "U+FFFE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsReportedWithLineAndColumn(String what, String text, int line, int column, String reason) {
        DropInParseException e = catchThrowableOfType(DropInParseException.class, () -> DropIn.parse(text));
        assertThat(e).as(what).isNotNull();
        assertThat(e.line()).as(what + ": line (" + e.getMessage() + ")").isEqualTo(line);
        assertThat(e.column()).as(what + ": column (" + e.getMessage() + ")").isEqualTo(column);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
    }

    @Test
    void invalidUtf8BytesAreReportedWithPosition() {
        byte[] bytes = "[Service]\nEnvironment=A=é?\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xff;
        DropInParseException e = catchThrowableOfType(DropInParseException.class, () -> DropIn.parse(bytes));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(16);
        assertThat(e.reason()).contains("UTF-8");
    }

    @Test
    void commentsBlankLinesAndOtherSectionsAreNotEnvironment() throws Exception {
        String text = "# c\n; c\n\n[Unit]\nEnvironment=IN_UNIT=1\n[Service]\n  # Environment=COMMENTED=1\n"
                + "Environment=A=1\n[Install]\nWantedBy=default.target\n";
        DropIn d = DropIn.parse(text);
        assertThat(d.environmentMap(DropIn.SERVICE)).containsExactly(Map.entry("A", "1"));
        assertThat(d.environmentMap("Unit")).containsExactly(Map.entry("IN_UNIT", "1"));
        assertThat(d.sections()).containsExactly("Unit", "Service", "Install");
    }

    @Test
    void whitespaceAroundTheEqualsSignAndTrailingBlanksAreIgnored() throws Exception {
        assertThat(env("[Service]\n  Environment\t =  A=1   B=2 \t\n")).containsExactly(Map.entry("A", "1"),
                Map.entry("B", "2"));
        assertThat(env("[Service]\nEnvironment=A= B=2\n")).containsExactly(Map.entry("A", ""), Map.entry("B", "2"));
    }

    @Test
    void keysAreCaseSensitiveAndOnlyEnvironmentCounts() throws Exception {
        assertThat(env("[Service]\nenvironment=A=1\nEnvironmentFile=-/etc/default/x\n")).isEmpty();
        assertThat(env("[service]\nEnvironment=A=1\n")).isEmpty();
    }

    @Test
    void anEmptyEnvironmentResetsEverythingBefore() throws Exception {
        DropIn d = DropIn.parse("[Service]\nEnvironment=A=1 B=2\nEnvironment=\nEnvironment=C=3\n[Service]\nEnvironment=D=4\n");
        assertThat(d.environmentMap(DropIn.SERVICE)).containsExactly(Map.entry("C", "3"), Map.entry("D", "4"));
        assertThat(d.resetsEnvironment(DropIn.SERVICE)).isTrue();
        // blanks only, also through a continuation, are empty too
        assertThat(env("[Service]\nEnvironment=A=1\nEnvironment=   \\\n   \n")).isEmpty();
    }

    @Test
    void laterAssignmentsWinAtThePositionOfTheFirst() throws Exception {
        List<EnvAssignment> env = DropIn.parse("[Service]\nEnvironment=A=1 B=2\nEnvironment=A=3\n").environment(DropIn.SERVICE);
        assertThat(env).extracting(EnvAssignment::key, EnvAssignment::value, EnvAssignment::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", "3", 3),
                        org.assertj.core.groups.Tuple.tuple("B", "2", 2));
    }

    @Test
    void quotingAsSystemdDefinesIt() throws Exception {
        assertThat(env("[Service]\nEnvironment=\"A=x y\" 'B=it''s' C=\"q\"r's' D=\\\"x\\\" E='a\\'b' F=\"\\x41\\u00e9\\101\"\n"))
                .containsExactly(Map.entry("A", "x y"), Map.entry("B", "its"), Map.entry("C", "qrs"),
                        Map.entry("D", "\"x\""), Map.entry("E", "a'b"), Map.entry("F", "AéA"));
        assertThat(env("[Service]\nEnvironment=\"A=\\a\\b\\f\\n\\r\\t\\v\\\\\\s\"\n"))
                .containsExactly(Map.entry("A", "\u0007\b\f\n\r\t\u000b\\ "));
        // a word may be quoted in pieces, and an assignment may be empty
        assertThat(env("[Service]\nEnvironment=\"A\"=\"\" B=''\n")).containsExactly(Map.entry("A", ""), Map.entry("B", ""));
    }

    @Test
    void continuationsJoinWithASpaceAndSkipCommentLines() throws Exception {
        assertThat(env("[Service]\nEnvironment=A=1 \\\n# B=2 \\\n; C=3\n  D=4\n")).containsExactly(Map.entry("A", "1"),
                Map.entry("D", "4"));
        // an even number of backslashes is an escaped backslash, not a continuation
        assertThat(env("[Service]\nEnvironment=A=x\\\\\nEnvironment=B=2\n")).containsExactly(Map.entry("A", "x\\"),
                Map.entry("B", "2"));
        // a comment ending in a backslash does not continue
        assertThat(env("[Service]\n# note \\\nEnvironment=A=1\n")).containsExactly(Map.entry("A", "1"));
        // the backslash-newline becomes a space, so a key split over two lines is another key
        assertThat(env("[Service]\nEnviron\\\nment=A=1\n")).isEmpty();
    }

    @Test
    void percentSpecifiers() throws Exception {
        List<EnvAssignment> env = DropIn.parse(
                "[Service]\nEnvironment=A=%h/x B=100%% C=50% D=%-x E=\"%%h\" F=%t%%%i G=\\x25h\n").environment(DropIn.SERVICE);
        assertThat(env).extracting(EnvAssignment::key, EnvAssignment::value, EnvAssignment::specifiers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", "%h/x", List.of("%h")),
                org.assertj.core.groups.Tuple.tuple("B", "100%", List.of()),
                org.assertj.core.groups.Tuple.tuple("C", "50%", List.of()),
                org.assertj.core.groups.Tuple.tuple("D", "%-x", List.of()),
                org.assertj.core.groups.Tuple.tuple("E", "%h", List.of()),
                org.assertj.core.groups.Tuple.tuple("F", "%t%%i", List.of("%t", "%i")),
                // escapes are decoded before specifiers are expanded, as in systemd
                org.assertj.core.groups.Tuple.tuple("G", "%h", List.of("%h")));
    }

    @Test
    void positionsOfAssignments() throws Exception {
        List<EnvAssignment> all = DropIn.parse("[Service]\n\tEnvironment=A=1 \\\n# c\n   \"B=x y\"\n").assignments(DropIn.SERVICE);
        assertThat(all).extracting(EnvAssignment::line, EnvAssignment::column, EnvAssignment::written).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, 14, "A=1"),
                org.assertj.core.groups.Tuple.tuple(4, 4, "\"B=x y\""));
    }

    @Test
    void aByteOrderMarkIsSkippedAndKept() throws Exception {
        String text = "\uFEFF[Service]\nEnvironment=A=1\n";
        DropIn d = DropIn.parse(text);
        assertThat(d.text()).isEqualTo(text);
        assertThat(d.environmentMap(DropIn.SERVICE)).containsExactly(Map.entry("A", "1"));
        DropInParseException e = catchThrowableOfType(DropInParseException.class, () -> DropIn.parse("\uFEFF[Service"));
        assertThat(e.column()).isEqualTo(9);
        // systemd looks for comments before it skips the mark, so "\uFEFF# x \\" would swallow the next line
        DropInParseException c = catchThrowableOfType(DropInParseException.class,
                () -> DropIn.parse("\uFEFF  # note \\\n[Service]\nEnvironment=A=1\n"));
        assertThat(c.line()).isEqualTo(1);
        assertThat(c.column()).isEqualTo(3);
        assertThat(DropIn.parse("\uFEFF\n# note\n[Service]\n").sections()).containsExactly("Service");
    }

    @Test
    void emptyAndCommentOnlyFilesHaveNoEnvironment() throws Exception {
        assertThat(DropIn.parse("").environmentMap(DropIn.SERVICE)).isEmpty();
        assertThat(DropIn.parse("\n\n# only comments\n").environmentMap(DropIn.SERVICE)).isEmpty();
        assertThat(DropIn.empty().text()).isEmpty();
    }
}
