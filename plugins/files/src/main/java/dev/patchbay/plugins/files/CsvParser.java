package dev.patchbay.plugins.files;

import java.util.Arrays;

/**
 * Splits RFC 4180 records out of a byte buffer without copying: it records where each field's content
 * starts and ends, whether it was quoted and whether it contains doubled quotes to undo.
 *
 * <p>Records end with LF, CRLF or a lone CR. A quoted field may hold delimiters, quotes written twice,
 * and line breaks; after its closing quote only a delimiter or the end of the record may follow. A quote
 * inside an unquoted field is kept as a literal character. An empty line is reported as {@link #BLANK}, and
 * a line that starts with the comment prefix, where a record would start, as {@link #COMMENT}: up to its
 * line break, quotes and delimiters in it mean nothing.
 * The delimiter and quote must be ASCII, so multi-byte characters of an ASCII-compatible charset never
 * contain them. Not thread-safe; one parser per source.
 */
final class CsvParser {

    static final int RECORD = 0;
    static final int BLANK = 1;
    static final int NEED_MORE = 2;
    static final int END = 3;
    static final int COMMENT = 4;

    private final byte delimiter;
    private final byte quote;
    /** The comment prefix in the parsed bytes' encoding; empty for none. */
    private final byte[] comment;

    int count;
    int[] starts = new int[16];
    int[] ends = new int[16];
    boolean[] quoted = new boolean[16];
    boolean[] escaped = new boolean[16];
    /** Index just after the record's (or comment line's) line break. */
    int end;
    /** Line breaks inside the record, its terminator included. */
    int lines;

    /** Set when parsing throws: where to continue when the record is skipped, and the line breaks up to there. */
    int skipTo;
    int skipLines;
    int errorLines;

    CsvParser(byte delimiter, byte quote) {
        this(delimiter, quote, new byte[0]);
    }

    /**
     * @param comment the prefix of comment lines, encoded as the parsed bytes are; empty for none
     */
    CsvParser(byte delimiter, byte quote, byte[] comment) {
        if (delimiter == quote) {
            throw new IllegalArgumentException("the delimiter and the quote must differ");
        }
        for (byte c : comment) {
            if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("the comment prefix must not contain a line break");
            }
        }
        this.delimiter = delimiter;
        this.quote = quote;
        this.comment = comment.clone();
    }

    /**
     * Parses the record that starts at {@code start}.
     *
     * @param last true if no more bytes will follow {@code limit}
     * @return {@link #RECORD}, {@link #BLANK}, {@link #COMMENT}, {@link #NEED_MORE} or {@link #END}
     * @throws MalformedDataException for an unterminated quote or text after a closing quote; then
     *         {@link #skipTo}, {@link #skipLines} and {@link #errorLines} describe where to resume
     */
    int parse(byte[] b, int start, int limit, boolean last) throws MalformedDataException {
        count = 0;
        lines = 0;
        int p = start;
        if (p >= limit) {
            return last ? END : NEED_MORE;
        }
        byte first = b[p];
        if (first == '\n' || first == '\r') {
            int r = terminate(b, p, limit, last);
            return r == RECORD ? BLANK : r;
        }
        if (comment.length > 0 && first == comment[0]) {
            int r = comment(b, p, limit, last);
            if (r != RECORD) {
                return r;
            }
        }
        final byte delim = delimiter;
        final byte q = quote;
        while (true) {
            if (p < limit && b[p] == q) {
                int i = p + 1;
                boolean doubled = false;
                while (true) {
                    if (i >= limit) {
                        if (!last) {
                            return NEED_MORE;
                        }
                        errorLines = lines;
                        resyncAfterLine(b, start, limit);
                        throw new MalformedDataException("unterminated quoted field: the quote that opens field "
                                + (count + 1) + " is never closed; close it with " + (char) q
                                + " or write a literal quote as two quotes");
                    }
                    byte c = b[i];
                    if (c == q) {
                        if (i + 1 >= limit) {
                            if (!last) {
                                return NEED_MORE;
                            }
                            break;
                        }
                        if (b[i + 1] == q) {
                            doubled = true;
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n') {
                        lines++;
                    }
                    i++;
                }
                add(p + 1, i, true, doubled);
                p = i + 1;
                if (p >= limit) {
                    if (!last) {
                        return NEED_MORE;
                    }
                    end = p;
                    return RECORD;
                }
                byte c = b[p];
                if (c == delim) {
                    p++;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return terminate(b, p, limit, last);
                }
                errorLines = lines;
                int resync = indexOfNewline(b, p, limit);
                if (resync < 0 && !last) {
                    return NEED_MORE;
                }
                skipTo = resync < 0 ? limit : resync + 1;
                skipLines = lines + (resync < 0 ? 0 : 1);
                throw new MalformedDataException("unexpected " + describe(c) + " after the closing quote of field "
                        + count + "; a quoted field must be followed by the delimiter '" + (char) delim
                        + "' or a line break; write a literal quote inside a quoted field as two quotes");
            }
            int i = p;
            while (i < limit) {
                byte c = b[i];
                if (c == delim || c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
            if (i >= limit) {
                if (!last) {
                    return NEED_MORE;
                }
                add(p, i, false, false);
                end = i;
                return RECORD;
            }
            add(p, i, false, false);
            if (b[i] == delim) {
                p = i + 1;
                continue;
            }
            return terminate(b, i, limit, last);
        }
    }

    /**
     * Tells whether a comment line starts at {@code p}: {@link #COMMENT} with {@link #end} and {@link #lines}
     * set, {@link #NEED_MORE}, or {@link #RECORD} if the line is not a comment.
     */
    private int comment(byte[] b, int p, int limit, boolean last) {
        int i = 0;
        while (i < comment.length) {
            if (p + i >= limit) {
                return last ? RECORD : NEED_MORE;
            }
            if (b[p + i] != comment[i]) {
                return RECORD;
            }
            i++;
        }
        for (int k = p + i; k < limit; k++) {
            if (b[k] == '\n' || b[k] == '\r') {
                int r = terminate(b, k, limit, last);
                return r == RECORD ? COMMENT : r;
            }
        }
        if (!last) {
            return NEED_MORE;
        }
        end = limit;
        return COMMENT;
    }

    /** Ends the record at the line break at {@code p}. */
    private int terminate(byte[] b, int p, int limit, boolean last) {
        if (b[p] == '\r') {
            if (p + 1 >= limit) {
                if (!last) {
                    return NEED_MORE;
                }
                end = p + 1;
            } else {
                end = b[p + 1] == '\n' ? p + 2 : p + 1;
            }
        } else {
            end = p + 1;
        }
        lines++;
        return RECORD;
    }

    /** For an unterminated quote: skip only the first line of the record, then try again. */
    private void resyncAfterLine(byte[] b, int start, int limit) {
        int newline = indexOfNewline(b, start, limit);
        skipTo = newline < 0 ? limit : newline + 1;
        skipLines = newline < 0 ? 0 : 1;
        errorLines = 0;
    }

    private static int indexOfNewline(byte[] b, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void add(int start, int stop, boolean wasQuoted, boolean doubled) {
        if (count == starts.length) {
            int size = count * 2;
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            quoted = Arrays.copyOf(quoted, size);
            escaped = Arrays.copyOf(escaped, size);
        }
        starts[count] = start;
        ends[count] = stop;
        quoted[count] = wasQuoted;
        escaped[count] = doubled;
        count++;
    }

    /** Returns field {@code i} as text: decoded, with doubled quotes undone. */
    String text(byte[] b, int i, TextDecoder decoder) throws MalformedDataException {
        String value = decoder.string(b, starts[i], ends[i] - starts[i]);
        if (!escaped[i]) {
            return value;
        }
        char q = (char) quote;
        StringBuilder out = new StringBuilder(value.length());
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            out.append(c);
            if (c == q) {
                k++;
            }
        }
        return out.toString();
    }

    private static String describe(byte c) {
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02X", c & 0xff);
    }
}
