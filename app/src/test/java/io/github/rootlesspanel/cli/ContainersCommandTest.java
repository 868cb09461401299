package io.github.rootlesspanel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.containers.Bypass4netnsConfig;
import io.github.rootlesspanel.containers.Bypass4netnsReadiness;
import io.github.rootlesspanel.containers.ContainerInfo;
import io.github.rootlesspanel.containers.ContainerView;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.containers.InterfaceAddress;
import io.github.rootlesspanel.containers.NerdctlMeta;
import io.github.rootlesspanel.containers.OciSpec;
import io.github.rootlesspanel.containers.PortMapping;
import io.github.rootlesspanel.containers.RecreatePlan;
import io.github.rootlesspanel.containers.TaskInfo;
import io.github.rootlesspanel.setup.install.Plan;
import io.github.rootlesspanel.setup.install.Step;

class ContainersCommandTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static ContainerView view(String id, String name, Map<String, String> annotations, boolean running,
                              Optional<Boolean> live) {
        Map<String, String> labels = Map.of("nerdctl/name", name, "nerdctl/networks", "[\"bridge\"]",
                "containerd.io/restart.policy", "always");
        String spec = "{\"annotations\":" + toJson(annotations) + "}";
        TaskInfo task = running ? new TaskInfo(4242, TaskInfo.Status.RUNNING, 0, Optional.empty())
                : new TaskInfo(0, TaskInfo.Status.STOPPED, 137, Optional.of(NOW.minusSeconds(120)));
        ContainerInfo info = new ContainerInfo(id, "default", "docker.io/library/nginx:alpine", labels,
                OciSpec.parse(spec.getBytes()), "overlayfs", NOW.minusSeconds(3600), Optional.of(task));
        return new ContainerView(info, NerdctlMeta.of(labels), Bypass4netnsConfig.of(info.annotations(), labels),
                List.of(new PortMapping("0.0.0.0", 8080, 80, "tcp")),
                running ? List.of(new InterfaceAddress("eth0", "10.4.0.7", 24)) : List.of(),
                running ? Optional.of(NOW.minusSeconds(300)) : Optional.empty(), live);
    }

    private static String toJson(Map<String, String> m) {
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ContainersService.Snapshot snapshot() {
        return new ContainersService.Snapshot(ContainersService.Connection.CONNECTED, "", List.of(
                view("a1b2c3d4e5f6a7b8", "web", Map.of(), true, Optional.of(false)),
                view("ffee00112233", "db", Map.of("nerdctl/bypass4netns", "true"), false, Optional.empty())),
                new Bypass4netnsReadiness(List.of(), Optional.empty(), true));
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ContainersCommand.json(snapshot(), NOW));
        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(root.path("connection").asText()).isEqualTo("connected");
        assertThat(root.path("bypass4netns").path("ready").asBoolean()).isTrue();
        JsonNode web = root.path("containers").get(0);
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("state").asText()).isEqualTo("running");
        assertThat(web.path("status").asText()).isEqualTo("Up 5 minutes");
        assertThat(web.path("pid").asLong()).isEqualTo(4242);
        assertThat(web.path("addresses").get(0).path("address").asText()).isEqualTo("10.4.0.7");
        assertThat(web.path("ports").get(0).path("hostPort").asInt()).isEqualTo(8080);
        assertThat(web.path("restartPolicy").asText()).isEqualTo("always");
        assertThat(web.path("bypass4netns").path("configured").asBoolean()).isFalse();
        assertThat(web.path("bypass4netns").path("live").asBoolean()).isFalse();
        JsonNode db = root.path("containers").get(1);
        assertThat(db.path("state").asText()).isEqualTo("exited");
        assertThat(db.path("status").asText()).isEqualTo("Exited (137) 2 minutes ago");
        assertThat(db.path("pid").asLong()).isZero();
        assertThat(db.path("bypass4netns").path("configured").asBoolean()).isTrue();
        assertThat(db.path("bypass4netns").path("source").asText()).isEqualTo("annotation");
        assertThat(db.path("bypass4netns").path("live").isNull()).isTrue();
    }

    @Test
    void tableShowsOneLinePerContainerAndWhyTheSwitchIsUnavailable() {
        ContainersService.Snapshot s = snapshot();
        String t = ContainersCommand.table(s, NOW);
        assertThat(t.lines()).hasSize(3);
        assertThat(t).contains("web").contains("10.4.0.7/24").contains("0.0.0.0:8080->80/tcp").contains("Up 5 minutes");
        assertThat(t.lines().skip(2).findFirst().orElseThrow()).contains("db").contains("on, live unknown");

        ContainersService.Snapshot notReady = new ContainersService.Snapshot(s.connection(), "", s.containers(),
                new Bypass4netnsReadiness(List.of("bypass4netnsd is not running."), Optional.empty(), true));
        assertThat(ContainersCommand.table(notReady, NOW)).contains("bypass4netns cannot be switched here: "
                + "bypass4netnsd is not running.");
        ContainersService.Snapshot down = new ContainersService.Snapshot(ContainersService.Connection.UNAVAILABLE,
                "containerd is not running", List.of(), s.readiness());
        assertThat(ContainersCommand.table(down, NOW)).isEqualTo("containerd is not reachable: containerd is not running\n");
    }

    @Test
    void dryRunJsonIsThePlanTheCommandsAndWhatCarriesOver() throws Exception {
        ContainerView web = snapshot().containers().get(0);
        List<List<String>> commands = List.of(List.of("stop", "web"), List.of("rename", "web", "web-old"),
                List.of("run", "-d", "--name", "web", "--annotation", "nerdctl/bypass4netns=true", "nginx:alpine"));
        Plan steps = new Plan("Recreate web with bypass4netns on", "", Optional.of(RecreatePlan.commandText(commands)),
                commands.stream().map(c -> Step.of("nerdctl " + String.join(" ", c), () -> "done")).toList(),
                List.of(), "nerdctl commands", "Recreate", true);
        RecreatePlan plan = new RecreatePlan(web, true, commands.get(2), commands, List.of("publish 0.0.0.0:8080:80/tcp"),
                List.of("Files written inside the container are lost."), Optional.empty(), steps);

        JsonNode root = new ObjectMapper().readTree(CliJson.write(ContainersCommand.dryRunJson(web, true,
                Optional.of(plan))));
        assertThat(root.path("version").asInt()).isEqualTo(CliJson.VERSION);
        assertThat(root.path("container").path("name").asText()).isEqualTo("web");
        assertThat(root.path("container").path("id").asText()).isEqualTo("a1b2c3d4e5f6a7b8");
        assertThat(root.path("enable").asBoolean()).isTrue();
        assertThat(root.path("nothingToDo").asBoolean()).isFalse();
        assertThat(root.path("commands").get(2).get(0).asText()).isEqualTo("run");
        assertThat(root.path("commands").get(2)).hasSize(7);
        assertThat(root.path("carried").get(0).asText()).startsWith("publish");
        assertThat(root.path("notCarried").get(0).asText()).contains("lost");
        assertThat(root.path("plan").path("steps")).hasSize(3);
        assertThat(root.path("plan").path("attachment").asText()).contains("nerdctl run -d --name web");

        JsonNode nothing = new ObjectMapper().readTree(CliJson.write(ContainersCommand.dryRunJson(web, false,
                Optional.empty())));
        assertThat(nothing.path("nothingToDo").asBoolean()).isTrue();
        assertThat(nothing.path("commands")).isEmpty();
        assertThat(nothing.path("plan").isNull()).isTrue();
    }

    @Test
    void findsByNameThenIdThenUnambiguousPrefix() {
        List<ContainerView> all = snapshot().containers();
        assertThat(ContainersCommand.find(all, "web")).extracting(ContainerView::id).containsExactly("a1b2c3d4e5f6a7b8");
        assertThat(ContainersCommand.find(all, "ffee00112233")).extracting(ContainerView::name).containsExactly("db");
        assertThat(ContainersCommand.find(all, "a1b2")).extracting(ContainerView::name).containsExactly("web");
        assertThat(ContainersCommand.find(all, "a1")).isEmpty();   // too short to be an id prefix
        assertThat(ContainersCommand.find(all, "nope")).isEmpty();
    }
}
