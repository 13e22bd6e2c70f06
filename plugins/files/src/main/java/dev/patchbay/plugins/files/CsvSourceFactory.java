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

/** Creates {@code csv-source}: reads RFC 4180 CSV and other delimited files. */
@Extension(name = "csv-source", description = "Reads RFC 4180 CSV and other delimited files, with an optional"
        + " header or given column names, comment lines, records with missing trailing fields, one type per column"
        + " (declared or inferred), gzip and any charset.")
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
                        + " they name the fields (default column1..N), with a header they replace its names (the"
                        + " header line is skipped; the counts must match)."),
                Setting.optional(Options.DELIMITER, SettingType.STRING, "The single ASCII character between fields,"
                        + " for example \",\", \";\" or \"\\t\".").withDefault(","),
                Setting.optional(Options.QUOTE, SettingType.STRING, "The single ASCII character that quotes fields;"
                        + " inside quotes it is written twice.").withDefault("\""),
                Setting.optional(Options.COMMENT, SettingType.STRING, "A prefix, such as \"#\", that marks comment"
                        + " lines: a line that starts with it where a record would start is skipped and counted."
                        + " Absent: no line is a comment."),
                Setting.optional(Options.RAGGED, SettingType.STRING, "A record with fewer fields than columns: error"
                        + " makes it malformed; pad fills the missing trailing fields with null; keep emits only the"
                        + " fields present. More fields than columns are always malformed.").withDefault("error")
                        .oneOf(CsvFormat.RAGGED_CHOICES.toArray(String[]::new)),
                Setting.optional(Options.INFER_TYPES, SettingType.BOOLEAN, "Give each column one type, decided from"
                        + " the first 1000 records: integer (Long) if every unquoted value there is a JSON integer,"
                        + " number (Double) if every one is a JSON number, else string; leading zeros and quoted"
                        + " values make a column string; unquoted empty fields are null. false keeps every"
                        + " undeclared field as a string.").withDefault(true),
                Setting.optional(Options.TYPES, SettingType.OBJECT, "The type of named columns, overriding"
                        + " inference: an object from column name to \"string\", \"integer\", \"number\" or"
                        + " \"boolean\"; a value that does not convert is malformed."),
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
        SourceConfig config = SourceConfig.of(settings, context);
        CsvFormat format = CsvFormat.of(settings, config.charset());
        byte[] comment = format.comment().getBytes(config.parseCharset());
        return new CsvSource(config, new CsvParser(delimiter, quote, comment), format, context);
    }
}
