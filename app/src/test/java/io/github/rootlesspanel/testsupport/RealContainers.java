package io.github.rootlesspanel.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real containers in the test user's real rootless containerd, made with {@code ctr} (nerdctl has no Debian
 * package): the busybox-static OCI image built here without a registry, {@code ctr run} inside RootlessKit's
 * namespaces without cgroups ({@code --cgroup "" --cpu-shares 0}; test-environment.md steps 3 and 7), optionally
 * on nerdctl's default {@code bridge} CNI network (10.4.0.0/24, bridge nerdctl0) with nerdctl's labels.
 */
public final class RealContainers {

    public static final String IMAGE = "localhost/busybox:test";

    /** nerdctl's default network as test-environment.md step 7 writes it. */
    public static final String BRIDGE_CONFLIST = "{\"cniVersion\": \"1.0.0\", \"name\": \"bridge\", \"plugins\": [\n"
            + "  {\"type\": \"bridge\", \"bridge\": \"nerdctl0\", \"isGateway\": true, \"ipMasq\": true, \"hairpinMode\": true,\n"
            + "   \"ipam\": {\"type\": \"host-local\", \"ranges\": [[{\"gateway\": \"10.4.0.1\", \"subnet\": \"10.4.0.0/24\"}]],"
            + " \"routes\": [{\"dst\": \"0.0.0.0/0\"}]}},\n"
            + "  {\"type\": \"portmap\", \"capabilities\": {\"portMappings\": true}},\n"
            + "  {\"type\": \"firewall\", \"ingressPolicy\": \"same-bridge\"},\n"
            + "  {\"type\": \"tuning\"}]}\n";

    private final Path socket;
    private final Path scratch;

    /** @param scratch a directory for logs and the image */
    public RealContainers(Path socket, Path scratch) {
        this.socket = socket;
        this.scratch = scratch;
    }

    public record Out(int code, String text) { }

    /** RootlessKit's child (the namespaces containerd runs in), from containerd-rootless.sh's state dir. */
    public static long childPid() throws IOException {
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

    /** Builds and imports the busybox image (idempotent). */
    public void importImage() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(scratch, "image");
        Out imported = ctr(false, "images", "import", busyboxImage(dir).toString());
        assertThat(imported.code()).as(imported.text()).isZero();
    }

    /**
     * Puts nerdctl's bridge conflist into RootlessKit's /etc/cni/net.d (a tmpfs copy-up, fresh after each start of
     * RootlessKit), where {@code ctr run --cni} looks.
     */
    public void installBridgeNetwork() throws IOException, InterruptedException {
        Path conf = scratch.resolve("nerdctl-bridge.conflist");
        Files.writeString(conf, BRIDGE_CONFLIST);
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-U", "--preserve-credentials", "-m", "-t",
                Long.toString(childPid()), "/bin/sh", "-c",
                "if [ -L /etc/cni ]; then rm -f /etc/cni; fi; mkdir -p /etc/cni/net.d && cp \"$1\" /etc/cni/net.d/",
                "install-cni", conf.toString()));
        Out out = exec(cmd);
        assertThat(out.code()).as(out.text()).isZero();
    }

    /**
     * {@code ctr run -d} of the busybox image running {@code command}, with labels and annotations (as
     * {@code k=v}); on the bridge network when {@code cni}.
     */
    public Out run(String id, boolean cni, List<String> labels, List<String> annotations, String... command)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--null-io", "--cgroup", "", "--cpu-shares", "0"));
        if (cni) {
            args.add("--cni");
        }
        for (String l : labels) {
            args.add("--label");
            args.add(l);
        }
        for (String a : annotations) {
            args.add("--annotation");
            args.add(a);
        }
        args.add(IMAGE);
        args.add(id);
        args.addAll(List.of(command));
        return ctr(true, args.toArray(String[]::new));
    }

    /**
     * Kills the container's task, deletes it once stopped, deletes the container; whether the container is gone.
     * Not {@code ctr tasks rm -f}: its forced kill ({@code runc kill --all}) fails without a cgroup.
     */
    public boolean remove(String id) throws IOException, InterruptedException {
        ctr(true, "tasks", "kill", "-s", "KILL", id);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            Out rm = ctr(true, "tasks", "rm", id);
            if (rm.code() == 0 || rm.text().contains("not found")) {
                break;
            }
            Thread.sleep(200);
        }
        Out crm = ctr(true, "containers", "rm", id);
        releaseLeases(id);
        return crm.code() == 0 || crm.text().contains("not found");
    }

    /**
     * Drops host-local's address leases of the container: {@code ctr} runs no CNI DEL when a task is killed, and
     * the leases live on in {@code /var/lib/cni} (bound to {@code $XDG_DATA_HOME/cni} by containerd-rootless.sh),
     * so the same id could not get an address again ("duplicate allocation is not allowed").
     */
    public static void releaseLeases(String id) throws IOException {
        String data = System.getenv("XDG_DATA_HOME");
        Path networks = (data == null || data.isBlank() ? Path.of(System.getProperty("user.home"), ".local/share")
                : Path.of(data)).resolve("cni/networks");
        if (!Files.isDirectory(networks)) {
            return;
        }
        try (var files = Files.walk(networks, 2)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String first = Files.readString(f).lines().findFirst().orElse("").trim();
                if (first.endsWith("-" + id)) {   // ctr names the CNI container id NAMESPACE-ID
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * {@code ctr --address SOCKET args...}; inside RootlessKit's user, mount and network namespaces when
     * {@code inside} ({@code ctr run} mounts the snapshot and runs CNI itself).
     */
    public Out ctr(boolean inside, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (inside) {
            cmd.addAll(List.of("nsenter", "-U", "--preserve-credentials", "-m", "-n", "-t", Long.toString(childPid())));
        }
        cmd.addAll(List.of("ctr", "--address", socket.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** Output goes to a file, not a pipe: a detached task's shim must not keep the read end open. */
    private Out exec(List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile(scratch, "cmd", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // CNI's bridge plugin runs iptables, which lives in /usr/sbin
        pb.environment().put("PATH", pb.environment().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
        Process p = pb.start();
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
    public static Path busyboxImage(Path dir) throws IOException, InterruptedException {
        Path busybox = Path.of("/bin/busybox");
        assertThat(busybox).isRegularFile();
        Path rootfs = dir.resolve("rootfs");
        Path blobs = dir.resolve("blobs/sha256");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(blobs);
        Files.copy(busybox, rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "echo", "sleep", "id", "cat", "ls", "ip", "httpd", "nc", "wget")) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Path layer = dir.resolve("layer.tar");
        exec0(List.of("tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner",
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
        exec0(List.of("tar", "-C", dir.toString(), "-cf", tar.toString(), "oci-layout", "index.json", "blobs"));
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

    private static void exec0(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", cmd, out).isZero();
    }
}
