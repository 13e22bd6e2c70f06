package dev.patchbay.plugins.files;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.util.List;

/** Creates {@code jsonl-sink}: appends JSON Lines. */
@Extension(name = "jsonl-sink", description = "Appends records to a JSON Lines file, one compact JSON object per"
        + " line, with gzip, any charset and fsync on flush.")
public final class JsonLinesSinkFactory implements SinkFactory {

    /** Creates the factory; ServiceLoader needs a public no-argument constructor. */
    public JsonLinesSinkFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Options.sinkPath(),
                Options.mode(),
                Options.outputCharset(),
                Options.sinkCompression());
    }

    @Override
    public Sink create(Settings settings, ExtensionContext context) {
        return new JsonLinesSink(settings, context);
    }
}
