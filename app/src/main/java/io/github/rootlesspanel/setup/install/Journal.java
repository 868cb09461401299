package io.github.rootlesspanel.setup.install;

import java.time.Duration;
import java.util.List;

import io.github.rootlesspanel.host.ProcessRunner;

/** The last lines a unit logged, for failure reports; says so plainly when there is no journal. */
final class Journal {

    private Journal() {
    }

    static String tail(ProcessRunner runner, String unit, int lines) {
        if (runner.which("journalctl").isEmpty()) {
            return "journalctl is not installed, so the unit's log cannot be shown.";
        }
        ProcessRunner.Result r = runner.runQuietly(List.of("journalctl", "--user", "-u", unit, "-n",
                Integer.toString(lines), "--no-pager", "-o", "short-precise"), Duration.ofSeconds(10));
        String out = r.output().strip();
        if (!r.ok() || out.isEmpty() || out.startsWith("-- No entries --") || out.contains("No journal files")) {
            return "No journal entries for " + unit + " (is systemd-journald running for your user?). "
                    + "Its output may be in a file named by StandardOutput= in the unit.";
        }
        return "Recent journal of " + unit + ":\n" + out;
    }
}
