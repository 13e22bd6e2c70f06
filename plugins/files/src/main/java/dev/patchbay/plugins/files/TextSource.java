package dev.patchbay.plugins.files;

import dev.patchbay.api.Fields;
import dev.patchbay.api.Row;
import dev.patchbay.api.SourceContext;

/** Emits one record per line of text, with the line (without its line break) in one string field. */
final class TextSource extends LineSource {

    private final Fields fields;

    TextSource(SourceConfig config, String field, SourceContext context) {
        super(config, context);
        this.fields = Fields.of(field);
    }

    @Override
    Row parseLine(byte[] bytes, int start, int end) throws MalformedDataException {
        return fields.record(decoder.string(bytes, start, end - start));
    }
}
