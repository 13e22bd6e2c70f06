package dev.patchbay.plugins.files;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Row;
import dev.patchbay.api.SourceContext;

/**
 * A source that reads one record per line. A line ends with LF or CRLF; the last line of a file may lack
 * its line break, except in follow mode, where a line is emitted only once its LF has arrived.
 */
abstract class LineSource extends FileSource {

    LineSource(SourceConfig config, SourceContext context) {
        super(config, context);
    }

    /**
     * Turns one line, without its line break, into a record.
     *
     * @return the record, or null to skip the line without emitting
     */
    abstract Row parseLine(byte[] bytes, int start, int end) throws MalformedDataException;

    @Override
    final Step next(Emitter out, boolean last) {
        byte[] b = in.buf;
        int p = in.pos;
        int limit = in.limit;
        if (p >= limit) {
            return last ? Step.END : Step.NEED_MORE;
        }
        int newline = -1;
        for (int i = p; i < limit; i++) {
            if (b[i] == '\n') {
                newline = i;
                break;
            }
        }
        int contentEnd;
        int next;
        if (newline < 0) {
            if (!last) {
                return Step.NEED_MORE;
            }
            contentEnd = limit;
            next = limit;
        } else {
            contentEnd = newline;
            next = newline + 1;
        }
        if (contentEnd > p && b[contentEnd - 1] == '\r') {
            contentEnd--;
        }
        MalformedDataException invalid = invalidBytesBefore(next);
        if (invalid != null) {
            return malformed(invalid, line, next, 1);
        }
        Row record;
        try {
            record = parseLine(b, p, contentEnd);
        } catch (MalformedDataException e) {
            return malformed(e, line, next, 1);
        }
        in.pos = next;
        line++;
        if (record == null) {
            return Step.CONSUMED;
        }
        out.emit(record);
        return Step.RECORD;
    }
}
