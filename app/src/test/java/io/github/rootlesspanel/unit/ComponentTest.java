package io.github.rootlesspanel.unit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.rootlesspanel.setup.Component;

class ComponentTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "containerd,                         CONTAINERD",
            "containerd.service,                 CONTAINERD",
            "CONTAINERD,                         CONTAINERD",
            "Containerd.Service,                 CONTAINERD",
            "buildkit,                           BUILDKIT",
            "buildkit.service,                   BUILDKIT",
            "fuse-overlayfs,                     FUSE_OVERLAYFS",
            "containerd-fuse-overlayfs,          FUSE_OVERLAYFS",
            "containerd-fuse-overlayfs.service,  FUSE_OVERLAYFS",
            "stargz,                             STARGZ",
            "stargz-snapshotter,                 STARGZ",
            "STARGZ-SNAPSHOTTER.SERVICE,         STARGZ",
            "bypass4netnsd,                      BYPASS4NETNSD",
            "Bypass4NetNSd.service,              BYPASS4NETNSD",
    })
    void findAcceptsShortIdAndUnitNameWithOrWithoutSuffixInAnyCase(String name, Component expected) {
        assertThat(Component.find(name)).contains(expected);
    }

    @ParameterizedTest
    @EnumSource(Component.class)
    void findResolvesEachComponentsOwnIdAndUnit(Component c) {
        assertThat(Component.find(c.id())).contains(c);
        assertThat(Component.find(c.unit())).contains(c);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"nosuch", "docker.service", "containerd.socket", "service", ".service",
            "containerd.service.service", "fuse"})
    void unknownNamesFindNothing(String name) {
        assertThat(Component.find(name)).isEmpty();
    }

    @Test
    void unitsAreTheFiveManagedUnitsInOrder() {
        assertThat(Component.units()).containsExactly("containerd.service", "buildkit.service",
                "containerd-fuse-overlayfs.service", "stargz-snapshotter.service", "bypass4netnsd.service");
    }

    private static final Pattern PATH_ELEMENT = Pattern.compile("<path\\b[^>]*>");
    private static final Pattern D_ATTRIBUTE = Pattern.compile("\\sd=\"[^\"]+\"");

    @ParameterizedTest
    @EnumSource(Component.class)
    void everyGlyphIsOnTheClasspathWithExactlyOnePath(Component c) throws IOException {
        String resource = "/icons/glyphs/" + c.glyph() + ".svg";
        String svg;
        try (InputStream in = ComponentTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            svg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = PATH_ELEMENT.matcher(svg);
        int paths = 0;
        String path = null;
        while (m.find()) {
            paths++;
            path = m.group();
        }
        assertThat(paths).as("<path> elements in %s", resource).isEqualTo(1);
        assertThat(path).containsPattern(D_ATTRIBUTE);
    }
}
