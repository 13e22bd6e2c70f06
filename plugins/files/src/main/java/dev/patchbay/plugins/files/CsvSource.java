package dev.patchbay.plugins.files;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Fields;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.SourceContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads RFC 4180 CSV. The header, when present, names the fields; otherwise the {@code columns} setting
 * or {@code column1..N} do. Comment lines are skipped, and records with fewer fields than columns follow
 * {@code ragged}.
 *
 * <p>Every column has one type. A column named in {@code types} has the declared one; with type inference,
 * every other column gets its type from the first {@link #SAMPLE_RECORDS} records of the file (see
 * {@link TypeSample}), read ahead before the first record is emitted. The position records the types
 * ({@code offset=<bytes>;line=<line>;types=<codes>}), so a resumed read keeps them even if the file
 * changed; a position without them (older checkpoints) takes them from the sample again.
 */
final class CsvSource extends FileSource {

    /** How many records, from the first, decide the inferred types. */
    static final int SAMPLE_RECORDS = 1000;
    /**
     * A record that starts this many bytes or more after the first is not sampled, so that the sample
     * stays within the initial read buffer unless a record alone is larger.
     */
    static final int SAMPLE_BYTES = 512 << 10;

    private static final String TYPES_PART = "types=";

    private final CsvParser parser;
    private final CsvFormat format;
    /** The inferred types' sample; null without inference. */
    private TypeSample sample;
    /** Null until the names are known: at once with a header or {@code columns}, else at the first record. */
    private CsvColumns columns;

    CsvSource(SourceConfig config, CsvParser parser, CsvFormat format, SourceContext context) {
        super(config, context);
        this.parser = parser;
        this.format = format;
    }

    @Override
    void prepare() throws IOException {
        List<String> header = format.header() ? readHeader() : null;
        if (format.inferTypes()) {
            sample = TypeSample.readAhead(parser, in, this::fill, SAMPLE_RECORDS, SAMPLE_BYTES, MAX_RECORD_BYTES);
        }
        if (!format.columns().isEmpty()) {
            use(format.columns(), null);
        } else if (header != null) {
            use(header, null);
        }
    }

    /** Reads the header, skipping blank and comment lines before it; null for a file without records. */
    private List<String> readHeader() throws IOException {
        boolean last = false;
        while (true) {
            int result;
            try {
                result = parser.parse(in.buf, in.pos, in.limit, last);
            } catch (MalformedDataException e) {
                throw malformedHeader(line + parser.errorLines, e);
            }
            switch (result) {
                case CsvParser.NEED_MORE -> {
                    if (!fill()) {
                        last = true;
                    }
                }
                case CsvParser.END -> {
                    return null;
                }
                case CsvParser.BLANK -> {
                    in.pos = parser.end;
                    line += parser.lines;
                }
                case CsvParser.COMMENT -> comment(parser.end, parser.lines);
                default -> {
                    return headerNames();
                }
            }
        }
    }

    private List<String> headerNames() {
        MalformedDataException invalid = invalidBytesBefore(parser.end);
        if (invalid != null) {
            throw malformedHeader(line, invalid);
        }
        List<String> names = new ArrayList<>(parser.count);
        for (int i = 0; i < parser.count; i++) {
            try {
                names.add(parser.text(in.buf, i, decoder));
            } catch (MalformedDataException e) {
                throw malformedHeader(line, e);
            }
        }
        List<String> given = format.columns();
        if (!given.isEmpty() && names.size() != given.size()) {
            throw new ExtensionException(config.extension(), "the header of " + config.path() + " has "
                    + names.size() + " columns " + names + " but the \"columns\" setting names " + given.size()
                    + " " + given + "; list one name per column");
        }
        if (given.isEmpty()) {
            try {
                Fields.of(names);
            } catch (IllegalArgumentException e) {
                throw new ExtensionException(config.extension(), "the header of " + config.path() + " at line " + line
                        + " is not usable: " + e.getMessage() + "; rename the column or set \"columns\" to"
                        + " distinct names", e);
            }
        }
        in.pos = parser.end;
        line += parser.lines;
        return names;
    }

    private ExtensionException malformedHeader(long at, MalformedDataException e) {
        return new ExtensionException(config.extension(), "malformed header in " + config.path() + " at line " + at
                + ": " + e.getMessage(), e);
    }

    /**
     * Fixes the columns: declared types from {@code types}, the others from the position's codes if
     * given, else from the sample, else string.
     */
    private void use(List<String> names, String codes) {
        for (String declared : format.types().keySet()) {
            if (!names.contains(declared)) {
                throw new ExtensionException(config.extension(), "setting \"types\" names the column \"" + declared
                        + "\", but the columns of " + config.path() + " are " + names + "; use one of those names");
            }
        }
        ColumnType[] types = new ColumnType[names.size()];
        boolean[] declared = new boolean[names.size()];
        for (int i = 0; i < types.length; i++) {
            ColumnType type = format.types().get(names.get(i));
            declared[i] = type != null;
            if (type == null) {
                if (!format.inferTypes()) {
                    type = ColumnType.STRING;
                } else if (codes != null) {
                    type = ColumnType.ofCode(codes.charAt(i)).orElseThrow();
                } else {
                    type = sample.type(i);
                }
            }
            types[i] = type;
        }
        columns = new CsvColumns(names, new ColumnValues(names, types, declared, format.inferTypes()));
    }

    private static List<String> generatedNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("column" + (i + 1));
        }
        return names;
    }

    @Override
    String positionState() {
        return columns == null ? "" : TYPES_PART + columns.codes();
    }

    @Override
    String positionFormat() {
        return "offset=<bytes>;line=<line>;types=<one of s, i, n, b per column>";
    }

    @Override
    void restoreState(String state, Position position) {
        if (state.isEmpty()) {
            return;
        }
        Optional<String> codes = Optional.of(state).filter(s -> s.startsWith(TYPES_PART))
                .map(s -> s.substring(TYPES_PART.length()))
                .filter(c -> !c.isEmpty() && c.chars().allMatch(ch -> ColumnType.ofCode((char) ch).isPresent()));
        if (codes.isEmpty()) {
            throw unusablePosition(position, "expected \"" + positionFormat() + "\" as written by "
                    + config.extension());
        }
        int count = codes.get().length();
        if (columns == null) {
            use(generatedNames(count), codes.get());
        } else if (count != columns.size()) {
            throw unusablePosition(position, "the position records the types of " + count + " columns but the file"
                    + " has " + columns.size() + " " + columns.names() + "; the checkpoint does not belong to this"
                    + " file");
        } else {
            use(columns.names(), codes.get());
        }
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
            case CsvParser.COMMENT:
                return comment(parser.end, parser.lines);
            default:
                break;
        }
        MalformedDataException invalid = invalidBytesBefore(parser.end);
        if (invalid != null) {
            return malformed(invalid, line, parser.end, parser.lines);
        }
        int count = parser.count;
        if (columns == null) {
            use(generatedNames(count), null);
        }
        if (count > columns.size() || (count < columns.size() && format.ragged() == CsvFormat.Ragged.ERROR)) {
            return malformed(fieldCount(count), line, parser.end, parser.lines);
        }
        Row row;
        try {
            row = columns.row(parser, b, decoder, format.ragged() == CsvFormat.Ragged.KEEP);
        } catch (MalformedDataException e) {
            return malformed(e, line, parser.end, parser.lines);
        }
        in.pos = parser.end;
        line += parser.lines;
        out.emit(row);
        return Step.RECORD;
    }

    private MalformedDataException fieldCount(int count) {
        String hint;
        if (count < columns.size()) {
            hint = "quote fields that contain the delimiter, or set \"ragged\": \"pad\" or \"keep\" if records may"
                    + " lack trailing fields";
        } else if (format.ragged() != CsvFormat.Ragged.ERROR) {
            hint = "quote fields that contain the delimiter, or name the extra columns in \"columns\"";
        } else {
            hint = "quote fields that contain the delimiter";
        }
        return new MalformedDataException("the record has " + count + " fields but "
                + (format.namedColumns() ? "the columns are " : "the first record had ") + columns.size() + " "
                + columns.fields() + "; " + hint);
    }
}
