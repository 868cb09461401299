package io.github.rootlesspanel.containers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Whether a container was created with bypass4netns, read as nerdctl's OCI hook reads it: from the spec's
 * annotations {@value #ANNOTATION}, {@value #IGNORE_SUBNETS} and {@value #IGNORE_BIND} (rootless-setup.md §3.1,
 * §3.3). The pre-2.0 label form is noted: nerdctl 2.x copies it into the annotations but builds no seccomp
 * listener from it, so it no longer accelerates.
 *
 * @param enabled       the annotation parsed to true (Go's {@code strconv.ParseBool})
 * @param source        where the setting came from
 * @param ignoreSubnets the subnets that are not bypassed ({@value #IGNORE_SUBNETS})
 * @param ignoreBind    {@code bind(2)} is not accelerated: published ports go through RootlessKit
 * @param problem       why a value could not be read (nerdctl would refuse to create such a container)
 */
public record Bypass4netnsConfig(boolean enabled, Source source, List<String> ignoreSubnets, boolean ignoreBind,
                                 Optional<String> problem) {

    public static final String ANNOTATION = "nerdctl/bypass4netns";
    public static final String IGNORE_SUBNETS = "nerdctl/bypass4netns-ignore-subnets";
    public static final String IGNORE_BIND = "nerdctl/bypass4netns-ignore-bind";

    public static final Bypass4netnsConfig OFF = new Bypass4netnsConfig(false, Source.NONE, List.of(), false,
            Optional.empty());

    /** Trailing text after the JSON is an error, as in Go's json.Unmarshal. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public enum Source {
        /** Nothing set: off. */
        NONE,
        /** {@code --annotation nerdctl/bypass4netns=...} (nerdctl 2.0 and later). */
        ANNOTATION,
        /** Only the pre-2.0 {@code --label nerdctl/bypass4netns=...}. */
        LEGACY_LABEL
    }

    public Bypass4netnsConfig {
        Objects.requireNonNull(source, "source");
        ignoreSubnets = List.copyOf(ignoreSubnets);
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * The setting of a container. {@code labels} matter only for the legacy form: a label without the annotation
     * is reported as {@link Source#LEGACY_LABEL} (nerdctl 2.x would have copied it into the annotations too; then
     * it reads as {@link Source#ANNOTATION}, as the hook sees it).
     */
    public static Bypass4netnsConfig of(Map<String, String> annotations, Map<String, String> labels) {
        String value = annotations.get(ANNOTATION);
        Source source = Source.ANNOTATION;
        if (value == null) {
            value = labels.get(ANNOTATION);
            source = Source.LEGACY_LABEL;
        }
        if (value == null) {
            return OFF;
        }
        List<String> problems = new ArrayList<>();
        Optional<Boolean> on = parseBool(value);
        if (on.isEmpty()) {
            problems.add("\"" + value + "\" is not a boolean (" + ANNOTATION + ")");
        }
        boolean ignoreBind = false;
        String bind = annotations.get(IGNORE_BIND);
        if (bind != null) {
            Optional<Boolean> b = parseBool(bind);
            if (b.isEmpty()) {
                problems.add("\"" + bind + "\" is not a boolean (" + IGNORE_BIND + ")");
            }
            ignoreBind = b.orElse(false);
        }
        List<String> subnets = new ArrayList<>();
        String json = annotations.get(IGNORE_SUBNETS);
        if (json != null && !json.isEmpty()) {   // nerdctl skips an empty value
            try {
                JsonNode node = JSON.readTree(json);
                if (node == null || node.isMissingNode() || !(node.isArray() || node.isNull())) {
                    throw new IOException("not a JSON array");
                }
                // Go's json.Unmarshal of null into a slice leaves it nil: no subnets, no error
                for (JsonNode s : node) {
                    if (!s.isTextual()) {
                        throw new IOException("not a JSON array of strings");
                    }
                    subnets.add(s.textValue());
                }
            } catch (IOException e) {
                subnets.clear();
                problems.add("not a JSON array of CIDR strings (" + IGNORE_SUBNETS + ")");
            }
        }
        return new Bypass4netnsConfig(on.orElse(false), source, subnets, ignoreBind,
                problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems)));
    }

    /** Go's {@code strconv.ParseBool}: 1 t T TRUE true True / 0 f F FALSE false False; anything else is an error. */
    public static Optional<Boolean> parseBool(String s) {
        switch (s) {
            case "1": case "t": case "T": case "TRUE": case "true": case "True":
                return Optional.of(true);
            case "0": case "f": case "F": case "FALSE": case "false": case "False":
                return Optional.of(false);
            default:
                return Optional.empty();
        }
    }
}
