package io.github.rootlesspanel.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

/**
 * The encoder's output read back by a decoder written here from the PNG specification (signature, chunk lengths
 * and CRCs, IHDR, IDAT inflated and unfiltered): no AWT or ImageIO in this code base, tests included, so the
 * JavaFX tests in the same JVM never meet a second toolkit.
 */
class PngEncoderTest {

    record Chunk(String type, byte[] data) {
    }

    static List<Chunk> chunks(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        byte[] sig = new byte[8];
        b.get(sig);
        assertThat(sig).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        List<Chunk> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int len = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            byte[] data = new byte[len];
            b.get(data);
            long crc = Integer.toUnsignedLong(b.getInt());
            CRC32 c = new CRC32();
            c.update(type);
            c.update(data);
            String t = new String(type, StandardCharsets.US_ASCII);
            assertThat(crc).as("CRC of %s", t).isEqualTo(c.getValue());
            out.add(new Chunk(t, data));
        }
        return out;
    }

    /** Decodes an 8-bit RGBA PNG back to ARGB ints. */
    static int[] decode(byte[] png, int width, int height) throws Exception {
        List<Chunk> cs = chunks(png);
        assertThat(cs.get(0).type()).isEqualTo("IHDR");
        ByteBuffer h = ByteBuffer.wrap(cs.get(0).data());
        assertThat(h.getInt()).isEqualTo(width);
        assertThat(h.getInt()).isEqualTo(height);
        assertThat(new byte[] {h.get(), h.get(), h.get(), h.get(), h.get()}).containsExactly(8, 6, 0, 0, 0);
        assertThat(cs.get(cs.size() - 1).type()).isEqualTo("IEND");
        assertThat(cs.get(cs.size() - 1).data()).isEmpty();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        for (Chunk c : cs.subList(1, cs.size() - 1)) {
            assertThat(c.type()).isEqualTo("IDAT");
            z.write(c.data());
        }
        Inflater inf = new Inflater();
        inf.setInput(z.toByteArray());
        int stride = width * 4;
        byte[] raw = new byte[height * (stride + 1)];
        int n = 0;
        while (n < raw.length && !inf.finished()) {
            n += inf.inflate(raw, n, raw.length - n);
        }
        assertThat(n).isEqualTo(raw.length);
        assertThat(inf.finished()).isTrue();
        inf.end();
        int[] out = new int[width * height];
        byte[] prev = new byte[stride];
        byte[] cur = new byte[stride];
        for (int y = 0; y < height; y++) {
            int f = raw[y * (stride + 1)];
            assertThat(f).isBetween(0, 4);
            for (int i = 0; i < stride; i++) {
                int x = raw[y * (stride + 1) + 1 + i] & 0xff;
                int a = i >= 4 ? cur[i - 4] & 0xff : 0;
                int b = prev[i] & 0xff;
                int c = i >= 4 ? prev[i - 4] & 0xff : 0;
                int pred = f == 0 ? 0 : f == 1 ? a : f == 2 ? b : f == 3 ? (a + b) / 2 : PngEncoder.paeth(a, b, c);
                cur[i] = (byte) (x + pred);
            }
            for (int x = 0; x < width; x++) {
                int i = x * 4;
                out[y * width + x] = (cur[i + 3] & 0xff) << 24 | (cur[i] & 0xff) << 16 | (cur[i + 1] & 0xff) << 8
                        | (cur[i + 2] & 0xff);
            }
            byte[] t = prev;
            prev = cur;
            cur = t;
        }
        return out;
    }

    @Test
    void smallImageRoundTrips() throws Exception {
        int w = 7;
        int h = 5;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (0x40 + 30 * x) << 24 | (x * 36) << 16 | (y * 60) << 8 | ((x + y) * 20);
            }
        }
        px[0] = 0x00000000;
        px[1] = 0xffffffff;
        byte[] png = PngEncoder.encode(w, h, px);
        assertThat(decode(png, w, h)).isEqualTo(px);
    }

    @Test
    void largeNoisyImageUsesSeveralIdatChunksAndRoundTrips() throws Exception {
        int w = 300;
        int h = 200;
        int[] px = new int[w * h];
        Random r = new Random(42);
        for (int i = 0; i < px.length; i++) {
            // noise in the lower half (incompressible), flat gradients above: every filter gets used
            px[i] = i < px.length / 2 ? 0xff000000 | (i % w) * 0x010101 : r.nextInt();
        }
        byte[] png = PngEncoder.encode(w, h, px);
        assertThat(chunks(png).stream().filter(c -> c.type().equals("IDAT")).count()).isGreaterThan(1);
        assertThat(decode(png, w, h)).isEqualTo(px);
    }

    @Test
    void flatDiagramsCompressWell() throws Exception {
        int w = 800;
        int h = 600;
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, 0xffffffff);
        for (int x = 100; x < 700; x++) {
            px[300 * w + x] = 0xff1565c0;
        }
        byte[] png = PngEncoder.encode(w, h, px);
        assertThat(png.length).isLessThan(10_000);
        assertThat(decode(png, w, h)).isEqualTo(px);
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> PngEncoder.encode(2, 2, new int[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PngEncoder.encode(0, 0, new int[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
