package dev.patchbay.plugins.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * An output file that sinks format text into. Encoded text collects in {@link #text()}; whole records
 * are written in large chunks, and {@link #flush()} makes everything durable with
 * {@code FileChannel.force(true)}.
 *
 * <p>The file is opened with CREATE and APPEND, so existing data is never lost, or with
 * TRUNCATE_EXISTING when the operator chose {@code mode: overwrite}. With gzip, each flush finishes a
 * gzip member, so every flushed prefix of the file is a valid sequence of concatenated gzip members.
 * Not thread-safe: the host calls a sink from one thread at a time.
 */
final class FileOutput implements Closeable {

    private static final int DRAIN_BYTES = 1 << 17;

    private final Path path;
    private final FileChannel channel;
    private final boolean gzip;
    private final long initialSize;
    private final TextBuffer text;
    private final OutputStream channelStream;
    private GZIPOutputStream member;
    private boolean closed;

    private FileOutput(Path path, FileChannel channel, boolean gzip, Charset charset, long initialSize) {
        this.path = path;
        this.channel = channel;
        this.gzip = gzip;
        this.initialSize = initialSize;
        this.text = new TextBuffer(charset, DRAIN_BYTES + (1 << 12));
        this.channelStream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writeFully(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    /**
     * Opens a file for writing, creating it and its parent directories as needed.
     *
     * @param overwrite true to truncate an existing file, false to append to it
     */
    static FileOutput open(Path path, Charset charset, boolean gzip, boolean overwrite)
            throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean existed = Files.exists(path);
        FileChannel channel = overwrite
                ? FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)
                : FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
        try {
            if (!existed) {
                channel.force(true);
                syncDirectory(parent);
            }
            if (overwrite) {
                channel.position(0);
            }
            return new FileOutput(path, channel, gzip, charset, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
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

    Path path() {
        return path;
    }

    /** Returns the size the file had when it was opened, after truncation in overwrite mode. */
    long initialSize() {
        return initialSize;
    }

    /** Tells whether an existing plain file ends in the middle of a line, as after a crash mid-write. */
    boolean endsWithPartialLine() throws IOException {
        if (gzip || initialSize == 0) {
            return false;
        }
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            reader.read(last, initialSize - 1);
            return last.get(0) != '\n';
        }
    }

    /** Returns the buffer to append whole records to; call {@link #recordWritten()} after each. */
    TextBuffer text() {
        return text;
    }

    /** Writes the buffered text out once enough has collected. */
    void recordWritten() throws IOException {
        if (text.length >= DRAIN_BYTES) {
            drain();
        }
    }

    private void drain() throws IOException {
        int length = text.length;
        if (length == 0) {
            return;
        }
        if (gzip) {
            if (member == null) {
                member = new GZIPOutputStream(channelStream, 1 << 16);
            }
            member.write(text.bytes, 0, length);
        } else {
            writeFully(ByteBuffer.wrap(text.bytes, 0, length));
        }
        text.setLength(0);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Writes everything buffered, finishes the current gzip member and forces the file to disk. */
    void flush() throws IOException {
        drain();
        if (member != null) {
            GZIPOutputStream finished = member;
            member = null;
            finished.close();
        }
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
