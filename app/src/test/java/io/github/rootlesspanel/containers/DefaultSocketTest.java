package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.containers.ContainerdException.Kind;

class DefaultSocketTest {

    @Test
    void rootlessDefaultIsInTheRuntimeDir() throws Exception {
        assertThat(ContainerdClient.defaultSocket(Map.of("XDG_RUNTIME_DIR", "/run/user/1000")))
                .isEqualTo(Path.of("/run/user/1000/containerd/containerd.sock"));
    }

    @Test
    void runtimeDirIsTrimmed() throws Exception {
        assertThat(ContainerdClient.defaultSocket(Map.of("XDG_RUNTIME_DIR", " /run/user/1001 ")))
                .isEqualTo(Path.of("/run/user/1001/containerd/containerd.sock"));
    }

    @Test
    void containerdAddressWinsOverTheRuntimeDir() throws Exception {
        Map<String, String> env = Map.of("CONTAINERD_ADDRESS", "/home/u/c.sock", "XDG_RUNTIME_DIR", "/run/user/1000");
        assertThat(ContainerdClient.defaultSocket(env)).isEqualTo(Path.of("/home/u/c.sock"));
    }

    @Test
    void unixSchemeIsAccepted() throws Exception {
        assertThat(ContainerdClient.defaultSocket(Map.of("CONTAINERD_ADDRESS", "unix:///home/u/c.sock")))
                .isEqualTo(Path.of("/home/u/c.sock"));
        assertThat(ContainerdClient.defaultSocket(Map.of("CONTAINERD_ADDRESS", "unix:/home/u/c.sock")))
                .isEqualTo(Path.of("/home/u/c.sock"));
    }

    @Test
    void theInNamespaceDefaultMeansTheSameSocketOnTheHost() throws Exception {
        // rootless nerdctl resolves CONTAINERD_ADDRESS inside RootlessKit's mount namespace, where
        // /run/containerd is the host's $XDG_RUNTIME_DIR/containerd
        Map<String, String> env = Map.of("CONTAINERD_ADDRESS", "unix:///run/containerd/containerd.sock",
                "XDG_RUNTIME_DIR", "/run/user/1000");
        assertThat(ContainerdClient.defaultSocket(env)).isEqualTo(Path.of("/run/user/1000/containerd/containerd.sock"));
        assertThat(ContainerdClient.defaultSocket(Map.of("CONTAINERD_ADDRESS", "/run/containerd/other/x.sock",
                "XDG_RUNTIME_DIR", "/run/user/1000"))).isEqualTo(Path.of("/run/user/1000/containerd/other/x.sock"));
    }

    @Test
    void onlyTheRunContainerdDirectoryIsMapped() throws Exception {
        Map<String, String> env = Map.of("CONTAINERD_ADDRESS", "/run/containerd-x/containerd.sock",
                "XDG_RUNTIME_DIR", "/run/user/1000");
        assertThat(ContainerdClient.defaultSocket(env)).isEqualTo(Path.of("/run/containerd-x/containerd.sock"));
    }

    @Test
    void withoutRuntimeDirTheAddressIsTakenAsGiven() throws Exception {
        assertThat(ContainerdClient.defaultSocket(Map.of("CONTAINERD_ADDRESS", "/run/containerd/containerd.sock")))
                .isEqualTo(Path.of("/run/containerd/containerd.sock"));
    }

    @Test
    void blankAddressIsIgnored() throws Exception {
        assertThat(ContainerdClient.defaultSocket(Map.of("CONTAINERD_ADDRESS", "  ", "XDG_RUNTIME_DIR", "/run/user/7")))
                .isEqualTo(Path.of("/run/user/7/containerd/containerd.sock"));
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> ContainerdClient.defaultSocket(Map.of("CONTAINERD_ADDRESS", "tcp://127.0.0.1:1234")))
                .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_ADDRESS))
                .hasMessageContaining("not a unix socket");
    }

    @Test
    void neitherVariableSaysWhyAndWhatToDo() {
        assertThatThrownBy(() -> ContainerdClient.defaultSocket(Map.of("HOME", "/home/u")))
                .isInstanceOfSatisfying(ContainerdException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_ADDRESS))
                .hasMessageContaining("Neither CONTAINERD_ADDRESS nor XDG_RUNTIME_DIR is set")
                .hasMessageContaining("sudo")
                .hasMessageContaining("export XDG_RUNTIME_DIR=/run/user/$(id -u)");
    }
}
