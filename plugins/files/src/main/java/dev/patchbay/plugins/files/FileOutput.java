package dev.patchbay.plugins.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * An output file that sinks format text into. Encoded text collects in {@link #text()}; whole records
 * are written in large chunks, and {@link #flush()} makes everything durable with
 * {@code FileChannel.force(true)}.
 *
 * <p>The file is opened with CREATE and APPEND, so existing data is never lost, or with
 * TRUNCATE_EXISTING when the operator chose {@code mode: overwrite}. With gzip, each flush finishes a
 * gzip member, so every flushed prefix of the file is a valid sequence of concatenated gzip members.
 * Before appending, a torn tail (see {@link TornTail}) is cut, so that new records never follow a torn one.
 *
 * <p>Every I/O error passes through {@link FileIOException#describe}. After one, nothing more is written:
 * what a failed write left is a torn tail that the next open cuts, and writing the buffer again behind it
 * would put a torn record in the middle of the file. Not thread-safe: the host calls a sink from one
 * thread at a time.
 */
final class FileOutput implements Closeable {

    private static final int DRAIN_BYTES = 1 << 17;

    private final Path path;
    private final FileChannel channel;
    private final boolean gzip;
    private final long initialSize;
    private final TextBuffer text;
    /** For charsets that are not ASCII-compatible: the text is formatted as UTF-8 and re-encoded. */
    private final CharsetEncoder target;
    private CharBuffer transcodeChars;
    private ByteBuffer transcodeBytes;
    private final OutputStream channelStream;
    private final Optional<TornTail.Cut> repaired;
    private final boolean tailChecked;
    private GZIPOutputStream member;
    /** Records in {@link #text}, and records written since the last flush: for error messages. */
    private int bufferedRecords;
    private long unflushedRecords;
    private boolean failed;
    private boolean closed;

    private FileOutput(Path path, OpenedOutput opened, boolean gzip, Charset charset) {
        this.path = path;
        this.channel = opened.channel();
        this.gzip = gzip;
        this.initialSize = opened.size();
        this.repaired = opened.cut();
        this.tailChecked = opened.checked();
        boolean direct = Options.isAsciiCompatible(charset);
        this.text = new TextBuffer(direct ? charset : StandardCharsets.UTF_8, DRAIN_BYTES + (1 << 12));
        if (direct) {
            this.target = null;
        } else {
            // Java's UTF-16 encoder starts with a byte order mark; when appending, keep its byte order
            // (big-endian) without a second mark in the middle of the file.
            Charset effective = initialSize > 0 && charset.name().equals("UTF-16") ? StandardCharsets.UTF_16BE
                    : charset;
            this.target = effective.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        this.channelStream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!failed) {
                    writeFully(ByteBuffer.wrap(b, off, len));
                }
                // After a failure only close() finishes the member, to release its deflater; nothing is written.
            }
        };
    }

    /**
     * Opens a file for writing, creating it and its parent directories as needed; in append mode, first cuts
     * a torn tail.
     *
     * @param overwrite true to truncate an existing file, false to append to it
     * @param ends how the sink's records end, to tell a torn tail from a complete record
     */
    static FileOutput open(Path path, Charset charset, boolean gzip, boolean overwrite, RecordEnds ends)
            throws IOException {
        return open(path, charset, gzip, overwrite, ends, FileChannel::open);
    }

    /** The same, opening the channels with {@code opener}. */
    static FileOutput open(Path path, Charset charset, boolean gzip, boolean overwrite, RecordEnds ends,
            OpenedOutput.Opener opener) throws IOException {
        return new FileOutput(path, OpenedOutput.open(path, charset, gzip, overwrite, ends, opener), gzip, charset);
    }

    Path path() {
        return path;
    }

    /** Returns the size the file had when it was opened, after truncation in overwrite mode. */
    long initialSize() {
        return initialSize;
    }

    /** Returns the torn tail cut before appending, if there was one. */
    Optional<TornTail.Cut> repaired() {
        return repaired;
    }

    /**
     * Tells whether the existing file could be checked for a torn tail; false only for charsets whose
     * line breaks cannot be found without decoding (see {@link Units}).
     */
    boolean tailChecked() {
        return tailChecked;
    }

    /** Returns the buffer to append whole records to; call {@link #recordWritten()} after each. */
    TextBuffer text() {
        return text;
    }

    /** Writes the buffered text out once enough has collected. */
    void recordWritten() throws IOException {
        bufferedRecords++;
        unflushedRecords++;
        if (text.length >= DRAIN_BYTES) {
            checkNotFailed();
            try {
                drain();
            } catch (IOException e) {
                throw failure(FileIOException.Operation.WRITE, "a chunk of " + bufferedRecords + " records", e);
            }
        }
    }

    private void checkNotFailed() throws FileIOException {
        if (failed) {
            throw new FileIOException("cannot write '" + path + "': an earlier write to it failed; restart the"
                    + " pipeline, which cuts what the failed write tore before it appends");
        }
    }

    /** Describes an I/O error and stops all further writing; a problem in the text itself writes nothing. */
    private IOException failure(FileIOException.Operation operation, String detail, IOException e) {
        if (!(e instanceof FileIOException)) {
            failed = true;
        }
        return FileIOException.describe(operation, path, detail, e);
    }

    private void drain() throws IOException {
        int length = text.length;
        if (length == 0) {
            return;
        }
        byte[] bytes = text.bytes;
        int count = length;
        if (target != null) {
            ByteBuffer encoded = transcode(length);
            bytes = encoded.array();
            count = encoded.limit();
        }
        if (gzip) {
            if (member == null) {
                member = new GZIPOutputStream(channelStream, 1 << 16);
            }
            member.write(bytes, 0, count);
        } else {
            writeFully(ByteBuffer.wrap(bytes, 0, count));
        }
        text.setLength(0);
        bufferedRecords = 0;
    }

    /** Re-encodes the UTF-8 text in the target charset; whole records only, so no character is split. */
    private ByteBuffer transcode(int length) throws IOException {
        CharBuffer chars = transcodeChars;
        if (chars == null || chars.capacity() < length) {
            chars = CharBuffer.allocate(Math.max(length, DRAIN_BYTES + (1 << 12)));
            transcodeChars = chars;
        }
        chars.clear();
        CoderResult decoded = StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(text.bytes, 0, length), chars, true);
        if (decoded.isError() || decoded.isOverflow()) {
            throw new IllegalStateException("the formatted text is not valid UTF-8: " + decoded);
        }
        chars.flip();
        int needed = (int) Math.ceil(chars.remaining() * (double) target.maxBytesPerChar()) + 16;
        ByteBuffer bytes = transcodeBytes;
        if (bytes == null || bytes.capacity() < needed) {
            bytes = ByteBuffer.allocate(needed);
            transcodeBytes = bytes;
        }
        bytes.clear();
        CoderResult encoded = target.encode(chars, bytes, false);
        if (encoded.isError()) {
            int codePoint = Character.codePointAt(chars, 0);
            text.setLength(0);
            bufferedRecords = 0;
            throw new FileIOException("cannot write character U+" + String.format("%04X", codePoint) + " to '" + path
                    + "' in charset " + target.charset().name() + "; set \"charset\" to one that can represent it,"
                    + " such as UTF-8");
        }
        bytes.flip();
        return bytes;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Writes everything buffered, finishes the current gzip member and forces the file to disk. */
    void flush() throws IOException {
        checkNotFailed();
        try {
            drain();
            if (member != null) {
                GZIPOutputStream finished = member;
                member = null;
                finished.close();
            }
            channel.force(true);
            unflushedRecords = 0;
        } catch (IOException e) {
            throw failure(FileIOException.Operation.FLUSH, "flush of " + unflushedRecords + " records", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed) {
                flush();
            } else if (member != null) {
                // Releases the deflater's native memory; the stream writes nothing after a failure.
                member.close();
            }
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                throw FileIOException.describe(FileIOException.Operation.CLOSE, path, "", e);
            }
        }
    }
}
