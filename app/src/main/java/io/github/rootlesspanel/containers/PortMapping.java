package io.github.rootlesspanel.containers;

import java.util.Locale;
import java.util.Objects;

/**
 * One published port as nerdctl keeps it (go-cni's {@code PortMapping}: {@code HostPort}, {@code ContainerPort},
 * {@code Protocol}, {@code HostIP}), in a container's {@code network-config.json} or the older
 * {@code nerdctl/ports} label.
 *
 * @param hostIp        the host address it listens on; "" or {@code 0.0.0.0} = all
 * @param hostPort      the port on the host
 * @param containerPort the port inside the container
 * @param protocol      {@code tcp}, {@code udp} or {@code sctp}, lower case
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {

    public PortMapping {
        Objects.requireNonNull(hostIp, "hostIp");
        protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
    }

    /** The value of nerdctl's {@code -p}: {@code [HOSTIP:]HOSTPORT:CONTAINERPORT[/PROTO]}; IPv6 in brackets. */
    public String publishArgument() {
        StringBuilder sb = new StringBuilder();
        if (!hostIp.isEmpty()) {
            sb.append(hostIp.contains(":") ? "[" + hostIp + "]" : hostIp).append(':');
        }
        sb.append(hostPort).append(':').append(containerPort);
        if (!protocol.equals("tcp")) {
            sb.append('/').append(protocol);
        }
        return sb.toString();
    }

    /** As {@code nerdctl ps} shows it: {@code 0.0.0.0:8080->80/tcp}. */
    public String display() {
        String ip = hostIp.isEmpty() ? "0.0.0.0" : hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return ip + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }
}
