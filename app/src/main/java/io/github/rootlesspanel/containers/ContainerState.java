package io.github.rootlesspanel.containers;

import java.time.Duration;
import java.util.Optional;

/** A container's state as a user reads it, from its task (or the lack of one). */
public enum ContainerState {
    RUNNING("running"),
    PAUSED("paused"),
    /** Created and never started, or its task was deleted after it stopped. */
    CREATED("created"),
    /** Its task stopped and is still there (nerdctl's {@code Exited}). */
    EXITED("exited"),
    UNKNOWN("unknown");

    private final String word;

    ContainerState(String word) {
        this.word = word;
    }

    /** Lower case, as nerdctl's {@code State.Status} spells it. */
    public String word() {
        return word;
    }

    public static ContainerState of(Optional<TaskInfo> task) {
        if (task.isEmpty()) {
            return CREATED;
        }
        switch (task.get().status()) {
            case RUNNING: return RUNNING;
            case PAUSED: case PAUSING: return PAUSED;
            case STOPPED: return EXITED;
            case CREATED: return CREATED;
            default: return UNKNOWN;
        }
    }

    /**
     * Docker's human durations (go-units {@code HumanDuration}): {@code Less than a second}, {@code 5 seconds},
     * {@code About a minute}, {@code 3 hours}. Hours and longer count from the duration rounded to the hour,
     * as there: 1 h 29 min is "About an hour", 1 h 30 min "2 hours".
     */
    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 1) {
            return "Less than a second";
        } else if (s == 1) {
            return "1 second";
        } else if (s < 60) {
            return s + " seconds";
        }
        long minutes = s / 60;
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = (s + 1800) / 3600;   // Go's Duration.Round(time.Hour): half away from zero
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return s / 3600 / 24 / 365 + " years";
    }
}
