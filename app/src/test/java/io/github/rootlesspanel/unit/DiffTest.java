package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.config.Diff;

/** The panel's diffs are applied by the real patch(1) and give back exactly the new text. */
class DiffTest {

    @TempDir
    Path dir;

    String patched(String before, String after) throws IOException, InterruptedException {
        Path file = dir.resolve("f.toml");
        Files.writeString(file, before);
        Path diff = dir.resolve("d.patch");
        Files.writeString(diff, Diff.unified(before, after, "f.toml"));
        Process p = new ProcessBuilder(List.of("patch", "--silent", "--no-backup-if-mismatch", file.toString(),
                diff.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("patch: " + out + "\n" + Files.readString(diff)).isZero();
        return Files.readString(file);
    }

    @Test
    void patchAppliesAddedLinesAtTheEndAndInTheMiddle() throws Exception {
        String a = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String b = "a\nb\nX\nc\nd\ne\nf\ng\nh\nY\n";
        assertThat(patched(a, b)).isEqualTo(b);
        assertThat(Diff.unified(a, b, "f")).contains("@@ -1,5 +1,6 @@").contains("+X");
    }

    @Test
    void patchHandlesMissingFinalNewlinesAndEmptyFiles() throws Exception {
        assertThat(patched("a\nb", "a\nb\nc\n")).isEqualTo("a\nb\nc\n");
        assertThat(patched("", "new\n")).isEqualTo("new\n");
        assertThat(patched("x\ny\n", "x\n")).isEqualTo("x\n");
    }

    @Test
    void randomEditsRoundTripThroughPatch() throws Exception {
        for (int seed = 0; seed < 60; seed++) {
            Random r = new Random(seed);
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            int lines = r.nextInt(30);
            for (int i = 0; i < lines; i++) {
                String line = "line " + r.nextInt(8);
                int what = r.nextInt(6);
                if (what != 0) {
                    a.append(line).append('\n');
                }
                if (what != 1) {
                    b.append(what == 2 ? "changed " + i : line).append('\n');
                }
            }
            if (a.toString().equals(b.toString())) {
                assertThat(Diff.unified(a.toString(), b.toString(), "f")).isEqualTo("(no changes)\n");
                continue;
            }
            assertThat(patched(a.toString(), b.toString())).as("seed " + seed).isEqualTo(b.toString());
        }
    }
}
