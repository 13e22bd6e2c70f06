package dev.patchbay.plugins.files;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * A byte buffer over a file, plain or gzip-compressed, that knows the input offset of every byte it
 * holds. Offsets count bytes of the decompressed (and, for charsets that are not ASCII-compatible,
 * UTF-8 re-encoded) stream, so for a plain file in an ASCII-compatible charset they are file offsets.
 *
 * <p>Parsers read {@link #buf} between {@link #pos} and {@link #limit} directly, advance {@link #pos}
 * past whole records, and call {@link #fill()} when a record is incomplete. Filling moves the unread
 * bytes to the start of the buffer, so indexes into the buffer are only valid until the next fill.
 *
 * <p>Every I/O error passes through {@link FileIOException#describe}, naming the file, the operation and
 * the fix. Not thread-safe: a source uses it from the polling thread only.
 */
final class FileInput implements Closeable {

    static final int INITIAL_BUFFER = 1 << 20;

    private final Path path;
    private final boolean gzip;
    private final FileChannel channel;
    /** The decompressing and/or transcoding stream over the channel; null to read the channel directly. */
    private final InputStream stream;
    private final Utf8Transcoder transcoder;
    private final int maxRecordBytes;

    byte[] buf;
    int pos;
    int limit;
    private long bufferOffset;

    private FileInput(Path path, boolean gzip, FileChannel channel, InputStream stream, Utf8Transcoder transcoder,
            int bufferSize, int maxRecordBytes) {
        this.path = path;
        this.gzip = gzip;
        this.channel = channel;
        this.stream = stream;
        this.transcoder = transcoder;
        this.buf = new byte[bufferSize];
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Opens a file.
     *
     * @param gzip whether to decompress
     * @param transcodeFrom null to read bytes as they are, or a charset that is not ASCII-compatible to
     *        re-encode as UTF-8 (offsets then count bytes of the UTF-8 text)
     */
    static FileInput open(Path path, boolean gzip, Charset transcodeFrom, int bufferSize, int maxRecordBytes)
            throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.OPEN_INPUT, path, "", e);
        }
        try {
            InputStream stream = gzip ? new GZIPInputStream(Channels.newInputStream(channel), 1 << 16) : null;
            if (stream == null) {
                // A directory opens for reading on Linux and fails only at the first read: fail here, at start-up.
                probe(path, channel);
            }
            Utf8Transcoder transcoder = null;
            if (transcodeFrom != null) {
                transcoder = new Utf8Transcoder(stream != null ? stream
                        : new BufferedInputStream(Channels.newInputStream(channel), 1 << 16), transcodeFrom);
                stream = transcoder;
            }
            return new FileInput(path, gzip, channel, stream, transcoder, bufferSize, maxRecordBytes);
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw FileIOException.describe(FileIOException.Operation.OPEN_INPUT, path, "", e);
        } catch (RuntimeException e) {
            closeAfterFailure(channel, e);
            throw e;
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void probe(Path path, FileChannel channel) throws IOException {
        try {
            channel.read(ByteBuffer.allocate(1), 0);
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.READ, path, "at byte 0", e);
        }
    }

    Path path() {
        return path;
    }

    /** Tells whether offsets are file offsets, so that seeking and size checks apply. */
    boolean seekable() {
        return stream == null;
    }

    /**
     * Tells whether the transcoded input held bytes invalid for its charset between {@link #offset()} and
     * the buffer index {@code end}, and forgets those found before {@code end}.
     *
     * @return the number of invalid source bytes found there, 0 if none
     */
    int takeMalformedBefore(int end) {
        if (transcoder == null) {
            return 0;
        }
        long start = offset();
        long stop = bufferOffset + end;
        int found = 0;
        while (transcoder.nextMalformed() < stop) {
            long at = transcoder.nextMalformed();
            int length = transcoder.takeMalformed();
            if (at >= start) {
                found += length;
            }
        }
        return found;
    }

    /** Returns the input offset of the byte at {@link #pos}. */
    long offset() {
        return bufferOffset + pos;
    }

    /** Returns the input offset just after the last byte read so far. */
    long readOffset() {
        return bufferOffset + limit;
    }

    /** Returns the current size of the file on disk (compressed size for gzip). */
    long fileSize() throws IOException {
        try {
            return channel.size();
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.READ, path, "its size", e);
        }
    }

    /**
     * Reads more bytes after {@link #limit}, keeping the unread bytes from {@link #pos}.
     *
     * @return false if the input has no more bytes for now (at the end of the file)
     * @throws RecordTooLongException if the unread bytes already fill the largest allowed buffer
     */
    boolean fill() throws IOException, RecordTooLongException {
        if (pos > 0) {
            int unread = limit - pos;
            System.arraycopy(buf, pos, buf, 0, unread);
            bufferOffset += pos;
            limit = unread;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= maxRecordBytes) {
                throw new RecordTooLongException(maxRecordBytes);
            }
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, maxRecordBytes)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n;
        try {
            n = read(buf, limit, buf.length - limit);
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.READ, path, where(readOffset()), e);
        }
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /**
     * Moves forward to an input offset: seeks in a plain file, decompresses and discards for gzip.
     *
     * @return false if the input ends before the offset
     */
    boolean seek(long target) throws IOException {
        try {
            return seekTo(target);
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.READ, path, "moving to " + where(target)
                    + " to resume", e);
        }
    }

    /** Names an input offset: a byte of the file, or of the stream decoded from it. */
    private String where(long offset) {
        return seekable() ? "at byte " + offset : gzip ? "after " + offset + " decompressed bytes"
                : "after " + offset + " bytes of the text re-encoded as UTF-8";
    }

    private boolean seekTo(long target) throws IOException {
        if (target < offset()) {
            throw new IllegalArgumentException("cannot move back from offset " + offset() + " to " + target);
        }
        if (target <= readOffset()) {
            pos = (int) (target - bufferOffset);
            return true;
        }
        if (stream == null) {
            if (target > channel.size()) {
                return false;
            }
            channel.position(target);
            bufferOffset = target;
            pos = 0;
            limit = 0;
            return true;
        }
        bufferOffset = readOffset();
        pos = 0;
        limit = 0;
        while (bufferOffset < target) {
            int n = stream.read(buf, 0, (int) Math.min(buf.length, target - bufferOffset));
            if (n < 0) {
                return false;
            }
            bufferOffset += n;
        }
        return true;
    }

    private int read(byte[] into, int offset, int length) throws IOException {
        if (stream != null) {
            return stream.read(into, offset, length);
        }
        return channel.read(ByteBuffer.wrap(into, offset, length));
    }

    @Override
    public void close() throws IOException {
        try {
            if (stream != null) {
                stream.close();
            }
            channel.close();
        } catch (IOException e) {
            throw FileIOException.describe(FileIOException.Operation.CLOSE, path, "", e);
        }
    }

    /** The unread bytes of one record fill the largest buffer a source allows. */
    static final class RecordTooLongException extends Exception {

        private static final long serialVersionUID = 1L;

        RecordTooLongException(int maxBytes) {
            super("a record is longer than " + maxBytes + " bytes");
        }
    }
}
