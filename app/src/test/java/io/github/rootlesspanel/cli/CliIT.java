package io.github.rootlesspanel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The command line as a user runs it: packaging/bin/rootless-panel from the built checkout, as the
 * throwaway user, against that user's real systemd. The containerd.service here is a harmless stand-in.
 */
@Tag("real-systemd")
class CliIT {

    static final Path LAUNCHER = Path.of(System.getProperty("rp.project.dir", "."), "packaging/bin/rootless-panel");
    static final List<String> OTHERS = List.of("buildkit.service", "containerd-fuse-overlayfs.service",
            "stargz-snapshotter.service", "bypass4netnsd.service");

    @BeforeEach
    void installStandIn() {
        OTHERS.forEach(TestUser::removeUnit);
        TestUser.installUnit("containerd.service", "containerd.service");
    }

    @AfterEach
    void cleanUp() {
        TestUser.removeUnit("containerd.service");
        OTHERS.forEach(TestUser::removeUnit);
    }

    static TestUser.Result panel(String... args) {
        return TestUser.panel(args);
    }

    static JsonNode component(JsonNode status, String unit) {
        for (JsonNode c : status.get("components")) {
            if (c.get("unit").asText().equals(unit)) {
                return c;
            }
        }
        throw new AssertionError("no " + unit + " in " + status);
    }

    @Test
    void statusJsonListsAllFiveComponentsWithTheirTrueStates() throws Exception {
        TestUser.systemctl("start", "containerd.service");
        TestUser.Result r = panel("status", "--json");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.output());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        List<String> units = new ArrayList<>();
        json.get("components").forEach(c -> units.add(c.get("unit").asText()));
        assertThat(units).containsExactly("containerd.service", "buildkit.service", "containerd-fuse-overlayfs.service",
                "stargz-snapshotter.service", "bypass4netnsd.service");

        JsonNode containerd = component(json, "containerd.service");
        assertThat(containerd.get("component").asText()).isEqualTo("containerd");
        assertThat(containerd.get("installed").asBoolean()).isTrue();
        assertThat(containerd.get("loadState").asText()).isEqualTo("loaded");
        assertThat(containerd.get("activeState").asText()).isEqualTo("active");
        assertThat(containerd.get("subState").asText()).isEqualTo("running");
        assertThat(containerd.get("unitFileState").asText()).isEqualTo("disabled");
        assertThat(containerd.get("mainPid").asLong()).isEqualTo(TestUser.mainPid("containerd.service"));
        assertThat(containerd.get("since").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        for (String u : OTHERS) {
            JsonNode c = component(json, u);
            assertThat(c.get("installed").asBoolean()).as(u).isFalse();
            assertThat(c.get("loadState").asText()).isEqualTo("not-found");
            assertThat(c.get("mainPid").isNull()).isTrue();
        }
    }

    @Test
    void stopWaitsForTheJobAndStatusThenShowsInactive() throws Exception {
        TestUser.systemctl("start", "containerd.service");
        TestUser.Result stop = panel("stop", "containerd.service");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("Stop containerd.service: done");
        // the job is finished when the command returns: no waiting here
        assertThat(TestUser.systemctlMayFail("is-active", "containerd.service").output().trim()).isEqualTo("inactive");

        JsonNode json = new ObjectMapper().readTree(panel("status", "--json").output());
        JsonNode containerd = component(json, "containerd.service");
        assertThat(containerd.get("activeState").asText()).isEqualTo("inactive");
        assertThat(containerd.get("subState").asText()).isEqualTo("dead");
        assertThat(containerd.get("mainPid").isNull()).isTrue();
    }

    @Test
    void startAndEnableByShortName() {
        assertThat(panel("start", "containerd").exitCode()).isZero();
        assertThat(TestUser.systemctl("is-active", "containerd.service").trim()).isEqualTo("active");
        assertThat(panel("enable", "containerd").exitCode()).isZero();
        assertThat(TestUser.systemctl("is-enabled", "containerd.service").trim()).isEqualTo("enabled");
        assertThat(panel("disable", "containerd").exitCode()).isZero();
        assertThat(TestUser.systemctlMayFail("is-enabled", "containerd.service").output().trim()).isEqualTo("disabled");
    }

    @Test
    void aFailingStartExitsNonZeroWithSystemdsReason() {
        TestUser.installUnit("failing.service", "buildkit.service");
        TestUser.Result r = panel("start", "buildkit");
        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(r.output()).contains("buildkit.service failed").contains("exit-code");
    }

    @Test
    void startingSomethingNotInstalledIsRefusedWithExitCode3() {
        TestUser.Result r = panel("start", "stargz");
        assertThat(r.exitCode()).isEqualTo(Cli.REFUSED);
        assertThat(r.output()).contains("stargz-snapshotter.service is not installed");
    }

    @Test
    void humanStatusIsATable() {
        TestUser.Result r = panel("status");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output().lines().findFirst().orElse("")).startsWith("COMPONENT").contains("STATE");
        assertThat(r.output()).contains("containerd.service").contains("inactive (dead)").contains("not installed");
    }

    @Test
    void refusesToRunAsRoot() {
        // uid 0 inside a user namespace made by the unprivileged test user: the launcher and the JVM both see root
        TestUser.Result viaLauncher = TestUser.run(List.of("unshare", "--user", "--map-root-user", LAUNCHER.toString(),
                "status"), Duration.ofSeconds(30));
        assertThat(viaLauncher.exitCode()).isEqualTo(2);
        assertThat(viaLauncher.output()).contains("must not run as root");

        String cp = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        TestUser.Result viaJava = TestUser.run(List.of("unshare", "--user", "--map-root-user", java, "-cp", cp,
                "io.github.rootlesspanel.Main", "status"), Duration.ofSeconds(30));
        assertThat(viaJava.exitCode()).isEqualTo(2);
        assertThat(viaJava.output()).contains("must not run as root");
    }

    @Test
    void enablingAUnitWithoutAnInstallSectionIsRefusedWith3() {
        TestUser.installUnit("static.service", "bypass4netnsd.service");
        TestUser.Result r = panel("enable", "bypass4netnsd");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(Cli.REFUSED);
        assertThat(TestUser.systemctlMayFail("is-enabled", "bypass4netnsd.service").output().trim()).isEqualTo("static");
    }

    @Test
    void restoringWithoutAPreviousVersionIsRefusedWith3() {
        TestUser.Result r = panel("rootlesskit", "restore");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(Cli.REFUSED);
        assertThat(r.output()).contains("no previous version");
    }

    @Test
    void helpVersionAndUsageErrorsFromTheLauncher() {
        TestUser.Split help = TestUser.panelSplit("help", "install");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).isEqualTo(Usage.text(Usage.find("install").orElseThrow()));
        TestUser.Split version = TestUser.panelSplit("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).isEqualTo("rootless-panel " + Version.get() + "\n");
        TestUser.Split usage = TestUser.panelSplit("start", "nosuch");
        assertThat(usage.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(usage.stdout()).isEmpty();
        assertThat(usage.stderr()).contains("'nosuch' is not a component").contains("Try 'rootless-panel help start'.");
        // nothing to do is success: the unit is already stopped
        assertThat(panel("stop", "containerd").exitCode()).isZero();
    }

    @Test
    void checkExitsOneExactlyWhenACheckFailed() throws Exception {
        TestUser.Split r = TestUser.panelSplit("check", "--json");
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        int failed = json.get("summary").get("failed").asInt();
        assertThat(r.exitCode()).as(r.stdout()).isEqualTo(failed > 0 ? Cli.FAILED : Cli.OK);
    }

    @Test
    void dryRunPlansAsJsonOnTheRealManager() throws Exception {
        TestUser.Split r = TestUser.panelSplit("uninstall", "containerd", "--dry-run", "--json");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.stdout()).get("plan");
        assertThat(plan.get("unit").asText()).isEqualTo("containerd.service");
        List<String> steps = new ArrayList<>();
        plan.get("steps").forEach(s -> steps.add(s.asText()));
        assertThat(steps).anyMatch(s -> s.contains("Stop")).anyMatch(s -> s.contains("containerd.service"));
        // a dry run changes nothing
        assertThat(TestUser.unitDir().resolve("containerd.service")).exists();
    }

    @Test
    void settingsAndSnapshotterDryRunsAsJsonWriteNothing() throws Exception {
        Path override = TestUser.unitDir().resolve("containerd.service.d/override.conf");
        TestUser.Split set = TestUser.panelSplit("rootlesskit", "set", "MTU=9000", "--dry-run", "--json");
        assertThat(set.exitCode()).as(set.output()).isZero();
        JsonNode diff = new ObjectMapper().readTree(set.stdout());
        assertThat(diff.get("version").asInt()).isEqualTo(1);
        assertThat(diff.get("file").asText()).isEqualTo(override.toString());
        assertThat(diff.get("changed").asBoolean()).isTrue();
        assertThat(diff.get("diff").asText()).contains("CONTAINERD_ROOTLESS_ROOTLESSKIT_MTU=9000");
        assertThat(diff.get("problems").isArray()).isTrue();
        assertThat(override).doesNotExist();

        TestUser.Split enable = TestUser.panelSplit("snapshotter", "enable", "stargz", "--dry-run", "--json");
        assertThat(enable.exitCode()).as(enable.output()).isZero();
        JsonNode plan = new ObjectMapper().readTree(enable.stdout());
        assertThat(plan.get("plan").get("steps")).isNotEmpty();
        assertThat(plan.get("file").asText()).endsWith("containerd/config.toml");
        assertThat(plan.get("diff").asText()).contains("stargz");
        assertThat(TestUser.unitDir().resolve("stargz-snapshotter.service")).doesNotExist();
    }

    @Test
    void cannotReachTheUserManagerExitsWith4() {
        List<String> cmd = List.of("env", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus", LAUNCHER.toString(),
                "status");
        TestUser.Result r = TestUser.run(cmd, Duration.ofSeconds(30));
        assertThat(r.exitCode()).isEqualTo(Cli.UNREACHABLE);
        assertThat(r.output()).contains("Cannot reach the systemd user manager");
    }
}
