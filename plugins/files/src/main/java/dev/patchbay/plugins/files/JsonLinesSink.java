package dev.patchbay.plugins.files;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import java.util.Arrays;

/**
 * Writes each record as one compact JSON object per line.
 *
 * <p>Records of one stream usually share their field names, so the encoded {@code "name":} of each
 * position is kept and reused while the record at that position has the very same name String.
 */
final class JsonLinesSink extends FileSink {

    private String[] names = new String[0];
    private byte[][] encodedNames = new byte[0][];

    JsonLinesSink(Settings settings, ExtensionContext context) {
        super(settings, context, "\n", RecordEnds.lines());
    }

    @Override
    void format(TextBuffer text, Row record) {
        int size = record.size();
        if (names.length < size) {
            names = Arrays.copyOf(names, size);
            encodedNames = Arrays.copyOf(encodedNames, size);
        }
        text.append('{');
        for (int i = 0; i < size; i++) {
            String name = record.name(i);
            if (names[i] != name) {
                encodedNames[i] = encodeName(text, name, i);
                names[i] = name;
            }
            text.appendEncoded(encodedNames[i]);
            JsonWriter.writeValue(text, name, record.value(i));
        }
        text.append('}');
    }

    /** Returns {@code "name":}, preceded by a comma after the first field, in the output charset. */
    private static byte[] encodeName(TextBuffer like, String name, int index) {
        TextBuffer encoded = new TextBuffer(like.charset(), name.length() + 4);
        if (index > 0) {
            encoded.append(',');
        }
        JsonWriter.writeString(encoded, name);
        encoded.append(':');
        return Arrays.copyOf(encoded.bytes, encoded.length());
    }
}
