package dev.patchbay.plugins.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds the end of the last complete gzip member of a file (RFC 1952). A member is complete when its header
 * parses (with its optional fields and header CRC), its deflate stream ends, and its trailer's CRC-32 and
 * size match the data. Every member has to be inflated to know where it ends, so a scan reads the whole file;
 * nothing is kept but the CRC. Not thread-safe; one instance per scan.
 */
final class GzipTail implements AutoCloseable {

    /**
     * What a scan found.
     *
     * @param validEnd where the complete members from the start of the file end; the file's size if all are
     * @param nextMember where a complete member starts after damage at {@code validEnd}; -1 if none does
     */
    record Members(long validEnd, long nextMember) {
    }

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;
    /** A header, an empty deflate stream and a trailer. */
    private static final int SMALLEST_MEMBER = 20;

    private final FileChannel file;
    private final long size;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] input = new byte[1 << 16];
    private final byte[] output = new byte[1 << 16];
    private final byte[] window = new byte[1 << 16];
    private long windowStart;
    private int windowLength;

    private GzipTail(FileChannel file, long size) {
        this.file = file;
        this.size = size;
    }

    /** Scans a file of {@code size} bytes from its start. */
    static Members scan(FileChannel file, long size) throws IOException {
        try (GzipTail scan = new GzipTail(file, size)) {
            return scan.members();
        }
    }

    private Members members() throws IOException {
        long position = 0;
        while (position < size) {
            long end = memberEnd(position);
            if (end < 0) {
                break;
            }
            position = end;
        }
        if (position >= size) {
            return new Members(size, -1);
        }
        for (long candidate = position + 1; candidate + SMALLEST_MEMBER <= size; candidate++) {
            if (at(candidate) == ID1 && at(candidate + 1) == ID2 && at(candidate + 2) == DEFLATE
                    && memberEnd(candidate) > 0) {
                return new Members(position, candidate);
            }
        }
        return new Members(position, -1);
    }

    /** Returns where the member starting at {@code start} ends, or -1 if it is not a complete, valid member. */
    private long memberEnd(long start) throws IOException {
        int flags = at(start + 3);
        if (at(start) != ID1 || at(start + 1) != ID2 || at(start + 2) != DEFLATE || flags < 0
                || (flags & RESERVED) != 0 || at(start + 9) < 0) {
            return -1;
        }
        long p = start + 10;
        if ((flags & FEXTRA) != 0) {
            int low = at(p);
            int high = at(p + 1);
            if (high < 0) {
                return -1;
            }
            p += 2 + (low | high << 8);
        }
        if ((flags & FNAME) != 0 && (p = afterZero(p)) < 0) {
            return -1;
        }
        if ((flags & FCOMMENT) != 0 && (p = afterZero(p)) < 0) {
            return -1;
        }
        if ((flags & FHCRC) != 0) {
            crc.reset();
            for (long i = start; i < p; i++) {
                crc.update(at(i));
            }
            int low = at(p);
            int high = at(p + 1);
            if (high < 0 || (low | high << 8) != (int) (crc.getValue() & 0xffff)) {
                return -1;
            }
            p += 2;
        }
        long trailer = inflate(p);
        if (trailer < 0 || trailer + 8 > size) {
            return -1;
        }
        return littleEndian(trailer) == crc.getValue() && littleEndian(trailer + 4) == (inflater.getBytesWritten()
                & 0xffffffffL) ? trailer + 8 : -1;
    }

    /** Inflates the deflate stream at {@code start}; returns where it ends, or -1 if it is cut short or invalid. */
    private long inflate(long start) throws IOException {
        inflater.reset();
        crc.reset();
        long fed = start;
        while (!inflater.finished()) {
            if (inflater.needsInput()) {
                int n = read(fed, input);
                if (n <= 0) {
                    return -1;
                }
                inflater.setInput(input, 0, n);
                fed += n;
            }
            long before = inflater.getBytesRead();
            int produced;
            try {
                produced = inflater.inflate(output);
            } catch (DataFormatException e) {
                return -1;
            }
            if (produced == 0 && inflater.needsDictionary()
                    || produced == 0 && before == inflater.getBytesRead() && !inflater.needsInput()
                            && !inflater.finished()) {
                return -1;
            }
            crc.update(output, 0, produced);
        }
        return start + inflater.getBytesRead();
    }

    private long afterZero(long p) throws IOException {
        for (long i = p; ; i++) {
            int b = at(i);
            if (b < 0) {
                return -1;
            }
            if (b == 0) {
                return i + 1;
            }
        }
    }

    private long littleEndian(long p) throws IOException {
        long value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | at(p + i);
        }
        return value;
    }

    /** Returns the byte at {@code position}, or -1 at or after the end of the file. */
    private int at(long position) throws IOException {
        if (position < 0 || position >= size) {
            return -1;
        }
        if (position < windowStart || position >= windowStart + windowLength) {
            windowStart = position;
            windowLength = read(position, window);
            if (windowLength <= 0) {
                windowLength = 0;
                return -1;
            }
        }
        return window[(int) (position - windowStart)] & 0xff;
    }

    /** Reads into {@code into} from {@code position}, as much as fits and the scanned size holds. */
    private int read(long position, byte[] into) throws IOException {
        int length = (int) Math.min(into.length, size - position);
        if (length <= 0) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining() && file.read(buffer, position + buffer.position()) >= 0) {
            // Positional reads may return fewer bytes than asked.
        }
        return buffer.position();
    }

    @Override
    public void close() {
        inflater.end();
    }
}
