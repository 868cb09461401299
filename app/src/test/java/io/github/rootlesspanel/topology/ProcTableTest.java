package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcTableTest {

    static final long HOST_USER = 4026531837L;
    static final long HOST_MNT = 4026531841L;
    static final long RK_USER = 4026532175L;
    static final long RK_MNT = 4026532174L;

    /** The non-detach run of the test environment (ps -o pid,ppid,comm and readlink /proc/PID/ns/*), plus shims. */
    static final List<ProcTable.ProcInfo> NON_DETACH = List.of(
            new ProcTable.ProcInfo(1, 0, "process_api", 0, 0, 0),
            new ProcTable.ProcInfo(6453, 6444, "systemd", HOST_USER, HOST_MNT, Captures.HOST),
            new ProcTable.ProcInfo(6487, 6453, "dbus-daemon", HOST_USER, HOST_MNT, Captures.HOST),
            new ProcTable.ProcInfo(6597, 6453, "rootlesskit", HOST_USER, HOST_MNT, Captures.HOST),
            new ProcTable.ProcInfo(6618, 6597, "exe", RK_USER, RK_MNT, Captures.CHILD),
            new ProcTable.ProcInfo(6639, 6597, "slirp4netns", HOST_USER, HOST_MNT, Captures.HOST),
            new ProcTable.ProcInfo(6646, 6618, "containerd", RK_USER, RK_MNT, Captures.CHILD),
            new ProcTable.ProcInfo(6700, 6453, "containerd-shim", RK_USER, RK_MNT, Captures.CHILD),
            new ProcTable.ProcInfo(6710, 6700, "sleep", RK_USER, 4026532300L, Captures.CONTAINER),
            // another user's RootlessKit: its namespaces cannot be read
            new ProcTable.ProcInfo(7000, 6999, "containerd-shim", 0, 0, 0),
            new ProcTable.ProcInfo(6800, 6453, "bypass4netnsd", HOST_USER, HOST_MNT, Captures.HOST),
            new ProcTable.ProcInfo(6801, 6453, "buildkitd", RK_USER, RK_MNT, Captures.CHILD));

    @Test
    void placesRootlessKitItsDriverContainerdAndTheShims() {
        List<Topology.Proc> placed = ProcTable.place(NON_DETACH, 6618, Map.of());
        assertThat(placed).extracting(Topology.Proc::pid, Topology.Proc::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple(6597L, Topology.ProcRole.ROOTLESSKIT_PARENT),
                org.assertj.core.groups.Tuple.tuple(6618L, Topology.ProcRole.ROOTLESSKIT_CHILD),
                org.assertj.core.groups.Tuple.tuple(6639L, Topology.ProcRole.NETWORK_DRIVER),
                org.assertj.core.groups.Tuple.tuple(6646L, Topology.ProcRole.CONTAINERD),
                org.assertj.core.groups.Tuple.tuple(6700L, Topology.ProcRole.SHIM),
                org.assertj.core.groups.Tuple.tuple(6801L, Topology.ProcRole.BUILDKITD),
                org.assertj.core.groups.Tuple.tuple(6800L, Topology.ProcRole.BYPASS4NETNSD));
        Topology.Proc containerd = placed.get(3);
        assertThat(containerd.netNs()).isEqualTo(Captures.CHILD);
        assertThat(containerd.userNs()).isEqualTo(RK_USER);
        assertThat(containerd.name()).isEqualTo("containerd");
    }

    @Test
    void unitMainPidsWinOverNames() {
        List<Topology.Proc> placed = ProcTable.place(NON_DETACH, 6618,
                Map.of(Topology.ProcRole.BYPASS4NETNSD, 6487L));
        assertThat(placed).filteredOn(p -> p.role() == Topology.ProcRole.BYPASS4NETNSD)
                .extracting(Topology.Proc::pid).containsExactly(6487L);
    }

    @Test
    void withoutAChildOnlyNamedDaemonsArePlaced() {
        List<Topology.Proc> placed = ProcTable.place(NON_DETACH, 0, Map.of());
        assertThat(placed).extracting(Topology.Proc::role).containsExactly(Topology.ProcRole.SHIM,
                Topology.ProcRole.BUILDKITD, Topology.ProcRole.BYPASS4NETNSD);
    }

    @Test
    void parentPidComesAfterTheLastParenthesis() {
        assertThat(ProcTable.ppidOf("6618 (exe) S 6597 6618 6453 0 -1 4194560")).isEqualTo(6597);
        assertThat(ProcTable.ppidOf("42 (a) b) (c) R 7 42 42 0")).isEqualTo(7);
    }

    @Test
    void readsAProcTree(@TempDir Path proc) throws Exception {
        Path p = Files.createDirectories(proc.resolve("6618/ns"));
        Files.writeString(proc.resolve("6618/stat"), "6618 (exe) S 6597 6618 6453 0 -1\n");
        Files.writeString(proc.resolve("6618/comm"), "exe\n");
        Files.createSymbolicLink(p.resolve("net"), Path.of("net:[4026532176]"));
        Files.createSymbolicLink(p.resolve("user"), Path.of("user:[4026532175]"));
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("999"));   // vanished: no stat
        List<ProcTable.ProcInfo> table = ProcTable.read(proc);
        assertThat(table).containsExactly(new ProcTable.ProcInfo(6618, 6597, "exe", 4026532175L, 0, 4026532176L));
    }

    @Test
    void readsTheRealProcOfThisJvm() {
        long self = ProcessHandle.current().pid();
        ProcTable.ProcInfo me = ProcTable.read(Path.of("/proc")).stream().filter(p -> p.pid() == self).findFirst()
                .orElseThrow();
        assertThat(me.netNs()).isEqualTo(ProcTable.ns(Path.of("/proc/self"), "net")).isPositive();
        assertThat(me.ppid()).isEqualTo(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
    }
}
