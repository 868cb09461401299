package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The degraded states, from a runtime dir made here (no RootlessKit, no containerd, no systemd). */
class TopologyProbeTest {

    @TempDir
    Path runtime;

    Topology read() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.remove("CONTAINERD_ADDRESS");
        return TopologyProbe.forThisUser(env, null).read();
    }

    @Test
    void noStateDirIsContainerdInactive() {
        Topology t = read();
        assertThat(t.mode()).isEqualTo(Topology.Mode.NOT_RUNNING);
        assertThat(t.health()).isEqualTo(Topology.Health.CONTAINERD_INACTIVE);
        assertThat(t.containers()).isEmpty();
        // the host's own namespace is still read
        assertThat(t.hostNetns()).isEqualTo(ProcTable.ns(Path.of("/proc/self"), "net")).isPositive();
        assertThat(t.netns()).hasSize(1);
        assertThat(t.netns().get(0).role()).isEqualTo(Topology.NetnsRole.HOST);
        assertThat(t.netns().get(0).interfaces()).extracting(Topology.Iface::name).contains("lo");
    }

    @Test
    void aChildPidOfADeadProcessIsAStaleStateDir() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path state = Files.createDirectories(runtime.resolve("containerd-rootless"));
        Files.writeString(state.resolve("child_pid"), Long.toString(p.pid()));
        Topology t = read();
        assertThat(t.mode()).isEqualTo(Topology.Mode.NOT_RUNNING);
        assertThat(t.health()).isEqualTo(Topology.Health.STALE_STATE_DIR);
        assertThat(t.problems()).anySatisfy(s -> assertThat(s).contains("left over").contains(state.toString()));
    }

    @Test
    void aLiveChildWithoutAnApiIsStarting() throws Exception {
        Path state = Files.createDirectories(runtime.resolve("containerd-rootless"));
        Files.writeString(state.resolve("child_pid"), Long.toString(ProcessHandle.current().pid()));
        Topology t = read();
        assertThat(t.health()).isEqualTo(Topology.Health.ROOTLESSKIT_STARTING);
        assertThat(t.mode()).isEqualTo(Topology.Mode.CHILD_NETNS);
        assertThat(t.problems()).anySatisfy(s -> assertThat(s).contains("api.sock").contains("does not answer"));

        Files.createFile(state.resolve("netns"));
        assertThat(read().mode()).isEqualTo(Topology.Mode.DETACH_NETNS);
    }
}
