package io.github.rootlesspanel.setup.install;

import java.util.List;
import java.util.Optional;

/**
 * What an install or uninstall will do, in order, before it does it: shown to the user (and printed by
 * {@code --dry-run}) together with the unit file it writes.
 */
public record Plan(String title, String unit, Optional<String> unitFile, List<Step> steps, List<String> notes) {

    public Plan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    /** The plan as text: numbered steps, notes, then the unit file. */
    public String describe() {
        StringBuilder sb = new StringBuilder(title).append('\n');
        for (int i = 0; i < steps.size(); i++) {
            sb.append(String.format("  %d. %s%n", i + 1, steps.get(i).title()));
        }
        for (String n : notes) {
            sb.append("Note: ").append(n).append('\n');
        }
        unitFile.ifPresent(text -> sb.append('\n').append("Unit file ").append(unit).append(":\n").append(text));
        return sb.toString();
    }
}
