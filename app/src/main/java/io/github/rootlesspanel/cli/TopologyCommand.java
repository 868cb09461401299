package io.github.rootlesspanel.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import io.github.rootlesspanel.topology.Topology;
import io.github.rootlesspanel.topology.TopologyJson;
import io.github.rootlesspanel.topology.TopologyProbe;

/**
 * {@code topology [--json|--dot]}: the namespaces, interfaces, processes, containers and published ports of the
 * user's rootless containerd, read now. Text by default; {@code --json} is the stable schema (version 1) documented
 * in {@link TopologyJson}; {@code --dot} is Graphviz. Exit 0 also when the picture is degraded (the health field
 * says how), 2 on a usage error.
 */
final class TopologyCommand {

    private TopologyCommand() {
    }

    static int run(List<String> argv, TopologyProbe probe, PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(argv);
        boolean json = a.remove("--json");
        boolean dot = a.remove("--dot");
        if (!a.isEmpty() || json && dot) {
            return Cli.usageError(err, "topology", "topology takes either --json or --dot, got: " + String.join(" ", argv));
        }
        Topology t = probe.read();
        out.print(json ? TopologyJson.json(t) : dot ? TopologyJson.dot(t) : TopologyJson.text(t));
        return Cli.OK;
    }
}
