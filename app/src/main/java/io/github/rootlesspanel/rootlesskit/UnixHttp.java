package io.github.rootlesspanel.rootlesskit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a unix socket, just enough for RootlessKit's and bypass4netnsd's small JSON APIs:
 * one request per connection, Content-Length or chunked bodies.
 */
public final class UnixHttp {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unix-http-watchdog");
        t.setDaemon(true);
        return t;
    });

    private UnixHttp() {
    }

    public record Response(int status, String body) { }

    public static Response get(Path socket, String path, Duration timeout) throws IOException {
        return request(socket, "GET", path, null, timeout);
    }

    public static Response request(Path socket, String method, String path, String jsonBody, Duration timeout)
            throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (jsonBody == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            if (body.length > 0) {
                ch.write(ByteBuffer.wrap(body));
            }
            ch.shutdownOutput();
            // a blocking read, bounded by a watchdog that closes the channel
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is all we wanted
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                byte[] raw = Channels.newInputStream(ch).readNBytes(1 << 20);
                return parse(raw);
            } catch (java.nio.channels.ClosedChannelException e) {
                throw new IOException("no answer from " + socket + " within " + timeout.toMillis() + " ms", e);
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    static Response parse(byte[] raw) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (!all.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("not an HTTP response");
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (String l : lines) {
            String lower = l.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] bodyBytes = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (chunked) {
            bodyBytes = dechunk(bodyBytes);
        }
        return new Response(status, new String(bodyBytes, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int lineEnd = indexOf(in, i);
            if (lineEnd < 0) {
                throw new IOException("bad chunked body");
            }
            String sizeText = new String(in, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            i = lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(in, i, Math.min(size, in.length - i));
            i += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
