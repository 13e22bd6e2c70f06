package dev.patchbay.plugins.files;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.util.List;

/** Creates {@code text-sink}: appends one field of each record per line. */
@Extension(name = "text-sink", description = "Appends one field of each record per line to a text file, with gzip,"
        + " any charset and fsync on flush.")
public final class TextSinkFactory implements SinkFactory {

    /** Creates the factory; ServiceLoader needs a public no-argument constructor. */
    public TextSinkFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Options.sinkPath(),
                Setting.optional(Options.FIELD, SettingType.STRING, "The field to write: strings as they are, null"
                        + " as an empty line, other values as JSON; a missing field is an error.").withDefault("line"),
                Options.mode(),
                Options.outputCharset(),
                Options.sinkCompression());
    }

    @Override
    public Sink create(Settings settings, ExtensionContext context) {
        return new TextSink(settings, context);
    }
}
