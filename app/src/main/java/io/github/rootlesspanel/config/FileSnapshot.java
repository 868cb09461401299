package io.github.rootlesspanel.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A file as it was read: its bytes (or that it did not exist). Writing through {@link AtomicFile}
 * compares the file on disk with this first, so a change made meanwhile is never overwritten silently.
 * Every file the panel reads this way is text: bytes that are not UTF-8, or a NUL, are refused here with
 * their line and column, so no decoder ever turns them into U+FFFD that a later write would make permanent.
 * A symbolic link is read (and written, see {@link AtomicFile}) through to its target.
 */
public record FileSnapshot(Path path, Optional<byte[]> content) {

    /** Largest file the panel reads; unit files and configs are tiny, a huge one is a mistake. */
    public static final long MAX_SIZE = 4L << 20;

    /** A file that exists but is not UTF-8 text without NUL bytes; nothing is written over it. */
    public static final class NotTextException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        NotTextException(Path path, int line, int column, String what) {
            super(path + " is not a text file the panel can edit (line " + line + ", column " + column + ": " + what
                    + "); nothing was written. Fix or remove it by hand.");
            this.line = line;
            this.column = column;
        }

        /** 1-based line of the first bad byte. */
        public int line() {
            return line;
        }

        /** 1-based column (in characters) of the first bad byte. */
        public int column() {
            return column;
        }
    }

    public static FileSnapshot read(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new FileSnapshot(path, Optional.empty());
        }
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            throw new IOException(path + " is a symbolic link to " + Files.readSymbolicLink(path)
                    + ", which does not exist (or is a loop); nothing was read or written");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file; nothing was read or written");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            // read one byte more than allowed: the size may change between a stat and the read
            bytes = in.readNBytes((int) MAX_SIZE + 1);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + path + ": permission denied (" + modeOf(path)
                    + "); nothing was written", e);
        } catch (NoSuchFileException e) {
            return new FileSnapshot(path, Optional.empty());
        } catch (FileSystemException e) {
            throw new IOException("cannot read " + path + ": " + e.getReason() + "; nothing was written", e);
        }
        if (bytes.length > MAX_SIZE) {
            throw new IOException(path + " is larger than " + (MAX_SIZE >> 20) + " MiB; refusing to read it "
                    + "(a config file this big is a mistake); nothing was written");
        }
        checkText(path, bytes);
        return new FileSnapshot(path, Optional.of(bytes));
    }

    private static String modeOf(Path p) {
        try {
            return "owner " + Files.getOwner(p).getName() + ", mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException | UnsupportedOperationException e) {
            return "mode unknown";
        }
    }

    /** Refuses bytes that are not UTF-8, or contain NUL, naming the first bad place. */
    static void checkText(Path path, byte[] bytes) throws NotTextException {
        int bad = -1;
        String what = null;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                bad = i;
                what = "a NUL byte";
                break;
            }
        }
        int end = bad >= 0 ? bad : bytes.length;
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
        CoderResult r = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(end + 1), true);
        if (r.isError()) {
            bad = in.position();
            what = String.format("byte 0x%02x is not valid UTF-8", bytes[bad] & 0xff);
        }
        if (bad < 0) {
            return;
        }
        // the bytes before `bad` are valid UTF-8: count lines and characters over them
        String before = new String(bytes, 0, bad, StandardCharsets.UTF_8);
        int nl = before.lastIndexOf('\n');
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = before.codePointCount(nl + 1, before.length()) + 1;
        throw new NotTextException(path, line, column, what);
    }

    public boolean exists() {
        return content.isPresent();
    }

    public String text() {
        return content.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }

    public boolean sameAs(byte[] other) {
        return content.isPresent() && Arrays.equals(content.get(), other);
    }

    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return content.map(b -> HexFormat.of().formatHex(md.digest(b))).orElse("absent");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSnapshot s && s.path.equals(path) && s.sha256().equals(sha256());
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + sha256().hashCode();
    }

    @Override
    public String toString() {
        return "FileSnapshot[" + path + ", " + (exists() ? content.get().length + " bytes" : "absent") + "]";
    }
}
