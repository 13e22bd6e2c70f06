package dev.patchbay.plugins.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Re-encodes an input stream in a charset that is not ASCII-compatible (UTF-16, UTF-32, EBCDIC ...)
 * as UTF-8, so that the byte-level parsers can read it.
 *
 * <p>Bytes that are invalid for the source charset are not replaced silently: each malformed sequence
 * becomes U+FFFD in the output and its output offset is queued, so that the source can fail or skip
 * the record that contains it. Offsets count bytes of the UTF-8 output. Not thread-safe.
 */
final class Utf8Transcoder extends InputStream {

    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private final InputStream raw;
    private final CharsetDecoder decoder;
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer in = ByteBuffer.allocate(1 << 14);
    private final CharBuffer chars = CharBuffer.allocate(1 << 14);
    private final ByteBuffer out = ByteBuffer.allocate(3 * (1 << 14) + 2 * REPLACEMENT.length);
    private final Deque<long[]> malformed = new ArrayDeque<>();
    private long generated;
    private boolean rawEnded;
    private boolean flushed;

    Utf8Transcoder(InputStream raw, Charset charset) {
        this.raw = raw;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        in.flip();
        out.flip();
    }

    /** Returns the output offset of the oldest malformed sequence not yet taken, or Long.MAX_VALUE. */
    long nextMalformed() {
        long[] next = malformed.peekFirst();
        return next == null ? Long.MAX_VALUE : next[0];
    }

    /** Removes the oldest malformed sequence and returns its length in source bytes. */
    int takeMalformed() {
        return (int) malformed.removeFirst()[1];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!out.hasRemaining()) {
            if (!refill()) {
                return -1;
            }
        }
        int n = Math.min(len, out.remaining());
        out.get(b, off, n);
        return n;
    }

    /** Produces more output; returns false at the end of the stream. */
    private boolean refill() throws IOException {
        if (flushed) {
            return false;
        }
        out.clear();
        if (!rawEnded && in.remaining() < 16) {
            in.compact();
            int n = raw.read(in.array(), in.position(), in.remaining());
            if (n < 0) {
                rawEnded = true;
            } else {
                in.position(in.position() + n);
            }
            in.flip();
        }
        CoderResult result = decoder.decode(in, chars, rawEnded);
        encode(false);
        if (result.isError()) {
            malformed.addLast(new long[] {generated + out.position(), result.length()});
            in.position(in.position() + result.length());
            out.put(REPLACEMENT);
        } else if (rawEnded && result.isUnderflow() && !in.hasRemaining()) {
            CoderResult end = decoder.flush(chars);
            if (end.isError()) {
                throw new IllegalStateException("decoder flush failed: " + end);
            }
            encode(true);
            flushed = true;
        }
        out.flip();
        generated += out.remaining();
        return true;
    }

    private void encode(boolean endOfInput) {
        chars.flip();
        CoderResult result = utf8.encode(chars, out, endOfInput);
        if (result.isError() || result.isOverflow()) {
            throw new IllegalStateException("re-encoding decoded text as UTF-8 failed: " + result);
        }
        if (endOfInput) {
            utf8.flush(out);
        }
        chars.compact();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
