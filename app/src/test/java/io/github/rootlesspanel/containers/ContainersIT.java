package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Reading containers, tasks and events of real rootless containerd (Debian 12's 1.6.20), as the throwaway test
 * user: containerd installed with the panel's command line, a busybox-static OCI image built here without a
 * registry (test-environment.md step 3), two containers run with {@code ctr} inside RootlessKit's namespaces
 * (no cgroups: {@code --cgroup "" --cpu-shares 0}), one of them killed.
 */
@Tag("real-systemd")
class ContainersIT {

    static final String UNIT = "containerd.service";
    static final String IMAGE = RealContainers.IMAGE;
    static final List<String> NAMES = List.of("rp-web", "rp-db");

    @TempDir
    Path tmp;
    private Path socket;
    private RealContainers rc;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit(UNIT);
        Files.deleteIfExists(TestUser.unitDir().resolve(UNIT + ".bak"));
    }

    @Test
    void listsContainersWithTasksAndFollowsTheirEvents() throws Exception {
        TestUser.home();
        socket = ContainerdClient.defaultSocket(System.getenv());
        TestUser.Result install = ContainerdClientIT.panel("install", "containerd");
        assertThat(install.exitCode()).as(install.output()).isZero();
        rc = new RealContainers(socket, tmp);
        long child = RealContainers.childPid();
        rc.importImage();
        for (String name : NAMES) {   // leftovers of an earlier run of this user
            rc.remove(name);
        }

        BlockingQueue<ContainerEvent> events = new LinkedBlockingQueue<>();
        BlockingQueue<ContainerdException> errors = new LinkedBlockingQueue<>();
        try (ContainerdClient client = ContainerdClient.connect(socket);
             EventSubscription sub = client.subscribeEvents(List.of("topic~=\"^/(tasks|containers)/\""),
                     events::add, errors::add)) {
            assertThat(sub).isNotNull();
            assertThat(client.namespaces()).contains("default");   // the import made it
            assertThat(client.containers("default")).noneMatch(c -> NAMES.contains(c.id()));

            for (String name : NAMES) {
                RealContainers.Out run = rc.ctr(true, "run", "-d", "--null-io", "--cgroup", "", "--cpu-shares", "0",
                        "--label", "nerdctl/name=" + name.substring(3), "--label", "rp.test=yes",
                        "--annotation", "org.example/role=" + name, IMAGE, name, "sleep", "300");
                assertThat(run.code()).as("ctr run %s (child %d): %s", name, child, run.text()).isZero();
            }

            List<ContainerInfo> listed = client.containers("default");
            System.out.println("containers: " + listed);
            assertThat(listed).extracting(ContainerInfo::id).contains("rp-web", "rp-db");
            for (String name : NAMES) {
                ContainerInfo c = find(listed, name);
                assertThat(c.namespace()).isEqualTo("default");
                assertThat(c.image()).isEqualTo(IMAGE);
                assertThat(c.labels()).containsEntry("nerdctl/name", name.substring(3)).containsEntry("rp.test", "yes");
                assertThat(c.nerdctlName()).contains(name.substring(3));
                assertThat(c.annotations()).containsEntry("org.example/role", name);
                assertThat(c.snapshotter()).isNotBlank();
                assertThat(c.createdAt()).isAfter(java.time.Instant.now().minusSeconds(600));
                assertThat(c.task()).hasValueSatisfying(t -> {
                    assertThat(t.status()).isEqualTo(TaskInfo.Status.RUNNING);
                    assertThat(t.pid()).isPositive();
                    assertThat(t.exitedAt()).isEmpty();   // Go's zero time while running
                });
            }
            // the pid is a host pid (RootlessKit 1.1 keeps the host's pid namespace), running busybox sleep
            long webPid = find(listed, "rp-web").task().orElseThrow().pid();
            assertThat(Files.readString(Path.of("/proc/" + webPid + "/cmdline"))).startsWith("sleep");

            // the creation events of both
            List<ContainerEvent> seen = drain(events, e -> e.topic().equals("/tasks/start")
                    && e.containerId().filter("rp-db"::equals).isPresent(), Duration.ofSeconds(5));
            assertThat(seen).anyMatch(e -> e.topic().equals("/containers/create") && e.containerId().equals(java.util.Optional.of("rp-web")));

            RealContainers.Out kill = rc.ctr(true, "tasks", "kill", "-s", "KILL", "rp-db");
            assertThat(kill.code()).as(kill.text()).isZero();
            List<ContainerEvent> exit = drain(events, e -> e.topic().equals(ContainerEvent.TASK_EXIT), Duration.ofSeconds(10));
            ContainerEvent exited = exit.get(exit.size() - 1);
            assertThat(exited.topic()).as("events: %s", exit).isEqualTo(ContainerEvent.TASK_EXIT);
            assertThat(exited.namespace()).isEqualTo("default");
            assertThat(exited.containerId()).contains("rp-db");
            assertThat(exited.exitStatus()).hasValue(137);

            ContainerInfo db = find(client.containers("default"), "rp-db");
            assertThat(db.task()).hasValueSatisfying(t -> {
                assertThat(t.status()).isEqualTo(TaskInfo.Status.STOPPED);
                assertThat(t.exitStatus()).isEqualTo(137);
                assertThat(t.exitedAt()).isPresent();
            });
            RealContainers.Out rm = rc.ctr(true, "tasks", "rm", "rp-db");
            assertThat(rm.code()).as(rm.text()).isZero();
            assertThat(find(client.containers("default"), "rp-db").task()).isEmpty();
            assertThat(errors).isEmpty();

            for (String name : NAMES) {
                assertThat(rc.remove(name)).isTrue();
            }
            rc.ctr(false, "images", "rm", IMAGE);
            assertThat(client.containers("default")).noneMatch(c -> NAMES.contains(c.id()));

            // containerd stopping ends the stream: the error handler is called once
            TestUser.Result uninstall = ContainerdClientIT.panel("uninstall", "containerd");
            assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
            ContainerdException lost = errors.poll(10, TimeUnit.SECONDS);
            assertThat(lost).as("onError after containerd stopped").isNotNull();
            System.out.println("after stop: " + lost.kind() + ": " + lost.getMessage() + " / " + lost.detail());
            assertThat(errors.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    private static ContainerInfo find(List<ContainerInfo> list, String id) {
        return list.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + id + " in " + list));
    }

    /** Events until one matches (inclusive), or the time is up (then fails). */
    private static List<ContainerEvent> drain(BlockingQueue<ContainerEvent> q,
                                              java.util.function.Predicate<ContainerEvent> until, Duration max)
            throws InterruptedException {
        List<ContainerEvent> out = new ArrayList<>();
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            ContainerEvent e = q.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no matching event within " + max + "; got " + out);
            }
            out.add(e);
            if (until.test(e)) {
                return out;
            }
        }
    }

}
