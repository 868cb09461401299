package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Published ports as nerdctl's -p takes them and nerdctl ps shows them. */
class PortMappingTest {

    @Test
    void publishArgument() {
        assertThat(new PortMapping("", 8080, 80, "tcp").publishArgument()).isEqualTo("8080:80");
        assertThat(new PortMapping("0.0.0.0", 8080, 80, "tcp").publishArgument()).isEqualTo("0.0.0.0:8080:80");
        assertThat(new PortMapping("127.0.0.1", 5353, 53, "udp").publishArgument()).isEqualTo("127.0.0.1:5353:53/udp");
        assertThat(new PortMapping("::1", 8443, 443, "tcp").publishArgument()).isEqualTo("[::1]:8443:443");
        assertThat(new PortMapping("fd00::2", 5353, 53, "UDP").publishArgument()).isEqualTo("[fd00::2]:5353:53/udp");
        assertThat(new PortMapping("", 9000, 9000, "sctp").publishArgument()).isEqualTo("9000:9000/sctp");
    }

    @Test
    void display() {
        assertThat(new PortMapping("", 8080, 80, "tcp").display()).isEqualTo("0.0.0.0:8080->80/tcp");
        assertThat(new PortMapping("127.0.0.1", 5353, 53, "udp").display()).isEqualTo("127.0.0.1:5353->53/udp");
        assertThat(new PortMapping("::", 8080, 80, "tcp").display()).isEqualTo("[::]:8080->80/tcp");
    }

    @Test
    void protocolDefaultsToTcpInLowerCase() {
        assertThat(new PortMapping("", 1, 2, null).protocol()).isEqualTo("tcp");
        assertThat(new PortMapping("", 1, 2, " ").protocol()).isEqualTo("tcp");
        assertThat(new PortMapping("", 1, 2, "TCP")).isEqualTo(new PortMapping("", 1, 2, "tcp"));
    }
}
