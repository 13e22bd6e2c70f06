package dev.patchbay.plugins.files;

import dev.patchbay.api.Fields;
import dev.patchbay.api.Row;
import java.util.List;

/**
 * The columns of a CSV file, once known: their names and types, and the rows built from parsed records,
 * full (missing trailing fields null) or with only the fields present. Reuses one value array and one
 * {@link Fields} per field count, so it is confined to the source's polling thread.
 */
final class CsvColumns {

    private final List<String> names;
    private final Fields fields;
    private final ColumnValues values;
    private final Object[] row;
    /** For {@code ragged: keep}: the fields of the first N columns, made when first needed. */
    private final Fields[] prefixes;

    /**
     * @throws IllegalArgumentException if a name repeats, quoting it
     */
    CsvColumns(List<String> names, ColumnValues values) {
        this.names = List.copyOf(names);
        this.fields = Fields.of(this.names);
        this.values = values;
        this.row = new Object[this.names.size()];
        this.prefixes = new Fields[this.names.size()];
    }

    int size() {
        return row.length;
    }

    List<String> names() {
        return names;
    }

    Fields fields() {
        return fields;
    }

    /** The column types as a position records them. */
    String codes() {
        return values.codes();
    }

    /**
     * Builds the row of the record the parser holds, which has at most {@link #size()} fields.
     *
     * @param onlyPresent true to emit only the fields present, false to set the missing ones to null
     */
    Row row(CsvParser parser, byte[] b, TextDecoder decoder, boolean onlyPresent) throws MalformedDataException {
        int count = parser.count;
        if (count == row.length || !onlyPresent) {
            for (int i = 0; i < count; i++) {
                row[i] = values.value(parser, b, i, decoder);
            }
            for (int i = count; i < row.length; i++) {
                row[i] = null;
            }
            return fields.record(row);
        }
        Object[] present = new Object[count];
        for (int i = 0; i < count; i++) {
            present[i] = values.value(parser, b, i, decoder);
        }
        Fields prefix = prefixes[count];
        if (prefix == null) {
            prefix = Fields.of(names.subList(0, count));
            prefixes[count] = prefix;
        }
        return prefix.record(present);
    }
}
