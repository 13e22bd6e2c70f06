package dev.patchbay.plugins.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A sink's output file, opened for writing: parent directories created, a new file's directory entry made
 * durable, and in append mode the torn tail cut (see {@link TornTail}). Every I/O error passes through
 * {@link FileIOException#describe}.
 *
 * @param channel the file, open for writing
 * @param size its size, after truncation or repair
 * @param cut what was cut from its end, if anything
 * @param checked false when the file's charset does not allow a check (see {@link Units}), so nothing was
 *        checked
 */
record OpenedOutput(FileChannel channel, long size, Optional<TornTail.Cut> cut, boolean checked) {

    /** Opens the file's channels; {@link FileChannel#open(Path, OpenOption...)} outside tests. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    /**
     * Opens a file for writing.
     *
     * @param overwrite true to truncate an existing file, false to append to it after cutting its torn tail
     */
    static OpenedOutput open(Path path, Charset charset, boolean gzip, boolean overwrite, RecordEnds ends,
            Opener opener) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw FileIOException.describe(FileIOException.Operation.CREATE_DIRECTORIES, path, "", e);
            }
        }
        boolean existed = Files.exists(path);
        FileChannel channel;
        try {
            channel = overwrite
                    ? opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)
                    : opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.OPEN_OUTPUT, path, "", e);
        }
        try {
            if (!existed) {
                channel.force(true);
                syncDirectory(parent);
            }
            if (overwrite) {
                channel.position(0);
            }
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw FileIOException.describe(FileIOException.Operation.OPEN_OUTPUT, path, "making the new file durable",
                    e);
        }
        try {
            return overwrite || !existed ? new OpenedOutput(channel, channel.size(), Optional.empty(), true)
                    : repair(path, channel, charset, gzip, ends, opener);
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw FileIOException.describe(FileIOException.Operation.CHECK_TAIL, path, "", e);
        } catch (RuntimeException e) {
            closeAfterFailure(channel, e);
            throw e;
        }
    }

    private static OpenedOutput repair(Path path, FileChannel channel, Charset charset, boolean gzip, RecordEnds ends,
            Opener opener) throws IOException {
        long size = channel.size();
        Optional<Units> units = gzip ? Optional.empty() : Units.of(charset);
        if (!gzip && units.isEmpty()) {
            return new OpenedOutput(channel, size, Optional.empty(), false);
        }
        Optional<TornTail.Cut> cut;
        try (FileChannel reader = opener.open(path, StandardOpenOption.READ)) {
            cut = gzip ? TornTail.ofGzip(path, reader, size) : TornTail.ofText(reader, size, units.get(), ends);
        }
        if (cut.isEmpty()) {
            return new OpenedOutput(channel, size, cut, true);
        }
        long offset = cut.get().offset();
        try {
            channel.truncate(offset);
            // Durable before anything is appended, so that a crash now cannot leave new records behind the tear.
            channel.force(true);
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.TRUNCATE, path, "to " + offset + " bytes,"
                    + " cutting a torn tail", e);
        }
        return new OpenedOutput(channel, offset, cut, true);
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Makes a new file's directory entry durable; only POSIX systems can open a directory for this. */
    private static void syncDirectory(Path directory) throws IOException {
        if (directory == null || System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
