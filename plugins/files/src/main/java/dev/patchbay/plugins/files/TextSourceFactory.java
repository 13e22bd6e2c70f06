package dev.patchbay.plugins.files;

import dev.patchbay.api.Extension;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import java.util.List;

/** Creates {@code text-source}: one record per line of a text file. */
@Extension(name = "text-source", description = "Reads a text file as one record per line, once or continuously"
        + " following appends, with gzip and any charset.")
public final class TextSourceFactory implements SourceFactory {

    /** Creates the factory; ServiceLoader needs a public no-argument constructor. */
    public TextSourceFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Options.sourcePath(),
                Setting.optional(Options.FIELD, SettingType.STRING, "Name of the string field that holds the line,"
                        + " without its line break.").withDefault("line"),
                Options.follow(),
                Options.charset(),
                Options.sourceCompression(),
                Options.onError());
    }

    @Override
    public Source create(Settings settings, SourceContext context) {
        String field = Options.field(settings);
        return new TextSource(SourceConfig.of(settings, context), field, context);
    }
}
