package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.containers.Bypass4netnsConfig.Source;

/** The bypass4netns setting read as nerdctl's hook reads it (rootless-setup.md §3.1, §3.3). */
class Bypass4netnsConfigTest {

    private static final String ON = Bypass4netnsConfig.ANNOTATION;
    private static final String SUBNETS = Bypass4netnsConfig.IGNORE_SUBNETS;
    private static final String BIND = Bypass4netnsConfig.IGNORE_BIND;

    @Test
    void goParseBoolTable() {
        for (String t : List.of("1", "t", "T", "TRUE", "true", "True")) {
            assertThat(Bypass4netnsConfig.parseBool(t)).as(t).contains(true);
        }
        for (String f : List.of("0", "f", "F", "FALSE", "false", "False")) {
            assertThat(Bypass4netnsConfig.parseBool(f)).as(f).contains(false);
        }
        for (String junk : List.of("", "yes", "no", "on", "off", "TrUe", "fALSE", " true", "true ", "2", "-1", "y")) {
            assertThat(Bypass4netnsConfig.parseBool(junk)).as("'%s'", junk).isEmpty();
        }
    }

    @Test
    void nothingSetIsOff() {
        assertThat(Bypass4netnsConfig.of(Map.of(), Map.of())).isEqualTo(Bypass4netnsConfig.OFF);
        assertThat(Bypass4netnsConfig.of(Map.of("org.example/x", "1"), Map.of("nerdctl/name", "web")))
                .isEqualTo(Bypass4netnsConfig.OFF);
    }

    @Test
    void theAnnotationWithItsOptions() {
        Bypass4netnsConfig c = Bypass4netnsConfig.of(Map.of(ON, "true",
                SUBNETS, "[\"192.168.0.0/16\", \"fd00::/8\"]", BIND, "1"), Map.of());
        assertThat(c).isEqualTo(new Bypass4netnsConfig(true, Source.ANNOTATION,
                List.of("192.168.0.0/16", "fd00::/8"), true, Optional.empty()));
        assertThat(Bypass4netnsConfig.of(Map.of(ON, "T"), Map.of()).enabled()).isTrue();
        Bypass4netnsConfig off = Bypass4netnsConfig.of(Map.of(ON, "0"), Map.of());
        assertThat(off.enabled()).isFalse();
        assertThat(off.source()).isEqualTo(Source.ANNOTATION);
        assertThat(off.problem()).isEmpty();
    }

    @Test
    void anUnparsableValueIsAProblemAndOff() {
        Bypass4netnsConfig c = Bypass4netnsConfig.of(Map.of(ON, "yes", BIND, "maybe"), Map.of());
        assertThat(c.enabled()).isFalse();
        assertThat(c.ignoreBind()).isFalse();
        assertThat(c.problem()).contains("\"yes\" is not a boolean (nerdctl/bypass4netns); "
                + "\"maybe\" is not a boolean (nerdctl/bypass4netns-ignore-bind)");
    }

    @Test
    void malformedIgnoreSubnetsIsAProblem() {
        for (String bad : List.of("192.168.0.0/16", "[\"10.0.0.0/8\"", "[1]", "[\"10.0.0.0/8\", null]",
                "{\"a\":\"b\"}", "\"10.0.0.0/8\"", "[\"10.0.0.0/8\"] x", " ")) {
            Bypass4netnsConfig c = Bypass4netnsConfig.of(Map.of(ON, "true", SUBNETS, bad), Map.of());
            assertThat(c.problem()).as(bad).contains("not a JSON array of CIDR strings (" + SUBNETS + ")");
            assertThat(c.ignoreSubnets()).as(bad).isEmpty();
            assertThat(c.enabled()).as(bad).isTrue();
        }
    }

    @Test
    void emptyOrNullIgnoreSubnetsIsNone() {
        // nerdctl skips "", and Go unmarshals null into a nil slice without error
        for (String none : List.of("", "null", "[]", " [ ] ")) {
            Bypass4netnsConfig c = Bypass4netnsConfig.of(Map.of(ON, "true", SUBNETS, none), Map.of());
            assertThat(c.problem()).as("'%s'", none).isEmpty();
            assertThat(c.ignoreSubnets()).as("'%s'", none).isEmpty();
        }
    }

    @Test
    void theLegacyLabelAloneIsReportedAsSuch() {
        Bypass4netnsConfig c = Bypass4netnsConfig.of(Map.of(), Map.of(ON, "true", "nerdctl/name", "web"));
        assertThat(c.enabled()).isTrue();
        assertThat(c.source()).isEqualTo(Source.LEGACY_LABEL);
        // nerdctl 2.x copied the label into the annotations: the hook sees the annotation
        Bypass4netnsConfig copied = Bypass4netnsConfig.of(Map.of(ON, "true"), Map.of(ON, "true"));
        assertThat(copied.source()).isEqualTo(Source.ANNOTATION);
        // the annotation wins over an older label
        assertThat(Bypass4netnsConfig.of(Map.of(ON, "false"), Map.of(ON, "true")).enabled()).isFalse();
    }
}
