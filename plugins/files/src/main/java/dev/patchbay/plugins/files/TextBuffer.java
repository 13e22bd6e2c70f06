package dev.patchbay.plugins.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that sinks format text into, encoding as they go: ASCII characters are stored
 * directly, UTF-8 is encoded by hand, and other characters of other charsets go through a strict
 * {@link CharsetEncoder}. The charset must be ASCII-compatible. Characters the charset cannot
 * represent, and unpaired surrogates, are rejected with an {@link IllegalArgumentException}.
 *
 * <p>Formatting straight into bytes avoids the char-to-byte copy and the encoder's slow path that a
 * StringBuilder would need. Not thread-safe.
 */
final class TextBuffer {

    private final Charset charset;
    private final boolean utf8;
    private final CharsetEncoder encoder;
    private final byte[] digits = new byte[20];
    byte[] bytes;
    int length;

    TextBuffer(Charset charset, int capacity) {
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytes = new byte[Math.max(16, capacity)];
    }

    Charset charset() {
        return charset;
    }

    int length() {
        return length;
    }

    /** Drops everything after {@code newLength}, for example a partly formatted record. */
    void setLength(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException("length " + newLength + " outside 0.." + length);
        }
        length = newLength;
    }

    /** Makes room for {@code more} bytes after {@link #length}. */
    void ensure(int more) {
        int needed = length + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    TextBuffer append(char c) {
        if (c < 0x80) {
            ensure(1);
            bytes[length++] = (byte) c;
        } else {
            appendNonAscii(c, null, 0);
        }
        return this;
    }

    TextBuffer append(String s) {
        int n = s.length();
        ensure(n);
        byte[] out = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length = at;
                appendFrom(s, i);
                return this;
            }
            out[at++] = (byte) c;
        }
        length = at;
        return this;
    }

    private void appendFrom(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ensure(1);
                bytes[length++] = (byte) c;
            } else {
                i += appendNonAscii(c, s, i);
            }
        }
    }

    /**
     * Appends a non-ASCII character; a high surrogate takes the low surrogate after it in {@code s}.
     *
     * @return how many extra chars of {@code s} were consumed (1 for a surrogate pair, else 0)
     */
    int appendNonAscii(char c, String s, int index) {
        int extra = 0;
        int codePoint = c;
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && s != null && index + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(index + 1))) {
                codePoint = Character.toCodePoint(c, s.charAt(index + 1));
                extra = 1;
            } else {
                throw new IllegalArgumentException("it contains an unpaired surrogate character U+"
                        + String.format("%04X", (int) c) + ", which no charset can encode");
            }
        }
        if (utf8) {
            ensure(4);
            byte[] out = bytes;
            if (codePoint < 0x800) {
                out[length++] = (byte) (0xC0 | (codePoint >> 6));
                out[length++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (codePoint < 0x10000) {
                out[length++] = (byte) (0xE0 | (codePoint >> 12));
                out[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[length++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                out[length++] = (byte) (0xF0 | (codePoint >> 18));
                out[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[length++] = (byte) (0x80 | (codePoint & 0x3F));
            }
            return extra;
        }
        try {
            ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(Character.toChars(codePoint)));
            int n = encoded.remaining();
            ensure(n);
            encoded.get(bytes, length, n);
            length += n;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("character U+" + String.format("%04X", codePoint)
                    + " cannot be written in charset " + charset.name() + "; set \"charset\" to one that can"
                    + " represent it, such as UTF-8", e);
        }
        return extra;
    }

    TextBuffer append(long value) {
        if (value == Long.MIN_VALUE) {
            return append("-9223372036854775808");
        }
        ensure(20);
        long v = value;
        if (v < 0) {
            bytes[length++] = '-';
            v = -v;
        }
        int n = 0;
        if (v <= Integer.MAX_VALUE) {
            int small = (int) v;
            do {
                digits[n++] = (byte) ('0' + small % 10);
                small /= 10;
            } while (small != 0);
        } else {
            do {
                digits[n++] = (byte) ('0' + (int) (v % 10));
                v /= 10;
            } while (v != 0);
        }
        byte[] out = bytes;
        while (n > 0) {
            out[length++] = digits[--n];
        }
        return this;
    }

    /** Appends bytes that are already encoded in this buffer's charset. */
    TextBuffer appendEncoded(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    TextBuffer append(boolean value) {
        return append(value ? "true" : "false");
    }

    /** Decodes the content; for tests and small values. */
    @Override
    public String toString() {
        return new String(bytes, 0, length, charset);
    }
}
