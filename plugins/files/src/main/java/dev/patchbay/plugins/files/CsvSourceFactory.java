package dev.patchbay.plugins.files;

import dev.patchbay.api.Extension;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceContext;
import dev.patchbay.api.SourceFactory;
import java.util.List;

/** Creates {@code csv-source}: reads RFC 4180 CSV files. */
@Extension(name = "csv-source", description = "Reads RFC 4180 CSV files, with an optional header, a configurable"
        + " delimiter, type inference, gzip and any charset.")
public final class CsvSourceFactory implements SourceFactory {

    /** Creates the factory; ServiceLoader needs a public no-argument constructor. */
    public CsvSourceFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Options.sourcePath(),
                Setting.optional(Options.HEADER, SettingType.BOOLEAN, "Whether the first record is a header that"
                        + " names the fields.").withDefault(true),
                Setting.optional(Options.COLUMNS, SettingType.LIST, "Field names, one per column; without a header"
                        + " they name the fields (default column1..N), with a header they replace its names."),
                Setting.optional(Options.DELIMITER, SettingType.STRING, "The single ASCII character between fields,"
                        + " for example \",\", \";\" or \"\\t\".").withDefault(","),
                Setting.optional(Options.QUOTE, SettingType.STRING, "The single ASCII character that quotes fields;"
                        + " inside quotes it is written twice.").withDefault("\""),
                Setting.optional(Options.INFER_TYPES, SettingType.BOOLEAN, "Turn unquoted fields that are JSON"
                        + " numbers into integers (Long) or decimals (Double) and unquoted empty fields into null;"
                        + " false keeps every field as a string.").withDefault(true),
                Options.charset(),
                Options.sourceCompression(),
                Options.onError());
    }

    @Override
    public Source create(Settings settings, SourceContext context) {
        byte delimiter = Options.asciiChar(settings, Options.DELIMITER);
        byte quote = Options.asciiChar(settings, Options.QUOTE);
        if (delimiter == quote) {
            throw new SettingsException(settings.extension(), Options.QUOTE, "must differ from the delimiter '"
                    + (char) delimiter + "'");
        }
        List<String> columns = Options.columns(settings);
        SourceConfig config = SourceConfig.of(settings, context);
        return new CsvSource(config, new CsvParser(delimiter, quote), settings.getBoolean(Options.HEADER), columns,
                settings.getBoolean(Options.INFER_TYPES), context);
    }
}
