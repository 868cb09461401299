package io.github.rootlesspanel.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Every file the panel writes goes through here: compare with what was read, keep the previous
 * version as {@code NAME.bak}, write a temporary file in the same directory, fsync it, rename it over
 * the target (atomic on one file system), fsync the directory. A reader sees the old or the new file,
 * never a part of one.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** Where the previous version of a file is kept. */
    public static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    /**
     * Writes {@code content} to {@code expected.path()} if the file still is what {@code expected} says.
     * Returns the snapshot of the new file.
     */
    public static FileSnapshot write(FileSnapshot expected, byte[] content, Set<PosixFilePermission> mode)
            throws IOException {
        Path target = expected.path();
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileSnapshot now = FileSnapshot.read(target);
        if (!now.equals(expected)) {
            throw new ChangedOnDiskException(target);
        }
        if (now.exists()) {
            writeReplacing(backupOf(target), now.content().get(), mode);
        }
        writeReplacing(target, content, mode);
        return new FileSnapshot(target, Optional.of(content.clone()));
    }

    /** Deletes the file if it still is what {@code expected} says, keeping it as {@code NAME.bak}. */
    public static void delete(FileSnapshot expected) throws IOException {
        Path target = expected.path();
        FileSnapshot now = FileSnapshot.read(target);
        if (!now.equals(expected)) {
            throw new ChangedOnDiskException(target);
        }
        if (now.exists()) {
            writeReplacing(backupOf(target), now.content().get(), null);
            Files.delete(target);
            fsyncDirectory(target.toAbsolutePath().getParent());
        }
    }

    public static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    private static void writeReplacing(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, mode != null ? mode : REGULAR);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + target + " atomically", e);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every file system lets a directory be synced; the rename is still atomic
        }
    }
}
