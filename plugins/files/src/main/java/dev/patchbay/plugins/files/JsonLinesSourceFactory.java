package dev.patchbay.plugins.files;

import dev.patchbay.api.Extension;
import dev.patchbay.api.Setting;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import java.util.List;

/** Creates {@code jsonl-source}: reads JSON Lines files, one object per line. */
@Extension(name = "jsonl-source", description = "Reads JSON Lines files (one JSON object per line), once or"
        + " continuously following appends, with gzip and any charset.")
public final class JsonLinesSourceFactory implements SourceFactory {

    /** Creates the factory; ServiceLoader needs a public no-argument constructor. */
    public JsonLinesSourceFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Options.sourcePath(),
                Options.follow(),
                Options.charset(),
                Options.sourceCompression(),
                Options.onError());
    }

    @Override
    public Source create(Settings settings, SourceContext context) {
        return new JsonLinesSource(SourceConfig.of(settings, context), context);
    }
}
