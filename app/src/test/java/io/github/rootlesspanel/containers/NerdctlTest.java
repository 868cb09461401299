package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.checks.VersionNumber;

/** nerdctl's version line and commands shown as a user would type them. */
class NerdctlTest {

    @Test
    void parseVersion() {
        assertThat(Nerdctl.parseVersion("nerdctl version 2.0.3\n")).map(VersionNumber::toString).contains("2.0.3");
        assertThat(Nerdctl.parseVersion("nerdctl version v1.7.7")).map(VersionNumber::toString).contains("1.7.7");
        assertThat(Nerdctl.parseVersion("nerdctl version 2.1.0-beta.1")).hasValueSatisfying(v -> {
            assertThat(v.preRelease()).isTrue();
            assertThat(v.compareTo(Nerdctl.ANNOTATION_SINCE)).isPositive();
        });
        assertThat(Nerdctl.parseVersion("time=... level=warning msg=\"x\"\nnerdctl version 2.0.0\n"))
                .map(VersionNumber::toString).contains("2.0.0");
        assertThat(Nerdctl.parseVersion("")).isEmpty();
        assertThat(Nerdctl.parseVersion(null)).isEmpty();
        assertThat(Nerdctl.parseVersion("bash: nerdctl: command not found")).isEmpty();
    }

    @Test
    void annotationSince20() {
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", "/nonexistent"));
        Path exe = Path.of("/usr/local/bin/nerdctl");
        assertThat(new Nerdctl(exe, VersionNumber.find("2.0.0"), runner).usesAnnotation()).isTrue();
        assertThat(new Nerdctl(exe, VersionNumber.find("1.7.7"), runner).usesAnnotation()).isFalse();
        assertThat(new Nerdctl(exe, VersionNumber.find("2.0.0-rc.1"), runner).usesAnnotation()).isFalse();
        assertThat(new Nerdctl(exe, Optional.empty(), runner).usesAnnotation()).isTrue();
        assertThat(Nerdctl.locate(runner)).isEmpty();
    }

    @Test
    void displayQuotesWhatAShellWouldTouch() {
        assertThat(Nerdctl.display(List.of("nerdctl", "run", "-d", "--name=web", "-p", "127.0.0.1:8080:80",
                "--annotation=nerdctl/bypass4netns=true", "docker.io/library/nginx:alpine")))
                .isEqualTo("nerdctl run -d --name=web -p 127.0.0.1:8080:80 --annotation=nerdctl/bypass4netns=true "
                        + "docker.io/library/nginx:alpine");
        assertThat(Nerdctl.display(List.of("nerdctl", "run", "--", "busybox", "sh", "-c", "echo $HOME; ls *")))
                .isEqualTo("nerdctl run -- busybox sh -c 'echo $HOME; ls *'");
        assertThat(Nerdctl.display(List.of("echo", "it's", "", "~", "#x", "a b", "[::1]:80:80")))
                .isEqualTo("echo 'it'\\''s' '' '~' '#x' 'a b' '[::1]:80:80'");
        assertThat(Nerdctl.display(List.of("--env=GREETING=héllo"))).isEqualTo("'--env=GREETING=héllo'");
    }
}
