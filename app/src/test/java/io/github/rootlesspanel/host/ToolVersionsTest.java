package io.github.rootlesspanel.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.host.ToolVersions.Tool;

/** Each tool's --version output as the real programs print it (Debian bookworm, nerdctl/BuildKit releases). */
class ToolVersionsTest {

    @Test
    void containerdTakesTheReleaseNotThePackageRevision() {
        assertThat(Tool.CONTAINERD.parse("containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3\n"))
                .contains("1.6.20~ds1");
        assertThat(Tool.CONTAINERD.parse("containerd containerd.io 1.7.25 bcc810d6b9066471b0b6fa75f557a15a1cbf31bb"))
                .contains("1.7.25");
        assertThat(Tool.CONTAINERD.parse("containerd github.com/containerd/containerd/v2 v2.0.2 c507a0257ea6462fbd6f5ba4f5c74facb04021f4"))
                .contains("2.0.2");
    }

    @Test
    void rootlesskitSlirpAndRuncReadTheirFirstLineNotTheLibraries() {
        assertThat(Tool.ROOTLESSKIT.parse("rootlesskit version 1.1.0")).contains("1.1.0");
        assertThat(Tool.SLIRP4NETNS.parse("slirp4netns version 1.2.0\ncommit: 656041d45cfca7a4176f6b7eed9e4fe6c11e8383\n"
                + "libslirp: 4.7.0\nSLIRP_CONFIG_VERSION_MAX: 4\nlibseccomp: 2.5.4")).contains("1.2.0");
        assertThat(Tool.RUNC.parse("runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\n"
                + "go: go1.19.8\nlibseccomp: 2.5.4")).contains("1.1.5+ds1");
    }

    @Test
    void nerdctlAndBuildkitdDropTheLeadingV() {
        assertThat(Tool.NERDCTL.parse("nerdctl version 2.0.3")).contains("2.0.3");
        assertThat(Tool.NERDCTL.parse("nerdctl version v1.7.7")).contains("1.7.7");
        assertThat(Tool.BUILDKIT.parse("buildkitd github.com/moby/buildkit v0.12.5 bac3f2b673f3f9d33e79046008e7a38e856b3dc6"))
                .contains("0.12.5");
    }

    @Test
    void anOtherwiseWordedOutputFallsBackToTheFirstDottedNumber() {
        assertThat(Tool.RUNC.parse("runc (patched) 1.2.3\nspec: 1.0.2")).contains("1.2.3");
        assertThat(Tool.NERDCTL.parse("flag provided but not defined: -version")).isEmpty();
        assertThat(Tool.CONTAINERD.parse("")).isEmpty();
        assertThat(Tool.CONTAINERD.parse(null)).isEmpty();
    }

    @Test
    void aProgramNotOnThePathIsNotInstalledAndTheKernelComesFromProc(@TempDir Path root) throws Exception {
        Path sys = Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.writeString(sys.resolve("osrelease"), "6.1.0-18-amd64\n");
        ToolVersions v = new ToolVersions(new ProcessRunner(Map.of("PATH", root.resolve("bin").toString())), root);
        assertThat(v.kernel()).contains("6.1.0-18-amd64");
        ToolVersions.Found nerdctl = v.probe(Tool.NERDCTL);
        assertThat(nerdctl.installed()).isFalse();
        assertThat(nerdctl.version()).isEmpty();
        assertThat(new ToolVersions(new ProcessRunner(Map.of()), root.resolve("nowhere")).kernel()).isEmpty();
    }
}
