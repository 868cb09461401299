package io.github.rootlesspanel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A file as it was read: its bytes (or that it did not exist). Writing through {@link AtomicFile}
 * compares the file on disk with this first, so a change made meanwhile is never overwritten silently.
 */
public record FileSnapshot(Path path, Optional<byte[]> content) {

    /** Largest file the panel reads; unit files and configs are tiny, a huge one is a mistake. */
    public static final long MAX_SIZE = 4L << 20;

    public static FileSnapshot read(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return new FileSnapshot(path, Optional.empty());
        }
        if (Files.isSymbolicLink(path)) {
            throw new IOException(path + " is a symbolic link; the panel does not write through links");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file");
        }
        if (Files.size(path) > MAX_SIZE) {
            throw new IOException(path + " is larger than " + (MAX_SIZE >> 20) + " MiB; refusing to read it");
        }
        return new FileSnapshot(path, Optional.of(Files.readAllBytes(path)));
    }

    public boolean exists() {
        return content.isPresent();
    }

    public String text() {
        return content.map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse("");
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
