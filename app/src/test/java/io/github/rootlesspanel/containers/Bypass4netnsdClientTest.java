package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.containers.Bypass4netnsdClient.BypassStatus;
import io.github.rootlesspanel.containers.Bypass4netnsdClient.PortSpec;
import io.github.rootlesspanel.host.XdgDirs;
import io.github.rootlesspanel.rootlesskit.UnixHttp;

/**
 * The client against the project's stand-in bypass4netnsd ({@code app/src/test/standins/bypass4netnsd}, python3:
 * bypass4netns has no Debian package), started here as a real process that serves the documented REST API on a
 * real unix socket (apis.md §8). Specs are posted the way nerdctl's OCI hook posts them. The error statuses the
 * stand-in never sends (500, a broken body) come from a one-shot server on a unix socket in this test.
 */
class Bypass4netnsdClientTest {

    private static final Path STANDIN = Path.of(System.getProperty("rp.project.dir", "."))
            .resolve("app/src/test/standins/bypass4netnsd");
    private static final String WEB = "3f1b6c0e9a2d4b7f8e5c1a0d2b3c4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d";
    private static final String DB = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";

    @TempDir
    Path tmp;
    private Process daemon;

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void socketPathsAreInTheRuntimeDir() {
        XdgDirs dirs = new XdgDirs(Path.of("/home/u"), Path.of("/run/user/1000"), Path.of("/home/u/.local/share"),
                Path.of("/home/u/.config"));
        assertThat(Bypass4netnsdClient.defaultSocket(dirs)).isEqualTo(Path.of("/run/user/1000/bypass4netnsd.sock"));
        assertThat(Bypass4netnsdClient.stateDir(dirs)).isEqualTo(Path.of("/run/user/1000/bypass4netns"));
    }

    @Test
    void listsWhatWasPostedAndForgetsWhatWasDeleted() throws Exception {
        Path socket = startStandin();
        Bypass4netnsdClient client = new Bypass4netnsdClient(socket);
        assertThat(client.socket()).isEqualTo(socket);
        assertThat(client.list()).isEmpty();

        // as nerdctl's hook posts them (rootless-setup.md §3.3): bind accelerated with a port, and ignore-bind
        String rd = tmp.toString();
        post(socket, "{\"id\":\"" + WEB + "\",\"socketPath\":\"" + rd + "/bypass4netns/" + WEB.substring(0, 15)
                + ".sock\",\"pidFilePath\":\"" + rd + "/bypass4netns/" + WEB.substring(0, 15) + ".pid\","
                + "\"logFilePath\":\"/home/u/.local/share/nerdctl/1935db59/containers/default/" + WEB
                + "/bypass4netns.log\",\"portMapping\":[{\"protos\":[\"tcp\"],\"parentIP\":\"\",\"parentPort\":8080,"
                + "\"childIP\":\"\",\"childPort\":80}],\"ignoreSubnets\":[\"127.0.0.0/8\",\"10.0.2.0/24\",\"auto\"],"
                + "\"ignoreBind\":false}");
        post(socket, "{\"id\":\"" + DB + "\",\"socketPath\":\"" + rd + "/bypass4netns/" + DB.substring(0, 15)
                + ".sock\",\"pidFilePath\":\"\",\"logFilePath\":\"\",\"portMapping\":null,"
                + "\"ignoreSubnets\":[\"127.0.0.0/8\",\"10.0.2.0/24\",\"auto\",\"192.168.0.0/16\"],\"ignoreBind\":true}");

        List<BypassStatus> listed = client.list();
        assertThat(listed).containsExactlyInAnyOrder(
                new BypassStatus(WEB, 0, rd + "/bypass4netns/3f1b6c0e9a2d4b7.sock",
                        List.of("127.0.0.0/8", "10.0.2.0/24", "auto"), false,
                        List.of(new PortSpec(List.of("tcp"), "", 8080, "", 80))),
                new BypassStatus(DB, 0, rd + "/bypass4netns/9a8b7c6d5e4f3a2.sock",
                        List.of("127.0.0.0/8", "10.0.2.0/24", "auto", "192.168.0.0/16"), true, List.of()));
        assertThat(Bypass4netnsdClient.lists(listed, WEB)).isTrue();
        assertThat(Bypass4netnsdClient.lists(listed, WEB.substring(0, 15))).isFalse();

        UnixHttp.Response deleted = UnixHttp.request(socket, "DELETE", "/v1/bypass/" + WEB, null, Duration.ofSeconds(5));
        assertThat(deleted.status()).isEqualTo(200);
        List<BypassStatus> after = client.list();
        assertThat(after).extracting(BypassStatus::id).containsExactly(DB);
        assertThat(Bypass4netnsdClient.lists(after, WEB)).isFalse();
    }

    @Test
    void noSocketMeansNotRunning() {
        Path socket = tmp.resolve("bypass4netnsd.sock");
        assertThatThrownBy(() -> new Bypass4netnsdClient(socket).list())
                .isInstanceOf(IOException.class)
                .hasMessage("bypass4netnsd is not running: no socket at " + socket);
    }

    @Test
    void aSocketNobodyListensOnMeansNotRunning() throws Exception {
        Path socket = startStandin();
        assertThat(new Bypass4netnsdClient(socket).list()).isEmpty();
        // killed: no chance to remove its socket, as after a crash
        daemon.destroyForcibly();
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(socket).exists();
        assertThatThrownBy(() -> new Bypass4netnsdClient(socket).list())
                .isInstanceOf(IOException.class)
                .hasMessage("bypass4netnsd is not running: nothing listens on " + socket + " (connection refused)");
    }

    @Test
    void anErrorStatusGivesBypass4netnsdsMessage() throws Exception {
        // bypass4netnsd's onError: the status, then the JSON with a newline (Go's json.Encoder)
        Path socket = oneShotServer("500 Internal Server Error", "text/plain; charset=utf-8",
                "{\"message\":\"json: unsupported value: NaN\"}\n");
        assertThatThrownBy(() -> new Bypass4netnsdClient(socket).list())
                .isInstanceOf(IOException.class)
                .hasMessage("bypass4netnsd answered 500: json: unsupported value: NaN");
    }

    @Test
    void aBodyThatIsNotTheListIsSaidSo() throws Exception {
        Path socket = oneShotServer("200 OK", "application/json", "{\"id\":\"web\"}");
        assertThatThrownBy(() -> new Bypass4netnsdClient(socket).list())
                .isInstanceOf(IOException.class)
                .hasMessage("bypass4netnsd's answer is not its JSON list: expected a JSON array, got object");
    }

    @Test
    void parsesGoNullsAndRejectsJunk() throws IOException {
        assertThat(Bypass4netnsdClient.parseList("null")).isEmpty();
        assertThat(Bypass4netnsdClient.parseList("[{\"id\":\"a\",\"pid\":4711,\"spec\":{\"id\":\"a\",\"socketPath\":\"\","
                + "\"pidFilePath\":\"\",\"logFilePath\":\"\",\"portMapping\":null,\"ignoreSubnets\":null}}]"))
                .containsExactly(new BypassStatus("a", 4711, "", List.of(), false, List.of()));
        assertThatThrownBy(() -> Bypass4netnsdClient.parseList("[{\"pid\":1}]")).isInstanceOf(IOException.class)
                .hasMessageContaining("without an id");
        assertThatThrownBy(() -> Bypass4netnsdClient.parseList("[] trailing")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Bypass4netnsdClient.parseList("")).isInstanceOf(IOException.class);
        assertThat(Bypass4netnsdClient.message("404 page not found\n")).isEqualTo("404 page not found");
        assertThat(Bypass4netnsdClient.message("")).isEqualTo("no message");
    }

    /**
     * Starts the stand-in with its sockets in {@code tmp} and returns the API socket once it accepts. The
     * stand-in listens on the API socket before it creates the com socket, so the com socket's appearance
     * (watched, not polled) means the API is ready.
     */
    private Path startStandin() throws Exception {
        Path socket = tmp.resolve("b.sock");
        Path com = tmp.resolve("c.sock");
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            ProcessBuilder pb = new ProcessBuilder("python3", STANDIN.toString(), "--socket=" + socket,
                    "--com-socket=" + com).redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile());
            pb.environment().put("XDG_RUNTIME_DIR", tmp.toString());
            daemon = pb.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(com)) {
                WatchKey key = watch.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (key == null || !daemon.isAlive()) {
                    throw new AssertionError("the stand-in did not come up: "
                            + Files.readString(tmp.resolve("daemon.log")));
                }
                key.pollEvents();
                key.reset();
            }
        }
        return socket;
    }

    private static void post(Path socket, String spec) throws IOException {
        UnixHttp.Response r = UnixHttp.request(socket, "POST", "/v1/bypass", spec, Duration.ofSeconds(5));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(), Map.class))
                .containsKeys("id", "pid", "spec");
    }

    /** A unix socket that answers one request with this status and body; listening before this returns. */
    private Path oneShotServer(String status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String response = "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\nDate: Thu, 04 Dec 2025 19:44:00 GMT\r\n\r\n" + body;
        Path socket = tmp.resolve("one-shot.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            try (server; SocketChannel ch = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                StringBuilder request = new StringBuilder();
                while (!request.toString().contains("\r\n\r\n") && ch.read(in) > 0) {
                    in.flip();
                    request.append(StandardCharsets.US_ASCII.decode(in));
                    in.clear();
                }
                ch.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // the client sees the closed connection
            }
        }, "one-shot-http");
        t.setDaemon(true);
        t.start();
        return socket;
    }
}
