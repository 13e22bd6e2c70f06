package dev.patchbay.plugins.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes byte ranges of an ASCII-compatible charset into text, strictly: bytes that are invalid for the
 * charset are an error, never replaced. Pure ASCII ranges, by far the common case, skip the decoder.
 * Not thread-safe.
 */
final class TextDecoder {

    private final Charset charset;
    private final CharsetDecoder decoder;
    private final boolean latin1;
    private char[] chars = new char[256];

    TextDecoder(Charset charset) {
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.latin1 = charset.equals(StandardCharsets.ISO_8859_1);
    }

    Charset charset() {
        return charset;
    }

    /** Decodes {@code length} bytes from {@code offset} into a string. */
    String string(byte[] bytes, int offset, int length) throws MalformedDataException {
        if (latin1 || isAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        int n = decodeSlow(bytes, offset, length);
        return new String(chars, 0, n);
    }

    /**
     * Decodes {@code length} bytes from {@code offset} into {@link #chars()}.
     *
     * @return the number of chars decoded
     */
    int decode(byte[] bytes, int offset, int length) throws MalformedDataException {
        if (latin1 || isAscii(bytes, offset, length)) {
            if (chars.length < length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            char[] out = chars;
            for (int i = 0; i < length; i++) {
                out[i] = (char) (bytes[offset + i] & 0xff);
            }
            return length;
        }
        return decodeSlow(bytes, offset, length);
    }

    /** Returns the buffer {@link #decode} wrote to; valid until the next call. */
    char[] chars() {
        return chars;
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private int decodeSlow(byte[] bytes, int offset, int length) throws MalformedDataException {
        int capacity = Math.max(chars.length, (int) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 1);
        if (chars.length < capacity) {
            chars = new char[capacity];
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.wrap(chars);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position() - offset;
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < result.length() && in.position() + i < offset + length; i++) {
                hex.append(String.format("%02X", bytes[in.position() + i] & 0xff));
                if (i + 1 < result.length()) {
                    hex.append(' ');
                }
            }
            throw new MalformedDataException("bytes " + hex + " at byte " + (at + 1) + " of the text are not valid "
                    + charset.name() + "; convert the file to " + charset.name()
                    + " or set \"charset\" to the file's real encoding");
        }
        if (result.isOverflow()) {
            throw new IllegalStateException("decoder overflow despite a buffer of maxCharsPerByte * length");
        }
        return out.position();
    }
}
