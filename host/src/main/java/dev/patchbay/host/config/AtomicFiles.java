package dev.patchbay.host.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file's content so that a crash at any moment leaves either the old or the new content,
 * never a mix: the new content goes to a temporary file in the same directory, is forced to disk, and
 * is renamed over the target with an atomic move. The one way Patchbay replaces a file: the configuration
 * editor and the checkpoint store both write through it.
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
     * Writes {@code content} to {@code target} atomically and durably: the temporary file, named
     * {@code .<name>.<random>.tmp} and created exclusively so that concurrent writers never share one, is
     * forced to disk before the rename, and the folder is forced after it. An existing target keeps its POSIX
     * permissions; a new one gets those of any new file in its folder (the umask), as if written in place.
     *
     * @throws IOException if any step up to the rename fails, naming the target, the step and the cause; the
     *                     target is then unchanged and the temporary file removed
     */
    public void write(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        String step = "create its folder";
        try {
            Files.createDirectories(directory);
            step = "create a temporary file next to it";
            temporary = createTemporary(directory, absolute.getFileName().toString());
            step = "write and sync the temporary file '" + temporary + "'";
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            step = "copy its permissions to the temporary file '" + temporary + "'";
            copyPermissions(absolute, temporary);
            step = "rename the temporary file '" + temporary + "' over it";
            mover.move(temporary, absolute);
            temporary = null;
        } catch (IOException e) {
            IOException failure = new IOException("cannot write '" + absolute + "': could not " + step + " (" + e
                    + "); the file is unchanged; check that '" + directory + "' is a writable folder with free space",
                    e);
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
        syncDirectory(directory, absolute);
    }

    // CREATE_NEW fails rather than reuse a name, and gives the file the default permissions (createTempFile
    // would make it rw------- whatever the umask).
    private static Path createTemporary(Path directory, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path temporary = directory.resolve("." + name + "." + Long.toUnsignedString(
                    ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temporary;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
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

    // Makes the rename itself durable. Not every platform can open a folder for syncing (Windows cannot); the
    // rename is still atomic there, only its durability across a power cut is weaker. A folder that opens but
    // fails to sync is a disk error: the new content is in place, so it is reported rather than thrown, and a
    // caller's "unchanged" would be wrong.
    private static void syncDirectory(Path directory, Path target) {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            LOG.debug("Could not sync folder {} after an atomic rename; the platform does not support it: {}",
                    directory, e.toString());
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            LOG.warn("'{}' was replaced, but its folder '{}' could not be synced ({}); the new content may not "
                    + "survive a power cut: check the disk", target, directory, e.toString());
        }
    }
}
