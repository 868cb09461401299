package io.github.rootlesspanel.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.setup.units.InstallContext;
import io.github.rootlesspanel.config.SystemdQuoting;
import io.github.rootlesspanel.setup.units.UnitRenderer;

/**
 * Golden tests: each rendered unit against the files in src/test/resources/golden, which were written
 * by hand from containerd-rootless-setuptool.sh's heredocs (directives and order), with the panel's
 * nsenter helper in place of {@code "$REALPATH0" nsenter}.
 */
class UnitRendererTest {

    static InstallContext context(Optional<String> ns, Optional<String> snapshotter, boolean bridge) {
        return new InstallContext(Path.of("/opt/nerdctl/bin"), "/usr/local/bin:/usr/bin:/bin", Path.of("/run/user/1000"),
                Path.of("/home/u/.local/share"), Path.of("/home/u/.config"),
                Path.of("/home/u/.local/share/rootless-panel/libexec/rootless-panel-nsenter"), "",
                Optional.of(Path.of("/opt/nerdctl/bin/bypass4netnsd")), bridge, ns, snapshotter);
    }

    static final InstallContext C = context(Optional.empty(), Optional.empty(), true);

    static String golden(String name) throws IOException {
        try (InputStream in = UnitRendererTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void containerdUnitMatchesTheSetupScript() throws IOException {
        assertThat(UnitRenderer.containerd(C)).isEqualTo(golden("containerd.service"));
    }

    @Test
    void buildkitOciWorkerUnitMatchesTheSetupScript() throws IOException {
        assertThat(UnitRenderer.buildkitOci(C)).isEqualTo(golden("buildkit.service"));
    }

    @Test
    void buildkitWithoutBridgeSupportLeavesTheNetFlagOut() {
        assertThat(UnitRenderer.buildkitOci(context(Optional.empty(), Optional.empty(), false)))
                .doesNotContain("bridge").contains("--containerd-worker=false\n");
    }

    @Test
    void buildkitContainerdWorkerWithNamespaceAndSnapshotter() throws IOException {
        InstallContext c = context(Optional.of("default"), Optional.of("stargz"), true);
        assertThat(UnitRenderer.buildkitContainerdUnitName(c)).isEqualTo("default-buildkit.service");
        assertThat(UnitRenderer.buildkitContainerd(c)).isEqualTo(golden("default-buildkit.service"));
    }

    @Test
    void buildkitContainerdWorkerWithoutNamespaceIsBuildkitService() {
        assertThat(UnitRenderer.buildkitContainerdUnitName(C)).isEqualTo("buildkit.service");
        assertThat(UnitRenderer.buildkitContainerd(C)).doesNotContain("--addr=").contains("--containerd-worker=true");
    }

    @Test
    void fuseOverlayfsUnitMatchesTheSetupScript() throws IOException {
        assertThat(UnitRenderer.fuseOverlayfs(C)).isEqualTo(golden("containerd-fuse-overlayfs.service"));
    }

    @Test
    void stargzUnitMatchesTheSetupScript() throws IOException {
        assertThat(UnitRenderer.stargz(C)).isEqualTo(golden("stargz-snapshotter.service"));
    }

    @Test
    void bypass4netnsdUnitMatchesTheSetupScript() throws IOException {
        assertThat(UnitRenderer.bypass4netnsd(C)).isEqualTo(golden("bypass4netnsd.service"));
    }

    @Test
    void flagsWithSpacesAreQuotedSoSystemdKeepsThemInOneVariable() {
        InstallContext c = new InstallContext(Path.of("/opt/bin"), "/usr/bin", Path.of("/run/user/1000"),
                Path.of("/h/.local/share"), Path.of("/h/.config"), Path.of("/h/helper"),
                "--publish=0.0.0.0:4001:4001/tcp --mtu=1500", Optional.empty(), false, Optional.empty(),
                Optional.empty());
        assertThat(UnitRenderer.containerd(c)).contains(
                "Environment=\"CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS=--publish=0.0.0.0:4001:4001/tcp --mtu=1500\"\n");
    }

    @Test
    void pathsWithSpacesAndSpecifiersAreEscaped() {
        InstallContext c = new InstallContext(Path.of("/opt/my tools"), "/usr/bin:/home/%u/bin", Path.of("/run/user/1000"),
                Path.of("/h/.local/share"), Path.of("/h/.config"), Path.of("/h/helper"), "", Optional.empty(), false,
                Optional.empty(), Optional.empty());
        String unit = UnitRenderer.containerd(c);
        assertThat(unit).contains("Environment=\"PATH=/opt/my tools:/sbin:/usr/sbin:/usr/bin:/home/%%u/bin\"\n");
        assertThat(unit).contains("ExecStart=\"/opt/my tools/containerd-rootless.sh\"\n");
    }

    @Test
    void valuesThatWouldInjectALineAreRejected() {
        assertThatThrownBy(() -> SystemdQuoting.environment("X", "a\nExecStartPre=/bin/evil"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> SystemdQuoting.execWord("a\rb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SystemdQuoting.environment("BAD NAME", "x")).isInstanceOf(IllegalArgumentException.class);
        InstallContext evil = context(Optional.of("default\n[Service]"), Optional.empty(), false);
        assertThatThrownBy(() -> UnitRenderer.buildkitContainerd(evil)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesAndBackslashesAreEscapedInsideQuotes() {
        assertThat(SystemdQuoting.environment("A", "say \"hi\" \\o/")).isEqualTo("\"A=say \\\"hi\\\" \\\\o/\"");
        assertThat(SystemdQuoting.execWord("$HOME")).isEqualTo("$$HOME");
        // the executable itself: systemd expands specifiers there but no $, and refuses quotes and backslashes
        assertThat(SystemdQuoting.execPath("/home/a $X/bin/c.sh")).isEqualTo("\"/home/a $X/bin/c.sh\"");
        assertThat(SystemdQuoting.execPath("/home/100%/c.sh")).isEqualTo("/home/100%%/c.sh");
        assertThat(SystemdQuoting.execPathQuoted("/opt/$X/b")).isEqualTo("\"/opt/$X/b\"");
        for (String bad : List.of("/a\"b", "/a'b", "/a\\b", "/a\tb")) {
            assertThatThrownBy(() -> SystemdQuoting.execPath(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SystemdQuoting.execPathQuoted(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(SystemdQuoting.execWord("")).isEqualTo("\"\"");
    }

    @Test
    void nsenterHelperDoesWhatTheSetupScriptsNsenterDoes() {
        String h = UnitRenderer.nsenterHelper();
        assertThat(h).startsWith("#!/bin/sh\n");
        assertThat(h).contains("$state/child_pid").contains("if [ -e \"$state/netns\" ]; then");
        assertThat(h).contains("ROOTLESSKIT_STATE_DIR ROOTLESSKIT_PARENT_EUID ROOTLESSKIT_PARENT_EGID");
        assertThat(h).contains("exec nsenter --no-fork --wd=\"$(pwd)\" --preserve-credentials -m $n -U -t \"$pid\" -- \"$@\"");
        assertThat(h).contains("tr '\\0' '\\n'");
    }
}
