package dev.patchbay.plugins.files;

/**
 * Where a files sink's records end, so that a torn tail can be told from a complete record: every record
 * ends with a line feed (after a CR for CRLF), and in CSV a line break inside a quoted field does not end
 * one. Immutable.
 *
 * @param csv whether records are CSV, in which quoted fields may hold line breaks
 * @param delimiter CSV's field delimiter, an ASCII character; 0 for line formats
 * @param quote CSV's quote, an ASCII character other than the delimiter; 0 for line formats
 */
record RecordEnds(boolean csv, char delimiter, char quote) {

    RecordEnds {
        if (csv && (delimiter == quote || delimiter >= 0x80 || quote >= 0x80 || isLineBreak(delimiter)
                || isLineBreak(quote))) {
            throw new IllegalArgumentException("the CSV delimiter '" + delimiter + "' and quote '" + quote
                    + "' must be two different ASCII characters other than CR and LF");
        }
        if (!csv && (delimiter != 0 || quote != 0)) {
            throw new IllegalArgumentException("line formats have no delimiter or quote");
        }
    }

    /** JSON Lines and text: one record per line. */
    static RecordEnds lines() {
        return new RecordEnds(false, (char) 0, (char) 0);
    }

    /** RFC 4180 CSV with this delimiter and quote. */
    static RecordEnds csv(char delimiter, char quote) {
        return new RecordEnds(true, delimiter, quote);
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
