package io.github.rootlesspanel.containers;

import java.util.Objects;

/**
 * An address of a network interface inside a container's network namespace.
 *
 * @param interfaceName e.g. {@code eth0}
 * @param address       e.g. {@code 10.4.0.2} or {@code fd00::2}
 * @param prefixLength  e.g. 24
 */
public record InterfaceAddress(String interfaceName, String address, int prefixLength) {

    public InterfaceAddress {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(address, "address");
    }

    public boolean ipv6() {
        return address.contains(":");
    }

    /** {@code 10.4.0.2/24}. */
    public String cidr() {
        return address + "/" + prefixLength;
    }
}
