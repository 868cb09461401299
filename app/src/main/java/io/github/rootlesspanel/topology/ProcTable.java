package io.github.rootlesspanel.topology;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process table as far as the panel's user can see it ({@code /proc/PID/stat}, {@code comm}, {@code ns/*}),
 * and the placement of the figure's processes in it. Reading is separate from placing: {@link #place} is a pure
 * function over records.
 */
public final class ProcTable {

    /** Network drivers RootlessKit starts as children of its parent process. */
    static final Set<String> NETWORK_DRIVERS = Set.of("slirp4netns", "pasta", "passt", "vpnkit", "lxc-user-nic",
            "gvproxy");

    private ProcTable() {
    }

    /**
     * One process. The namespace inodes are 0 when they cannot be read (another user's process).
     *
     * @param comm {@code /proc/PID/comm} (at most 15 characters: {@code containerd-shim} for the runc v2 shim)
     */
    public record ProcInfo(long pid, long ppid, String comm, long userNs, long mntNs, long netNs) { }

    /** Every process under {@code proc} (normally {@code /proc}); processes that vanish meanwhile are skipped. */
    public static List<ProcInfo> read(Path proc) {
        List<ProcInfo> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    out.add(new ProcInfo(Long.parseLong(name), ppidOf(stat),
                            Files.readString(d.resolve("comm")).strip(), ns(d, "user"), ns(d, "mnt"), ns(d, "net")));
                } catch (IOException | RuntimeException e) {
                    // gone between the listing and the read
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparingLong(ProcInfo::pid));
        return out;
    }

    /** The inode of {@code /proc/PID/ns/KIND}; 0 when it cannot be read. */
    public static long ns(Path procPid, String kind) {
        try {
            return IpJson.nsInode(Files.readSymbolicLink(procPid.resolve("ns").resolve(kind)).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** The 4th field of {@code /proc/PID/stat}; the command name in parentheses may hold spaces and ')'. */
    static long ppidOf(String stat) {
        String rest = stat.substring(stat.lastIndexOf(')') + 2);
        return Long.parseLong(rest.split(" ")[1]);
    }

    /**
     * Places the figure's processes.
     *
     * @param table     the process table
     * @param childPid  RootlessKit's child ({@code child_pid}); 0 when none lives
     * @param unitPids  main PIDs systemd named, by role ({@link Topology.ProcRole#BUILDKITD},
     *                  {@link Topology.ProcRole#BYPASS4NETNSD}); without one, the process is found by its name
     * @return the processes found, RootlessKit parent and child first, then by role and PID
     */
    public static List<Topology.Proc> place(List<ProcInfo> table, long childPid, Map<Topology.ProcRole, Long> unitPids) {
        Map<Long, ProcInfo> byPid = new HashMap<>();
        Map<Long, List<ProcInfo>> children = new HashMap<>();
        for (ProcInfo p : table) {
            byPid.put(p.pid(), p);
            children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
        }
        Map<Long, Topology.ProcRole> roles = new LinkedHashMap<>();
        ProcInfo child = byPid.get(childPid);
        long rkUserNs = 0;
        if (child != null) {
            rkUserNs = child.userNs();
            roles.put(child.ppid(), Topology.ProcRole.ROOTLESSKIT_PARENT);
            roles.put(child.pid(), Topology.ProcRole.ROOTLESSKIT_CHILD);
            for (ProcInfo sibling : children.getOrDefault(child.ppid(), List.of())) {
                if (sibling.pid() != childPid && NETWORK_DRIVERS.contains(sibling.comm())) {
                    roles.put(sibling.pid(), Topology.ProcRole.NETWORK_DRIVER);
                }
            }
            // containerd: a descendant of the child (containerd-rootless.sh execs it, or a shell runs it)
            for (ProcInfo d : descendants(child.pid(), children)) {
                if (d.comm().equals("containerd")) {
                    roles.putIfAbsent(d.pid(), Topology.ProcRole.CONTAINERD);
                }
            }
        }
        for (Map.Entry<Topology.ProcRole, Long> e : unitPids.entrySet()) {
            if (e.getValue() > 0 && byPid.containsKey(e.getValue())) {
                roles.putIfAbsent(e.getValue(), e.getKey());
            }
        }
        for (ProcInfo p : table) {
            if (p.userNs() == 0 || roles.containsKey(p.pid())) {
                continue;   // another user's process, or placed already
            }
            String c = p.comm();
            if (c.startsWith("containerd-shim") && (rkUserNs == 0 || p.userNs() == rkUserNs)) {
                roles.put(p.pid(), Topology.ProcRole.SHIM);
            } else if (c.equals("buildkitd") && !unitPids.containsKey(Topology.ProcRole.BUILDKITD)) {
                roles.put(p.pid(), Topology.ProcRole.BUILDKITD);
            } else if (c.equals("bypass4netnsd") && !unitPids.containsKey(Topology.ProcRole.BYPASS4NETNSD)) {
                roles.put(p.pid(), Topology.ProcRole.BYPASS4NETNSD);
            } else if (c.equals("bypass4netns")) {
                roles.put(p.pid(), Topology.ProcRole.BYPASS4NETNS);
            }
        }
        List<Topology.Proc> out = new ArrayList<>();
        for (Map.Entry<Long, Topology.ProcRole> e : roles.entrySet()) {
            ProcInfo p = byPid.get(e.getKey());
            if (p != null) {
                out.add(new Topology.Proc(p.pid(), e.getValue(), p.comm(), p.userNs(), p.mntNs(), p.netNs()));
            }
        }
        out.sort(Comparator.comparing(Topology.Proc::role).thenComparingLong(Topology.Proc::pid));
        return out;
    }

    private static List<ProcInfo> descendants(long pid, Map<Long, List<ProcInfo>> children) {
        List<ProcInfo> out = new ArrayList<>();
        List<Long> todo = new ArrayList<>(List.of(pid));
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long p = todo.remove(todo.size() - 1);
            for (ProcInfo c : children.getOrDefault(p, List.of())) {
                if (seen.add(c.pid())) {
                    out.add(c);
                    todo.add(c.pid());
                }
            }
        }
        return out;
    }
}
