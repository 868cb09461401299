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

    /** Docker's human durations: {@code Less than a second}, {@code 5 seconds}, {@code About a minute}, {@code 3 hours}. */
    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 1) {
            return "Less than a second";
        } else if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        } else if (s < 120) {
            return "About a minute";
        } else if (s < 3600) {
            return s / 60 + " minutes";
        } else if (s < 7200) {
            return "About an hour";
        } else if (s < 48 * 3600) {
            return s / 3600 + " hours";
        } else if (s < 14 * 86400) {
            return s / 86400 + " days";
        } else if (s < 60 * 86400) {
            return s / (7 * 86400) + " weeks";
        } else if (s < 2 * 365 * 86400) {
            return s / (30 * 86400) + " months";
        }
        return s / (365 * 86400) + " years";
    }
}
