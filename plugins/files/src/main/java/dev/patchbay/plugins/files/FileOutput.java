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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
    /** For charsets that are not ASCII-compatible: the text is formatted as UTF-8 and re-encoded. */
    private final CharsetEncoder target;
    private CharBuffer transcodeChars;
    private ByteBuffer transcodeBytes;
    private final OutputStream channelStream;
    private GZIPOutputStream member;
    private boolean closed;

    private FileOutput(Path path, FileChannel channel, boolean gzip, Charset charset, long initialSize) {
        this.path = path;
        this.channel = channel;
        this.gzip = gzip;
        this.initialSize = initialSize;
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
        byte[] lineBreak = "\n".getBytes(target == null ? text.charset() : target.charset());
        if (initialSize < lineBreak.length) {
            return true;
        }
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(lineBreak.length);
            while (last.hasRemaining() && reader.read(last, initialSize - lineBreak.length + last.position()) > 0) {
                // Read the last bytes, as many as a line break takes in this charset.
            }
            return !Arrays.equals(last.array(), lineBreak);
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
            throw new IOException("cannot write character U+" + String.format("%04X", codePoint) + " to " + path
                    + " in charset " + target.charset().name() + "; set \"charset\" to one that can represent it,"
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
