package dev.patchbay.plugins.files;

import java.io.IOException;
import java.util.Arrays;

/**
 * What the first records of a CSV file hold, column by column, and the type each column gets from it.
 *
 * <p>Every non-empty field votes: an unquoted JSON integer that fits in 64 bits for integer, another
 * unquoted JSON number for number, anything else (quoted fields, leading zeros, text) for string. A
 * column is string if any field voted string or none voted at all, else number if any voted number, else
 * integer. The decision depends on the sampled values, not on their order, so {@code 004} and
 * {@code 533} in one column make it a string column wherever they are in the sample.
 */
final class TypeSample {

    private static final byte INTEGER = 1;
    private static final byte NUMBER = 2;
    private static final byte TEXT = 4;

    private byte[] seen = new byte[16];
    private int records;

    /** Reads more input into the buffer. */
    @FunctionalInterface
    interface Filler {
        /** Returns false at the end of the input. */
        boolean fill() throws IOException;
    }

    /**
     * Reads ahead over the first records, from {@code in.pos}, without consuming them, and collects their
     * votes. The sample ends after {@code maxRecords} records, at the end of the input, at the first record
     * that starts {@code maxBytes} or more after the first, or at one that would not fit in the largest
     * buffer together with those before it (reading it alone then decides whether it is too long).
     * Malformed records are left out; reading them reports them. Comment and blank lines do not count.
     */
    static TypeSample readAhead(CsvParser parser, FileInput in, Filler more, int maxRecords, int maxBytes,
            int maxBuffer) throws IOException {
        TypeSample votes = new TypeSample();
        // Relative to in.pos, since filling moves the unread bytes to the start of the buffer.
        int at = 0;
        boolean last = false;
        while (votes.records < maxRecords && at < maxBytes) {
            int result;
            try {
                result = parser.parse(in.buf, in.pos + at, in.limit, last);
            } catch (MalformedDataException e) {
                at = parser.skipTo - in.pos;
                continue;
            }
            switch (result) {
                case CsvParser.NEED_MORE -> {
                    if (in.pos == 0 && in.limit == in.buf.length && in.buf.length >= maxBuffer) {
                        return votes;
                    }
                    if (!more.fill()) {
                        last = true;
                    }
                }
                case CsvParser.END -> {
                    return votes;
                }
                case CsvParser.RECORD -> {
                    votes.add(parser, in.buf);
                    at = parser.end - in.pos;
                }
                default -> at = parser.end - in.pos;
            }
        }
        return votes;
    }

    /** Adds the votes of the record the parser holds. */
    void add(CsvParser parser, byte[] b) {
        int count = parser.count;
        if (count > seen.length) {
            seen = Arrays.copyOf(seen, Math.max(count, seen.length * 2));
        }
        for (int i = 0; i < count; i++) {
            int start = parser.starts[i];
            int end = parser.ends[i];
            if (parser.quoted[i]) {
                seen[i] |= TEXT;
            } else if (start != end) {
                Object number = Numbers.parse(b, start, end);
                seen[i] |= number instanceof Long ? INTEGER : number != null ? NUMBER : TEXT;
            }
        }
        records++;
    }

    /** Returns the number of records added. */
    int records() {
        return records;
    }

    /** Returns the type the sample gives to a column; string for a column it never saw a value in. */
    ColumnType type(int column) {
        byte votes = column < seen.length ? seen[column] : 0;
        if (votes == 0 || (votes & TEXT) != 0) {
            return ColumnType.STRING;
        }
        return (votes & NUMBER) != 0 ? ColumnType.NUMBER : ColumnType.INTEGER;
    }
}
