package dev.patchbay.host.plugin;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One thread's unfinished line of console output: bytes in, whole lines out. A line ends at a newline
 * (a {@code \r} before it is dropped); a longer line than {@link #MAX_LINE_BYTES} is handed over in pieces
 * of that size, so no more than that is ever held. A cut or a {@link #flush} never splits a multi-byte
 * character: its first bytes wait for the rest.
 *
 * <p>Not thread-safe: each instance belongs to one writing thread, and whoever else touches it (the
 * stream draining it on close) locks it first.
 */
final class LineBuffer {

    /** The longest line kept in memory; a longer one is logged in pieces of this size. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    /**
     * The charset of the bytes, which the routing {@code PrintStream}s encode with. Newline detection relies
     * on its encoding a newline as the single byte 0x0A, which no byte of a multi-byte character is.
     */
    static final Charset CHARSET = StandardCharsets.UTF_8;

    private static final byte NEWLINE = '\n';
    private static final byte CARRIAGE_RETURN = '\r';
    private static final int INITIAL_BYTES = 256;

    private final CharsetDecoder decoder = CHARSET.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;

    /** Appends bytes, handing each line they complete, and each full-size piece of a long line, to {@code lines}. */
    void write(byte[] source, int offset, int count, Consumer<String> lines) {
        Objects.checkFromIndexSize(offset, count, source.length);
        for (int i = offset; i < offset + count; i++) {
            byte next = source[i];
            if (next == NEWLINE) {
                endLine(lines);
            } else {
                if (length == MAX_LINE_BYTES) {
                    // Cut only when the line goes on past the limit: a line of exactly 8 KiB stays whole.
                    flush(lines);
                }
                append(next);
            }
        }
    }

    /**
     * Hands the unfinished line to {@code lines}, if it holds at least one whole character; the bytes of a
     * character that is not complete yet stay for the next write.
     */
    void flush(Consumer<String> lines) {
        String text = decode(false);
        if (!text.isEmpty()) {
            lines.accept(text);
        }
    }

    /** Hands over everything left, an incomplete character included (as U+FFFD), because no more bytes come. */
    void finish(Consumer<String> lines) {
        if (length > 0) {
            lines.accept(decode(true));
        }
    }

    boolean isEmpty() {
        return length == 0;
    }

    private void endLine(Consumer<String> lines) {
        if (length > 0 && bytes[length - 1] == CARRIAGE_RETURN) {
            length--;
        }
        lines.accept(decode(true));
    }

    private void append(byte next) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, MAX_LINE_BYTES));
        }
        bytes[length++] = next;
    }

    /** Decodes the buffer and keeps, at its start, the bytes the decoder could not use yet. */
    private String decode(boolean endOfInput) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        // UTF-8 decodes to at most one char per byte, a malformed byte's U+FFFD included.
        CharBuffer out = CharBuffer.allocate(length);
        decoder.reset();
        decoder.decode(in, out, endOfInput);
        if (endOfInput) {
            decoder.flush(out);
        }
        int left = in.remaining();
        System.arraycopy(bytes, in.position(), bytes, 0, left);
        length = left;
        return out.flip().toString();
    }
}
