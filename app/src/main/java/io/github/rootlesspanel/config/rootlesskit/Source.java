package io.github.rootlesspanel.config.rootlesskit;

/** Where an effective value came from. */
public enum Source {
    /** Set explicitly (in the unit's environment or in the form). */
    SET,
    /** The script's fixed default, or a default that follows from other values (MTU). */
    DEFAULT,
    /** Decided by the script from a probe of the host (NET when unset; DETACH_NETNS=auto). */
    AUTO
}
