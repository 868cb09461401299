package io.github.rootlesspanel.setup.install;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a change will do, in order, before it does it: shown to the user (and printed by {@code --dry-run})
 * together with the text it writes or runs (a unit file, nerdctl commands).
 *
 * @param title             e.g. "Install containerd"
 * @param unit              the unit it concerns ("" when none)
 * @param unitFile          the attached text: the unit file it writes, or the commands it runs
 * @param steps             the steps in order
 * @param notes             what the user should know before going on
 * @param attachmentTitle   the heading of {@code unitFile} on screen ("Unit file", "nerdctl commands")
 * @param actionLabel       the word on the button that carries it out ("Install", "Recreate")
 * @param rollbackOnFailure undo the completed steps at once when a step fails, rather than offering it
 */
public record Plan(String title, String unit, Optional<String> unitFile, List<Step> steps, List<String> notes,
                   String attachmentTitle, String actionLabel, boolean rollbackOnFailure) {

    public Plan {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(unitFile, "unitFile");
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
        Objects.requireNonNull(attachmentTitle, "attachmentTitle");
        Objects.requireNonNull(actionLabel, "actionLabel");
    }

    /** An install or uninstall plan: attaches a unit file, offers the rollback after a failure. */
    public Plan(String title, String unit, Optional<String> unitFile, List<Step> steps, List<String> notes) {
        this(title, unit, unitFile, steps, notes, "Unit file",
                title.startsWith("Uninstall") ? "Uninstall" : "Install", false);
    }

    /** The plan as text: numbered steps, notes, then the attachment. */
    public String describe() {
        StringBuilder sb = new StringBuilder(title).append('\n');
        for (int i = 0; i < steps.size(); i++) {
            sb.append(String.format("  %d. %s%n", i + 1, steps.get(i).title()));
        }
        for (String n : notes) {
            sb.append("Note: ").append(n).append('\n');
        }
        unitFile.ifPresent(text -> sb.append('\n').append(attachmentTitle)
                .append(unit.isEmpty() ? "" : " " + unit).append(":\n").append(text));
        return sb.toString();
    }
}
