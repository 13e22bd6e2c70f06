package dev.patchbay.plugins.files;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;

/**
 * Writes one field of each record per line: strings as they are, null as an empty line, other values as
 * JSON text. A missing field or a string with a line break is an error, since either would silently
 * change the number of lines.
 */
final class TextSink extends FileSink {

    private final String field;

    TextSink(Settings settings, ExtensionContext context) {
        super(settings, context, "\n", RecordEnds.lines());
        try {
            this.field = Options.field(settings);
        } catch (RuntimeException e) {
            closeAfterFailure(e);
            throw e;
        }
    }

    @Override
    void format(TextBuffer text, Row record) {
        int index = record.indexOf(field);
        if (index < 0) {
            throw new IllegalArgumentException("it has no field '" + field + "' (fields " + record.fieldNames()
                    + "); set \"field\" to the field to write");
        }
        Object value = record.value(index);
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n' || c == '\r') {
                    throw new IllegalArgumentException("field '" + field + "' contains a line break, which would"
                            + " split it over several lines; use jsonl-sink or csv-sink for multi-line values");
                }
            }
            text.append(s);
        } else if (value != null) {
            JsonWriter.writeValue(text, field, value);
        }
    }
}
