package io.github.rootlesspanel.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes pixels as a PNG (8-bit RGBA, non-interlaced) with {@link Deflater} and {@link CRC32} only — the panel
 * must not touch AWT or ImageIO (a second toolkit), and JavaFX can give us the pixels of a snapshot as ARGB ints.
 * Each row gets the filter (None, Sub, Up, Average or Paeth) with the smallest sum of absolute values, the usual
 * heuristic, which keeps diagrams with large flat areas small.
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** IDAT is written in pieces of this size so no single chunk gets huge. */
    static final int IDAT_CHUNK = 64 * 1024;

    private PngEncoder() {
    }

    /**
     * @param width  pixels per row, at least 1
     * @param height rows, at least 1
     * @param argb   {@code width * height} pixels, row by row, as {@code 0xAARRGGBB} (JavaFX's
     *               {@code PixelFormat.getIntArgbInstance()}, non-premultiplied)
     */
    public static byte[] encode(int width, int height, int[] argb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty image: " + width + "x" + height);
        }
        if ((long) width * height != argb.length) {
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels, got " + argb.length);
        }
        int stride = width * 4;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 64 * 1024)) {
            byte[] prev = new byte[stride];
            byte[] cur = new byte[stride];
            byte[][] filtered = new byte[5][stride + 1];
            for (int y = 0; y < height; y++) {
                int o = y * width;
                for (int x = 0; x < width; x++) {
                    int p = argb[o + x];
                    int i = x * 4;
                    cur[i] = (byte) (p >>> 16);
                    cur[i + 1] = (byte) (p >>> 8);
                    cur[i + 2] = (byte) p;
                    cur[i + 3] = (byte) (p >>> 24);
                }
                z.write(filtered[filter(cur, prev, filtered)]);
                byte[] t = prev;
                prev = cur;
                cur = t;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 64);
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // colour type: RGBA
        // compression 0 (deflate), filter method 0, interlace 0
        chunk(out, "IHDR", ihdr, 0, ihdr.length);
        byte[] data = idat.toByteArray();
        for (int off = 0; off < data.length; off += IDAT_CHUNK) {
            chunk(out, "IDAT", data, off, Math.min(IDAT_CHUNK, data.length - off));
        }
        chunk(out, "IEND", new byte[0], 0, 0);
        return out.toByteArray();
    }

    /** Fills {@code out[0..4]} with the row under each filter; returns the index of the one to use. */
    private static int filter(byte[] cur, byte[] prev, byte[][] out) {
        int n = cur.length;
        long[] cost = new long[5];
        for (int f = 0; f < 5; f++) {
            out[f][0] = (byte) f;
        }
        for (int i = 0; i < n; i++) {
            int x = cur[i] & 0xff;
            int a = i >= 4 ? cur[i - 4] & 0xff : 0;
            int b = prev[i] & 0xff;
            int c = i >= 4 ? prev[i - 4] & 0xff : 0;
            byte none = (byte) x;
            byte sub = (byte) (x - a);
            byte up = (byte) (x - b);
            byte avg = (byte) (x - ((a + b) >>> 1));
            byte paeth = (byte) (x - paeth(a, b, c));
            out[0][i + 1] = none;
            out[1][i + 1] = sub;
            out[2][i + 1] = up;
            out[3][i + 1] = avg;
            out[4][i + 1] = paeth;
            // signed bytes as distance from zero, the usual minimum-sum heuristic
            cost[0] += Math.abs((int) none);
            cost[1] += Math.abs((int) sub);
            cost[2] += Math.abs((int) up);
            cost[3] += Math.abs((int) avg);
            cost[4] += Math.abs((int) paeth);
        }
        int best = 0;
        for (int f = 1; f < 5; f++) {
            if (cost[f] < cost[best]) {
                best = f;
            }
        }
        return best;
    }

    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int off, int len) {
        byte[] head = new byte[8];
        putInt(head, 0, len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        out.write(head, 0, 8);
        out.write(data, off, len);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, off, len);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c, 0, 4);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
