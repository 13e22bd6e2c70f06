package dev.patchbay.plugins.files;

import dev.patchbay.api.Row;
import dev.patchbay.api.SourceContext;

/**
 * Emits one record per line of JSON Lines: each line holds one JSON object. Lines that are empty or
 * hold only whitespace are skipped; anything else that is not exactly one JSON object is malformed.
 */
final class JsonLinesSource extends LineSource {

    private final JsonReader reader = new JsonReader();

    JsonLinesSource(SourceConfig config, SourceContext context) {
        super(config, context);
    }

    @Override
    Row parseLine(byte[] bytes, int start, int end) throws MalformedDataException {
        int length = decoder.decode(bytes, start, end - start);
        char[] chars = decoder.chars();
        int i = 0;
        while (i < length && (chars[i] == ' ' || chars[i] == '\t' || chars[i] == '\r')) {
            i++;
        }
        if (i == length) {
            return null;
        }
        return reader.readObject(chars, 0, length);
    }
}
