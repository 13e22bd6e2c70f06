package dev.patchbay.plugins.files;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Fields;
import dev.patchbay.api.SourceContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV. The header, when present, names the fields; otherwise the {@code columns} setting
 * or {@code column1..N} do. With type inference, an unquoted field that is a JSON number becomes a
 * Long or Double, an unquoted empty field becomes null, and everything else, quoted fields included,
 * stays a String.
 */
final class CsvSource extends FileSource {

    private final CsvParser parser;
    private final boolean header;
    private final List<String> columns;
    private final boolean inferTypes;
    private Fields fields;
    private Object[] values;

    CsvSource(SourceConfig config, CsvParser parser, boolean header, List<String> columns, boolean inferTypes,
            SourceContext context) {
        super(config, context);
        this.parser = parser;
        this.header = header;
        this.columns = List.copyOf(columns);
        this.inferTypes = inferTypes;
        if (!this.columns.isEmpty()) {
            useFields(Fields.of(this.columns));
        }
    }

    private void useFields(Fields chosen) {
        fields = chosen;
        values = new Object[chosen.size()];
    }

    @Override
    void prepare() throws IOException {
        if (!header) {
            return;
        }
        boolean last = false;
        while (true) {
            int result;
            try {
                result = parser.parse(in.buf, in.pos, in.limit, last);
            } catch (MalformedDataException e) {
                throw new ExtensionException(config.extension(), "malformed header in " + config.path() + " at line "
                        + (line + parser.errorLines) + ": " + e.getMessage(), e);
            }
            switch (result) {
                case CsvParser.NEED_MORE -> {
                    if (!fill()) {
                        last = true;
                    }
                }
                case CsvParser.END -> {
                    return;
                }
                case CsvParser.BLANK -> {
                    in.pos = parser.end;
                    line += parser.lines;
                }
                default -> {
                    readHeader();
                    return;
                }
            }
        }
    }

    private void readHeader() {
        MalformedDataException invalid = invalidBytesBefore(parser.end);
        if (invalid != null) {
            throw new ExtensionException(config.extension(), "malformed header in " + config.path() + " at line "
                    + line + ": " + invalid.getMessage(), invalid);
        }
        List<String> names = new ArrayList<>(parser.count);
        for (int i = 0; i < parser.count; i++) {
            try {
                names.add(parser.text(in.buf, i, decoder));
            } catch (MalformedDataException e) {
                throw new ExtensionException(config.extension(), "malformed header in " + config.path() + " at line "
                        + line + ": " + e.getMessage(), e);
            }
        }
        if (!columns.isEmpty()) {
            if (names.size() != columns.size()) {
                throw new ExtensionException(config.extension(), "the header of " + config.path() + " has "
                        + names.size() + " columns " + names + " but the \"columns\" setting names " + columns.size()
                        + " " + columns + "; list one name per column");
            }
        } else {
            try {
                useFields(Fields.of(names));
            } catch (IllegalArgumentException e) {
                throw new ExtensionException(config.extension(), "the header of " + config.path() + " at line " + line
                        + " is not usable: " + e.getMessage() + "; rename the column or set \"columns\" to"
                        + " distinct names", e);
            }
        }
        in.pos = parser.end;
        line += parser.lines;
    }

    @Override
    Step next(Emitter out, boolean last) {
        byte[] b = in.buf;
        int result;
        try {
            result = parser.parse(b, in.pos, in.limit, last);
        } catch (MalformedDataException e) {
            return malformed(e, line + parser.errorLines, parser.skipTo, parser.skipLines);
        }
        switch (result) {
            case CsvParser.NEED_MORE:
                return Step.NEED_MORE;
            case CsvParser.END:
                return Step.END;
            case CsvParser.BLANK:
                in.pos = parser.end;
                line += parser.lines;
                return Step.CONSUMED;
            default:
                break;
        }
        MalformedDataException invalid = invalidBytesBefore(parser.end);
        if (invalid != null) {
            return malformed(invalid, line, parser.end, parser.lines);
        }
        int count = parser.count;
        if (fields == null) {
            String[] generated = new String[count];
            for (int i = 0; i < count; i++) {
                generated[i] = "column" + (i + 1);
            }
            useFields(Fields.of(generated));
        }
        if (count != values.length) {
            return malformed(new MalformedDataException("the record has " + count + " fields but "
                    + (header || !columns.isEmpty() ? "the columns are " : "the first record had ") + values.length
                    + " " + fields + "; quote fields that contain the delimiter"), line, parser.end, parser.lines);
        }
        Object[] row = values;
        try {
            if (inferTypes) {
                for (int i = 0; i < count; i++) {
                    row[i] = inferred(b, i);
                }
            } else {
                for (int i = 0; i < count; i++) {
                    row[i] = parser.text(b, i, decoder);
                }
            }
        } catch (MalformedDataException e) {
            return malformed(e, line, parser.end, parser.lines);
        }
        in.pos = parser.end;
        line += parser.lines;
        out.emit(fields.record(row));
        return Step.RECORD;
    }

    private Object inferred(byte[] b, int i) throws MalformedDataException {
        if (!parser.quoted[i]) {
            int start = parser.starts[i];
            int end = parser.ends[i];
            if (start == end) {
                return null;
            }
            byte c = b[start];
            if ((c >= '0' && c <= '9') || c == '-') {
                Object number = Numbers.parse(b, start, end);
                if (number != null) {
                    return number;
                }
            }
        }
        return parser.text(b, i, decoder);
    }
}
