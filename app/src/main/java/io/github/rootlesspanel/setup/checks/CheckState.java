package io.github.rootlesspanel.setup.checks;

import java.util.Locale;

/** The outcome of one prerequisite check. */
public enum CheckState {
    /** The requirement is met. */
    OK,
    /** Works, with a limitation worth fixing (resource limits ignored, no start at boot, ...). */
    WARNING,
    /** Rootless containerd cannot be set up or started like this: what the setup script makes fatal. */
    FAILED,
    /** Does not apply here (an optional component is absent, a switch does not exist in this kernel). */
    NOT_APPLICABLE;

    /** The word used in JSON and on the command line: ok, warning, failed, not-applicable. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
