package dev.patchbay.plugins.files;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.util.List;

/** Creates {@code csv-sink}: appends RFC 4180 CSV. */
@Extension(name = "csv-sink", description = "Appends records to an RFC 4180 CSV file, with a header for new"
        + " files, gzip, any charset and fsync on flush.")
public final class CsvSinkFactory implements SinkFactory {

    /** Creates the factory; ServiceLoader needs a public no-argument constructor. */
    public CsvSinkFactory() {
    }

    @Override
    public List<Setting> settings() {
        return List.of(
                Options.sinkPath(),
                Setting.optional(Options.HEADER, SettingType.BOOLEAN, "Write a header line when the file starts"
                        + " empty; when appending, the existing header gives the column order.").withDefault(true),
                Setting.optional(Options.COLUMNS, SettingType.LIST, "Column names in order; by default the existing"
                        + " header, else the fields of the first record. A field outside the columns is an error,"
                        + " a missing one is written empty."),
                Setting.optional(Options.DELIMITER, SettingType.STRING, "The single ASCII character between fields.")
                        .withDefault(","),
                Setting.optional(Options.QUOTE, SettingType.STRING, "The single ASCII character that quotes fields.")
                        .withDefault("\""),
                Setting.optional(Options.LINE_ENDING, SettingType.STRING, "Line break after each record: lf or crlf"
                        + " (RFC 4180).").withDefault("lf").oneOf("lf", "crlf"),
                Options.mode(),
                Options.outputCharset(),
                Options.sinkCompression());
    }

    @Override
    public Sink create(Settings settings, ExtensionContext context) {
        return new CsvSink(settings, context);
    }
}
