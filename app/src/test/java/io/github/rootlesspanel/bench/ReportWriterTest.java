package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ReportWriterTest {

    @TempDir
    Path dir;

    static final String MACHINE = "# gathered by run-benchmarks.sh\ndate=2026-12-05 01:00 UTC\ncpu=Xeon | 2.2GHz\n"
            + "cores=2\nram=7.8 GiB\nkernel=6.1.0-28-amd64\ndebian=12.8\njava=17.0.13\nload_before=0.50\n"
            + "load_after=1.25\nextra=yes\n";

    void write(Bench.Result r) throws Exception {
        new ObjectMapper().writeValue(dir.resolve(r.id() + ".json").toFile(), r.json());
    }

    List<JsonNode> sample() throws Exception {
        write(new Bench.Result("containerd-listing", "containerd listing",
                new Bench.Series("list 200", "ms", new double[] {20, 22, 24}))
                .reference(new Bench.Series("ctr containers list", "ms", new double[] {10, 11, 12})));
        write(new Bench.Result("cli-status", "Start-up",
                new Bench.Series("rootless-panel status --json", "ms", new double[] {300, 310, 320, 330}))
                .reference(new Bench.Series("systemctl --user show", "ms", new double[] {5, 5, 6, 6}))
                .budget(new Bench.Budget("≤ 3× systemctl", Bench.Statistic.RATIO, 3))
                .note("a note with a | pipe\nand a line break"));
        write(new Bench.Result("idle-cpu", "Idle cost", new Bench.Series("idle CPU", "%", new double[] {0.5}))
                .budget(new Bench.Budget("≤ 1 %", Bench.Statistic.MEDIAN, 1)));
        Files.writeString(dir.resolve("not-a-measurement.txt"), "ignored");
        return ReportWriter.readResults(dir);
    }

    @Test
    void ordersByTheReportsGroupsAndRendersOneTablePerGroup() throws Exception {
        List<JsonNode> results = sample();
        assertThat(results).extracting(n -> n.path("id").asText())
                .containsExactly("cli-status", "idle-cpu", "containerd-listing");
        String md = ReportWriter.markdown(ReportWriter.parseMachine(MACHINE), results);
        assertThat(md).contains("## Start-up\n").contains("## Idle cost\n").contains("## containerd listing\n");
        assertThat(md.indexOf("## Start-up")).isLessThan(md.indexOf("## Idle cost"));
        assertThat(md.indexOf("## Idle cost")).isLessThan(md.indexOf("## containerd listing"));
        // median 310 (nearest rank), IQR 320-300, ratio 310/5 = 62 → budget missed; the pipe escaped, one line
        assertThat(md).contains("| rootless-panel status --json (`cli-status`) | 310 ms | IQR 20 ms; 300–330 ms; n=4 | "
                + "systemctl --user show: 5.00 ms | 62.00× | ≤ 3× systemctl | **missed** | a note with a \\| pipe and a "
                + "line break |\n");
        assertThat(md).contains("| idle CPU (`idle-cpu`) | 0.500 % | IQR 0.000 %; 0.500–0.500 %; n=1 | — | — | ≤ 1 % | met |");
        assertThat(md).contains("| list 200 (`containerd-listing`) | 22 ms | IQR 4.00 ms; 20–24 ms; n=3 | "
                + "ctr containers list: 11 ms | 2.00× | — | — |  |");
        assertThat(md).contains("- CPU: Xeon \\| 2.2GHz\n").contains("- Load average after: 1.25\n")
                .contains("- extra: yes\n");
    }

    @Test
    void jsonKeepsTheMachineAndEveryMeasurement() throws Exception {
        List<JsonNode> results = sample();
        JsonNode report = new ObjectMapper().readTree(ReportWriter.json(ReportWriter.parseMachine(MACHINE), results));
        assertThat(report.path("date").asText()).isEqualTo("2026-12-05 01:00 UTC");
        assertThat(report.path("machine").path("cores").asText()).isEqualTo("2");
        assertThat(report.path("results")).hasSize(3);
        assertThat(report.path("results").get(0).path("budget").path("met").asBoolean()).isFalse();
        assertThat(report.path("results").get(0).path("measured").path("samples")).hasSize(4);
    }

    @Test
    void readmeTableReplacesOnlyWhatIsBetweenTheMarkers() throws Exception {
        String readme = "# X\n\nbefore\n" + ReportWriter.BEGIN + "\nold table\n" + ReportWriter.END + "\nafter\n";
        String table = ReportWriter.readmeTable(ReportWriter.parseMachine(MACHINE), sample());
        String out = ReportWriter.replaceBetweenMarkers(readme, table);
        assertThat(out).startsWith("# X\n\nbefore\n" + ReportWriter.BEGIN + "\nMeasured 2026-12-05 01:00 UTC on Xeon "
                + "\\| 2.2GHz (2 cores, 7.8 GiB RAM), Debian 12.8, Linux 6.1.0-28-amd64, Java 17.0.13, load average "
                + "0.50 before, 1.25 after.\n\n#### Start-up\n");
        assertThat(out).endsWith("|\n" + ReportWriter.END + "\nafter\n").doesNotContain("old table");
        // again: the same result, not a second table
        assertThat(ReportWriter.replaceBetweenMarkers(out, table)).isEqualTo(out);
        assertThatThrownBy(() -> ReportWriter.replaceBetweenMarkers("no markers", table))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bench:begin");
    }

    @Test
    void numbersKeepThreeFiguresAndMachineLinesSkipComments() {
        assertThat(List.of(ReportWriter.number(0.41234), ReportWriter.number(4.1234), ReportWriter.number(41.234),
                ReportWriter.number(412.34), ReportWriter.number(20))).containsExactly("0.412", "4.12", "41.2", "412", "20");
        assertThat(ReportWriter.parseMachine("# c\n\nnoequals\na = b=c\n")).isEqualTo(Map.of("a", "b=c"));
    }
}
