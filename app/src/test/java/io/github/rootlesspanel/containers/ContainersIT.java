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
    static final String IMAGE = "localhost/busybox:test";
    static final List<String> NAMES = List.of("rp-web", "rp-db");

    @TempDir
    Path tmp;
    private Path socket;

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
        long child = childPid();

        Path tar = busyboxImage(tmp.resolve("image"));
        Out imported = ctr(false, "images", "import", tar.toString());
        assertThat(imported.code).as(imported.text).isZero();
        for (String name : NAMES) {   // leftovers of an earlier run of this user
            remove(name);
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
                Out run = ctr(true, "run", "-d", "--null-io", "--cgroup", "", "--cpu-shares", "0",
                        "--label", "nerdctl/name=" + name.substring(3), "--label", "rp.test=yes",
                        "--annotation", "org.example/role=" + name, IMAGE, name, "sleep", "300");
                assertThat(run.code).as("ctr run %s (child %d): %s", name, child, run.text).isZero();
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

            Out kill = ctr(true, "tasks", "kill", "-s", "KILL", "rp-db");
            assertThat(kill.code).as(kill.text).isZero();
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
            Out rm = ctr(true, "tasks", "rm", "rp-db");
            assertThat(rm.code).as(rm.text).isZero();
            assertThat(find(client.containers("default"), "rp-db").task()).isEmpty();
            assertThat(errors).isEmpty();

            for (String name : NAMES) {
                assertThat(remove(name)).isTrue();
            }
            ctr(false, "images", "rm", IMAGE);
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

    /**
     * Kills the container's task, deletes it once stopped, deletes the container; whether the container is gone.
     * Not {@code ctr tasks rm -f}: its forced kill ({@code runc kill --all}) fails without a cgroup ("lstat :
     * no such file or directory").
     */
    private boolean remove(String name) throws IOException, InterruptedException {
        ctr(true, "tasks", "kill", "-s", "KILL", name);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            Out rm = ctr(true, "tasks", "rm", name);
            if (rm.code == 0 || rm.text.contains("not found")) {
                break;
            }
            Thread.sleep(200);
        }
        Out crm = ctr(true, "containers", "rm", name);
        return crm.code == 0 || crm.text.contains("not found");
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

    /** RootlessKit's child (the namespaces containerd runs in), from containerd-rootless.sh's state dir. */
    private static long childPid() throws IOException {
        Path file = Path.of(System.getenv("XDG_RUNTIME_DIR"), "containerd-rootless", "child_pid");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file) && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Long.parseLong(Files.readString(file).trim());
    }

    record Out(int code, String text) { }

    /**
     * {@code ctr --address SOCKET args...}; inside RootlessKit's user, mount and network namespaces when
     * {@code inside} ({@code ctr run} mounts the image snapshot itself). Output goes to a file, not a pipe: a
     * detached task's shim must not keep the read end open.
     */
    private Out ctr(boolean inside, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (inside) {
            cmd.addAll(List.of("nsenter", "-U", "--preserve-credentials", "-m", "-n", "-t", Long.toString(childPid())));
        }
        cmd.addAll(List.of("ctr", "--address", socket.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "ctr", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String text = Files.readString(log);
        System.out.println("$ " + String.join(" ", cmd) + " -> " + p.exitValue() + (text.isBlank() ? "" : "\n" + text));
        return new Out(p.exitValue(), text);
    }

    /**
     * The busybox-static OCI image tar of test-environment.md (one uncompressed layer: /bin/busybox and a few
     * applet links), named {@value #IMAGE}.
     */
    static Path busyboxImage(Path dir) throws IOException, InterruptedException {
        Path busybox = Path.of("/bin/busybox");
        assertThat(busybox).isRegularFile();
        Path rootfs = dir.resolve("rootfs");
        Path blobs = dir.resolve("blobs/sha256");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(blobs);
        Files.copy(busybox, rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "echo", "sleep", "id", "cat", "ls")) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Path layer = dir.resolve("layer.tar");
        exec(List.of("tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner",
                "-C", rootfs.toString(), "-cf", layer.toString(), "."));
        String ld = blob(blobs, Files.readAllBytes(layer));
        long ls = Files.size(layer);
        Files.delete(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"],\"Env\":[\"PATH=/bin\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + ld + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String cd = blob(blobs, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + cd
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"sha256:" + ld + "\",\"size\":" + ls + "}]}").getBytes(StandardCharsets.UTF_8);
        String md = blob(blobs, manifest);
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + md + "\",\"size\":"
                + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + IMAGE
                + "\",\"io.containerd.image.name\":\"" + IMAGE + "\"},\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}");
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Path tar = dir.resolve("bb.tar");
        exec(List.of("tar", "-C", dir.toString(), "-cf", tar.toString(), "oci-layout", "index.json", "blobs"));
        return tar;
    }

    private static String blob(Path blobs, byte[] content) throws IOException {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Files.write(blobs.resolve(digest), content);
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", cmd, out).isZero();
    }
}
