package dev.patchbay.plugins.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds where the last complete record of a plain output file ends. A sink writes each record followed by
 * its line feed, so a last line without one is torn, however complete it looks: it was never flushed whole.
 * Only whole code units count (see {@link Units}); a unit cut in half is torn too.
 */
final class TextTail {

    private static final int CHUNK = 1 << 20;

    private static final int OTHER = 0;
    private static final int LF = 1;
    private static final int CR = 2;
    private static final int QUOTE = 3;
    private static final int DELIMITER = 4;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    /** A quote inside a quoted field: the closing quote, or the first of two. */
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_CR = 4;

    private TextTail() {
    }

    /**
     * Returns the offset just after the last line feed, 0 if there is none. Reads backwards from the end, so
     * the cost is the length of the last line.
     */
    static long lastLineEnd(FileChannel file, long size, Units units) throws IOException {
        int k = units.size;
        byte[] buffer = new byte[(int) Math.min(CHUNK, size)];
        long end = size - size % k;
        while (end > 0) {
            long start = Math.max(0, end - buffer.length);
            int length = (int) (end - start);
            readFully(file, start, buffer, length);
            for (int i = length - k; i >= 0; i -= k) {
                if (units.at(buffer, i) == units.lf) {
                    return start + i + k;
                }
            }
            end = start;
        }
        return 0;
    }

    /**
     * Returns the offset just after the last CSV record: after a line break outside quotes, read as the CSV
     * source reads them (a quote opens a quoted field only at a field's start; two quotes inside one are a
     * literal quote; a lone CR also ends a record). Reads from the start, since whether a line break is
     * inside quotes depends on everything before it.
     */
    static long lastCsvRecordEnd(FileChannel file, long size, Units units, RecordEnds ends) throws IOException {
        int k = units.size;
        int lf = units.lf;
        int cr = units.cr;
        int quote = units.encode(ends.quote());
        int delimiter = units.encode(ends.delimiter());
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(size, k))];
        long aligned = size - size % k;
        long lastEnd = 0;
        int state = FIELD_START;
        long offset = 0;
        boolean first = true;
        while (offset < aligned) {
            int length = (int) Math.min(buffer.length, aligned - offset);
            readFully(file, offset, buffer, length);
            int i = first ? units.bomLength(buffer, length) : 0;
            first = false;
            for (; i < length; i += k) {
                int unit = units.at(buffer, i);
                int symbol = unit == lf ? LF : unit == cr ? CR : unit == quote ? QUOTE : unit == delimiter ? DELIMITER
                        : OTHER;
                long at = offset + i;
                if (state == AFTER_CR) {
                    // CRLF ends a record after the LF; a lone CR ends it where the next unit starts.
                    lastEnd = symbol == LF ? at + k : at;
                    state = FIELD_START;
                    if (symbol == LF) {
                        continue;
                    }
                }
                switch (state) {
                    case QUOTED -> state = symbol == QUOTE ? QUOTE_IN_QUOTED : QUOTED;
                    case QUOTE_IN_QUOTED -> state = symbol == QUOTE ? QUOTED : afterField(symbol);
                    default -> {
                        if (symbol == QUOTE && state == FIELD_START) {
                            state = QUOTED;
                        } else {
                            state = afterField(symbol);
                        }
                    }
                }
                if (symbol == LF && state == FIELD_START) {
                    lastEnd = at + k;
                }
            }
            offset += length;
        }
        return lastEnd;
    }

    /** The state after a unit outside quotes; text after a closing quote, which the source rejects, too. */
    private static int afterField(int symbol) {
        return switch (symbol) {
            case LF, DELIMITER -> FIELD_START;
            case CR -> AFTER_CR;
            default -> UNQUOTED;
        };
    }

    private static void readFully(FileChannel file, long position, byte[] into, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended at " + (position + buffer.position()) + " bytes while it was"
                        + " being checked, although it had been " + (position + length) + " bytes or more");
            }
        }
    }
}
