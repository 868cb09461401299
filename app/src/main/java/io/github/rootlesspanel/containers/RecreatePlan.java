package io.github.rootlesspanel.containers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.rootlesspanel.setup.install.Plan;

/**
 * How a container is recreated with bypass4netns switched (rootless-setup.md §3.5: the setting is fixed at
 * create time): the nerdctl commands, what carries over and what does not, as a {@link Plan} whose steps run
 * those commands and undo them on failure.
 *
 * @param container   the container as it is now
 * @param enable      bypass4netns on (true) or off in the new container
 * @param runArgs     the arguments of the new container's {@code nerdctl run} (after {@code nerdctl})
 * @param commands    every nerdctl command of the plan in order, each as arguments after {@code nerdctl}
 * @param carried     what carries over, one short line each (e.g. {@code env PATH=/bin})
 * @param notCarried  what cannot be carried over, one sentence each; the user is asked before going on
 * @param commitArgs  the {@code nerdctl commit} that keeps the writable layer, when the user asks for it
 * @param plan        the steps; undo of each completed step on a failure
 */
public record RecreatePlan(ContainerView container, boolean enable, List<String> runArgs,
                           List<List<String>> commands, List<String> carried, List<String> notCarried,
                           Optional<List<String>> commitArgs, Plan plan) {

    public RecreatePlan {
        Objects.requireNonNull(container, "container");
        runArgs = List.copyOf(runArgs);
        commands = commands.stream().map(List::copyOf).toList();
        carried = List.copyOf(carried);
        notCarried = List.copyOf(notCarried);
        Objects.requireNonNull(commitArgs, "commitArgs");
        Objects.requireNonNull(plan, "plan");
    }

    /** The commands as the user would type them, one per line. */
    public String commandText() {
        return commandText(commands);
    }

    /** Commands (each the arguments after {@code nerdctl}) as the user would type them, one per line. */
    public static String commandText(List<List<String>> commands) {
        StringBuilder sb = new StringBuilder();
        for (List<String> c : commands) {
            sb.append(Nerdctl.display(prepend("nerdctl", c))).append('\n');
        }
        return sb.toString();
    }

    /**
     * Where things are after a run that stopped after {@code completed} steps and a rollback that could not undo
     * everything (e.g. containerd was down), and the nerdctl commands that finish the rollback by hand. Pure.
     */
    public String unfinishedRollback(int completed) {
        int renameAt = -1;
        for (int i = 0; i < commands.size(); i++) {
            int r = commands.get(i).indexOf("rename");
            if (r >= 0 && renameAt < 0) {
                renameAt = i;
            }
        }
        List<String> rename = commands.get(renameAt);
        int sub = rename.indexOf("rename");
        List<String> global = rename.subList(0, sub);
        String id = container.id();
        String name = container.name();
        String aside = rename.get(rename.size() - 1);
        String shortId = id.length() > 12 ? id.substring(0, 12) : id;
        StringBuilder sb = new StringBuilder("Where things are: the old container " + shortId + " ");
        sb.append(completed > renameAt ? "may still be named " + aside + " (not " + name + ")" : "is still named " + name)
                .append(" and may not be running");
        if (completed > renameAt) {   // the run step was reached: nerdctl may have left a new container behind
            sb.append("; a new container named ").append(name).append(" may be left over");
        }
        sb.append(".\nTo finish the rollback once containerd runs again (systemctl --user start containerd.service):\n");
        if (completed > renameAt) {
            sb.append("  ").append(Nerdctl.display(prepend("nerdctl", concat(global, "ps", "-a", "--no-trunc"))))
                    .append("   (remove a container named ").append(name).append(" whose id is not ").append(shortId)
                    .append(": nerdctl rm -f -- ITS-ID)\n");
            sb.append("  ").append(Nerdctl.display(prepend("nerdctl", concat(global, "rename", "--", id, name))))
                    .append('\n');
        }
        sb.append("  ").append(Nerdctl.display(prepend("nerdctl", concat(global, "start", "--", id)))).append('\n');
        return sb.toString();
    }

    private static List<String> concat(List<String> head, String... tail) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }

    static List<String> prepend(String first, List<String> rest) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
