package io.github.rootlesspanel.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.host.HostFacts.TrialState;
import io.github.rootlesspanel.host.HostProbe;
import io.github.rootlesspanel.host.Identity;
import io.github.rootlesspanel.host.ProcessRunner;
import io.github.rootlesspanel.setup.checks.CheckReport;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.CheckState;
import io.github.rootlesspanel.setup.checks.Checks;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.SystemdException;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * The probe and the checks on the real machine, as the throwaway test user (app/src/test/env/run-tests.sh):
 * asserts only what must hold there — a Debian 12 machine of this project's kind, a user made by useradd,
 * a real systemd --user with its user bus.
 */
@Tag("real-systemd")
class HostProbeIT {

    static HostFacts facts;
    static Map<String, CheckResult> byId;

    @BeforeAll
    static void probeTheRealHost() {
        TestUser.home();
        // the way the command line is meant to ask: a real D-Bus connection to the user manager
        Supplier<Optional<String>> manager = () -> {
            try (DbusUserManager m = DbusUserManager.connect(TestUser.busAddress())) {
                return Optional.empty();
            } catch (SystemdException e) {
                return Optional.of(e.getMessage());
            } catch (Exception e) {
                return Optional.of(String.valueOf(e));
            }
        };
        facts = HostProbe.forThisHost(manager).probe();
        byId = Checks.evaluate(facts).stream().collect(Collectors.toMap(CheckResult::id, Function.identity()));
    }

    @Test
    void theThrowawayUserIsNotRootWithAWritableHomeAndRuntimeDir() {
        assertThat(facts.user().uid()).isEqualTo(Identity.effectiveUid()).isNotZero();
        assertThat(facts.user().name()).isEqualTo(System.getProperty("user.name"));
        assertThat(facts.user().homeWritable()).isTrue();
        assertThat(facts.session().xdgSet()).isTrue();
        assertThat(facts.session().xdgWritable()).isTrue();
        assertThat(facts.session().xdgOwnerUid()).isEqualTo(facts.user().uid());
        for (String id : List.of("not-root", "home", "xdg-runtime-dir", "user-bus", "systemd-user")) {
            assertThat(byId.get(id).state()).as("%s: %s", id, byId.get(id).found()).isEqualTo(CheckState.OK);
        }
    }

    @Test
    void debianWithAKernelRelease() {
        assertThat(facts.os().id()).isEqualTo("debian");
        assertThat(facts.kernelRelease()).isNotBlank();
        assertThat(Checks.familyOf(facts).name()).isEqualTo("DEBIAN");
    }

    @Test
    void useraddGaveTheUserEnoughSubordinateIds() {
        assertThat(facts.subuid().entries()).as("subuid lines of %s", facts.user().name()).isNotEmpty();
        assertThat(facts.subuid().entries()).anyMatch(r -> r.count() >= 65536);
        assertThat(facts.subgid().entries()).anyMatch(r -> r.count() >= 65536);
    }

    @Test
    void sysctlsReadLikeCatReadsThem() {
        // /proc/sys integer files answer only a read at offset 0: a byte-wise reader gets "9" for "96362"
        ProcessRunner.Result r = new ProcessRunner().runQuietly(
                List.of("cat", "/proc/sys/user/max_user_namespaces"), Duration.ofSeconds(5));
        assertThat(facts.sysctls().maxUserNamespaces().orElse(-1)).isEqualTo(Long.parseLong(r.stdout().strip()));
        if (Files.exists(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start"))) {
            ProcessRunner.Result p = new ProcessRunner().runQuietly(
                    List.of("cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start"), Duration.ofSeconds(5));
            assertThat(facts.sysctls().ipUnprivilegedPortStart().orElse(-1)).isEqualTo(Long.parseLong(p.stdout().strip()));
        }
    }

    @Test
    void theSetupScriptsTrialRunsWorkWhereRootlesskitIsInstalled() {
        if (facts.binary("rootlesskit").present()) {
            assertThat(facts.rootlesskitTrial().state()).as(facts.rootlesskitTrial().output()).isEqualTo(TrialState.OK);
            assertThat(facts.overlayTrial().state()).isNotEqualTo(TrialState.NOT_RUN);
        } else {
            assertThat(facts.rootlesskitTrial().state()).isEqualTo(TrialState.NOT_RUN);
        }
    }

    @Test
    void everyCheckOnceWithAHintWhereNotOk() {
        CheckReport report = CheckReport.of(facts);
        assertThat(report.results()).extracting(CheckResult::id).containsExactlyElementsOf(Checks.IDS);
        for (CheckResult r : report.results()) {
            assertThat(r.found()).as(r.id()).isNotBlank();
            if (r.state() != CheckState.OK) {
                assertThat(r.hint()).as("hint of %s (%s: %s)", r.id(), r.state(), r.found()).isNotBlank();
            }
        }
        assertThat(report.json()).contains("\"version\" : 1");
    }
}
