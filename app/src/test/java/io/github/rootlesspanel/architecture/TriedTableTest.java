package io.github.rootlesspanel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.testsupport.Tried;

/**
 * README's "What was tried" table is the one the {@link Tried} annotations on the test classes make (issue 11): a
 * test that is added, removed or changes its number of cases changes the table, and this test fails until README
 * says the same. Pure: it reads the compiled test classes, loads none of them for running.
 */
class TriedTableTest {

    static final Path PROJECT = Path.of(System.getProperty("rp.project.dir", "."));
    static final Path README = PROJECT.resolve("README.md");
    static final String BEGIN = "<!-- tried:begin -->";
    static final String END = "<!-- tried:end -->";

    /** One row: where it comes from, and what it says. */
    record Row(Tried tried, String test) {
        String markdown() {
            return "| " + tried.kind().name().toLowerCase(Locale.ROOT) + " | " + cell(tried.what()) + " | "
                    + tried.cases() + " | " + cell(tried.outcome()) + " | `" + test + "` |";
        }
    }

    @Test
    void readmeTableIsTheOneTheAnnotationsMake() throws IOException, URISyntaxException {
        String generated = render(rows());
        Path fresh = PROJECT.resolve("target/tried-table.md");
        Files.createDirectories(fresh.getParent());
        Files.writeString(fresh, generated);

        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has no %s … %s markers", BEGIN, END).isNotNegative();
        assertThat(end).as("README.md has no %s marker after %s", END, BEGIN).isGreaterThan(begin);
        String committed = readme.substring(begin + BEGIN.length(), end).strip();
        if (!committed.equals(generated.strip())) {
            throw new AssertionError("README.md's table between " + BEGIN + " and " + END
                    + " is not what the @Tried annotations say; after checking it, copy " + fresh
                    + " between the markers");
        }
    }

    @Test
    void everyRowIsComplete() throws IOException, URISyntaxException {
        List<Row> rows = rows();
        // guards the table test against passing on an empty scan
        assertThat(rows).as("@Tried annotations found in the test classes").isNotEmpty();
        for (Row r : rows) {
            assertThat(r.tried().what()).as(r.test()).isNotBlank();
            assertThat(r.tried().outcome()).as(r.test()).isNotBlank();
            assertThat(r.tried().cases()).as(r.test()).isPositive();
        }
    }

    @Test
    void cellsAreEscapedSoARowStaysOneRow() {
        assertThat(cell("a | b\nc")).isEqualTo("a \\| b c");
    }

    /** Every {@link Tried} on a test class or method, sorted by kind, what was tried, then the test. */
    static List<Row> rows() throws IOException, URISyntaxException {
        Path classes = Path.of(TriedTableTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c;
                try {
                    c = Class.forName(name, false, TriedTableTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new AssertionError("cannot read test class " + name, e);
                }
                add(rows, c, testName(c, null));
                for (Method m : c.getDeclaredMethods()) {
                    add(rows, m, testName(c, m));
                }
            }
        }
        rows.sort(Comparator.comparing((Row r) -> r.tried().kind()).thenComparing(r -> r.tried().what(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Row::test).thenComparing(r -> r.tried().cases()));
        return rows;
    }

    private static void add(List<Row> rows, AnnotatedElement e, String test) {
        for (Tried t : e.getDeclaredAnnotationsByType(Tried.class)) {
            rows.add(new Row(t, test));
        }
    }

    private static String testName(Class<?> c, Method m) {
        String name = c.getName().replaceFirst("^io\\.github\\.rootlesspanel\\.", "").replace('$', '.');
        return m == null ? name : name + "#" + m.getName();
    }

    static String render(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| kind | what was tried | cases | outcome | test |\n");
        sb.append("|---|---|---:|---|---|\n");
        rows.forEach(r -> sb.append(r.markdown()).append('\n'));
        return sb.toString();
    }

    /** A table cell: a {@code |} would end the cell, a line break the row. */
    static String cell(String s) {
        return s.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }
}
