package io.github.rootlesspanel.faults;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM {@link SigkillMidWriteTest} kills: writes one file kind through the panel's code path over and
 * over, A, B, A, … (whichever the file is not), and says "ready" once it is in the loop.
 * Arguments: KIND HOME A-FILE (the bytes of version A, to tell which one is on disk).
 */
public final class KillWriter {

    private KillWriter() {
    }

    public static void main(String[] args) throws Exception {
        Writers kind = Writers.valueOf(args[0]);
        Path home = Path.of(args[1]);
        byte[] a = Files.readAllBytes(Path.of(args[2]));
        boolean said = false;
        while (true) {
            boolean nowA = java.util.Arrays.equals(Files.readAllBytes(kind.file(home)), a);
            kind.write(home, nowA);
            if (!said) {
                System.out.println("ready");
                System.out.flush();
                said = true;
            }
        }
    }
}
