package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Addresses and start times of real containers, read from {@code /proc} as the panel reads them: the throwaway
 * test user's real rootless containerd (Debian's, installed with the panel's command line), busybox containers run
 * with {@code ctr} inside RootlessKit's namespaces, one on nerdctl's CNI bridge network (10.4.0.0/24,
 * test-environment.md step 7) and one without CNI (a network namespace with nothing but lo).
 */
@Tag("real-systemd")
class ContainerNetworkIT {

    static final String UNIT = "containerd.service";
    static final String ON_BRIDGE = "rp-net-bridge";
    static final String NO_CNI = "rp-net-none";

    @TempDir
    Path tmp;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit(UNIT);
        Files.deleteIfExists(TestUser.unitDir().resolve(UNIT + ".bak"));
    }

    @Test
    void addressesInsideTheNetnsAndTheStartOfTheInitProcess() throws Exception {
        TestUser.home();
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        TestUser.Result install = TestUser.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        RealContainers rc = new RealContainers(socket, tmp);
        boolean removed;
        TestUser.Result uninstall;
        try {
            rc.importImage();
            rc.installBridgeNetwork();
            rc.remove(ON_BRIDGE);   // leftovers of an earlier run of this user
            rc.remove(NO_CNI);

            Instant before = Instant.now();
            RealContainers.Out run = rc.run(ON_BRIDGE, true,
                    List.of("nerdctl/name=net-bridge", "nerdctl/networks=[\"bridge\"]"), List.of(), "sleep", "300");
            assertThat(run.code()).as(run.text()).isZero();
            run = rc.run(NO_CNI, false, List.of("nerdctl/name=net-none"), List.of(), "sleep", "300");
            assertThat(run.code()).as(run.text()).isZero();

            long bridgePid;
            long nonePid;
            try (ContainerdClient client = ContainerdClient.connect(socket)) {
                List<ContainerInfo> listed = client.containers("default");
                bridgePid = pid(listed, ON_BRIDGE);
                nonePid = pid(listed, NO_CNI);
            }
            dump("container on the bridge", bridgePid);
            dump("RootlessKit's child", RealContainers.childPid());

            List<InterfaceAddress> addresses = NetnsAddresses.read(bridgePid);
            System.out.println("bridge container: " + addresses);
            assertThat(addresses).filteredOn(a -> !a.ipv6()).singleElement().satisfies(a -> {
                assertThat(a.interfaceName()).isEqualTo("eth0");
                assertThat(a.address()).matches("10\\.4\\.0\\.\\d+").isNotEqualTo("10.4.0.1");
                assertThat(a.prefixLength()).isEqualTo(24);
            });
            assertThat(addresses).noneMatch(a -> a.interfaceName().equals("lo") || a.address().startsWith("127.")
                    || a.address().equals("::1") || a.address().startsWith("fe80:"));

            // the gateway side of the bridge lives in RootlessKit's namespace, where CNI made nerdctl0
            List<InterfaceAddress> child = NetnsAddresses.read(RealContainers.childPid());
            System.out.println("RootlessKit's child: " + child);
            assertThat(child).contains(new InterfaceAddress("nerdctl0", "10.4.0.1", 24));

            assertThat(NetnsAddresses.read(nonePid)).isEmpty();

            Optional<Instant> started = ProcessStart.of(bridgePid);
            System.out.println("started " + started + ", test saw " + before);
            // btime is whole seconds: the start may read up to a second early
            assertThat(started).hasValueSatisfying(s -> assertThat(s)
                    .isBetween(before.minusSeconds(2), Instant.now().plusSeconds(1))
                    .isAfter(Instant.now().minus(Duration.ofMinutes(1))));
            assertThat(ProcessStart.of(nonePid)).isPresent();
        } finally {
            // no assertions here: they would hide the failure that brought us here
            removed = rc.remove(ON_BRIDGE) & rc.remove(NO_CNI);
            rc.ctr(false, "images", "rm", RealContainers.IMAGE);
            uninstall = TestUser.panel("uninstall", "containerd");
        }
        assertThat(removed).isTrue();
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        // a process that is gone has neither
        assertThat(NetnsAddresses.read(Long.MAX_VALUE)).isEmpty();
        assertThat(ProcessStart.of(Long.MAX_VALUE)).isEmpty();
    }

    private static long pid(List<ContainerInfo> listed, String id) {
        ContainerInfo c = listed.stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + id + " in " + listed));
        TaskInfo t = c.task().orElseThrow(() -> new AssertionError(id + " has no task"));
        assertThat(t.status()).isEqualTo(TaskInfo.Status.RUNNING);
        return t.pid();
    }

    /** The raw files, for the samples of NetnsAddressesTest. */
    private static void dump(String what, long pid) {
        for (String f : List.of("fib_trie", "route", "if_inet6")) {
            try {
                System.out.println("---- " + what + ": /proc/" + pid + "/net/" + f + "\n"
                        + Files.readString(Path.of("/proc/" + pid + "/net/" + f)));
            } catch (java.io.IOException e) {
                System.out.println("---- " + what + ": /proc/" + pid + "/net/" + f + ": " + e);
            }
        }
    }
}
