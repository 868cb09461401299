package io.github.rootlesspanel.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of the programs rootless containerd is made of, for the About dialog and bug reports: each
 * program's {@code --version} (argument list, through {@link ProcessRunner}) read by a pure parser per tool,
 * and the kernel release from {@code /proc}. Blocking: call it off the FX thread.
 */
public final class ToolVersions {

    /** A program the panel reports, with how its {@code --version} names the version. */
    public enum Tool {
        /** "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3" */
        CONTAINERD("containerd", "containerd", "^containerd\\s+\\S+\\s+v?(\\S+)"),
        /** "rootlesskit version 1.1.0" */
        ROOTLESSKIT("RootlessKit", "rootlesskit", "^rootlesskit version v?(\\S+)"),
        /** "slirp4netns version 1.2.0" then commit, libslirp, libseccomp lines */
        SLIRP4NETNS("slirp4netns", "slirp4netns", "^slirp4netns version v?(\\S+)"),
        /** "nerdctl version 1.7.6" */
        NERDCTL("nerdctl", "nerdctl", "^nerdctl version v?(\\S+)"),
        /** "buildkitd github.com/moby/buildkit v0.12.5 bac3f2b673f3f9d33e79046008e7a38e856b3dc6" */
        BUILDKIT("BuildKit", "buildkitd", "^buildkitd\\s+\\S+\\s+v?(\\S+)"),
        /** "runc version 1.1.5+ds1" then commit, spec, go, libseccomp lines */
        RUNC("runc", "runc", "^runc version v?(\\S+)");

        private final String displayName;
        private final String program;
        private final Pattern line;

        Tool(String displayName, String program, String line) {
            this.displayName = displayName;
            this.program = program;
            this.line = Pattern.compile(line, Pattern.MULTILINE);
        }

        public String displayName() {
            return displayName;
        }

        public String program() {
            return program;
        }

        /**
         * The version in this tool's {@code --version} output: its own line's, else the first dotted number on
         * the line {@link HostProbe#versionLine} picks (a rebuilt or patched tool may word it differently). Pure.
         */
        public Optional<String> parse(String output) {
            if (output == null) {
                return Optional.empty();
            }
            Matcher m = line.matcher(output.strip());
            if (m.find()) {
                return Optional.of(m.group(1));
            }
            Matcher any = DOTTED.matcher(HostProbe.versionLine(program, output));
            return any.find() ? Optional.of(any.group(1)) : Optional.empty();
        }
    }

    /**
     * One program as found: where (empty = not installed), its version (empty when the output named none) and the
     * first line of its output (for a version the parser did not understand).
     */
    public record Found(Tool tool, Optional<Path> path, Optional<String> version, String firstLine) {
        public boolean installed() {
            return path.isPresent();
        }
    }

    private static final Pattern DOTTED = Pattern.compile("(?<![\\w.])v?(\\d+(?:\\.\\d+)+[-+~0-9A-Za-z.]*)");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Debian installs runc in /usr/sbin, which a desktop user's PATH often lacks (as {@link HostProbe} knows). */
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin");

    private final ProcessRunner runner;
    private final Path root;

    /** @param root prefix for /proc ("/" on a real host) */
    public ToolVersions(ProcessRunner runner, Path root) {
        this.runner = runner;
        this.root = root;
    }

    /** Every tool, in {@link Tool} order. */
    public List<Found> probe() {
        List<Found> out = new ArrayList<>();
        for (Tool t : Tool.values()) {
            out.add(probe(t));
        }
        return out;
    }

    public Found probe(Tool t) {
        Optional<Path> path = locate(t.program());
        if (path.isEmpty()) {
            return new Found(t, path, Optional.empty(), "");
        }
        ProcessRunner.Result r = runner.runQuietly(List.of(path.get().toString(), "--version"), TIMEOUT);
        String out = r.output().strip();
        String first = out.lines().findFirst().orElse("");
        return new Found(t, path, t.parse(out), first);
    }

    /** The running kernel's release ("6.1.0-18-amd64"); empty when /proc cannot be read. */
    public Optional<String> kernel() {
        try {
            String s = Files.readString(root.resolve("proc/sys/kernel/osrelease")).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> locate(String program) {
        Optional<Path> p = runner.which(program);
        if (p.isPresent()) {
            return p;
        }
        for (String dir : SBIN) {
            Path c = Path.of(dir, program);
            if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
