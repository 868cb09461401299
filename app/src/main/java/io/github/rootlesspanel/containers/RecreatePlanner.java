package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.setup.install.StepFailedException;

/**
 * Plans the nerdctl commands that recreate a container with bypass4netns switched (rootless-setup.md §3.5: the
 * setting is fixed at create time), a new container from the Run dialog, and start/stop; the plans' steps run
 * those commands. The argument lists are built purely from what containerd keeps (the OCI spec and nerdctl's
 * labels), leaving out what nerdctl adds by itself (its default mounts, {@code HOSTNAME}, its internal labels),
 * so the new container is made as the user made the old one.
 *
 * <p>Recreating is a transaction: commit (optional), stop, rename aside, run the new one, remove the old one. When
 * a step fails, {@code PlanRunner}'s rollback undoes the completed ones most recent first: the half-made new
 * container is removed, the old one gets its name back and is started again if it was running. The new container
 * must be running when the old one was (nerdctl may print its id while containerd dies under it); giving the old
 * one its name back first removes whatever else carries the name (a run whose own clean-up could not work).
 */
public final class RecreatePlanner {

    /** {@code run} may pull the image. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    static final String DEFAULT_NAMESPACE = "default";

    /** nerdctl's container names ({@code pkg/identifiers}). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Pattern IMAGE = Pattern.compile("[a-zA-Z0-9\\[][a-zA-Z0-9._/:@\\[\\]-]{0,1023}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Labels nerdctl or containerd set themselves; never passed as {@code --label}. */
    private static final List<String> INTERNAL_LABELS = List.of(NerdctlMeta.PREFIX, "containerd.io/", "io.containerd.");
    /** Annotations nerdctl, containerd or the OCI runtime set themselves ({@code ctr run} copies its labels there). */
    private static final List<String> INTERNAL_ANNOTATIONS = List.of(NerdctlMeta.PREFIX, "containerd.io/", "io.containerd.",
            "org.opencontainers.");
    /** Where nerdctl keeps /etc/hosts, /etc/resolv.conf and /etc/hostname of its containers. */
    private static final Set<String> NETWORK_FILES = Set.of("/etc/hosts", "/etc/resolv.conf", "/etc/hostname");
    /** The mounts containerd's default spec has (oci.WithDefaultSpec); nerdctl adds none of its own there. */
    private static final Set<String> DEFAULT_MOUNTS = Set.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue",
            "/sys", "/sys/fs/cgroup", "/run");

    private final Nerdctl nerdctl;
    private final Clock clock;

    public RecreatePlanner(Nerdctl nerdctl, Clock clock) {
        this.nerdctl = Objects.requireNonNull(nerdctl, "nerdctl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The plan that recreates {@code c} with bypass4netns on ({@code enable}) or off. {@code commitFirst} runs
     * {@code nerdctl commit} first and bases the new container on that image, keeping its writable layer.
     *
     * @throws NerdctlException when it cannot be recreated this way (a sentence saying why)
     */
    public RecreatePlan plan(ContainerView c, boolean enable, boolean commitFirst) throws NerdctlException {
        String name = c.name();
        if (!NAME.matcher(name).matches()) {
            throw new NerdctlException("\"" + name + "\" is not a name nerdctl accepts, so the container cannot be "
                    + "recreated under it.", "");
        }
        if (!commitFirst && c.info().image().isEmpty()) {
            throw new NerdctlException(name + " has no image reference; commit it first to recreate it.", "");
        }
        if (enable && !c.nerdctl().networks().isEmpty() && !c.nerdctl().usesCniNetwork()) {
            throw new NerdctlException("bypass4netns only accelerates containers on a CNI network (such as bridge); "
                    + name + " uses " + String.join(", ", c.nerdctl().networks()) + ".", "");
        }
        String stamp = STAMP.format(ZonedDateTime.now(clock));
        String id = c.id();
        String aside = name + "-rp-old-" + stamp;
        String commitImage = repository(name) + "-rp-commit:" + stamp;
        String image = commitFirst ? commitImage : c.info().image();
        boolean running = c.state() == ContainerState.RUNNING || c.state() == ContainerState.PAUSED;

        Optional<List<String>> commitArgs = commitFirst
                ? Optional.of(global(c, "commit", id, commitImage)) : Optional.empty();
        List<String> stop = global(c, "stop", id);
        List<String> start = global(c, "start", id);
        List<String> rename = global(c, "rename", id, aside);
        List<String> renameBack = global(c, "rename", id, name);
        List<String> run = new ArrayList<>(global(c));
        run.addAll(runArgs(c, image, enable, nerdctl.usesAnnotation()));
        List<String> rm = global(c, "rm", id);

        List<List<String>> commands = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (commitArgs.isPresent()) {
            commands.add(commitArgs.get());
            steps.add(Step.of(title(commitArgs.get()),
                    () -> done(commitArgs.get(), TIMEOUT, "nerdctl could not commit " + name + " to " + commitImage + ".",
                            "committed " + name + " to " + commitImage)));
        }
        if (running) {
            commands.add(stop);
            steps.add(Step.of(title(stop), () -> done(stop, TIMEOUT, "nerdctl could not stop " + name + ".",
                    "stopped " + name), () -> done(start, TIMEOUT, "nerdctl could not start " + name + " again.",
                    "started " + name + " again")));
        }
        commands.add(rename);
        steps.add(Step.of(title(rename), () -> done(rename, TIMEOUT, "nerdctl could not rename " + name + " to "
                + aside + ".", "renamed " + name + " to " + aside), () -> {
                    // a run that failed before its own clean-up could work (containerd died) may have left one
                    removeNamed(c, name, id);
                    return done(renameBack, TIMEOUT, "nerdctl could not give " + aside + " its name " + name
                            + " back.", "renamed it back to " + name);
                }));
        commands.add(run);
        steps.add(Step.of(title(run), () -> runNew(c, name, id, run, running), () -> {
            removeNamed(c, name, id);
            return "removed the new " + name;
        }));
        commands.add(rm);
        steps.add(Step.of(title(rm), () -> done(rm, TIMEOUT, "nerdctl could not remove the old container " + aside
                + ".", "removed the old container")));

        List<String> notCarried = new ArrayList<>(notCarried(c));
        if (commitFirst) {
            notCarried.set(0, "Files written inside the container (its writable layer) are carried only through the "
                    + "committed image " + commitImage + "; data in volumes and bind mounts stays where it is.");
        } else {
            notCarried.add("The new container uses the image " + c.info().image() + " by name: if that tag was "
                    + "moved or removed since, nerdctl uses (or pulls) what it names now.");
        }
        if (!running) {
            notCarried.add(name + " is not running now; the new container is started (nerdctl run -d).");
        }
        List<String> carried = built(c, image, enable, nerdctl.usesAnnotation()).carried();
        String title = "Recreate " + name + (enable ? " with" : " without") + " bypass4netns";
        List<String> notes = new ArrayList<>(notCarried);
        if (enable && !nerdctl.usesAnnotation()) {
            notes.add("This nerdctl (" + nerdctl.version().map(Object::toString).orElse("?") + ") is older than 2.0, "
                    + "so bypass4netns is asked for with --label nerdctl/bypass4netns=true. nerdctl 2.x reads it "
                    + "from --annotation only (the label no longer sets up the seccomp listener): after updating "
                    + "nerdctl, switch bypass4netns off and on again.");
        }
        Plan plan = new Plan(title, "", Optional.of(RecreatePlan.commandText(commands)), steps, notes,
                "nerdctl commands", "Recreate", true);
        return new RecreatePlan(c, enable, run, commands, carried, notCarried, commitArgs, plan);
    }

    /**
     * The {@code run -d ...} arguments (after {@code nerdctl}) that reproduce {@code c} from {@code image}, with
     * the bypass4netns annotation added ({@code enable}; the pre-2.0 label when not {@code useAnnotation}) or
     * removed. Every value is one {@code --flag=value} word; {@code --} comes before the image. Pure.
     */
    static List<String> runArgs(ContainerView c, String image, boolean enable, boolean useAnnotation) {
        return built(c, image, enable, useAnnotation).args();
    }

    /** What carries over, one short line each ({@code env FOO=bar}, {@code port 0.0.0.0:8080->80/tcp}). Pure. */
    static List<String> carried(ContainerView c, String image, boolean enable, boolean useAnnotation) {
        return built(c, image, enable, useAnnotation).carried();
    }

    /**
     * What cannot be carried over, one sentence each; the first is always the writable layer. Pure.
     */
    static List<String> notCarried(ContainerView c) {
        Map<String, String> labels = c.info().labels();
        OciSpec s = c.info().spec();
        List<String> out = new ArrayList<>();
        out.add("Files written inside the container (its writable layer) are lost unless it is committed to an "
                + "image first; data in volumes and bind mounts stays where it is.");
        out.add("Settings that cannot be read back from the container are not carried and get nerdctl's defaults: "
                + "capabilities (--cap-add, --cap-drop), devices, ulimits, sysctls, security options (--security-opt), "
                + "--group-add, --runtime, --cgroupns, --cgroup-parent, --oom-score-adj, --memory-reservation, "
                + "blkio limits and whether stdin was kept open (-i).");
        if (c.nerdctl().name().isEmpty()) {
            out.add(c.name() + " was not created by nerdctl (it has no nerdctl/name label): the new container is "
                    + "rebuilt from its OCI spec alone and joins nerdctl's default network (bridge).");
        } else {
            out.add("Its log (nerdctl logs) stays with the old container and is removed with it.");
        }
        if (labels.containsKey(NerdctlMeta.HEALTHCHECK)) {
            out.add("Its health check is not carried; one defined in the image applies again.");
        }
        Optional<JsonNode> log = NerdctlMeta.object(labels, NerdctlMeta.LOG_CONFIG);
        String logUri = labels.getOrDefault(NerdctlMeta.LOG_URI, "");
        if (log.isPresent() && log.get().path("driver").asText("").isEmpty() && !logUri.isEmpty()) {
            out.add("Its log driver (" + logUri + ") is not carried; the new container logs with json-file.");
        }
        if (!labels.getOrDefault(NerdctlMeta.PID_CONTAINER, "").isEmpty()) {
            out.add("It shares the PID namespace of container " + labels.get(NerdctlMeta.PID_CONTAINER)
                    + " (--pid); that is not carried.");
        }
        NerdctlMeta.object(labels, NerdctlMeta.IPC).ifPresent(ipc -> {
            if ("container".equals(ipc.path("mode").asText(""))) {
                out.add("It shares the IPC namespace of container " + ipc.path("victimContainerId").asText("?")
                        + " (--ipc); that is not carried.");
            }
        });
        List<String> anonymous = NerdctlMeta.anonymousVolumes(labels);
        if (!anonymous.isEmpty()) {
            out.add("Its anonymous volumes are reused by name (" + String.join(", ", anonymous) + "): their data is "
                    + "kept, but they are no longer removed together with the container (nerdctl rm -v).");
        }
        if ("true".equals(labels.get(NerdctlMeta.AUTO_REMOVE))) {
            out.add("It was created with --rm; the new container runs detached (-d), which nerdctl does not allow "
                    + "together with --rm.");
        }
        NerdctlMeta.object(labels, NerdctlMeta.HOST_CONFIG).ifPresent(hc -> {
            if (!hc.path("CidFile").asText("").isEmpty()) {
                out.add("Its --cidfile (" + hc.path("CidFile").asText() + ") is not carried.");
            }
            if (hc.path("Devices").isArray() && hc.path("Devices").size() > 0) {
                out.add("Its devices (--device) are not carried.");
            }
        });
        for (NerdctlMeta.MountPoint m : NerdctlMeta.mountPoints(labels)) {
            if (mountArgument(m).isEmpty()) {
                out.add("The " + (m.type().isEmpty() ? "" : m.type() + " ") + "mount at " + m.destination()
                        + " is not carried.");
            }
        }
        Set<String> recorded = new java.util.HashSet<>();
        NerdctlMeta.mountPoints(labels).forEach(m -> recorded.add(m.destination()));
        for (OciSpec.Mount m : s.mounts()) {
            if (!DEFAULT_MOUNTS.contains(m.destination()) && specMountArgument(m).isEmpty()
                    && !isNerdctlNetworkFile(m) && !recorded.contains(m.destination())) {
                out.add("The " + m.type() + " mount at " + m.destination() + " is not carried.");
            }
        }
        if (c.nerdctl().name().isEmpty()) {
            if (!s.networkNamespacePath().isEmpty()) {
                out.add("It joins the network namespace " + s.networkNamespacePath() + "; that is not carried.");
            }
        }
        if (initBinary(s).filter(b -> !b.equals("tini")).isPresent()) {
            out.add("Its init process (--init-binary " + initBinary(s).get() + ") is not carried.");
        }
        if (!s.additionalGids().isEmpty() && !labels.containsKey(NerdctlMeta.USER)) {
            out.add("Its supplementary groups are not carried; the user's groups in the image apply.");
        }
        if (c.nerdctl().networks().contains("host") && !c.nerdctl().hostname().isEmpty()) {
            out.add("With --network host the hostname is not carried; the new container has the host's.");
        }
        c.bypass().problem().ifPresent(p -> out.add("Its bypass4netns settings could not be read (" + p
                + "); they are not carried."));
        return out;
    }

    /** Whether nerdctl takes this as a new container's name (its rule: a letter or digit, then at least one more). */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Whether this can be an image reference (registry host with port, IPv6 in brackets, path, tag, digest): no
     * blank, control character, quote or leading '-'. nerdctl checks the reference itself; this keeps a typo such
     * as "-rf" or a pasted second line from getting that far.
     */
    public static boolean validImage(String image) {
        return IMAGE.matcher(image).matches();
    }

    /** {@code run -d [--name=N] [-p=...] [bypass4netns] -- IMAGE} of the Run dialog. */
    public List<String> runArgs(RunRequest r) {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        if (!r.name().isEmpty()) {
            args.add("--name=" + r.name());
        }
        for (PortMapping p : r.ports()) {
            args.add("-p=" + p.publishArgument());
        }
        if (r.bypass4netns()) {
            args.add(bypassFlag(nerdctl.usesAnnotation()));
        }
        args.add("--");
        args.add(r.image());
        return args;
    }

    /**
     * The plan of a new container. When it is named, a container of that name must not exist yet, and one that
     * nerdctl left behind after a failed start is removed again.
     *
     * @throws NerdctlException for an empty image or a name nerdctl would refuse
     */
    public Plan runPlan(RunRequest r) throws NerdctlException {
        if (r.image().isBlank()) {
            throw new NerdctlException("Say which image to run.", "");
        }
        if (!validImage(r.image())) {
            throw new NerdctlException("\"" + r.image() + "\" is not an image reference: use letters, digits and "
                    + "'.', '_', '-', '/', ':', '@', starting with a letter or digit (such as docker.io/library/nginx:alpine).",
                    "");
        }
        if (!r.name().isEmpty() && !validName(r.name())) {
            throw new NerdctlException("\"" + r.name() + "\" is not a valid container name: use letters, digits, "
                    + "'_', '.' and '-', starting with a letter or digit.", "");
        }
        List<String> run = runArgs(r);
        Step step = Step.of(title(run), () -> {
            if (!r.name().isEmpty()) {
                List<String> taken = idsNamed(List.of(), r.name(), "");
                if (!taken.isEmpty()) {
                    throw new StepFailedException("A container named " + r.name() + " already exists ("
                            + shortId(taken.get(0)) + ").", "");
                }
            }
            ProcessRunner.Result res = exec(run, RUN_TIMEOUT);
            if (!res.ok()) {
                String cleanup = r.name().isEmpty() ? "" : removeQuietly(List.of(), r.name(), "");
                throw new StepFailedException(failure("nerdctl could not run " + r.image() + ".", res),
                        res.output() + cleanup);
            }
            return "started " + (r.name().isEmpty() ? shortId(res.stdout().trim()) : r.name());
        });
        List<String> notes = new ArrayList<>();
        if (r.bypass4netns() && !nerdctl.usesAnnotation()) {
            notes.add("This nerdctl is older than 2.0: bypass4netns is asked for with the label form.");
        }
        return new Plan("Run " + r.image(), "", Optional.of(RecreatePlan.commandText(List.of(run))), List.of(step),
                notes, "nerdctl commands", "Run", true);
    }

    public Plan startPlan(ContainerView c) {
        List<String> start = global(c, "start", c.id());
        return single("Start " + c.name(), "Start", start,
                () -> done(start, TIMEOUT, "nerdctl could not start " + c.name() + ".", "started " + c.name()));
    }

    public Plan stopPlan(ContainerView c) {
        List<String> stop = global(c, "stop", c.id());
        return single("Stop " + c.name(), "Stop", stop,
                () -> done(stop, TIMEOUT, "nerdctl could not stop " + c.name() + ".", "stopped " + c.name()));
    }

    // ---- the steps' work ----

    private Plan single(String title, String action, List<String> args, Step.Action a) {
        return new Plan(title, "", Optional.of(RecreatePlan.commandText(List.of(args))), List.of(Step.of(title(args), a)),
                List.of(), "nerdctl commands", action, false);
    }

    /**
     * Step 4: refuses when another container already has the name (its removal on failure would hit it), runs
     * the new container, and on failure removes whatever nerdctl left under the name before reporting.
     */
    private String runNew(ContainerView c, String name, String oldId, List<String> run, boolean mustRun)
            throws StepFailedException {
        List<String> taken = idsNamed(global(c), name, oldId);
        if (!taken.isEmpty()) {
            throw new StepFailedException("Another container is already named " + name + " (" + shortId(taken.get(0))
                    + "); nothing was created.", "");
        }
        ProcessRunner.Result r = exec(run, RUN_TIMEOUT);
        if (!r.ok()) {
            String cleanup = removeQuietly(global(c), name, oldId);
            throw new StepFailedException(failure("nerdctl could not create the new " + name + ".", r),
                    r.output() + cleanup);
        }
        String newId = r.stdout().trim();
        if (mustRun) {
            // nerdctl printed an id, but containerd may have died under it: the old one ran, so must the new one
            String status = statusOf(global(c), name, oldId);
            if (!status.startsWith("Up")) {
                String cleanup = removeQuietly(global(c), name, oldId);
                throw new StepFailedException("nerdctl created the new " + name + ", but it is not running ("
                        + (status.isEmpty() ? "gone" : status) + ").", r.output() + cleanup);
            }
        }
        return "created the new " + name + (newId.matches("[0-9a-f]{12,64}") ? " (" + shortId(newId) + ")" : "");
    }

    /**
     * Removes every container named {@code name} except {@code keepId}: found by an exact match of the name in
     * {@code nerdctl ps}, then removed by id, since {@code nerdctl rm NAME} would also take a container whose id
     * merely starts with NAME.
     */
    private void removeNamed(ContainerView c, String name, String keepId) throws StepFailedException {
        removeNamed(global(c), name, keepId);
    }

    private void removeNamed(List<String> global, String name, String keepId) throws StepFailedException {
        for (String id : idsNamed(global, name, keepId)) {
            List<String> rm = new ArrayList<>(global);
            rm.addAll(List.of("rm", "-f", "--", id));
            done(rm, TIMEOUT, "nerdctl could not remove the new container " + name + " (" + shortId(id) + ").", "");
        }
    }

    /** removeNamed for a failure report: "" when it went well, else what went wrong (appended to the details). */
    private String removeQuietly(List<String> global, String name, String keepId) {
        try {
            removeNamed(global, name, keepId);
            return "";
        } catch (StepFailedException e) {
            return "\n\nCleaning up: " + e.getMessage() + (e.details().isBlank() ? "" : "\n" + e.details());
        }
    }

    /** Ids of the containers whose name is exactly {@code name}, except {@code keepId}. */
    private List<String> idsNamed(List<String> global, String name, String keepId) throws StepFailedException {
        List<String> ps = new ArrayList<>(global);
        ps.addAll(List.of("ps", "-a", "--no-trunc", "--format={{json .}}"));
        ProcessRunner.Result r = exec(ps, TIMEOUT);
        if (!r.ok()) {
            throw new StepFailedException(failure("nerdctl could not list the containers.", r), r.output());
        }
        return namedIn(r.stdout(), name, keepId);
    }

    /** nerdctl ps's Status of the container named {@code name} other than {@code keepId}; "" when there is none. */
    private String statusOf(List<String> global, String name, String keepId) throws StepFailedException {
        List<String> ps = new ArrayList<>(global);
        ps.addAll(List.of("ps", "-a", "--no-trunc", "--format={{json .}}"));
        ProcessRunner.Result r = exec(ps, TIMEOUT);
        if (!r.ok()) {
            String cleanup = removeQuietly(global, name, keepId);
            throw new StepFailedException(failure("nerdctl could not tell whether the new " + name + " runs.", r),
                    r.output() + cleanup);
        }
        return statusIn(r.stdout(), name, keepId);
    }

    /** From {@code nerdctl ps --format '{{json .}}'} lines: the Status of the first container named {@code name}
     *  other than {@code keepId}, "" when there is none. Pure. */
    static String statusIn(String psJsonLines, String name, String keepId) {
        return named(psJsonLines, name, keepId).stream().findFirst().map(o -> o.path("Status").asText(""))
                .orElse("");
    }

    /** From {@code nerdctl ps --format '{{json .}}'} lines: ids named {@code name}, except {@code keepId}. Pure. */
    static List<String> namedIn(String psJsonLines, String name, String keepId) {
        return named(psJsonLines, name, keepId).stream().map(o -> o.path("ID").asText("")).toList();
    }

    private static List<JsonNode> named(String psJsonLines, String name, String keepId) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : psJsonLines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode o = JSON.readTree(line);
                String id = o.path("ID").asText("");
                if (name.equals(o.path("Names").asText("")) && !id.isEmpty() && !id.equals(keepId)) {
                    out.add(o);
                }
            } catch (IOException e) {
                // a warning line between the JSON ones
            }
        }
        return out;
    }

    private String done(List<String> args, Duration timeout, String failure, String result) throws StepFailedException {
        ProcessRunner.Result r = exec(args, timeout);
        if (!r.ok()) {
            throw new StepFailedException(failure(failure, r), r.output());
        }
        return result;
    }

    private ProcessRunner.Result exec(List<String> args, Duration timeout) throws StepFailedException {
        try {
            return nerdctl.run(args, timeout);
        } catch (IOException e) {
            throw new StepFailedException("nerdctl could not be started (" + nerdctl.executable() + ").",
                    String.valueOf(e.getMessage()));
        }
    }

    private static String failure(String sentence, ProcessRunner.Result r) {
        if (r.timedOut()) {
            return sentence + " It did not finish in time and was stopped.";
        }
        String last = lastLine(r.output());
        return sentence + (last.isEmpty() ? " (exit status " + r.exitCode() + ")" : " " + last);
    }

    /** nerdctl's error line, without logrus's {@code time=... level=fatal msg=} decoration. */
    static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        int msg = last.indexOf("msg=");
        if (last.startsWith("time=") && msg >= 0) {
            last = last.substring(msg + 4);
            if (last.startsWith("\"") && last.endsWith("\"") && last.length() >= 2) {
                last = last.substring(1, last.length() - 1).replace("\\\"", "\"");
            }
        }
        return last;
    }

    // ---- pure helpers ----

    /**
     * {@code --namespace=NS} first when the container is not in nerdctl's default namespace, then the subcommand
     * and, after {@code --}, its operands: a name or image that starts with '-' (a nerdctl/name label can say
     * anything) stays an operand and never becomes one of nerdctl's options.
     */
    static List<String> global(ContainerView c, String... subcommandAndOperands) {
        List<String> out = new ArrayList<>();
        if (!c.namespace().isEmpty() && !c.namespace().equals(DEFAULT_NAMESPACE)) {
            out.add("--namespace=" + c.namespace());
        }
        if (subcommandAndOperands.length > 0) {
            out.add(subcommandAndOperands[0]);
        }
        if (subcommandAndOperands.length > 1) {
            out.add("--");
            out.addAll(List.of(subcommandAndOperands).subList(1, subcommandAndOperands.length));
        }
        return out;
    }

    private static String title(List<String> args) {
        return Nerdctl.display(RecreatePlan.prepend("nerdctl", args));
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** A name as an image repository: lower case, runs of other characters as one '-'. */
    static String repository(String name) {
        String r = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return r.isEmpty() ? "container" : r;
    }

    static String bypassFlag(boolean useAnnotation) {
        return (useAnnotation ? "--annotation=" : "--label=") + Bypass4netnsConfig.ANNOTATION + "=true";
    }

    /** The arguments and the lines saying what they carry. */
    private record Built(List<String> args, List<String> carried) { }

    private static final class Builder {
        final List<String> args = new ArrayList<>(List.of("run", "-d"));
        final List<String> carried = new ArrayList<>();

        void add(String flag, String line) {
            args.add(flag);
            if (line != null) {
                carried.add(line);
            }
        }
    }

    private static Built built(ContainerView c, String image, boolean enable, boolean useAnnotation) {
        OciSpec s = c.info().spec();
        Map<String, String> labels = c.info().labels();
        NerdctlMeta meta = c.nerdctl();
        Builder b = new Builder();
        b.add("--name=" + c.name(), "name " + c.name());
        b.carried.add("image " + image);
        if (s.terminal()) {
            b.add("-t", "terminal (-t)");
        }

        // the process: entrypoint and command as resolved at create time; nerdctl's --init wrapper taken off
        List<String> process = new ArrayList<>(s.args());
        if (initBinary(s).filter("tini"::equals).isPresent()) {
            b.add("--init", "init process (--init)");
            process = process.subList(2, process.size());
        }
        if (!process.isEmpty()) {
            b.add("--entrypoint=" + process.get(0), "command " + Nerdctl.display(process));
        }
        for (String e : s.env()) {
            if (!e.startsWith("HOSTNAME=")) {   // nerdctl sets it to the hostname itself
                b.add("--env=" + e, "env " + e);
            }
        }
        if (!s.cwd().isEmpty() && !s.cwd().equals("/")) {
            b.add("--workdir=" + s.cwd(), "workdir " + s.cwd());
        }
        String user = labels.getOrDefault(NerdctlMeta.USER, "");
        if (user.isEmpty() && (s.uid() != 0 || s.gid() != 0)) {
            user = s.uid() + ":" + s.gid();
        }
        if (!user.isEmpty()) {
            b.add("--user=" + user, "user " + user);
        }

        // network
        List<String> networks = new ArrayList<>(meta.networks());
        if (networks.isEmpty() && meta.name().isEmpty() && s.sharesHostNetwork()) {
            networks.add("host");
        }
        boolean hostNet = networks.contains("host");
        boolean joined = networks.stream().anyMatch(n -> n.startsWith("container:"));
        for (String n : networks) {
            b.add("--network=" + n, "network " + n);
        }
        if (!hostNet && !joined) {
            String hostname = !meta.hostname().isEmpty() ? meta.hostname() : s.hostname();
            String byDefault = shortId(c.id());
            if (!hostname.isEmpty() && !hostname.equals(byDefault)) {
                b.add("--hostname=" + hostname, "hostname " + hostname);
            }
        }
        String domain = labels.getOrDefault(NerdctlMeta.DOMAINNAME, "");
        if (!domain.isEmpty() && !joined) {
            b.add("--domainname=" + domain, "domainname " + domain);
        }
        if (!joined) {
            for (PortMapping p : c.ports()) {
                b.add("-p=" + p.publishArgument(), "port " + p.display());
            }
        }
        if (!meta.ipAddress().isEmpty()) {
            b.add("--ip=" + meta.ipAddress(), "ip " + meta.ipAddress());
        }
        String ip6 = labels.getOrDefault(NerdctlMeta.IP6, "");
        if (!ip6.isEmpty()) {
            b.add("--ip6=" + ip6, "ip6 " + ip6);
        }
        if (!meta.macAddress().isEmpty()) {
            b.add("--mac-address=" + meta.macAddress(), "mac-address " + meta.macAddress());
        }
        if (!joined) {
            NerdctlMeta.Dns dns = NerdctlMeta.dns(labels);
            dns.servers().forEach(d -> b.add("--dns=" + d, "dns " + d));
            dns.searchDomains().forEach(d -> b.add("--dns-search=" + d, "dns-search " + d));
            dns.options().forEach(d -> b.add("--dns-opt=" + d, "dns-opt " + d));
            meta.extraHosts().forEach(h -> b.add("--add-host=" + h, "add-host " + h));
        }
        for (String port : NerdctlMeta.exposedPorts(labels)) {
            b.add("--expose=" + port, "expose " + port);
        }

        // lifecycle
        meta.restart().ifPresent(r -> b.add("--restart=" + r.flagValue(), "restart " + r.flagValue()));
        String stopSignal = labels.getOrDefault(NerdctlMeta.STOP_SIGNAL, "");
        if (!stopSignal.isEmpty() && !stopSignal.equals("SIGTERM")) {
            b.add("--stop-signal=" + stopSignal, "stop-signal " + stopSignal);
        }
        String stopTimeout = labels.getOrDefault(NerdctlMeta.STOP_TIMEOUT, "");
        if (!stopTimeout.isEmpty()) {
            b.add("--stop-timeout=" + stopTimeout, "stop-timeout " + stopTimeout);
        }
        String pidFile = labels.getOrDefault(NerdctlMeta.PID_FILE, "");
        if (!pidFile.isEmpty()) {
            b.add("--pidfile=" + pidFile, "pidfile " + pidFile);
        }
        if ("true".equals(labels.get(NerdctlMeta.PRIVILEGED))) {
            b.add("--privileged", "privileged");
        }
        String platform = labels.getOrDefault(NerdctlMeta.PLATFORM, "");
        if (!platform.isEmpty() && !samePlatform(platform, hostPlatform())) {
            b.add("--platform=" + platform, "platform " + platform);
        }
        NerdctlMeta.object(labels, NerdctlMeta.IPC).ifPresent(ipc -> {
            String mode = ipc.path("mode").asText("");
            if (mode.equals("host") || mode.equals("shareable")) {
                b.add("--ipc=" + mode, "ipc " + mode);
            }
            String shm = ipc.path("shmSize").asText("");
            if (!shm.isEmpty() && !mode.equals("host") && !mode.equals("container")) {
                b.add("--shm-size=" + shm, "shm-size " + shm);
            }
        });
        NerdctlMeta.object(labels, NerdctlMeta.LOG_CONFIG).ifPresent(log -> {
            String driver = log.path("driver").asText("");
            boolean hasOpts = log.path("opts").isObject() && log.path("opts").size() > 0;
            if (!driver.isEmpty() && (!driver.equals("json-file") || hasOpts)) {
                b.add("--log-driver=" + driver, "log-driver " + driver);
                for (Map.Entry<String, JsonNode> o : log.path("opts").properties()) {
                    String kv = o.getKey() + "=" + o.getValue().asText("");
                    b.add("--log-opt=" + kv, "log-opt " + kv);
                }
            }
        });

        // filesystem
        Set<String> recorded = new java.util.HashSet<>();
        if (!meta.name().isEmpty()) {
            for (NerdctlMeta.MountPoint m : NerdctlMeta.mountPoints(labels)) {
                recorded.add(m.destination());
                mountArgument(m).ifPresent(a -> b.add(a, mountLine(m.type(), m.type().equals("volume")
                        ? m.name() : m.source(), m.destination(), !m.rw())));
            }
        }
        {
            // mounts in the spec that nerdctl's label does not record (or a container nerdctl did not make)
            for (OciSpec.Mount m : s.mounts()) {
                if (!DEFAULT_MOUNTS.contains(m.destination()) && !isNerdctlNetworkFile(m)
                        && !recorded.contains(m.destination())
                        && !(initBinary(s).isPresent() && m.destination().equals(s.args().get(0)))) {
                    specMountArgument(m).ifPresent(a -> b.add(a, mountLine(m.type(), m.source(), m.destination(),
                            m.readOnly())));
                }
            }
        }
        if (s.readonlyRootfs()) {
            b.add("--read-only", "read-only root filesystem");
        }

        // resources (absent when nerdctl runs without cgroups)
        OciSpec.Resources r = s.resources();
        if (r.memoryLimit().isPresent() && r.memoryLimit().getAsLong() > 0) {
            long mem = r.memoryLimit().getAsLong();
            b.add("--memory=" + mem, "memory " + mem + " bytes");
            if (r.memorySwap().isPresent() && r.memorySwap().getAsLong() != 2 * mem) {
                b.add("--memory-swap=" + r.memorySwap().getAsLong(), "memory-swap " + r.memorySwap().getAsLong());
            }
        }
        long quota = r.cpuQuota().orElse(0);
        long period = r.cpuPeriod().orElse(0);
        if (quota > 0 && period == 100_000) {
            String cpus = BigDecimal.valueOf(quota).divide(BigDecimal.valueOf(100_000)).stripTrailingZeros().toPlainString();
            b.add("--cpus=" + cpus, "cpus " + cpus);
        } else if (quota > 0 || period > 0) {
            if (quota > 0) {
                b.add("--cpu-quota=" + quota, "cpu-quota " + quota);
            }
            if (period > 0) {
                b.add("--cpu-period=" + period, "cpu-period " + period);
            }
        }
        if (r.cpuShares().orElse(0) > 0) {
            b.add("--cpu-shares=" + r.cpuShares().getAsLong(), "cpu-shares " + r.cpuShares().getAsLong());
        }
        if (!r.cpusetCpus().isEmpty()) {
            b.add("--cpuset-cpus=" + r.cpusetCpus(), "cpuset-cpus " + r.cpusetCpus());
        }
        if (!r.cpusetMems().isEmpty()) {
            b.add("--cpuset-mems=" + r.cpusetMems(), "cpuset-mems " + r.cpusetMems());
        }
        if (r.pidsLimit().orElse(0) > 0) {
            b.add("--pids-limit=" + r.pidsLimit().getAsLong(), "pids-limit " + r.pidsLimit().getAsLong());
        }

        // metadata
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (INTERNAL_LABELS.stream().noneMatch(p -> l.getKey().startsWith(p))) {
                b.add("--label=" + l.getKey() + "=" + l.getValue(), "label " + l.getKey() + "=" + l.getValue());
            }
        }
        for (Map.Entry<String, String> a : s.annotations().entrySet()) {
            if (INTERNAL_ANNOTATIONS.stream().noneMatch(p -> a.getKey().startsWith(p))) {
                b.add("--annotation=" + a.getKey() + "=" + a.getValue(),
                        "annotation " + a.getKey() + "=" + a.getValue());
            }
        }
        if (enable) {
            b.add(bypassFlag(useAnnotation), "bypass4netns on");
            if (useAnnotation) {
                // user-set tuning of bypass4netns: kept while it stays on
                for (String key : List.of(Bypass4netnsConfig.IGNORE_SUBNETS, Bypass4netnsConfig.IGNORE_BIND)) {
                    String v = s.annotations().get(key);
                    if (v != null) {
                        b.add("--annotation=" + key + "=" + v, "annotation " + key + "=" + v);
                    }
                }
            }
        } else {
            b.carried.add("bypass4netns off");
        }

        b.args.add("--");
        b.args.add(image);
        if (process.size() > 1) {
            b.args.addAll(process.subList(1, process.size()));
        }
        return new Built(List.copyOf(b.args), List.copyOf(b.carried));
    }

    /** A recorded mount as {@code -v}, {@code --tmpfs} or {@code --mount}; empty when it cannot be written. */
    static Optional<String> mountArgument(NerdctlMeta.MountPoint m) {
        String dst = m.destination();
        switch (m.type()) {
            case "bind":
            case "volume": {
                String src = m.type().equals("volume") ? m.name() : m.source();
                if (src.isEmpty() || dst.isEmpty()) {
                    return Optional.empty();
                }
                List<String> opts = volumeOptions(m);
                if (!src.contains(":") && !dst.contains(":")) {
                    return Optional.of("-v=" + src + ":" + dst + (opts.isEmpty() ? "" : ":" + String.join(",", opts)));
                }
                // -v splits on ':'; --mount splits on ',' only
                if (src.contains(",") || dst.contains(",")) {
                    return Optional.empty();
                }
                StringBuilder sb = new StringBuilder("--mount=type=" + m.type() + ",source=" + src + ",target=" + dst);
                if (!m.rw()) {
                    sb.append(",readonly");
                }
                if (!m.propagation().isEmpty() && m.type().equals("bind")) {
                    sb.append(",bind-propagation=").append(m.propagation());
                }
                return Optional.of(sb.toString());
            }
            case "tmpfs":
                if (dst.isEmpty() || dst.contains(":")) {
                    return Optional.empty();
                }
                return Optional.of("--tmpfs=" + dst + (m.mode().isEmpty() ? "" : ":" + m.mode()));
            default:
                return Optional.empty();
        }
    }

    /** The options {@code -v} accepts, from what nerdctl recorded: one write mode, one propagation, bind. */
    private static List<String> volumeOptions(NerdctlMeta.MountPoint m) {
        Set<String> given = new LinkedHashSet<>(List.of(m.mode().split(",")));
        List<String> out = new ArrayList<>();
        if (!m.rw() || given.contains("ro") || given.contains("rro")) {
            out.add("ro");
        }
        if (!m.propagation().isEmpty()) {
            out.add(m.propagation());
        }
        if (m.type().equals("bind") && given.contains("bind") && !given.contains("rbind")) {
            out.add("bind");   // not recursive
        }
        for (String z : List.of("z", "Z")) {
            if (given.contains(z)) {
                out.add(z);
            }
        }
        return out;
    }

    /** A spec mount of a container nerdctl did not make: binds and tmpfs only. */
    private static Optional<String> specMountArgument(OciSpec.Mount m) {
        boolean bind = m.type().equals("bind") || m.options().contains("bind") || m.options().contains("rbind");
        if (bind) {
            return mountArgument(new NerdctlMeta.MountPoint("bind", "", m.source(), m.destination(), "",
                    !m.readOnly(), ""));
        }
        if (m.type().equals("tmpfs")) {
            return mountArgument(new NerdctlMeta.MountPoint("tmpfs", "", "", m.destination(),
                    String.join(",", m.options()), true, ""));
        }
        return Optional.empty();
    }

    private static String mountLine(String type, String source, String destination, boolean readOnly) {
        String kind = type.isEmpty() ? "mount" : type;
        return kind + " " + (source.isEmpty() || kind.equals("tmpfs") ? "" : source + " -> ") + destination
                + (readOnly ? " (ro)" : "");
    }

    /** nerdctl's own /etc/hosts, /etc/resolv.conf, /etc/hostname, bound from its data store. */
    private static boolean isNerdctlNetworkFile(OciSpec.Mount m) {
        return NETWORK_FILES.contains(m.destination()) && m.source().contains("/nerdctl/");
    }

    /** nerdctl's {@code --init}: args {@code /sbin/<init> -- ...} with that file bound in; the init's name. */
    static Optional<String> initBinary(OciSpec s) {
        List<String> a = s.args();
        if (a.size() >= 2 && a.get(0).startsWith("/sbin/") && a.get(1).equals("--")
                && s.mounts().stream().anyMatch(m -> m.destination().equals(a.get(0)) && m.options().contains("bind"))) {
            return Optional.of(a.get(0).substring("/sbin/".length()));
        }
        return Optional.empty();
    }

    /** The platform nerdctl assumes without {@code --platform}: this host's, as {@code linux/amd64}. */
    static String hostPlatform() {
        String arch = System.getProperty("os.arch", "");
        switch (arch) {
            case "amd64": case "x86_64": return "linux/amd64";
            case "aarch64": case "arm64": return "linux/arm64";
            case "ppc64le": return "linux/ppc64le";
            case "s390x": return "linux/s390x";
            case "riscv64": return "linux/riscv64";
            default: return "linux/" + arch;
        }
    }

    /** Same OS and architecture ({@code linux/arm64/v8} is {@code linux/arm64}). */
    static boolean samePlatform(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        return x.length >= 2 && y.length >= 2 && x[0].equals(y[0]) && x[1].equals(y[1]);
    }
}
