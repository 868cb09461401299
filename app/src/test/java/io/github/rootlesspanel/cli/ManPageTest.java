package io.github.rootlesspanel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.ProcessRunner;

/**
 * packaging/linux/rootless-panel.1 is what {@link ManPage} makes from {@link Usage}, and groff and man-db read it
 * without a warning.
 */
class ManPageTest {

    static final Path PROJECT = Path.of(System.getProperty("rp.project.dir", "."));
    static final Path PAGE = PROJECT.resolve("packaging/linux/rootless-panel.1");

    private static final ProcessRunner RUNNER = new ProcessRunner(System.getenv());

    @Test
    void theCommittedPageIsTheGeneratedOne() throws IOException {
        String generated = ManPage.render();
        String committed = Files.exists(PAGE) ? Files.readString(PAGE) : "";
        if (!committed.equals(generated)) {
            Path fresh = PROJECT.resolve("target/rootless-panel.1");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, generated);
            throw new AssertionError(PAGE + " is not what Usage says; after checking it: cp " + fresh + " " + PAGE);
        }
    }

    @Test
    void groffFindsNothingToWarnAbout() throws IOException {
        ProcessRunner.Result r = RUNNER.run(List.of("groff", "-man", "-Tutf8", "-ww", "-z", PAGE.toString()),
                Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void manShowsEveryCommandOptionAndExitStatus() throws IOException {
        ProcessRunner.Result r = RUNNER.run(List.of("man", "--warnings", "-l", PAGE.toString()),
                Map.of("MANWIDTH", "100", "MANPAGER", "cat", "PAGER", "cat"), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        String text = r.stdout();
        assertThat(text).startsWith("ROOTLESS-PANEL(1)").contains("NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS",
                "JSON OUTPUT", "ENVIRONMENT", "FILES", "SEE ALSO");
        for (Usage.Command c : Usage.COMMANDS) {
            c.names().forEach(n -> assertThat(text).contains(n));
            c.synopsis().stream().filter(s -> !s.startsWith(" "))
                    .forEach(s -> assertThat(text.replaceAll("\\s+", " ")).contains("rootless-panel " + s));
            c.options().forEach(o -> assertThat(text).as(c.name()).contains(o.name()));
        }
        Usage.GLOBAL_OPTIONS.forEach(o -> assertThat(text).contains(o.name()));
        Usage.EXIT_CODES.forEach(e -> assertThat(text.replaceAll("\\s+", " ")).contains(e.meaning()));
    }
}
