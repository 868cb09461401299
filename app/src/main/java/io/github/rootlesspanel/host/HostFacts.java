package io.github.rootlesspanel.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the prerequisite checks look at, gathered once by {@link HostProbe}. Immutable and free of
 * I/O, so the checks (setup.checks) are pure functions of it and tests can build any machine in code.
 * Unknown or absent things are recorded as such (empty strings, empty optionals, {@code false}), never as
 * exceptions.
 */
public record HostFacts(
        User user,
        Session session,
        OsRelease os,
        /* {@code /proc/sys/kernel/osrelease}, e.g. "6.8.0-31-generic"; "" when unreadable. */
        String kernelRelease,
        /* Machine architecture as release archives name it ("amd64", "arm64", ...). */
        String arch,
        Selinux selinux,
        Sysctls sysctls,
        Cgroups cgroups,
        SubIds subuid,
        SubIds subgid,
        IdMapper newuidmap,
        IdMapper newgidmap,
        /* The user unit file {@code dbus.socket} (package dbus-user-session on Debian), if installed. */
        Optional<Path> dbusSocketUnit,
        /* {@code /var/lib/systemd/linger/USER}. */
        Path lingerFile,
        boolean linger,
        /* By binary name, for every name in {@link HostProbe#BINARIES}. */
        Map<String, Binary> binaries,
        /* The setup script's RootlessKit check: {@code rootlesskit --disable-host-loopback --copy-up=... true}. */
        Trial rootlesskitTrial,
        /* The setup script's overlayfs check: {@code rootlesskit mount -t overlay ...} in a temp dir. */
        Trial overlayTrial) {

    public HostFacts {
        binaries = Map.copyOf(binaries);
    }

    /** A binary by name; an absent one when it was not probed. */
    public Binary binary(String name) {
        return binaries.getOrDefault(name, Binary.absent(name));
    }

    /** Who runs the panel. */
    public record User(int uid, String name, String home, boolean homeIsDirectory, boolean homeWritable) {
        public boolean homeSet() {
            return !home.isEmpty();
        }
    }

    /**
     * The login session as the setup script sees it: XDG_RUNTIME_DIR, the user bus, and whether the systemd
     * user manager answered ({@code systemctl --user show-environment} or a D-Bus connection).
     */
    public record Session(String xdgRuntimeDir, boolean xdgExists, boolean xdgWritable, int xdgOwnerUid,
            boolean busSocket, String busAddress, UserManagerProbe userManager) {
        public boolean xdgSet() {
            return !xdgRuntimeDir.isEmpty();
        }
    }

    /** Whether the systemd user manager answered; {@code problem} is what went wrong when it did not. */
    public record UserManagerProbe(boolean checked, Optional<String> problem) {
        public static UserManagerProbe notChecked() {
            return new UserManagerProbe(false, Optional.empty());
        }

        public static UserManagerProbe answered() {
            return new UserManagerProbe(true, Optional.empty());
        }

        public static UserManagerProbe failed(String problem) {
            return new UserManagerProbe(true, Optional.of(problem));
        }

        public boolean ok() {
            return checked && problem.isEmpty();
        }
    }

    /** The fields of {@code /etc/os-release} the checks use. */
    public record OsRelease(String id, List<String> idLike, String versionId, String prettyName) {
        public OsRelease {
            idLike = List.copyOf(idLike);
        }

        public static OsRelease unknown() {
            return new OsRelease("", List.of(), "", "");
        }

        /** Parses os-release syntax: KEY=value, values optionally in single or double quotes with \-escapes. */
        public static OsRelease parse(String content) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (String raw : content.split("\\R")) {
                String line = raw.strip();
                int eq = line.indexOf('=');
                if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                    continue;
                }
                kv.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
            }
            String like = kv.getOrDefault("ID_LIKE", "").toLowerCase(Locale.ROOT).strip();
            return new OsRelease(kv.getOrDefault("ID", "").toLowerCase(Locale.ROOT),
                    like.isEmpty() ? List.of() : List.of(like.split("\\s+")),
                    kv.getOrDefault("VERSION_ID", ""), kv.getOrDefault("PRETTY_NAME", ""));
        }

        private static String unquote(String v) {
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
                String inner = v.substring(1, v.length() - 1);
                if (v.charAt(0) == '\'') {
                    return inner;
                }
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < inner.length(); i++) {
                    char c = inner.charAt(i);
                    if (c == '\\' && i + 1 < inner.length()) {
                        c = inner.charAt(++i);
                    }
                    sb.append(c);
                }
                return sb.toString();
            }
            return v;
        }

        /** "Debian GNU/Linux 12 (bookworm)", else ID and VERSION_ID, else "unknown distribution". */
        public String displayName() {
            if (!prettyName.isEmpty()) {
                return prettyName;
            }
            return id.isEmpty() ? "unknown distribution" : (id + " " + versionId).strip();
        }
    }

    /** SELinux as {@code /sys/fs/selinux} shows it (what {@code selinuxenabled}/{@code getenforce} read). */
    public enum Selinux {
        /** No selinuxfs: the kernel has no SELinux, or it is disabled at boot. */
        ABSENT,
        /** selinuxfs without a readable enforce file. */
        DISABLED,
        PERMISSIVE,
        ENFORCING;

        /** What {@code selinuxenabled} answers: loaded, whether enforcing or permissive. */
        public boolean enabled() {
            return this == PERMISSIVE || this == ENFORCING;
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The kernel switches read from {@code /proc/sys}; empty when the kernel has no such file. */
    public record Sysctls(OptionalLong unprivilegedUsernsClone, OptionalLong maxUserNamespaces,
            OptionalLong apparmorRestrictUnprivilegedUserns, OptionalLong ipUnprivilegedPortStart) {
        public static Sysctls none() {
            return new Sysctls(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /**
     * {@code unified}: cgroup v2 alone ({@code /sys/fs/cgroup/cgroup.controllers} exists).
     * {@code hybridUnifiedMount}: v1 with a cgroup2 hierarchy at {@code /sys/fs/cgroup/unified}.
     * {@code delegated}: the controllers in {@code user@UID.service/cgroup.controllers}, when that file exists.
     */
    public record Cgroups(boolean unified, List<String> rootControllers, boolean hybridUnifiedMount,
            String delegationFile, Optional<List<String>> delegated) {
        public Cgroups {
            rootControllers = List.copyOf(rootControllers);
            delegated = delegated.map(List::copyOf);
        }

        public static Cgroups unknown() {
            return new Cgroups(false, List.of(), false, "", Optional.empty());
        }
    }

    /** One of /etc/subuid, /etc/subgid as it concerns this user. */
    public record SubIds(String file, boolean exists, boolean symlink, boolean readable,
            List<SubIdParser.Range> entries, long nextFreeStart) {
        public SubIds {
            entries = List.copyOf(entries);
        }

        public static SubIds missing(String file) {
            return new SubIds(file, false, false, false, List.of(), SubIdParser.DEFAULT_START);
        }
    }

    /** What getcap said about a file: could not ask, no capabilities, some. */
    public enum Caps { UNKNOWN, NONE, PRESENT }

    /** newuidmap or newgidmap: where, whether setuid root, which file capabilities. */
    public record IdMapper(String name, Optional<Path> path, boolean onPath, boolean setuid, Caps caps,
            String capsText) {
        public static IdMapper absent(String name) {
            return new IdMapper(name, Optional.empty(), false, false, Caps.UNKNOWN, "");
        }
    }

    /** A program: where it is (empty when not found) and what {@code --version} printed. */
    public record Binary(String name, Optional<Path> path, boolean onPath, String versionLine, String output) {
        public static Binary absent(String name) {
            return new Binary(name, Optional.empty(), false, "", "");
        }

        public boolean present() {
            return path.isPresent();
        }
    }

    public enum TrialState { NOT_RUN, OK, FAILED }

    /** A trial run: the command, its exit code, its output (or why it did not run). */
    public record Trial(TrialState state, String command, int exitCode, String output) {
        public static Trial notRun(String why) {
            return new Trial(TrialState.NOT_RUN, "", -1, why);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.user = user;
        b.session = session;
        b.os = os;
        b.kernelRelease = kernelRelease;
        b.arch = arch;
        b.selinux = selinux;
        b.sysctls = sysctls;
        b.cgroups = cgroups;
        b.subuid = subuid;
        b.subgid = subgid;
        b.newuidmap = newuidmap;
        b.newgidmap = newgidmap;
        b.dbusSocketUnit = dbusSocketUnit;
        b.lingerFile = lingerFile;
        b.linger = linger;
        b.binaries.putAll(binaries);
        b.rootlesskitTrial = rootlesskitTrial;
        b.overlayTrial = overlayTrial;
        return b;
    }

    /** Starts from "nothing known": every file absent, every binary missing, no trial run. */
    public static final class Builder {
        private User user = new User(-1, "", "", false, false);
        private Session session = new Session("", false, false, -1, false, "", UserManagerProbe.notChecked());
        private OsRelease os = OsRelease.unknown();
        private String kernelRelease = "";
        private String arch = "";
        private Selinux selinux = Selinux.ABSENT;
        private Sysctls sysctls = Sysctls.none();
        private Cgroups cgroups = Cgroups.unknown();
        private SubIds subuid = SubIds.missing("/etc/subuid");
        private SubIds subgid = SubIds.missing("/etc/subgid");
        private IdMapper newuidmap = IdMapper.absent("newuidmap");
        private IdMapper newgidmap = IdMapper.absent("newgidmap");
        private Optional<Path> dbusSocketUnit = Optional.empty();
        private Path lingerFile = Path.of("/var/lib/systemd/linger");
        private boolean linger;
        private final Map<String, Binary> binaries = new LinkedHashMap<>();
        private Trial rootlesskitTrial = Trial.notRun("not run");
        private Trial overlayTrial = Trial.notRun("not run");

        private Builder() {
        }

        public Builder user(User v) {
            user = v;
            return this;
        }

        public Builder session(Session v) {
            session = v;
            return this;
        }

        public Builder os(OsRelease v) {
            os = v;
            return this;
        }

        public Builder kernelRelease(String v) {
            kernelRelease = v;
            return this;
        }

        public Builder arch(String v) {
            arch = v;
            return this;
        }

        public Builder selinux(Selinux v) {
            selinux = v;
            return this;
        }

        public Builder sysctls(Sysctls v) {
            sysctls = v;
            return this;
        }

        public Builder cgroups(Cgroups v) {
            cgroups = v;
            return this;
        }

        public Builder subuid(SubIds v) {
            subuid = v;
            return this;
        }

        public Builder subgid(SubIds v) {
            subgid = v;
            return this;
        }

        public Builder newuidmap(IdMapper v) {
            newuidmap = v;
            return this;
        }

        public Builder newgidmap(IdMapper v) {
            newgidmap = v;
            return this;
        }

        public Builder dbusSocketUnit(Optional<Path> v) {
            dbusSocketUnit = v;
            return this;
        }

        public Builder linger(Path file, boolean present) {
            lingerFile = file;
            linger = present;
            return this;
        }

        public Builder binary(Binary b) {
            binaries.put(b.name(), b);
            return this;
        }

        public Builder binaries(List<Binary> list) {
            new ArrayList<>(list).forEach(this::binary);
            return this;
        }

        public Builder rootlesskitTrial(Trial v) {
            rootlesskitTrial = v;
            return this;
        }

        public Builder overlayTrial(Trial v) {
            overlayTrial = v;
            return this;
        }

        public HostFacts build() {
            return new HostFacts(user, session, os, kernelRelease, arch, selinux, sysctls, cgroups, subuid, subgid,
                    newuidmap, newgidmap, dbusSocketUnit, lingerFile, linger, binaries, rootlesskitTrial,
                    overlayTrial);
        }
    }
}
