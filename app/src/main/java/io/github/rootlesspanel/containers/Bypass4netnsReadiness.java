package io.github.rootlesspanel.containers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.rootlesspanel.setup.checks.VersionNumber;

/**
 * Whether bypass4netns can be switched on this host (rootless-setup.md §3.1): bypass4netnsd's unit active and
 * its socket answering, kernel 5.9, runc 1.1 or crun 1.6, libseccomp 2.5, nerdctl present. Per container, it
 * must also be on a CNI network ({@link #reasonFor}).
 *
 * @param unmet          one sentence per unmet requirement, with what to do; empty = ready
 * @param nerdctlVersion nerdctl's version, when it was found and said
 * @param useAnnotation  nerdctl 2.0 or later: {@code --annotation}; older: the {@code --label} form
 */
public record Bypass4netnsReadiness(List<String> unmet, Optional<VersionNumber> nerdctlVersion, boolean useAnnotation) {

    public Bypass4netnsReadiness {
        unmet = List.copyOf(unmet);
        Objects.requireNonNull(nerdctlVersion, "nerdctlVersion");
    }

    public boolean ready() {
        return unmet.isEmpty();
    }

    /** Why bypass4netns cannot be switched for this container; empty when it can. */
    public Optional<String> reasonFor(ContainerView c) {
        if (!unmet.isEmpty()) {
            return Optional.of(String.join(" ", unmet));
        }
        if (c.nerdctl().name().isEmpty()) {
            return Optional.of("It was not created by nerdctl (no nerdctl/name label), so nerdctl cannot recreate it.");
        }
        if (!c.nerdctl().usesCniNetwork()) {
            // no networks label at all: say so rather than print "()"
            String on = c.nerdctl().networks().isEmpty() ? "it has no network of nerdctl's"
                    : "it is on " + String.join(", ", c.nerdctl().networks());
            return Optional.of("It is not on a CNI network (" + on
                    + "); bypass4netns only accelerates containers on nerdctl's bridge or another CNI network.");
        }
        return Optional.empty();
    }
}
