package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.install.PlanRunner;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * A real container whose nerdctl name starts with '-' ("-rf"), in the throwaway user's real rootless containerd
 * (made with {@code ctr}: nerdctl has no Debian package and would not create such a name itself, but its label can
 * say anything). The panel's nerdctl commands are run by the project's STAND-IN nerdctl (app/src/test/standins,
 * which records its arguments and reads them as nerdctl's cobra does, acting on the real containerd through ctr):
 * the recorded command lines have every operand after {@code --}, the real task stops and starts, and the plans
 * and the command line that would need the name refuse it.
 */
@Tag("real-systemd")
class DashNamesIT {

    static final String DASHED = "-rf";
    static final String SCRIPT = "trap 'exit 0' TERM; while :; do sleep 1; done";
    static final int CASES = 5;

    @TempDir
    Path tmp;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit("containerd.service");
    }

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "a real container named \"-rf\": stop, start, recreate, bypass4netns on "
            + "the command line, rm through the stand-in nerdctl on the real containerd", cases = CASES,
            outcome = "the recorded nerdctl command lines have every operand after --; recreate and the command line "
                    + "refuse the name; the real task stops and starts")
    void aDashedNameIsAnOperandOrRefused() throws Exception {
        TestUser.Result install = ContainerdClientIT.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        RealContainers rc = new RealContainers(socket, tmp);
        rc.importImage();
        Files.deleteIfExists(RecreateIT.callsFile());

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", TestUser.home().resolve(".local/bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Nerdctl nerdctl = Nerdctl.locate(new ProcessRunner(env)).orElseThrow(
                () -> new AssertionError("the stand-in nerdctl is not in ~/.local/bin (test-user.sh standins)"));
        String id = "rp-dash-" + HexFormat.of().formatHex(randomBytes());
        RealContainers.Out made = rc.run(id, false, List.of("nerdctl/name=" + DASHED, "nerdctl/namespace=default"),
                List.of("nerdctl/name=" + DASHED), "sh", "-c", SCRIPT);
        assertThat(made.code()).as(made.text()).isZero();
        int tried = 0;
        try (ContainerdClient client = ContainerdClient.connect(socket)) {
            RecreatePlanner planner = new RecreatePlanner(nerdctl, Clock.systemUTC());
            ContainerView c = view(client, id);
            assertThat(c.name()).isEqualTo(DASHED);
            PlanRunner runner = new PlanRunner();

            // 1, 2: stop and start go through nerdctl with the operand after "--"; the real task follows
            assertThat(runner.run(planner.stopPlan(c), PlanRunner.Listener.NONE).succeeded()).isTrue();
            assertThat(view(client, id).state()).isNotEqualTo(ContainerState.RUNNING);
            assertThat(runner.run(planner.startPlan(c), PlanRunner.Listener.NONE).succeeded()).isTrue();
            assertThat(view(client, id).state()).isEqualTo(ContainerState.RUNNING);
            tried += 2;

            // 3: recreating needs the name as an operand of rename and as --name=: refused, nothing run
            assertThatThrownBy(() -> planner.plan(view(client, id), true, false))
                    .isInstanceOf(NerdctlException.class).hasMessageContaining(DASHED);
            tried++;

            // 4: the command line finds the container by that name and refuses it the same way
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new Cli(DbusUserManager::connect, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC())
                    .run("bypass4netns", "on", DASHED, "--dry-run");
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isIn(Cli.USAGE, Cli.REFUSED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(DASHED);
            tried++;

            // every word the panel gave nerdctl: the id only ever after "--"
            List<List<String>> calls = RecreateIT.subcommands(RecreateIT.callsFile());
            assertThat(calls).contains(List.of("stop", "--", id), List.of("start", "--", id));
            for (List<String> call : calls) {
                assertThat(call.indexOf(id)).as("%s", call).isIn(-1, call.indexOf("--") + 1);
                assertThat(call).as("%s", call).doesNotContain(DASHED);
            }

            // 5: what "--" is for: the same name without it is an option to nerdctl, after it an operand
            ProcessRunner.Result bare = nerdctl.run(List.of("rm", "-f", DASHED), Duration.ofSeconds(60));
            assertThat(bare.exitCode()).isNotZero();
            assertThat(bare.output()).contains("unknown shorthand flag: 'r' in -rf");
            assertThat(client.containers("default")).anyMatch(x -> x.id().equals(id));
            ProcessRunner.Result operand = nerdctl.run(List.of("rm", "-f", "--", DASHED), Duration.ofSeconds(60));
            assertThat(operand.exitCode()).as(operand.output()).isZero();
            assertThat(client.containers("default")).noneMatch(x -> x.id().equals(id));
            tried++;
        } finally {
            rc.remove(id);
        }
        assertThat(tried).isEqualTo(CASES);
        TestUser.Result uninstall = ContainerdClientIT.panel("uninstall", "containerd");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
    }

    private static ContainerView view(ContainerdClient client, String id) throws Exception {
        ContainerInfo info = client.containers("default").stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow();
        return new ContainerView(info, NerdctlMeta.of(info.labels()),
                Bypass4netnsConfig.of(info.annotations(), info.labels()), List.of(), List.of(), Optional.empty(),
                Optional.empty());
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
