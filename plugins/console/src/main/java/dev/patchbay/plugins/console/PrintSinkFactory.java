package dev.patchbay.plugins.console;

import dev.patchbay.api.Extension;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The {@code console/print} sink: prints records to standard output or standard error, as JSON Lines
 * or as an aligned table, for trying pipelines out.
 */
@Extension(name = PrintSinkFactory.NAME,
        description = "Prints records to standard output or standard error as JSON Lines or an aligned table.")
public final class PrintSinkFactory implements SinkFactory {

    static final String NAME = "print";

    static final String FORMAT = "format";
    static final String LIMIT = "limit";
    static final String STREAM = "stream";
    static final String BYTES = "bytes";
    static final String MAX_COLUMN_WIDTH = "maxColumnWidth";

    private static final List<Setting> SETTINGS = List.of(
            Setting.optional(FORMAT, SettingType.STRING, "Output format: \"jsonl\" prints one JSON object per"
                    + " line; \"table\" prints each batch as an aligned table with its own header, column"
                    + " widths computed per batch.")
                    .oneOf("jsonl", "table").withDefault("jsonl"),
            Setting.optional(LIMIT, SettingType.LONG, "Print at most this many records (0 or more); later"
                    + " records are counted and reported at close instead of printed. Absent: print all."),
            Setting.optional(STREAM, SettingType.STRING, "Where to print: \"stdout\" (standard output) or"
                    + " \"stderr\" (standard error).")
                    .oneOf("stdout", "stderr").withDefault("stdout"),
            Setting.optional(BYTES, SettingType.STRING, "How bytes values are printed: \"base64\" (standard,"
                    + " padded) or \"hex\" (lower case); in JSON as a string.")
                    .oneOf("base64", "hex").withDefault("base64"),
            Setting.optional(MAX_COLUMN_WIDTH, SettingType.LONG, "Table format only: the widest a column may"
                    + " be, in characters (at least " + TableFormat.MIN_COLUMN_WIDTH + "); longer cells are cut"
                    + " and end in \"...\".")
                    .withDefault(40L));

    /** Creates the factory; the host calls this through {@link java.util.ServiceLoader}. */
    public PrintSinkFactory() {
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public Sink create(Settings settings, ExtensionContext context) {
        // The process's own descriptors, not System.out and System.err: the host routes what plugin code prints
        // there to its log, and printing records to the terminal is this sink's whole purpose. Each batch is one
        // write call, so a line is never split between two batches.
        return create(settings, context, new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err));
    }

    /** Creates the sink writing to the given streams instead of the process's own, for tests. */
    Sink create(Settings settings, ExtensionContext context, OutputStream stdout, OutputStream stderr) {
        long limit = PrintSink.UNLIMITED;
        if (settings.find(LIMIT).isPresent()) {
            limit = settings.getLong(LIMIT);
            if (limit < 0) {
                throw new SettingsException(NAME, LIMIT, "must be 0 or more, got " + limit
                        + "; remove the setting to print every record");
            }
        }
        long maxWidth = settings.getLong(MAX_COLUMN_WIDTH);
        if (maxWidth < TableFormat.MIN_COLUMN_WIDTH || maxWidth > Integer.MAX_VALUE) {
            throw new SettingsException(NAME, MAX_COLUMN_WIDTH, "must be between " + TableFormat.MIN_COLUMN_WIDTH
                    + " and " + Integer.MAX_VALUE + ", got " + maxWidth);
        }
        Json json = new Json(switch (settings.getString(BYTES)) {
            case "base64" -> BytesEncoding.BASE64;
            case "hex" -> BytesEncoding.HEX;
            default -> throw unexpected(settings, BYTES, "[base64, hex]");
        });
        BatchFormat format = switch (settings.getString(FORMAT)) {
            case "jsonl" -> new JsonLinesFormat(json);
            case "table" -> new TableFormat(json, (int) maxWidth);
            default -> throw unexpected(settings, FORMAT, "[jsonl, table]");
        };
        OutputStream stream = switch (settings.getString(STREAM)) {
            case "stdout" -> stdout;
            case "stderr" -> stderr;
            default -> throw unexpected(settings, STREAM, "[stdout, stderr]");
        };
        return new PrintSink(stream, format, limit, context.logger(), context.stageId());
    }

    private static SettingsException unexpected(Settings settings, String key, String allowed) {
        return new SettingsException(NAME, key, "expected one of " + allowed + " but got \""
                + settings.getString(key) + "\"");
    }
}
