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
    private static final int SYMBOLS = 5;

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    /** A quote inside a quoted field: the closing quote, or the first of two. */
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_CR = 4;
    private static final int STATES = 5;

    /** A record ends after the unit just read, or (a lone CR) before it. */
    private static final int ENDS_AFTER = 1;
    private static final int ENDS_BEFORE = 2;

    /** The CSV state machine as tables indexed by {@code state * SYMBOLS + symbol}: next state, record end. */
    private static final int[] NEXT = new int[STATES * SYMBOLS];
    private static final int[] END = new int[STATES * SYMBOLS];

    static {
        for (int state = 0; state < STATES; state++) {
            for (int symbol = 0; symbol < SYMBOLS; symbol++) {
                int next;
                int end = 0;
                if (state == AFTER_CR) {
                    // CRLF ends a record after the LF; a lone CR ends it where this unit starts.
                    next = symbol == LF ? FIELD_START : outside(FIELD_START, symbol);
                    end = symbol == LF ? ENDS_AFTER : ENDS_BEFORE;
                } else if (state == QUOTED) {
                    next = symbol == QUOTE ? QUOTE_IN_QUOTED : QUOTED;
                } else if (state == QUOTE_IN_QUOTED && symbol == QUOTE) {
                    next = QUOTED;
                } else {
                    next = outside(state, symbol);
                    end = symbol == LF ? ENDS_AFTER : 0;
                }
                NEXT[state * SYMBOLS + symbol] = next;
                END[state * SYMBOLS + symbol] = end;
            }
        }
    }

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
        int[] symbolOf = new int[k == 1 ? 256 : 0];
        int lf = units.lf;
        int cr = units.cr;
        int quote = units.encode(ends.quote());
        int delimiter = units.encode(ends.delimiter());
        for (int b = 0; b < symbolOf.length; b++) {
            symbolOf[b] = symbol(b, lf, cr, quote, delimiter);
        }
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(size, k))];
        long aligned = size - size % k;
        long lastEnd = 0;
        int state = FIELD_START;
        for (long offset = 0; offset < aligned; ) {
            int length = (int) Math.min(buffer.length, aligned - offset);
            readFully(file, offset, buffer, length);
            int i = offset == 0 ? units.bomLength(buffer, length) : 0;
            for (; i < length; i += k) {
                int t = state * SYMBOLS + (k == 1 ? symbolOf[buffer[i] & 0xff]
                        : symbol(units.at(buffer, i), lf, cr, quote, delimiter));
                state = NEXT[t];
                if (END[t] != 0) {
                    lastEnd = offset + i + (END[t] == ENDS_AFTER ? k : 0);
                }
            }
            offset += length;
        }
        return lastEnd;
    }

    private static int symbol(int unit, int lf, int cr, int quote, int delimiter) {
        return unit == lf ? LF : unit == cr ? CR : unit == quote ? QUOTE : unit == delimiter ? DELIMITER : OTHER;
    }

    /**
     * The state after a unit outside quotes (or after a closing quote, where text other than a delimiter or a
     * line break is an error the source skips to the line's end, as this does).
     */
    private static int outside(int state, int symbol) {
        return switch (symbol) {
            case LF, DELIMITER -> FIELD_START;
            case CR -> AFTER_CR;
            case QUOTE -> state == FIELD_START ? QUOTED : UNQUOTED;
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
