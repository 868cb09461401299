package io.github.rootlesspanel.config.rootlesskit;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.rootlesspanel.setup.checks.VersionNumber;

/**
 * What the RootlessKit rules and the resolution of "auto" values need to know about this machine: the programs
 * containerd-rootless.sh and RootlessKit look for, and what their help texts say. Filled from the host probe;
 * pure data.
 *
 * <p>When {@code known} is false ({@link #unknown()}), nothing host-dependent is judged: auto values stay
 * undecided and no rule reports a missing or too old program. {@code xdgRuntimeDir} is independent of that: it is
 * used whenever present (the default STATE_DIR).
 *
 * @param known                 whether the fields below were probed
 * @param xdgRuntimeDir         the user's XDG_RUNTIME_DIR (e.g. {@code /run/user/1000}), if known
 * @param rootlesskitPresent    {@code rootlesskit} is on the PATH
 * @param rootlesskitVersion    what {@code rootlesskit --version} said, if readable
 * @param rootlesskitDetachNetns {@code rootlesskit --help} contains the word {@code --detach-netns} (the script's
 *                              own probe for RootlessKit >= 2.0)
 * @param slirp4netnsPresent    {@code command -v slirp4netns} succeeds
 * @param slirp4netnsNetnsType  {@code slirp4netns --help} contains the word {@code --netns-type} (>= 0.4.0)
 * @param slirp4netnsVersion    its version, if readable
 * @param vpnkitPresent         {@code command -v vpnkit} succeeds
 * @param pastaPresent          {@code pasta} (package passt) is on the PATH
 * @param passtVersion          pasta's version string as printed (passt uses dates: {@code 2023_06_25.32660ce},
 *                              Debian {@code 0.0~git20230627.289301b-1}), if readable
 * @param pestoPresent          the {@code pesto} program (passt 2026_05_07 or later) is on the PATH
 */
public record HostCapabilities(
        boolean known,
        Optional<String> xdgRuntimeDir,
        boolean rootlesskitPresent,
        Optional<VersionNumber> rootlesskitVersion,
        boolean rootlesskitDetachNetns,
        boolean slirp4netnsPresent,
        boolean slirp4netnsNetnsType,
        Optional<VersionNumber> slirp4netnsVersion,
        boolean vpnkitPresent,
        boolean pastaPresent,
        Optional<String> passtVersion,
        boolean pestoPresent) {

    /** passt's release tags are dates: "2023_06_25.32660ce"; Debian-style packages: "0.0~git20230627.289301b". */
    private static final Pattern PASST_TAG = Pattern.compile("(?<!\\d)(\\d{4})_(\\d{2})_(\\d{2})(?!\\d)");
    private static final Pattern PASST_GIT = Pattern.compile("git(\\d{4})(\\d{2})(\\d{2})(?!\\d)");

    public HostCapabilities {
        Objects.requireNonNull(xdgRuntimeDir, "xdgRuntimeDir");
        Objects.requireNonNull(rootlesskitVersion, "rootlesskitVersion");
        Objects.requireNonNull(slirp4netnsVersion, "slirp4netnsVersion");
        Objects.requireNonNull(passtVersion, "passtVersion");
    }

    /** Nothing known: host-dependent rules are not judged and auto values stay undecided. */
    public static HostCapabilities unknown() {
        return new HostCapabilities(false, Optional.empty(), false, Optional.empty(), false, false, false,
                Optional.empty(), false, false, Optional.empty(), false);
    }

    /** Starts from a probed machine on which none of the programs was found. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The date in the passt version string, if it has one: {@code 2023_06_25.32660ce} and
     * {@code 0.0~git20230627.289301b-1} give 2023-06-25 and 2023-06-27.
     */
    public Optional<LocalDate> passtDate() {
        return passtVersion.flatMap(HostCapabilities::passtDate);
    }

    static Optional<LocalDate> passtDate(String text) {
        for (Pattern p : new Pattern[] {PASST_TAG, PASST_GIT}) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                try {
                    return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3))));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Mutable helper for building a probed host; {@code known} is true. */
    public static final class Builder {
        private Optional<String> xdgRuntimeDir = Optional.empty();
        private boolean rootlesskitPresent;
        private Optional<VersionNumber> rootlesskitVersion = Optional.empty();
        private boolean rootlesskitDetachNetns;
        private boolean slirp4netnsPresent;
        private boolean slirp4netnsNetnsType;
        private Optional<VersionNumber> slirp4netnsVersion = Optional.empty();
        private boolean vpnkitPresent;
        private boolean pastaPresent;
        private Optional<String> passtVersion = Optional.empty();
        private boolean pestoPresent;

        private Builder() {
        }

        public Builder xdgRuntimeDir(String dir) {
            xdgRuntimeDir = Optional.of(dir);
            return this;
        }

        /** rootlesskit is installed; {@code version} may be empty; {@code detachNetns}: its help has the flag. */
        public Builder rootlesskit(Optional<VersionNumber> version, boolean detachNetns) {
            rootlesskitPresent = true;
            rootlesskitVersion = version;
            rootlesskitDetachNetns = detachNetns;
            return this;
        }

        /** rootlesskit is installed with this version ("1.1.1", "v3.1.0"); the help has --detach-netns from 2.0 on. */
        public Builder rootlesskit(String version) {
            Optional<VersionNumber> v = VersionNumber.find(version);
            return rootlesskit(v, v.map(n -> n.atLeast(2)).orElse(false));
        }

        /** slirp4netns is installed; {@code netnsType}: its help has --netns-type. */
        public Builder slirp4netns(Optional<VersionNumber> version, boolean netnsType) {
            slirp4netnsPresent = true;
            slirp4netnsVersion = version;
            slirp4netnsNetnsType = netnsType;
            return this;
        }

        /** slirp4netns is installed with this version; --netns-type exists from 0.4 on. */
        public Builder slirp4netns(String version) {
            Optional<VersionNumber> v = VersionNumber.find(version);
            return slirp4netns(v, v.map(n -> n.atLeast(0, 4)).orElse(false));
        }

        public Builder vpnkit() {
            vpnkitPresent = true;
            return this;
        }

        /** pasta is installed; {@code passtVersion} as it prints it, may be empty. */
        public Builder pasta(Optional<String> version) {
            pastaPresent = true;
            passtVersion = version;
            return this;
        }

        public Builder pesto() {
            pestoPresent = true;
            return this;
        }

        public HostCapabilities build() {
            return new HostCapabilities(true, xdgRuntimeDir, rootlesskitPresent, rootlesskitVersion,
                    rootlesskitDetachNetns, slirp4netnsPresent, slirp4netnsNetnsType, slirp4netnsVersion,
                    vpnkitPresent, pastaPresent, passtVersion, pestoPresent);
        }
    }
}
