package dev.patchbay.plugins.files;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The code units of an output charset in which a line feed, a carriage return and CSV's delimiter and quote
 * can be found without decoding: one byte in ASCII-compatible and single-byte charsets, two in UTF-16 and four
 * in UTF-32, aligned to the start of the file. In ASCII-compatible multi-byte charsets (UTF-8, Shift_JIS, GBK
 * ...) no byte of a multi-byte character is a line break, and README asks for a delimiter and quote below
 * 0x40, which their trail bytes never are; the CSV source relies on the same. Stateful and mixed-width
 * charsets (ISO-2022, EBCDIC DBCS) have no such units: {@link #of} is empty for them. Immutable.
 */
final class Units {

    /** Bytes per unit: 1, 2 or 4. */
    final int size;
    /** The values of a line feed and a carriage return, as {@link #at} returns them. */
    final int lf;
    final int cr;
    /** A byte order mark that may start the file, or no bytes. */
    private final byte[] bom;
    private final Charset charset;

    private Units(Charset charset, int size) {
        this.charset = charset;
        this.size = size;
        this.lf = encode('\n');
        this.cr = encode('\r');
        String name = charset.name().toUpperCase(Locale.ROOT);
        byte[] mark = name.startsWith("UTF") || name.startsWith("X-UTF") ? unitBytes("\ufeff") : null;
        this.bom = mark == null ? new byte[0] : mark;
    }

    /** Returns the units of a charset, or empty when line breaks cannot be found in its bytes without decoding. */
    static Optional<Units> of(Charset charset) {
        String name = charset.name().toUpperCase(Locale.ROOT);
        boolean fixedWidthUnicode = name.contains("UTF-16") || name.contains("UTF-32");
        CharsetEncoder encoder = charset.newEncoder();
        boolean singleByte = encoder.maxBytesPerChar() <= 1.0f;
        if (!encoder.canEncode('\n') || !(Options.isAsciiCompatible(charset) || singleByte || fixedWidthUnicode)) {
            return Optional.empty();
        }
        byte[] lineFeed = unitBytes(charset, "\n");
        return Optional.of(new Units(charset, lineFeed.length));
    }

    /** Returns a character's unit value, or -1 if the charset cannot write it as one unit. */
    int encode(char c) {
        if (!charset.newEncoder().canEncode(c)) {
            return -1;
        }
        byte[] bytes = unitBytes(String.valueOf(c));
        return bytes.length == size ? at(bytes, 0) : -1;
    }

    /** Returns the value of the unit that starts at {@code index}. */
    int at(byte[] bytes, int index) {
        if (size == 1) {
            return bytes[index] & 0xff;
        }
        int value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (bytes[index + i] & 0xff);
        }
        return value;
    }

    /** Returns the length of the byte order mark that starts {@code head}, 0 if there is none. */
    int bomLength(byte[] head, int length) {
        if (bom.length == 0 || length < bom.length) {
            return 0;
        }
        return Arrays.equals(head, 0, bom.length, bom, 0, bom.length) ? bom.length : 0;
    }

    private byte[] unitBytes(String c) {
        return unitBytes(charset, c);
    }

    /**
     * A character's bytes without the byte order mark some encoders put first: what writing it a second
     * time adds.
     */
    private static byte[] unitBytes(Charset charset, String c) {
        byte[] once = c.getBytes(charset);
        byte[] twice = (c + c).getBytes(charset);
        return Arrays.copyOfRange(twice, once.length, twice.length);
    }
}
