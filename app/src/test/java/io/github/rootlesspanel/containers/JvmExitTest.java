package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command-line run of the panel must end when main returns: after {@link ContainerdClient#close()} no
 * thread of the client may keep the JVM alive. Checked in a JVM of its own whose main returns without
 * System.exit.
 */
class JvmExitTest {

    @TempDir
    Path dir;

    /** The child JVM: connect, ask, close, return. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (ContainerdClient client = ContainerdClient.connect(Path.of(args[0]))) {
                System.out.println("version " + client.version() + ", " + client.plugins().size() + " plugins");
            }
            System.out.println("closed");
        }
    }

    @Test
    void theJvmExitsOnItsOwnAfterClose() throws Exception {
        Path sock = dir.resolve("containerd.sock");
        try (FakeContainerd fake = FakeContainerd.start(sock)) {
            fake.plugins = ContainerdClientTest.SNAPSHOTTERS_OF_1_6_20;
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", Child.class.getName(), sock.toString()))
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            boolean ended = p.waitFor(30, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ended).as("the child JVM ended by itself after close(); output:\n%s", out).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            // nothing else: in particular no "Unknown channel option 'SO_KEEPALIVE'" warning
            assertThat(out).isEqualTo("version 1.6.20~ds1, 5 plugins\nclosed\n");
        }
    }
}
