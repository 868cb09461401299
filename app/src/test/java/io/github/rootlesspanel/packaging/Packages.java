package io.github.rootlesspanel.packaging;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The packages the package tests use: built once by app/src/test/env/run-tests.sh (mvn -Ppackage), the .deb
 * installed with apt before the tests and removed after them. Without them (plain mvn test, RP_PACKAGES=0)
 * the tests are skipped, saying so.
 */
final class Packages {

    private Packages() {
    }

    /** target/packages of the run, as run-tests.sh passes it (-Drp.package.dir), after installing the .deb. */
    static Path dir() {
        String d = System.getProperty("rp.package.dir", "");
        assumeTrue(!d.isBlank(), "no packages: app/src/test/env/run-tests.sh builds and installs them "
                + "(-Drp.package.dir; skipped with RP_PACKAGES=0)");
        return Path.of(d);
    }

    static Path deb() {
        return one("rootless-panel_", ".deb");
    }

    /** Built only where rpmbuild is (Debian's rpm package, in .ci/run); skipped, saying so, elsewhere. */
    static Path rpm() {
        Path d = dir();
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(Path.of(p, "rpmbuild"))),
                "no rpmbuild on this machine (Debian's rpm package): package.sh builds no .rpm");
        return one("rootless-panel-", ".x86_64.rpm");
    }

    static Path tarball() {
        return one("rootless-panel-", "-linux-x86_64.tar.gz");
    }

    private static Path one(String prefix, String suffix) {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "*" + suffix + " in " + dir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
