package io.github.rootlesspanel.setup.checks;

import java.util.Objects;

/**
 * One check's verdict.
 *
 * @param id    stable kebab-case name ("subuid", "cgroup-delegation"); scripts and the UI key on it
 * @param title short human name
 * @param group where it is listed: Session, User namespaces, cgroups, Storage, Network, Binaries, bypass4netns
 * @param state the verdict
 * @param found what was seen on this machine
 * @param why   why it matters
 * @param hint  what to do, for the user's distribution: shell commands, explanations as {@code #} comments, so
 *              the whole text can be pasted into a terminal; empty when the state is OK
 */
public record CheckResult(String id, String title, String group, CheckState state, String found, String why,
        String hint) {

    public CheckResult {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(group);
        Objects.requireNonNull(state);
        found = found == null ? "" : found;
        why = why == null ? "" : why;
        hint = state == CheckState.OK || hint == null ? "" : hint;
    }
}
