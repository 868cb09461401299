package io.github.rootlesspanel.rootlesskitsettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.config.rootlesskit.Settings;
import io.github.rootlesspanel.config.rootlesskit.Variable;

class SettingsTest {

    @Test
    void picksTheRootlessKitVariablesOfAnEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin");
        env.put("CONTAINERD_ROOTLESS_ROOTLESSKIT_NET", "pasta");
        env.put("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU", "65520");
        env.put("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTUU", "1");
        env.put("CONTAINERD_SNAPSHOTTER", "fuse-overlayfs");

        Settings s = Settings.fromEnvironment(env);

        assertThat(s.values()).containsOnly(entry(Variable.NET, "pasta"), entry(Variable.MTU, "65520"));
        assertThat(s.unknown()).containsOnly(entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTUU", "1"));
        assertThat(s.get(Variable.NET)).contains("pasta");
        assertThat(s.get(Variable.PORT_DRIVER)).isEmpty();
        assertThat(s.isSet(Variable.MTU)).isTrue();
    }

    @Test
    void anEmptyValueIsUnsetLikeInTheScript() {
        Settings s = Hosts.settings("NET", "", "FLAGS", "");
        assertThat(s.values()).isEmpty();
        assertThat(s).isEqualTo(Settings.empty());
        assertThat(Settings.empty().with(Variable.NET, Optional.of(""))).isEqualTo(Settings.empty());
    }

    @Test
    void withMakesACopy() {
        Settings base = Hosts.settings("NET", "slirp4netns");
        Settings changed = base.with(Variable.MTU, Optional.of("65520"));
        Settings unset = changed.with(Variable.NET, Optional.empty());

        assertThat(base.get(Variable.MTU)).isEmpty();
        assertThat(changed.get(Variable.MTU)).contains("65520");
        assertThat(changed.get(Variable.NET)).contains("slirp4netns");
        assertThat(unset.get(Variable.NET)).isEmpty();
        assertThat(unset.get(Variable.MTU)).contains("65520");
        assertThat(base.with(Variable.NET, "pasta").get(Variable.NET)).contains("pasta");
    }

    @Test
    void unknownNamesSurviveChanges() {
        Settings s = Settings.fromEnvironment(Map.of("CONTAINERD_ROOTLESS_ROOTLESSKIT_FOO", "x"));
        assertThat(s.with(Variable.NET, "pasta").unknown()).containsOnlyKeys("CONTAINERD_ROOTLESS_ROOTLESSKIT_FOO");
    }

    @Test
    void toEnvironmentIsInVariableOrder() {
        Settings s = Hosts.settings("FLAGS", "--pidns", "MTU", "65520", "NET", "slirp4netns");
        assertThat(s.toEnvironment()).containsExactly(
                entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_NET", "slirp4netns"),
                entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU", "65520"),
                entry("CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS", "--pidns"));
    }

    @Test
    void isImmutable() {
        Map<Variable, String> source = new LinkedHashMap<>();
        source.put(Variable.NET, "pasta");
        Settings s = new Settings(source, Map.of());
        source.put(Variable.MTU, "1");
        assertThat(s.values()).containsOnlyKeys(Variable.NET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.values().put(Variable.MTU, "1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
