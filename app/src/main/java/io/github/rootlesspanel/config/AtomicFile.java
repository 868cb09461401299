package io.github.rootlesspanel.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import io.github.rootlesspanel.host.Identity;

/**
 * Every file the panel writes goes through here: compare with what was read, keep the previous
 * version as {@code NAME.bak}, write a temporary file in the same directory, fsync it, rename it over
 * the target (atomic on one file system), fsync the directory. A reader sees the old or the new file,
 * never a part of one; the .bak is made the same way, so it too is always a complete file.
 *
 * <p>A process killed mid-write can leave its temporary file {@code .NAME.PID.RANDOM.tmp} behind. No reader of
 * these files looks at it (systemd loads only {@code *.service}/{@code *.conf}, containerd and nerdctl their one
 * file name); the next write of the same file removes the ones whose process is gone.
 *
 * <p>A symbolic link (dotfiles managers link config.toml) is written through: the link stays, its target is
 * replaced atomically (the temporary file next to the target, so the rename stays on one file system), and the
 * .bak is kept beside the link, where the panel looks for it. A file owned by another user is refused:
 * renaming over it would succeed in a directory the user owns and silently make the file the user's.
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
     *
     * @throws ChangedOnDiskException when the file changed since {@code expected} was read (nothing written)
     * @throws IOException with a sentence for the user (disk full, read-only, another user's file); the file is as
     *                     it was
     */
    public static FileSnapshot write(FileSnapshot expected, byte[] content, Set<PosixFilePermission> mode)
            throws IOException {
        Path target = expected.path();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (FileSystemException e) {
            throw failed(target, e);
        }
        FileSnapshot now = FileSnapshot.read(target);
        if (!now.equals(expected)) {
            throw new ChangedOnDiskException(target);
        }
        Path real = now.exists() ? ours(target) : target;
        try {
            Set<PosixFilePermission> keep = now.exists() ? kept(real, mode) : mode;
            if (now.exists()) {
                writeReplacing(backupOf(target), now.content().get(), keep);
            }
            writeReplacing(real, content, keep);
        } catch (FileSystemException e) {
            throw failed(target, e);
        } catch (IOException e) {
            throw new IOException("could not write " + target + ": " + e.getMessage() + "; the file is unchanged", e);
        }
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
            ours(target);
            try {
                writeReplacing(backupOf(target), now.content().get(), null);
                Files.delete(target); // a link: the link goes, its target stays
            } catch (FileSystemException e) {
                throw failed(target, e);
            }
            fsyncDirectory(target.toAbsolutePath().getParent());
        }
    }

    public static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

    /** The file to replace (a link's final target), refused unless it belongs to the user running the panel. */
    private static Path ours(Path target) throws IOException {
        Path real = Files.isSymbolicLink(target) ? target.toRealPath() : target;
        int owner = (Integer) Files.getAttribute(real, "unix:uid");
        int me = Identity.effectiveUid();
        if (owner != me) {
            String name = Files.getOwner(real).getName();
            throw new IOException(real + " belongs to " + name + " (uid " + owner + "), not to you (uid " + me
                    + "); Rootless Panel does not take over another user's file. Nothing was written. "
                    + "Give it back (chown) or remove it, then try again.");
        }
        return real;
    }

    /**
     * The mode a replaced file keeps: the user's (a config.toml made 0600 stays 0600), plus the execute bits when
     * the caller writes an executable.
     */
    private static Set<PosixFilePermission> kept(Path real, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> m = java.util.EnumSet.noneOf(PosixFilePermission.class);
        m.addAll(Files.getPosixFilePermissions(real));
        if (mode != null && mode.contains(PosixFilePermission.OWNER_EXECUTE)) {
            m.addAll(EXECUTABLE);
        }
        return m;
    }

    private static IOException failed(Path target, FileSystemException e) {
        String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        if (e instanceof java.nio.file.AccessDeniedException) {
            Path where = e.getFile() != null ? Path.of(e.getFile()).toAbsolutePath().getParent() : null;
            reason = "permission denied" + (where != null ? " in " + where : "") + " (is the directory read-only?)";
        }
        return new IOException("could not write " + target + ": " + reason + "; the file is unchanged", e);
    }

    private static void writeReplacing(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        removeStaleTemps(dir, target.getFileName().toString());
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".",
                ".tmp");
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

    /** Temporary files of {@code name} left by a writer that was killed: their PID is gone. */
    static void removeStaleTemps(Path dir, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".tmp");
        })) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot <= 0 || !rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
                    continue; // not ours (e.g. the .bak's temporary file, which has its own prefix)
                }
                long pid = Long.parseLong(rest.substring(0, dot));
                if (ProcessHandle.of(pid).isEmpty() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: a stale temporary file harms no reader
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
