package dev.patchbay.plugins.files;

import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Record;
import dev.patchbay.api.Settings;

/** Writes each record as one compact JSON object per line. */
final class JsonLinesSink extends FileSink {

    JsonLinesSink(Settings settings, ExtensionContext context) {
        super(settings, context, "\n");
    }

    @Override
    void format(TextBuffer text, Record record) {
        JsonWriter.writeRecord(text, record);
    }
}
