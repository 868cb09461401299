package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.setup.install.StepFailedException;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Recreating a real container with bypass4netns switched, as the throwaway test user, on real rootless containerd
 * (Debian 12's 1.6, installed with the panel's command line). nerdctl has no Debian package: the old container is
 * made with {@code ctr} under the labels nerdctl would give it (and its network-config.json is written where
 * nerdctl keeps it), the planner's argument list is checked as data, and the plan is carried out by the project's
 * stand-in nerdctl (app/src/test/standins/nerdctl, in ~/.local/bin), which records its calls and acts on the real
 * containerd through {@code ctr}. So the rollback is proven on the real old container: its name and its running
 * task come back.
 */
@Tag("real-systemd")
class RecreateIT {

    static final String UNIT = "containerd.service";
    static final String IMAGE = RealContainers.IMAGE;
    static final String SCRIPT = "trap 'exit 0' TERM; while :; do sleep 1; done";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit(UNIT);
        Files.deleteIfExists(TestUser.unitDir().resolve(UNIT + ".bak"));
        Files.deleteIfExists(failFile());
    }

    @Test
    void recreatesWithBypass4netnsAndRollsBackToTheRealOldContainer() throws Exception {
        Path home = TestUser.home();
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        TestUser.Result install = ContainerdClientIT.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        RealContainers rc = new RealContainers(socket, tmp);
        rc.importImage();
        rc.installBridgeNetwork();
        Files.deleteIfExists(callsFile());

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", home.resolve(".local/bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Nerdctl nerdctl = Nerdctl.locate(new ProcessRunner(env)).orElseThrow(
                () -> new AssertionError("the stand-in nerdctl is not in ~/.local/bin (test-user.sh standins)"));
        assertThat(nerdctl.executable()).isEqualTo(home.resolve(".local/bin/nerdctl"));
        assertThat(nerdctl.usesAnnotation()).isTrue();   // the stand-in says 2.0.3

        try (ContainerdClient client = ContainerdClient.connect(socket)) {
            for (ContainerInfo c : client.containers("default")) {   // leftovers of an earlier run of this user
                if (c.nerdctlName().filter(n -> n.startsWith("web")).isPresent()) {
                    rc.remove(c.id());
                }
            }

            // the old container as nerdctl would have made it: a 64-hex id, its labels, a bind mount, a port
            String oldId = HexFormat.of().formatHex(randomBytes());
            Path site = Files.createDirectories(tmp.resolve("site"));
            Path stateDir = home.resolve(".local/share/nerdctl/1935db59/containers/default/" + oldId);
            Files.createDirectories(stateDir);
            Files.writeString(stateDir.resolve("network-config.json"), "{\"portMappings\":[{\"HostPort\":8080,"
                    + "\"ContainerPort\":80,\"Protocol\":\"tcp\",\"HostIP\":\"0.0.0.0\"}]}");
            List<String> labels = List.of("nerdctl/name=web", "nerdctl/networks=[\"bridge\"]",
                    "nerdctl/namespace=default", "nerdctl/hostname=" + oldId.substring(0, 12),
                    "nerdctl/state-dir=" + stateDir, "containerd.io/restart.policy=always", "com.example.team=web",
                    "nerdctl/mounts.0={\"Type\":\"bind\",\"Source\":\"" + site + "\",\"Destination\":\"/site\","
                            + "\"Mode\":\"ro\",\"RW\":false,\"Propagation\":\"\"}");
            List<String> run = new ArrayList<>(List.of("run", "-d", "--null-io", "--cgroup", "", "--cpu-shares", "0",
                    "--cni", "--env", "GREETING=hello world", "--annotation", "org.example/role=frontend",
                    "--mount", "type=bind,src=" + site + ",dst=/site,options=rbind:ro"));
            for (String l : labels) {
                run.add("--label");
                run.add(l);
                if (l.startsWith("nerdctl/")) {   // nerdctl copies its labels into the annotations
                    run.add("--annotation");
                    run.add(l);
                }
            }
            run.addAll(List.of(IMAGE, oldId, "sh", "-c", SCRIPT));
            RealContainers.Out made = rc.ctr(true, run.toArray(String[]::new));
            assertThat(made.code()).as(made.text()).isZero();

            RecreatePlanner planner = new RecreatePlanner(nerdctl, Clock.systemUTC());
            ContainerView old = view(client, oldId, stateDir);
            assertThat(old.state()).isEqualTo(ContainerState.RUNNING);
            assertThat(old.bypass().enabled()).isFalse();

            // the argument list as data
            RecreatePlan plan = planner.plan(old, true, false);
            System.out.println(plan.commandText());
            assertThat(plan.runArgs()).startsWith("run", "-d", "--name=web")
                    .contains("--entrypoint=sh", "--env=PATH=/bin", "--env=GREETING=hello world", "--network=bridge",
                            "-p=0.0.0.0:8080:80", "--restart=always", "-v=" + site + ":/site:ro",
                            "--label=com.example.team=web", "--annotation=org.example/role=frontend",
                            "--annotation=nerdctl/bypass4netns=true")
                    .endsWith("--", IMAGE, "-c", SCRIPT)
                    .noneMatch(a -> a.startsWith("--hostname") || a.startsWith("--label=nerdctl/")
                            || a.startsWith("--annotation=nerdctl/name") || a.startsWith("--label=containerd.io/")
                            // ctr copies its labels into the annotations; nerdctl does not
                            || a.startsWith("--annotation=containerd.io/"));
            assertThat(plan.commands()).extracting(c -> c.get(0)).containsExactly("stop", "rename", "run", "rm");

            // (b) nerdctl run fails: the rollback gives the real old container its name and running task back
            Files.createDirectories(failFile().getParent());
            Files.writeString(failFile(), "run\n");
            PlanRunner runner = new PlanRunner();
            PlanRunner.Outcome failed = runner.run(plan.plan(), PlanRunner.Listener.NONE);
            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.completed()).isEqualTo(2);
            assertThat(failed.failure().orElseThrow()).isInstanceOf(StepFailedException.class)
                    .hasMessageContaining("could not create the new web");
            assertThat(((StepFailedException) failed.failure().get()).details()).contains("simulated failure");
            assertThat(runner.rollback(failed, PlanRunner.Listener.NONE)).isEmpty();
            assertRestored(client, oldId);
            String aside = plan.commands().get(1).get(3);
            assertThat(subcommands(callsFile())).containsExactly(
                    List.of("--version"), List.of("stop", "--", oldId), List.of("rename", "--", oldId, aside), ps(),
                    // the failed run's clean-up, then the rollback: the name is cleared before it is given back
                    plan.runArgs(), ps(), ps(), List.of("rename", "--", oldId, "web"), List.of("start", "--", oldId));

            // (b') the run fails after creating the container: that half-made one is removed too
            Files.writeString(failFile(), "run-after-create");
            Files.deleteIfExists(callsFile());
            RecreatePlan again = planner.plan(view(client, oldId, stateDir), true, false);
            PlanRunner.Outcome halfMade = runner.run(again.plan(), PlanRunner.Listener.NONE);
            assertThat(halfMade.succeeded()).isFalse();
            assertThat(runner.rollback(halfMade, PlanRunner.Listener.NONE)).isEmpty();
            assertRestored(client, oldId);
            List<List<String>> calls = subcommands(callsFile());
            assertThat(calls).anyMatch(c -> c.size() == 4 && c.get(0).equals("rm") && c.get(1).equals("-f")
                    && c.get(2).equals("--") && !c.get(3).equals(oldId));

            // (a) success: the old container is gone, the new "web" carries the annotation in its real spec
            Files.delete(failFile());
            Files.deleteIfExists(callsFile());
            RecreatePlan ok = planner.plan(view(client, oldId, stateDir), true, false);
            PlanRunner.Outcome done = runner.run(ok.plan(), PlanRunner.Listener.NONE);
            assertThat(done.failure()).as("%s", done.failure().map(e -> e.getMessage() + "\n"
                    + (e instanceof StepFailedException ? ((StepFailedException) e).details() : ""))).isEmpty();
            List<ContainerInfo> after = client.containers("default");
            assertThat(after).noneMatch(c -> c.id().equals(oldId));
            List<ContainerInfo> webs = after.stream().filter(c -> c.nerdctlName().equals(Optional.of("web"))).toList();
            assertThat(webs).hasSize(1);
            ContainerInfo fresh = webs.get(0);
            assertThat(fresh.annotations()).containsEntry(Bypass4netnsConfig.ANNOTATION, "true")
                    .containsEntry("org.example/role", "frontend");
            assertThat(Bypass4netnsConfig.of(fresh.annotations(), fresh.labels()).enabled()).isTrue();
            assertThat(fresh.labels()).containsEntry("containerd.io/restart.policy", "always")
                    .containsEntry("com.example.team", "web");
            assertThat(fresh.spec().env()).contains("GREETING=hello world");
            assertThat(fresh.spec().args()).containsExactly("sh", "-c", SCRIPT);
            assertThat(fresh.spec().mounts()).anyMatch(m -> m.destination().equals("/site") && m.readOnly());
            assertThat(fresh.task()).hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TaskInfo.Status.RUNNING));
            assertThat(subcommands(callsFile())).containsExactly(List.of("stop", "--", oldId),
                    List.of("rename", "--", oldId, ok.commands().get(1).get(3)), ps(), ok.runArgs(),
                    ps(),   // is the new one running?
                    List.of("rm", "--", oldId));

            assertThat(rc.remove(fresh.id())).isTrue();
        }
        rc.ctr(false, "images", "rm", IMAGE);
        TestUser.Result uninstall = ContainerdClientIT.panel("uninstall", "containerd");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
    }

    /** The old container has its name again and a running task; nothing is left under another "web" name. */
    static void assertRestored(ContainerdClient client, String oldId) throws Exception {
        List<ContainerInfo> all = client.containers("default");
        ContainerInfo back = all.stream().filter(c -> c.id().equals(oldId)).findFirst()
                .orElseThrow(() -> new AssertionError("the old container is gone: " + all));
        assertThat(back.nerdctlName()).contains("web");
        assertThat(back.task()).hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(TaskInfo.Status.RUNNING));
        assertThat(all).noneMatch(c -> c.nerdctlName().filter(n -> n.startsWith("web-rp-old-")).isPresent());
        assertThat(all).filteredOn(c -> c.nerdctlName().equals(Optional.of("web"))).hasSize(1);
    }

    /** The view the service would build: labels, the spec's bypass4netns setting, ports from network-config.json. */
    static ContainerView view(ContainerdClient client, String id, Path stateDir) throws Exception {
        ContainerInfo info = client.containers("default").stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow();
        return new ContainerView(info, NerdctlMeta.of(info.labels()),
                Bypass4netnsConfig.of(info.annotations(), info.labels()),
                NerdctlMeta.networkConfigPorts(Files.readString(stateDir.resolve("network-config.json"))),
                List.of(), Optional.empty(), Optional.empty());
    }

    private static List<String> ps() {
        return List.of("ps", "-a", "--no-trunc", "--format={{json .}}");
    }

    /** The stand-in nerdctl's recorded calls, each the arguments after "nerdctl". */
    static List<List<String>> subcommands(Path calls) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(calls)) {
            JsonNode argv = JSON.readTree(line).path("argv");
            List<String> words = new ArrayList<>();
            argv.forEach(w -> words.add(w.asText()));
            out.add(words);
        }
        return out;
    }

    private static Path failFile() {
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config == null || config.isEmpty() ? TestUser.home().resolve(".config") : Path.of(config);
        return base.resolve("rp-nerdctl-standin/fail");
    }

    static Path callsFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state == null || state.isEmpty() ? TestUser.home().resolve(".local/state") : Path.of(state);
        return base.resolve("rp-nerdctl-standin/calls.jsonl");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
