package io.github.rootlesspanel.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.containers.Bypass4netnsdClient;
import io.github.rootlesspanel.containers.ContainerView;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.containers.PortMapping;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.rootlesskit.StateDir;
import io.github.rootlesspanel.rootlesskit.UnixHttp;
import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.systemd.UnitStatus;
import io.github.rootlesspanel.systemd.UserManager;

/**
 * Reads the {@link Topology} from live facts: RootlessKit's state dir and API, the process table and namespace
 * links under {@code /proc}, each network namespace's interfaces as {@code ip -j} tells them from inside (entered
 * with {@code nsenter} as the user, argv lists only), containerd's containers and bypass4netnsd's sessions.
 * Blocking (runs {@code ip} a few times per namespace); call it off the FX thread. Never throws for a partial
 * picture: what cannot be read becomes a sentence in {@link Topology#problems()}.
 */
public final class TopologyProbe {

    static final String CONTAINERD_UNIT = "containerd.service";
    static final String BUILDKIT_UNIT = "buildkit.service";
    static final Duration API_TIMEOUT = Duration.ofSeconds(3);
    static final Duration IP_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XdgDirs dirs;
    private final StateDir state;
    private final ProcessRunner runner;
    private final UserManager systemd;
    private final ContainersService containers;
    private final Clock clock;
    private final Path proc;

    /**
     * @param systemd    the user manager for the units' state and main PIDs; {@code null} when unreachable
     * @param containers containerd's containers; read when {@link #read()} is not given a snapshot
     * @param proc       {@code /proc}
     */
    public TopologyProbe(XdgDirs dirs, StateDir state, ProcessRunner runner, UserManager systemd,
                         ContainersService containers, Clock clock, Path proc) {
        this.dirs = Objects.requireNonNull(dirs, "dirs");
        this.state = Objects.requireNonNull(state, "state");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.systemd = systemd;
        this.containers = Objects.requireNonNull(containers, "containers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.proc = Objects.requireNonNull(proc, "proc");
    }

    /** For the user running the panel; {@code systemd} may be {@code null}. */
    public static TopologyProbe forThisUser(Map<String, String> env, UserManager systemd) {
        XdgDirs dirs = XdgDirs.from(env);
        return new TopologyProbe(dirs, StateDir.forRuntimeDir(dirs.runtimeDir()), new ProcessRunner(env), systemd,
                ContainersService.forThisUser(env, systemd), Clock.systemUTC(), Path.of("/proc"));
    }

    public StateDir stateDir() {
        return state;
    }

    public ContainersService containers() {
        return containers;
    }

    /** Reads everything now, containers included. Blocking. */
    public Topology read() {
        return read(null);
    }

    /**
     * Reads everything now, taking the containers from {@code snapshot} when given (a watch already has them).
     * Blocking.
     */
    public Topology read(ContainersService.Snapshot snapshot) {
        List<String> problems = new ArrayList<>();
        long hostNetns = ProcTable.ns(proc.resolve("self"), "net");

        Optional<UnitStatus> containerd = unit(CONTAINERD_UNIT, problems);
        long childPid = 0;
        boolean childFile = Files.exists(state.childPidFile());
        boolean stale = false;
        if (childFile) {
            Optional<Long> live = state.liveChildPid();
            if (live.isPresent()) {
                childPid = live.get();
            } else {
                stale = true;
            }
        }
        boolean detached = childPid > 0 && state.detachedNetns();
        Topology.Mode mode = childPid == 0 ? Topology.Mode.NOT_RUNNING
                : detached ? Topology.Mode.DETACH_NETNS : Topology.Mode.CHILD_NETNS;

        String networkDriver = "";
        String portDriver = "";
        String childIp = "";
        Topology.Health health;
        List<Topology.PublishedPort> ports = new ArrayList<>();
        if (stale) {
            health = Topology.Health.STALE_STATE_DIR;
            problems.add("RootlessKit's state dir " + state.dir() + " is left over: child_pid names no live process.");
        } else if (childPid == 0) {
            boolean starting = containerd.map(u -> u.activeState() == ActiveState.ACTIVATING
                    || u.activeState() == ActiveState.ACTIVE || u.activeState() == ActiveState.RELOADING)
                    .orElse(false);
            health = starting ? Topology.Health.ROOTLESSKIT_STARTING : Topology.Health.CONTAINERD_INACTIVE;
        } else {
            Optional<Map<String, Object>> info = state.infoFields(API_TIMEOUT);
            if (info.isEmpty()) {
                health = Topology.Health.ROOTLESSKIT_STARTING;
                problems.add("RootlessKit's API (" + state.apiSocket() + ") does not answer yet.");
            } else {
                health = Topology.Health.RUNNING;
                networkDriver = field(info.get(), "networkDriver", "driver");
                childIp = field(info.get(), "networkDriver", "childIP");
                portDriver = field(info.get(), "portDriver", "driver");
                ports.addAll(rootlessKitPorts(problems));
            }
        }

        List<Topology.Netns> netns = new ArrayList<>();
        netns.add(read(hostNetns, Topology.NetnsRole.HOST, List.of(), Optional.empty(), problems));
        if (childPid > 0) {
            String pid = Long.toString(childPid);
            if (detached) {
                // the nsfs bind mount exists only in RootlessKit's mount namespace: reach it through the child's root
                Path file = proc.resolve(pid).resolve("root" + state.dir().resolve("netns"));
                long inode = inode(file, problems);
                netns.add(read(inode, Topology.NetnsRole.DETACHED, List.of(nsenter(), "-U", "--preserve-credentials",
                        "-m", "-t", pid, "--net=" + file), Optional.empty(), problems));
            } else {
                long inode = ProcTable.ns(proc.resolve(pid), "net");
                netns.add(read(inode, Topology.NetnsRole.ROOTLESSKIT_CHILD, List.of(nsenter(), "-U",
                        "--preserve-credentials", "-n", "-t", pid), Optional.empty(), problems));
            }
        }

        List<Topology.ContainerNode> nodes = new ArrayList<>();
        ContainersService.Snapshot snap = snapshot;
        if (snap == null && (childPid > 0 || health == Topology.Health.CONTAINERD_INACTIVE && containerd.isEmpty())) {
            snap = containers.read();
        }
        if (snap != null && snap.connection() == ContainersService.Connection.CONNECTED) {
            for (ContainerView v : snap.containers()) {
                nodes.add(node(v, netns, problems));
            }
        } else if (snap != null && childPid > 0 && !snap.problem().isBlank()) {
            problems.add("containerd: " + snap.problem());
        }
        if (snap != null) {
            matchPorts(ports, snap.containers());
        }
        ports.addAll(bypassPorts(problems));

        Map<Topology.ProcRole, Long> unitPids = new EnumMap<>(Topology.ProcRole.class);
        unit(BUILDKIT_UNIT, problems).filter(u -> u.mainPid() > 0)
                .ifPresent(u -> unitPids.put(Topology.ProcRole.BUILDKITD, u.mainPid()));
        unit(Bypass4netnsdClient.UNIT, problems).filter(u -> u.mainPid() > 0)
                .ifPresent(u -> unitPids.put(Topology.ProcRole.BYPASS4NETNSD, u.mainPid()));
        List<Topology.Proc> processes = ProcTable.place(ProcTable.read(proc), childPid, unitPids);

        return new Topology(clock.instant(), mode, health, networkDriver, portDriver, childIp, hostNetns, netns,
                processes, nodes, ports, problems);
    }

    private Topology.ContainerNode node(ContainerView v, List<Topology.Netns> netns, List<String> problems) {
        long pid = v.pid();
        long inode = 0;
        List<String> addresses = new ArrayList<>();
        if (pid > 0) {
            inode = ProcTable.ns(proc.resolve(Long.toString(pid)), "net");
            long ino = inode;
            Optional<Topology.Netns> known = netns.stream().filter(n -> n.inode() == ino && ino != 0).findFirst();
            Topology.Netns n;
            if (known.isPresent()) {
                n = known.get();   // shares a namespace read already (--net=host, --net=container:...)
            } else {
                n = read(inode, Topology.NetnsRole.CONTAINER, List.of(nsenter(), "-U", "--preserve-credentials",
                        "-n", "-t", Long.toString(pid)), Optional.of(v.id()), problems);
                netns.add(n);
            }
            for (Topology.Iface i : n.interfaces()) {
                if (i.kind() != Topology.IfaceKind.LOOPBACK) {
                    addresses.addAll(i.addresses());
                }
            }
            if (addresses.isEmpty()) {
                v.addresses().forEach(a -> addresses.add(a.address() + "/" + a.prefixLength()));
            }
        }
        return new Topology.ContainerNode(v.id(), v.name(), v.namespace(), pid, inode, addresses,
                v.bypass().enabled(), v.bypassLive().orElse(false));
    }

    /** One namespace's interfaces, read from inside it; an empty list and a problem when that fails. */
    private Topology.Netns read(long inode, Topology.NetnsRole role, List<String> enter, Optional<String> containerId,
                                List<String> problems) {
        String where = describe(role, containerId);
        List<String> link = new ArrayList<>(enter);
        link.addAll(List.of(ip(), "-j", "-d", "link", "show"));
        List<String> addr = new ArrayList<>(enter);
        addr.addAll(List.of(ip(), "-j", "addr", "show"));
        List<Topology.Iface> ifaces = List.of();
        try {
            ProcessRunner.Result l = runner.run(link, IP_TIMEOUT);
            if (!l.ok()) {
                problems.add("Cannot list the interfaces of " + where + ": " + l.output().strip());
            } else {
                ProcessRunner.Result a = runner.run(addr, IP_TIMEOUT);
                ifaces = IpJson.parse(l.stdout(), a.ok() ? a.stdout() : "");
                if (!a.ok()) {
                    problems.add("Cannot list the addresses of " + where + ": " + a.output().strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("Cannot list the interfaces of " + where + ": " + e.getMessage());
        }
        return new Topology.Netns(inode, role, ifaces, containerId);
    }

    private static String describe(Topology.NetnsRole role, Optional<String> containerId) {
        switch (role) {
            case HOST:
                return "the host's network namespace";
            case ROOTLESSKIT_CHILD:
                return "RootlessKit's child network namespace";
            case DETACHED:
                return "RootlessKit's detached network namespace";
            case CONTAINER:
                return "the network namespace of container " + containerId.orElse("?");
            default:
                return "a network namespace";
        }
    }

    private static long inode(Path file, List<String> problems) {
        try {
            return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        } catch (IOException | RuntimeException e) {
            problems.add("Cannot stat the detached network namespace " + file + ": " + e.getMessage());
            return 0;
        }
    }

    private Optional<UnitStatus> unit(String name, List<String> problems) {
        if (systemd == null) {
            return Optional.empty();
        }
        try {
            UnitStatus s = systemd.status(name);
            return s.installed() ? Optional.of(s) : Optional.empty();
        } catch (SystemdException e) {
            problems.add("systemd could not tell the state of " + name + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private List<Topology.PublishedPort> rootlessKitPorts(List<String> problems) {
        try {
            UnixHttp.Response r = UnixHttp.get(state.apiSocket(), "/v1/ports", API_TIMEOUT);
            if (r.status() != 200) {
                problems.add("RootlessKit's /v1/ports answered HTTP " + r.status() + ".");
                return List.of();
            }
            return parsePorts(r.body());
        } catch (IOException e) {
            problems.add("Cannot read RootlessKit's published ports: " + e.getMessage());
            return List.of();
        }
    }

    /** The body of RootlessKit's {@code GET /v1/ports}: {@code [{"id":1,"spec":{proto,parentIP,parentPort,childPort}}]}. */
    static List<Topology.PublishedPort> parsePorts(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        List<Topology.PublishedPort> out = new ArrayList<>();
        if (root == null || root.isNull()) {
            return out;
        }
        if (!root.isArray()) {
            throw new IOException("RootlessKit's /v1/ports is not a JSON list");
        }
        for (JsonNode p : root) {
            JsonNode s = p.path("spec");
            out.add(new Topology.PublishedPort(s.path("proto").asText(), s.path("parentIP").asText(""),
                    s.path("parentPort").asInt(), s.path("childPort").asInt(), Topology.PortPath.ROOTLESSKIT,
                    Optional.empty()));
        }
        return out;
    }

    /** nerdctl publishes host port N as parentPort = childPort = N (rootless-setup.md §6.7): name the owner. */
    static void matchPorts(List<Topology.PublishedPort> ports, List<ContainerView> views) {
        for (int i = 0; i < ports.size(); i++) {
            Topology.PublishedPort p = ports.get(i);
            if (p.path() != Topology.PortPath.ROOTLESSKIT || p.containerId().isPresent()) {
                continue;
            }
            for (ContainerView v : views) {
                if (v.pid() == 0) {
                    continue;
                }
                boolean owns = false;
                for (PortMapping m : v.ports()) {
                    owns |= m.hostPort() == p.parentPort() && p.proto().startsWith(m.protocol());
                }
                if (owns) {
                    ports.set(i, new Topology.PublishedPort(p.proto(), p.parentIp(), p.parentPort(), p.childPort(),
                            p.path(), Optional.of(v.id())));
                    break;
                }
            }
        }
    }

    private List<Topology.PublishedPort> bypassPorts(List<String> problems) {
        Bypass4netnsdClient client = new Bypass4netnsdClient(Bypass4netnsdClient.defaultSocket(dirs));
        if (!Files.exists(client.socket())) {
            return List.of();   // not installed or not running: no sessions, nothing to report
        }
        try {
            return sessionPorts(client.list());
        } catch (IOException e) {
            problems.add(e.getMessage());
            return List.of();
        }
    }

    /** bypass4netnsd's sessions' port mappings, one per protocol. */
    static List<Topology.PublishedPort> sessionPorts(List<Bypass4netnsdClient.BypassStatus> sessions) {
        List<Topology.PublishedPort> out = new ArrayList<>();
        for (Bypass4netnsdClient.BypassStatus s : sessions) {
            for (Bypass4netnsdClient.PortSpec p : s.portMapping()) {
                for (String proto : p.protos().isEmpty() ? List.of("tcp") : p.protos()) {
                    out.add(new Topology.PublishedPort(proto, p.parentIP(), p.parentPort(), p.childPort(),
                            Topology.PortPath.BYPASS4NETNS, Optional.of(s.id())));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String field(Map<String, Object> info, String object, String key) {
        Object o = info.get(object);
        if (o instanceof Map) {
            Object v = ((Map<String, Object>) o).get(key);
            return v == null ? "" : v.toString();
        }
        return "";
    }

    private String ip() {
        return tool("ip", "/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    }

    private String nsenter() {
        return tool("nsenter", "/usr/bin/nsenter", "/bin/nsenter", "/usr/sbin/nsenter");
    }

    /** A tool on PATH, else in the usual sbin places (a user's PATH often lacks /usr/sbin, where ip lives). */
    private String tool(String name, String... fallbacks) {
        Optional<Path> p = runner.which(name);
        if (p.isPresent()) {
            return p.get().toString();
        }
        for (String f : fallbacks) {
            if (Files.isExecutable(Path.of(f))) {
                return f;
            }
        }
        return name;
    }
}
