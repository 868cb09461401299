package io.github.rootlesspanel.ui.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.ToolVersions.Found;
import io.github.rootlesspanel.host.ToolVersions.Tool;
import io.github.rootlesspanel.testsupport.RecordingDialogs;
import io.github.rootlesspanel.ui.common.TaskRunner;

/** What the About dialog lists and copies, for each way a tool can be found. */
class AboutViewModelTest {

    @Test
    void rowsSayVersionAndPathOrNotInstalledOrWhatTheToolSaid() {
        AboutViewModel vm = new AboutViewModel("1.2.3", () -> new AboutViewModel.Versions(List.of(
                new Found(Tool.CONTAINERD, Optional.of(Path.of("/usr/bin/containerd")), Optional.of("1.6.20~ds1"), "x"),
                new Found(Tool.NERDCTL, Optional.empty(), Optional.empty(), ""),
                new Found(Tool.RUNC, Optional.of(Path.of("/opt/runc")), Optional.empty(), "runc (custom build)")),
                Optional.of("6.1.0-18-amd64")), TaskRunner.direct(), new RecordingDialogs());
        assertThat(vm.rows()).extracting(AboutViewModel.Row::value).containsOnly("…");

        vm.probe();

        assertThat(vm.rows()).containsExactly(
                new AboutViewModel.Row("containerd", "1.6.20~ds1  (/usr/bin/containerd)"),
                new AboutViewModel.Row("nerdctl", "not installed"),
                new AboutViewModel.Row("runc", "version not recognised: runc (custom build)  (/opt/runc)"),
                new AboutViewModel.Row("Linux kernel", "6.1.0-18-amd64"));
        assertThat(vm.probingProperty().get()).isFalse();
        assertThat(vm.report()).startsWith("Rootless Panel 1.2.3\nJava ")
                .endsWith("containerd: 1.6.20~ds1  (/usr/bin/containerd)\nnerdctl: not installed\n"
                        + "runc: version not recognised: runc (custom build)  (/opt/runc)\nLinux kernel: 6.1.0-18-amd64\n");
    }
}
