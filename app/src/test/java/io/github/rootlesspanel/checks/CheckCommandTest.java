package io.github.rootlesspanel.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.cli.CheckCommand;
import io.github.rootlesspanel.host.HostFacts;
import io.github.rootlesspanel.setup.checks.CheckReport;
import io.github.rootlesspanel.setup.checks.CheckResult;
import io.github.rootlesspanel.setup.checks.Checks;

class CheckCommandTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    int run(HostFacts facts, String... args) {
        return run(() -> facts, args);
    }

    int run(Supplier<HostFacts> facts, String... args) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        return CheckCommand.run(List.of(args), facts, out, err);
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exitsOneWhenACheckFailed() {
        assertThat(run(FactSets.debian12TestMachine(), "check")).isEqualTo(1);
        assertThat(out()).contains("failed").contains("containerd-rootless.sh");
    }

    @Test
    void exitsZeroWhenNothingFailedEvenWithWarnings() {
        HostFacts f = FactSets.archAllFine().toBuilder().linger(java.nio.file.Path.of("/var/lib/systemd/linger/carol"), false)
                .build();
        assertThat(run(f)).isEqualTo(0);
        assertThat(out()).contains("warning").contains("sudo loginctl enable-linger carol");
    }

    @Test
    void unknownArgumentsAreAUsageErrorWithoutProbing() {
        List<String> probed = new ArrayList<>();
        assertThat(run(() -> {
            probed.add("yes");
            return FactSets.archAllFine();
        }, "--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("--frobnicate");
        assertThat(probed).isEmpty();
        assertThat(out()).isEmpty();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run(FactSets.archAllFine(), "--help")).isEqualTo(0);
        assertThat(out()).contains("rootless-panel check [--json]");
    }

    @Test
    void textIsGroupedWithHintsIndentedUnderNonOkChecks() {
        run(FactSets.debian12TestMachine());
        String text = out();
        assertThat(text).startsWith("Rootless containerd prerequisites on Debian GNU/Linux 12 (bookworm), kernel "
                + "6.18.44-fc-v1147, user rptest (uid 1001)");
        assertThat(text).contains("\nSession\n").contains("\nUser namespaces\n").contains("\ncgroups\n")
                .contains("\nStorage\n").contains("\nNetwork\n").contains("\nBinaries\n").contains("\nbypass4netns\n");
        assertThat(text).contains("  warning         Lingering enabled: /var/lib/systemd/linger/rptest does not exist")
                .contains("\n                  sudo loginctl enable-linger rptest\n");
        assertThat(text).contains("  ok              Not running as root: uid 1001 (rptest)\n  ok ");
        assertThat(text).containsPattern("\nSummary: 1 failed, \\d+ warnings, \\d+ ok, \\d+ not applicable\n$");
    }

    @Test
    void jsonHasVersionSummaryAndEveryCheck() throws Exception {
        assertThat(run(FactSets.ubuntu2404NerdctlFull(), "check", "--json")).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(out());
        assertThat(root.get("version").asInt()).isEqualTo(1);
        assertThat(root.get("system").get("family").asText()).isEqualTo("debian");
        assertThat(root.get("system").get("distribution").asText()).isEqualTo("Ubuntu 24.04 LTS");
        assertThat(root.get("system").get("uid").asInt()).isEqualTo(1000);
        JsonNode summary = root.get("summary");
        CheckReport report = CheckReport.of(FactSets.ubuntu2404NerdctlFull());
        assertThat(summary.get("failed").asLong()).isEqualTo(report.count(io.github.rootlesspanel.setup.checks.CheckState.FAILED))
                .isPositive();
        long total = summary.get("failed").asLong() + summary.get("warnings").asLong() + summary.get("ok").asLong()
                + summary.get("notApplicable").asLong();
        assertThat(total).isEqualTo(Checks.IDS.size());
        JsonNode checks = root.get("checks");
        assertThat(checks).hasSize(Checks.IDS.size());
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            assertThat(c.get("id").asText()).isEqualTo(Checks.IDS.get(i));
            assertThat(c.fieldNames()).toIterable().containsExactly("id", "title", "group", "state", "found", "why", "hint");
            assertThat(c.get("state").asText()).isIn("ok", "warning", "failed", "not-applicable");
            if (!c.get("state").asText().equals("ok")) {
                assertThat(c.get("hint").asText()).as(c.get("id").asText()).isNotBlank();
            }
        }
        JsonNode apparmor = checks.get(Checks.IDS.indexOf("apparmor-userns"));
        assertThat(apparmor.get("state").asText()).isEqualTo("failed");
        assertThat(apparmor.get("hint").asText()).contains("/etc/apparmor.d/usr.local.bin.rootlesskit");
        JsonNode na = checks.get(Checks.IDS.indexOf("bin-bypass4netnsd"));
        assertThat(na.get("state").asText()).isEqualTo("not-applicable");
    }

    @Test
    void reportCountsAndGroups() {
        CheckReport r = CheckReport.of(FactSets.archAllFine());
        assertThat(r.anyFailed()).isFalse();
        assertThat(r.byGroup().keySet()).containsExactly("Session", "User namespaces", "cgroups", "Storage", "Network",
                "Binaries", "bypass4netns");
        assertThat(r.byGroup().values().stream().mapToInt(List::size).sum()).isEqualTo(Checks.IDS.size());
        assertThat(r.summaryLine()).isEqualTo("0 failed, 0 warnings, 27 ok, 8 not applicable");
        assertThat(r.results()).extracting(CheckResult::id).containsExactlyElementsOf(Checks.IDS);
    }
}
