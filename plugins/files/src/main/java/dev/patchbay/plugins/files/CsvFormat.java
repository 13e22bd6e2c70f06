package dev.patchbay.plugins.files;

import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How csv-source reads records out of a file: the settings beyond the byte-level syntax, validated.
 *
 * @param header whether the first record is a header
 * @param columns the {@code columns} setting, empty if absent
 * @param ragged what a record with fewer fields than columns is
 * @param comment the prefix of comment lines, empty for none
 * @param inferTypes whether undeclared columns get a type from the first records
 * @param types the declared type of each column named in {@code types}, in the setting's order
 */
record CsvFormat(boolean header, List<String> columns, Ragged ragged, String comment, boolean inferTypes,
        Map<String, ColumnType> types) {

    /** What a record with fewer fields than columns is. */
    enum Ragged {
        /** Malformed; the error policy applies. */
        ERROR,
        /** Emitted with the missing trailing fields null. */
        PAD,
        /** Emitted with the fields present only. */
        KEEP;

        String settingValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final List<String> RAGGED_CHOICES = List.of("error", "pad", "keep");

    CsvFormat {
        columns = List.copyOf(columns);
        Objects.requireNonNull(ragged, "ragged");
        Objects.requireNonNull(comment, "comment");
        if (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the comment prefix must not contain a line break");
        }
        if (ragged != Ragged.ERROR && !header && columns.isEmpty()) {
            throw new IllegalArgumentException("ragged " + ragged.settingValue() + " needs column names");
        }
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        if (!columns.isEmpty() && !columns.containsAll(types.keySet())) {
            throw new IllegalArgumentException("types " + types.keySet() + " are not all columns " + columns);
        }
    }

    /** Whether the column names are known before the first record: from a header or {@code columns}. */
    boolean namedColumns() {
        return header || !columns.isEmpty();
    }

    /**
     * Interprets the csv-source settings other than the delimiter and the quote.
     *
     * @param charset the file's charset, which the comment prefix must be able to appear in
     */
    static CsvFormat of(Settings settings, Charset charset) {
        String extension = settings.extension();
        boolean header = settings.getBoolean(Options.HEADER);
        List<String> columns = Options.columns(settings);
        Ragged ragged = Ragged.valueOf(settings.getString(Options.RAGGED).toUpperCase(Locale.ROOT));
        if (ragged != Ragged.ERROR && !header && columns.isEmpty()) {
            throw new SettingsException(extension, Options.RAGGED, "\"" + ragged.settingValue() + "\" needs the column"
                    + " names; set \"header\": true, or list them in \"columns\"");
        }
        String comment = comment(settings, charset);
        Map<String, ColumnType> types = types(settings);
        for (String name : types.keySet()) {
            if (!columns.isEmpty() && !columns.contains(name)) {
                throw new SettingsException(extension, Options.TYPES, "names the column \"" + name + "\", but"
                        + " \"columns\" lists " + columns + "; use one of those names");
            }
        }
        return new CsvFormat(header, columns, ragged, comment, settings.getBoolean(Options.INFER_TYPES), types);
    }

    private static String comment(Settings settings, Charset charset) {
        Optional<Object> value = settings.find(Options.COMMENT);
        if (value.isEmpty()) {
            return "";
        }
        String comment = (String) value.get();
        if (comment.isEmpty()) {
            throw new SettingsException(settings.extension(), Options.COMMENT, "must not be empty; give a prefix such"
                    + " as \"#\", or leave the setting out");
        }
        if (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0) {
            throw new SettingsException(settings.extension(), Options.COMMENT, "must not contain a line break, got \""
                    + comment + "\"; a comment prefix is the start of one line");
        }
        if (charset.canEncode() && !charset.newEncoder().canEncode(comment)) {
            throw new SettingsException(settings.extension(), Options.COMMENT, "\"" + comment + "\" cannot be written"
                    + " in charset " + charset.name() + ", so no line of the file can start with it; check \"comment\""
                    + " and \"charset\"");
        }
        return comment;
    }

    private static Map<String, ColumnType> types(Settings settings) {
        Optional<Object> value = settings.find(Options.TYPES);
        Map<String, ColumnType> types = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return types;
        }
        Row declared = (Row) value.get();
        for (String name : declared.fieldNames()) {
            Object type = declared.get(name);
            Optional<ColumnType> known = type instanceof String s ? ColumnType.named(s) : Optional.empty();
            if (known.isEmpty()) {
                throw new SettingsException(settings.extension(), Options.TYPES, "column \"" + name + "\": expected"
                        + " one of " + ColumnType.names() + " but got " + (type instanceof String ? "\"" + type + "\""
                        : String.valueOf(type)));
            }
            types.put(name, known.get());
        }
        return types;
    }
}
