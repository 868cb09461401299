package io.github.rootlesspanel.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.rootlesspanel.containers.Bypass4netnsReadiness;
import io.github.rootlesspanel.containers.ContainerView;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.containers.InterfaceAddress;
import io.github.rootlesspanel.containers.NerdctlException;
import io.github.rootlesspanel.containers.PortMapping;
import io.github.rootlesspanel.containers.RecreatePlan;
import io.github.rootlesspanel.containers.RestartPolicy;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.setup.install.Step;
import io.github.rootlesspanel.setup.install.StepFailedException;

/**
 * {@code containers [--json]} and {@code bypass4netns on|off CONTAINER [--dry-run [--json]] [--commit] [--yes]}.
 * The JSON is a stable, documented schema (version 1): see {@link #json}.
 */
final class ContainersCommand {

    private ContainersCommand() {
    }

    static int list(List<String> argv, ContainersService service, Clock clock, PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(argv);
        boolean json = a.remove("--json");
        if (!a.isEmpty()) {
            return Cli.usageError(err, "containers", "containers takes no arguments besides --json, got: "
                    + String.join(" ", a));
        }
        ContainersService.Snapshot s = service.read();
        if (json) {
            out.print(json(s, clock.instant()));
        } else {
            out.print(table(s, clock.instant()));
        }
        if (s.connection() != ContainersService.Connection.CONNECTED) {
            err.println("rootless-panel: " + s.problem());
            return Cli.UNREACHABLE;
        }
        return Cli.OK;
    }

    static int bypass4netns(List<String> argv, ContainersService service, PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(argv);
        boolean dryRun = a.remove("--dry-run");
        boolean commit = a.remove("--commit");
        boolean yes = a.remove("--yes") | a.remove("-y");
        boolean json = a.remove("--json");
        if (a.size() != 2 || !(a.get(0).equals("on") || a.get(0).equals("off")) || json && !dryRun) {
            return Cli.usageError(err, "bypass4netns", json && !dryRun ? "--json goes with --dry-run"
                    : "bypass4netns needs on or off and one CONTAINER, got: " + String.join(" ", argv));
        }
        boolean enable = a.get(0).equals("on");
        ContainersService.Snapshot s = service.read();
        if (s.connection() != ContainersService.Connection.CONNECTED) {
            err.println("rootless-panel: " + s.problem());
            return Cli.UNREACHABLE;
        }
        List<ContainerView> matches = find(s.containers(), a.get(1));
        if (matches.isEmpty()) {
            return Cli.usageError(err, "bypass4netns", "no container named '" + a.get(1) + "' (by nerdctl name or id)");
        }
        if (matches.size() > 1) {
            return Cli.usageError(err, "bypass4netns", "'" + a.get(1) + "' matches several containers: "
                    + matches.stream().map(c -> c.namespace() + "/" + c.name() + " (" + shortId(c.id()) + ")")
                    .collect(Collectors.joining(", ")) + "; give the id");
        }
        ContainerView c = matches.get(0);
        if (c.bypass().enabled() == enable && c.bypass().source() != io.github.rootlesspanel.containers.Bypass4netnsConfig.Source.LEGACY_LABEL) {
            if (json) {
                out.print(CliJson.write(dryRunJson(c, enable, Optional.empty())));
            } else {
                out.println(c.name() + ": bypass4netns is already " + (enable ? "on" : "off") + "; nothing to do.");
            }
            return Cli.OK;
        }
        Optional<String> reason = s.readiness().reasonFor(c);
        if (reason.isPresent() && (enable || s.readiness().nerdctlVersion().isEmpty())) {
            // switching off needs only nerdctl; switching on needs everything
            err.println("rootless-panel: cannot switch bypass4netns " + (enable ? "on" : "off") + " for "
                    + c.name() + ": " + reason.get());
            return Cli.REFUSED;
        }
        RecreatePlan plan;
        try {
            plan = service.planBypass(c, enable, commit);
        } catch (NerdctlException e) {
            err.println("rootless-panel: " + e.getMessage());
            return Cli.REFUSED;
        }
        if (json) {
            out.print(CliJson.write(dryRunJson(c, enable, Optional.of(plan))));
            return Cli.OK;
        }
        // describe(): the steps (each an exact nerdctl command), then what is not carried over, then the commands
        out.print(plan.plan().describe());
        if (dryRun) {
            return Cli.OK;
        }
        if (!yes) {
            err.println("rootless-panel: recreating " + c.name() + " loses what is listed above; run again with --yes "
                    + "to go on" + (commit ? "" : " (add --commit to keep files written inside the container)"));
            return Cli.REFUSED;
        }
        PlanRunner runner = new PlanRunner();
        PlanRunner.Outcome o = runner.run(plan.plan(), progress(out));
        if (o.succeeded()) {
            out.println(c.name() + ": recreated with bypass4netns " + (enable ? "on" : "off") + ".");
            return Cli.OK;
        }
        Exception e = o.failure().get();
        err.println("rootless-panel: " + e.getMessage());
        if (e instanceof StepFailedException sf && !sf.details().isBlank()) {
            err.println(sf.details().strip());
        }
        List<String> problems = runner.rollback(o, progress(out));
        if (problems.isEmpty()) {
            err.println("rootless-panel: rolled back: " + c.name() + " is as it was.");
        } else {
            err.println("rootless-panel: the rollback could not undo everything: " + String.join("; ", problems));
            // the user must know which name the old container has now and how to finish (e.g. containerd died)
            err.print(plan.unfinishedRollback(o.completed()));
        }
        return Cli.FAILED;
    }

    /**
     * {@code bypass4netns --dry-run --json}: {@code {"version":1,"container":{"id","name","namespace"},"enable",
     * "nothingToDo","commands":[[args after nerdctl]],"carried":[],"notCarried":[],"plan":{…}}}; with nothing to do
     * the lists are empty and {@code plan} is null.
     */
    static ObjectNode dryRunJson(ContainerView c, boolean enable, Optional<RecreatePlan> plan) {
        ObjectNode root = CliJson.document();
        ObjectNode cn = root.putObject("container");
        cn.put("id", c.id());
        cn.put("name", c.name());
        cn.put("namespace", c.namespace());
        root.put("enable", enable);
        root.put("nothingToDo", plan.isEmpty());
        ArrayNode commands = root.putArray("commands");
        ArrayNode carried = root.putArray("carried");
        ArrayNode notCarried = root.putArray("notCarried");
        plan.ifPresent(p -> {
            p.commands().forEach(cmd -> cmd.forEach(commands.addArray()::add));
            p.carried().forEach(carried::add);
            p.notCarried().forEach(notCarried::add);
        });
        root.set("plan", plan.map(p -> (com.fasterxml.jackson.databind.JsonNode) CliJson.plan(p.plan())).orElse(null));
        return root;
    }

    private static PlanRunner.Listener progress(PrintStream out) {
        return new PlanRunner.Listener() {
            @Override
            public void started(int index, Step step) {
                out.println("$ " + step.title());
            }

            @Override
            public void finished(int index, Step step, String result) {
            }

            @Override
            public void failed(int index, Step step, Exception error) {
                out.println("  failed: " + error.getMessage());
            }
        };
    }

    /** By nerdctl name, full id, or an unambiguous id prefix (nerdctl's rules). */
    static List<ContainerView> find(List<ContainerView> all, String key) {
        List<ContainerView> byName = all.stream().filter(c -> c.nerdctl().name().equals(key)).toList();
        if (!byName.isEmpty()) {
            return byName;
        }
        List<ContainerView> byId = all.stream().filter(c -> c.id().equals(key)).toList();
        if (!byId.isEmpty()) {
            return byId;
        }
        return key.length() >= 3 ? all.stream().filter(c -> c.id().startsWith(key)).toList() : List.of();
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /**
     * Schema version 1: {@code {"version":1, "connection", "problem", "bypass4netns":{"ready","unmet":[],
     * "nerdctl","useAnnotation"}, "containers":[{"id","name","namespace","image","state","status","pid",
     * "startedAt","createdAt","snapshotter","addresses":[{"interface","address","prefixLength"}],
     * "ports":[{"hostIp","hostPort","containerPort","protocol"}],"networks":[],"restartPolicy",
     * "bypass4netns":{"configured","source","ignoreSubnets","ignoreBind","problem","live"}}]}}.
     * {@code live} is null when bypass4netnsd could not be asked; {@code pid} 0 when not running.
     */
    static String json(ContainersService.Snapshot s, Instant now) {
        ObjectNode root = CliJson.document();
        root.put("connection", s.connection().name().toLowerCase(java.util.Locale.ROOT));
        root.put("problem", s.problem());
        Bypass4netnsReadiness r = s.readiness();
        ObjectNode b = root.putObject("bypass4netns");
        b.put("ready", r.ready());
        ArrayNode unmet = b.putArray("unmet");
        r.unmet().forEach(unmet::add);
        b.put("nerdctl", r.nerdctlVersion().map(Object::toString).orElse(null));
        b.put("useAnnotation", r.useAnnotation());
        ArrayNode list = root.putArray("containers");
        for (ContainerView c : s.containers()) {
            ObjectNode o = list.addObject();
            o.put("id", c.id());
            o.put("name", c.name());
            o.put("namespace", c.namespace());
            o.put("image", c.info().image());
            o.put("state", c.state().word());
            o.put("status", c.statusText(now));
            o.put("pid", c.pid());
            o.put("startedAt", c.startedAt().map(Instant::toString).orElse(null));
            o.put("createdAt", c.info().createdAt().toString());
            o.put("snapshotter", c.info().snapshotter());
            ArrayNode addrs = o.putArray("addresses");
            for (InterfaceAddress ia : c.addresses()) {
                ObjectNode x = addrs.addObject();
                x.put("interface", ia.interfaceName());
                x.put("address", ia.address());
                x.put("prefixLength", ia.prefixLength());
            }
            ArrayNode ports = o.putArray("ports");
            for (PortMapping p : c.ports()) {
                ObjectNode x = ports.addObject();
                x.put("hostIp", p.hostIp());
                x.put("hostPort", p.hostPort());
                x.put("containerPort", p.containerPort());
                x.put("protocol", p.protocol());
            }
            ArrayNode nets = o.putArray("networks");
            c.nerdctl().networks().forEach(nets::add);
            o.put("restartPolicy", c.nerdctl().restart().map(RestartPolicy::flagValue).orElse(null));
            ObjectNode bp = o.putObject("bypass4netns");
            bp.put("configured", c.bypass().enabled());
            bp.put("source", c.bypass().source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            ArrayNode subnets = bp.putArray("ignoreSubnets");
            c.bypass().ignoreSubnets().forEach(subnets::add);
            bp.put("ignoreBind", c.bypass().ignoreBind());
            bp.put("problem", c.bypass().problem().orElse(null));
            if (c.bypassLive().isPresent()) {
                bp.put("live", c.bypassLive().get());
            } else {
                bp.putNull("live");
            }
        }
        return CliJson.write(root);
    }

    static String table(ContainersService.Snapshot s, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "NAMESPACE", "IMAGE", "STATUS", "PID", "ADDRESSES", "PORTS", "BYPASS4NETNS"});
        for (ContainerView c : s.containers()) {
            String bypass = (c.bypass().enabled() ? "on" : "off")
                    + (c.bypass().source() == io.github.rootlesspanel.containers.Bypass4netnsConfig.Source.LEGACY_LABEL
                    ? " (label)" : "")
                    + c.bypassLive().map(l -> l ? ", active" : "").orElse(", live unknown");
            rows.add(new String[] {c.name(), c.namespace(), c.info().image(), c.statusText(now),
                    c.pid() > 0 ? Long.toString(c.pid()) : "-",
                    c.addresses().isEmpty() ? "-" : c.addresses().stream().map(InterfaceAddress::cidr)
                            .collect(Collectors.joining(",")),
                    c.ports().isEmpty() ? "-" : c.ports().stream().map(PortMapping::display)
                            .collect(Collectors.joining(",")),
                    bypass});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (s.connection() != ContainersService.Connection.CONNECTED) {
            return "containerd is not reachable: " + s.problem() + "\n";
        }
        if (s.containers().isEmpty()) {
            sb.append("No containers.\n");
        } else {
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    line.append(i == r.length - 1 ? r[i] : String.format("%-" + w[i] + "s  ", r[i]));
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
        }
        if (!s.readiness().ready()) {
            sb.append("\nbypass4netns cannot be switched here: ").append(String.join(" ", s.readiness().unmet()))
                    .append('\n');
        }
        return sb.toString();
    }
}
