package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.checks.VersionNumber;

/**
 * The user's {@code nerdctl}: found on PATH, its version, and commands run as argument lists (never through a
 * shell). nerdctl re-executes itself into RootlessKit's namespaces, so it runs with the user's environment
 * (rootless-setup.md §4.2, §9).
 */
public final class Nerdctl {

    /** nerdctl 2.0 reads bypass4netns from {@code --annotation}; older ones from {@code --label}. */
    public static final VersionNumber ANNOTATION_SINCE = VersionNumber.of(2, 0);
    public static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern VERSION = Pattern.compile("nerdctl version v?(\\S+)");

    private final Path executable;
    private final Optional<VersionNumber> version;
    private final ProcessRunner runner;

    public Nerdctl(Path executable, Optional<VersionNumber> version, ProcessRunner runner) {
        this.executable = Objects.requireNonNull(executable, "executable");
        this.version = Objects.requireNonNull(version, "version");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** nerdctl on the runner's PATH with its {@code --version}; empty when there is none. Blocking. */
    public static Optional<Nerdctl> locate(ProcessRunner runner) {
        Optional<Path> exe = runner.which("nerdctl");
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        ProcessRunner.Result r = runner.runQuietly(List.of(exe.get().toString(), "--version"), VERSION_TIMEOUT);
        return Optional.of(new Nerdctl(exe.get(), r.ok() ? parseVersion(r.stdout()) : Optional.empty(), runner));
    }

    /** The version of {@code nerdctl --version} output ({@code nerdctl version 2.0.3}). */
    public static Optional<VersionNumber> parseVersion(String output) {
        Matcher m = VERSION.matcher(output == null ? "" : output);
        return m.find() ? VersionNumber.find(m.group(1)) : Optional.empty();
    }

    public Path executable() {
        return executable;
    }

    public Optional<VersionNumber> version() {
        return version;
    }

    /**
     * Whether bypass4netns is asked for with {@code --annotation} (nerdctl 2.0 and later) rather than the
     * pre-2.0 {@code --label}. An unknown version counts as current.
     */
    public boolean usesAnnotation() {
        return version.map(v -> v.compareTo(ANNOTATION_SINCE) >= 0).orElse(true);
    }

    /** Runs {@code nerdctl args...}. Blocking. */
    public ProcessRunner.Result run(List<String> args, Duration timeout) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(args);
        return runner.run(argv, timeout);
    }

    /**
     * A command as the user would type it, for showing (never for running): words with characters a POSIX shell
     * treats specially are single-quoted.
     */
    public static String display(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String word : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(shellWord(word));
        }
        return sb.toString();
    }

    static String shellWord(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
