package io.github.rootlesspanel.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class JournalParserTest {

    static final String BOOT = "3d0f4c1be2a44e5e9f0a1b2c3d4e5f60";

    /** containerd's own stdout line, as {@code journalctl --user -u containerd.service -o json} prints it. */
    static final String CONTAINERD_LINE = "{\"__CURSOR\":\"s=8f2c1e0a9b7d4c3e8a6f5b4d3c2e1f0a;i=1a2b;b=" + BOOT
            + ";m=2f4d1c8;t=62875ab1e2c40;x=9c3e7f1a2b4d6e80\",\"__REALTIME_TIMESTAMP\":\"1733350000123456\","
            + "\"__MONOTONIC_TIMESTAMP\":\"49534408\",\"_BOOT_ID\":\"" + BOOT + "\",\"_TRANSPORT\":\"stdout\","
            + "\"PRIORITY\":\"6\",\"SYSLOG_FACILITY\":\"3\",\"_UID\":\"1000\",\"_GID\":\"1000\","
            + "\"_CAP_EFFECTIVE\":\"0\",\"_SELINUX_CONTEXT\":\"unconfined\\n\",\"_AUDIT_SESSION\":\"3\","
            + "\"_AUDIT_LOGINUID\":\"1000\",\"_SYSTEMD_OWNER_UID\":\"1000\",\"_SYSTEMD_SLICE\":\"user-1000.slice\","
            + "\"_SYSTEMD_UNIT\":\"user@1000.service\",\"_SYSTEMD_USER_SLICE\":\"app.slice\","
            + "\"_MACHINE_ID\":\"b1946ac92492d2347c6235b4d2611184\",\"_HOSTNAME\":\"debian\","
            + "\"_SYSTEMD_CGROUP\":\"/user.slice/user-1000.slice/user@1000.service/app.slice/containerd.service\","
            + "\"_SYSTEMD_USER_UNIT\":\"containerd.service\","
            + "\"_SYSTEMD_INVOCATION_ID\":\"5e0c7d2a9f1b4e6c8d3a2b1c0e9f8d7a\",\"SYSLOG_IDENTIFIER\":\"containerd\","
            + "\"_STREAM_ID\":\"a7c3e9b1d5f24680a1c3e5b7d9f1a3c5\",\"_PID\":\"1432\",\"_COMM\":\"containerd\","
            + "\"_EXE\":\"/usr/bin/containerd\",\"_CMDLINE\":\"containerd --config /home/u/.config/containerd/config.toml\","
            + "\"MESSAGE\":\"time=\\\"2024-12-04T22:06:40.123456Z\\\" level=info msg=\\\"containerd successfully booted in 0.041s\\\"\"}";

    /** The user manager's line about the unit: sent by init.scope, about USER_UNIT. */
    static final String MANAGER_LINE = "{\"__CURSOR\":\"s=8f2c1e0a9b7d4c3e8a6f5b4d3c2e1f0a;i=1a2c;b=" + BOOT
            + ";m=2f4e000;t=62875ab1e2d00;x=1\",\"__REALTIME_TIMESTAMP\":\"1733350000200000\","
            + "\"__MONOTONIC_TIMESTAMP\":\"49610952\",\"_BOOT_ID\":\"" + BOOT + "\",\"PRIORITY\":\"6\","
            + "\"SYSLOG_FACILITY\":\"3\",\"CODE_FILE\":\"src/core/job.c\",\"CODE_LINE\":\"768\","
            + "\"CODE_FUNC\":\"job_emit_done_message\",\"SYSLOG_IDENTIFIER\":\"systemd\",\"JOB_TYPE\":\"start\","
            + "\"JOB_RESULT\":\"done\",\"MESSAGE_ID\":\"39f53479d3a045ac8e11786248231fbf\","
            + "\"USER_UNIT\":\"containerd.service\",\"USER_INVOCATION_ID\":\"5e0c7d2a9f1b4e6c8d3a2b1c0e9f8d7a\","
            + "\"_TRANSPORT\":\"journal\",\"_PID\":\"1201\",\"_UID\":\"1000\",\"_GID\":\"1000\",\"_COMM\":\"systemd\","
            + "\"_EXE\":\"/usr/lib/systemd/systemd\",\"_CMDLINE\":\"/lib/systemd/systemd --user\","
            + "\"_SYSTEMD_CGROUP\":\"/user.slice/user-1000.slice/user@1000.service/init.scope\","
            + "\"_SYSTEMD_UNIT\":\"user@1000.service\",\"_SYSTEMD_USER_UNIT\":\"init.scope\","
            + "\"_SYSTEMD_SLICE\":\"user-1000.slice\",\"_HOSTNAME\":\"debian\","
            + "\"MESSAGE\":\"Started containerd.service - containerd (Rootless).\"}";

    /** Output with a byte that is not UTF-8: journalctl writes MESSAGE as an array of byte values. */
    static final String BINARY_LINE = "{\"__CURSOR\":\"s=1;i=1a2d;b=" + BOOT + ";m=1;t=1;x=1\","
            + "\"__REALTIME_TIMESTAMP\":\"1733350001000000\",\"_BOOT_ID\":\"" + BOOT + "\",\"PRIORITY\":\"3\","
            + "\"_TRANSPORT\":\"stdout\",\"SYSLOG_IDENTIFIER\":\"rootlesskit\",\"_PID\":\"1399\","
            + "\"_SYSTEMD_USER_UNIT\":\"containerd.service\","
            + "\"MESSAGE\":[101,114,114,111,114,58,32,99,97,102,233,32,255,9,101,110,100]}";

    @Test
    void aServiceLineGivesEveryField() {
        JournalEntry e = JournalParser.parseLine(CONTAINERD_LINE).orElseThrow();
        assertThat(e.realtime()).isEqualTo(Instant.ofEpochSecond(1733350000L, 123456000L));
        assertThat(e.priority()).isEqualTo(Priority.INFO);
        assertThat(e.message())
                .isEqualTo("time=\"2024-12-04T22:06:40.123456Z\" level=info msg=\"containerd successfully booted in 0.041s\"");
        assertThat(e.unit()).contains("containerd.service");
        assertThat(e.pid()).isEqualTo(OptionalInt.of(1432));
        assertThat(e.identifier()).contains("containerd");
        assertThat(e.bootId()).contains(BOOT);
        assertThat(e.cursor()).hasValueSatisfying(c -> assertThat(c).startsWith("s=8f2c").contains(";i=1a2b;"));
    }

    @Test
    void theManagersLineIsAboutTheUnitItNamesNotInitScope() {
        JournalEntry e = JournalParser.parseLine(MANAGER_LINE).orElseThrow();
        assertThat(e.unit()).contains("containerd.service");
        assertThat(e.identifier()).contains("systemd");
        assertThat(e.message()).isEqualTo("Started containerd.service - containerd (Rootless).");
    }

    @Test
    void unitFallsBackToTheSystemUnit() {
        String line = "{\"__REALTIME_TIMESTAMP\":\"1733350000000000\",\"_SYSTEMD_UNIT\":\"user@1000.service\","
                + "\"MESSAGE\":\"x\"}";
        assertThat(JournalParser.parseLine(line).orElseThrow().unit()).contains("user@1000.service");
    }

    @Test
    void aByteArrayMessageIsDecodedAsUtf8WithReplacements() {
        JournalEntry e = JournalParser.parseLine(BINARY_LINE).orElseThrow();
        // 233 alone and 255 are not UTF-8: each becomes U+FFFD; the tab stays
        assertThat(e.message()).isEqualTo("error: caf\uFFFD \uFFFD\tend");
        assertThat(e.priority()).isEqualTo(Priority.ERR);
    }

    @Test
    void validUtf8BytesDecodeToTheirCharacters() {
        String line = "{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":[99,97,102,195,169,27,91,48,109]}";
        assertThat(JournalParser.parseLine(line).orElseThrow().message()).isEqualTo("caf\u00e9\u001b[0m");
    }

    @Test
    void aRepeatedFieldGivesItsFirstValue() {
        String line = "{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":[\"first\",[115,101,99,111,110,100]],"
                + "\"SYSLOG_IDENTIFIER\":[[97,255],\"b\"]}";
        JournalEntry e = JournalParser.parseLine(line).orElseThrow();
        assertThat(e.message()).isEqualTo("first");
        assertThat(e.identifier()).contains("a\uFFFD");
    }

    @Test
    void missingOrTooLargeFieldsAreEmpty() {
        // journalctl prints null for values over 4096 bytes unless --all
        String line = "{\"__REALTIME_TIMESTAMP\":\"1733350000000001\",\"MESSAGE\":null,\"_PID\":\"x\"}";
        JournalEntry e = JournalParser.parseLine(line).orElseThrow();
        assertThat(e.message()).isEmpty();
        assertThat(e.priority()).isEqualTo(Priority.UNKNOWN);
        assertThat(e.pid()).isEmpty();
        assertThat(e.unit()).isEmpty();
        assertThat(e.identifier()).isEmpty();
        assertThat(e.bootId()).isEmpty();
        assertThat(e.cursor()).isEmpty();
        assertThat(e.realtime()).isEqualTo(Instant.ofEpochSecond(1733350000L, 1000L));
    }

    @Test
    void malformedLinesAreEmptyNeverThrown() {
        List<String> bad = List.of("", "   ", "not json", "{", "{\"MESSAGE\":\"no time\"}", "[1,2,3]", "\"text\"",
                "{\"__REALTIME_TIMESTAMP\":\"soon\",\"MESSAGE\":\"x\"}",
                "{\"__REALTIME_TIMESTAMP\":\"99999999999999999999999\",\"MESSAGE\":\"x\"}",
                "{\"__REALTIME_TIMESTAMP\":[1,2],\"MESSAGE\":\"x\"}",
                CONTAINERD_LINE.substring(0, CONTAINERD_LINE.length() / 2), "null");
        for (String line : bad) {
            assertThat(JournalParser.parseLine(line)).as(line).isEqualTo(Optional.empty());
        }
        assertThat(JournalParser.parseLine(null)).isEmpty();
    }

    @Test
    void byteValuesOutOfRangeLeaveTheMessageEmpty() {
        String line = "{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":[104,300]}";
        assertThat(JournalParser.parseLine(line).orElseThrow().message()).isEmpty();
    }

    @Test
    void parseKeepsOrderAndSkipsBadLines() {
        String many = CONTAINERD_LINE + "\n" + "garbage\r\n" + MANAGER_LINE + "\r\n\n" + BINARY_LINE + "\n";
        List<JournalEntry> entries = JournalParser.parse(many);
        assertThat(entries).extracting(JournalEntry::pid).containsExactly(
                OptionalInt.of(1432), OptionalInt.of(1201), OptionalInt.of(1399));
        assertThat(JournalParser.parse("")).isEmpty();
        assertThat(JournalParser.parse(null)).isEmpty();
    }
}
