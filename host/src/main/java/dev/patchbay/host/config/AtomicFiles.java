package dev.patchbay.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file's content so that a crash at any moment leaves either the old or the new content,
 * never a mix: the new content goes to a temporary file in the same directory, is forced to disk, and
 * is renamed over the target with an atomic move.
 */
public final class AtomicFiles {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** The final step, a seam so tests can simulate a crash before the rename. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    private final Mover mover;

    public AtomicFiles() {
        this((from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
    }

    AtomicFiles(Mover mover) {
        this.mover = Objects.requireNonNull(mover, "mover");
    }

    /**
     * Writes {@code content} to {@code target} atomically. The target keeps its POSIX permissions.
     *
     * @throws IOException if any step fails; the target is then unchanged and the temporary file removed
     */
    public void write(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            copyPermissions(absolute, temporary);
            mover.move(temporary, absolute);
            moved = true;
            syncDirectory(directory);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (target == null || !Files.exists(from)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(from);
        target.setPermissions(permissions);
    }

    // Makes the rename itself durable. Not every platform can open a directory for syncing (Windows
    // cannot); the rename is still atomic there, only its durability across a power cut is weaker.
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not sync directory {} after an atomic rename; the platform does not support it: {}",
                    directory, e.toString());
        }
    }
}
