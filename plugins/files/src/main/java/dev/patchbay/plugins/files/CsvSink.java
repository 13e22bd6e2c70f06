package dev.patchbay.plugins.files;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.ExtensionContext;
import dev.patchbay.api.ExtensionException;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.SettingsException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes RFC 4180 CSV. The columns come from the {@code columns} setting, else from the header of the
 * existing file being appended to, else from the first record. A header line is written only when the
 * file starts empty.
 *
 * <p>Values are written so that csv-source with type inference reads them back with the same types:
 * null as an empty field, strings quoted when they are empty, look like a number, or contain the
 * delimiter, the quote or a line break; numbers and booleans as they are; lists and records as JSON
 * text; bytes as base64.
 */
final class CsvSink extends FileSink {

    private final char delimiter;
    private final char quote;
    private final boolean header;
    private String[] columns;
    private Set<String> columnSet;
    private boolean headerPending;

    CsvSink(Settings settings, ExtensionContext context) {
        super(settings, context, settings.getString(Options.LINE_ENDING).equals("crlf") ? "\r\n" : "\n",
                recordEnds(settings));
        try {
            this.delimiter = (char) Options.asciiChar(settings, Options.DELIMITER);
            this.quote = (char) Options.asciiChar(settings, Options.QUOTE);
            this.header = settings.getBoolean(Options.HEADER);
            List<String> configured = Options.columns(settings);
            List<String> existing = header && output.initialSize() > 0 ? existingHeader(settings) : List.of();
            if (!configured.isEmpty() && !existing.isEmpty() && !configured.equals(existing)) {
                throw new ExtensionException(extension, "the existing file " + output.path() + " has the header "
                        + existing + " but the \"columns\" setting is " + configured + "; append with the same"
                        + " columns, or write to another file");
            }
            List<String> chosen = configured.isEmpty() ? existing : configured;
            if (!chosen.isEmpty()) {
                useColumns(chosen);
            }
            this.headerPending = header && output.initialSize() == 0;
        } catch (RuntimeException e) {
            closeAfterFailure(e);
            throw e;
        }
    }

    /** The delimiter and quote, checked before the file is opened, since its repair needs them. */
    private static RecordEnds recordEnds(Settings settings) {
        char delimiter = (char) Options.asciiChar(settings, Options.DELIMITER);
        char quote = (char) Options.asciiChar(settings, Options.QUOTE);
        if (delimiter == quote) {
            throw new SettingsException(settings.extension(), Options.QUOTE, "must differ from the delimiter '"
                    + delimiter + "'");
        }
        return RecordEnds.csv(delimiter, quote);
    }

    private List<String> existingHeader(Settings settings) {
        boolean gzip = Options.gzip(settings, output.path());
        CsvParser parser = new CsvParser((byte) delimiter, (byte) quote);
        Charset charset = Options.charset(settings);
        boolean transcode = !Options.isAsciiCompatible(charset);
        TextDecoder decoder = new TextDecoder(transcode ? StandardCharsets.UTF_8 : charset);
        try (FileInput in = FileInput.open(output.path(), gzip, transcode ? charset : null, 1 << 16,
                FileSource.MAX_RECORD_BYTES)) {
            boolean last = false;
            boolean bomChecked = false;
            while (true) {
                if (!bomChecked && in.limit - in.pos >= 3) {
                    bomChecked = true;
                    if (decoder.charset().equals(StandardCharsets.UTF_8) && in.buf[0] == (byte) 0xEF
                            && in.buf[1] == (byte) 0xBB && in.buf[2] == (byte) 0xBF) {
                        in.pos = 3;
                    }
                }
                int result = parser.parse(in.buf, in.pos, in.limit, last);
                if (result == CsvParser.NEED_MORE) {
                    if (!in.fill()) {
                        last = true;
                    }
                } else if (result == CsvParser.BLANK) {
                    in.pos = parser.end;
                } else if (result == CsvParser.END) {
                    return List.of();
                } else {
                    List<String> names = new ArrayList<>();
                    for (int i = 0; i < parser.count; i++) {
                        names.add(parser.text(in.buf, i, decoder));
                    }
                    return names;
                }
            }
        } catch (IOException e) {
            // Names the file, the operation and the fix already (FileIOException).
            throw new ExtensionException(extension, e.getMessage(), e);
        } catch (MalformedDataException | FileInput.RecordTooLongException e) {
            throw new ExtensionException(extension, "cannot read the header of the existing file " + output.path()
                    + " to append to it: " + e.getMessage() + "; fix the file, set \"mode\": \"overwrite\", or write"
                    + " to another file", e);
        }
    }

    private void useColumns(List<String> names) {
        columns = names.toArray(String[]::new);
        columnSet = new HashSet<>(names);
    }

    @Override
    void format(TextBuffer text, Row record) {
        if (columns == null) {
            useColumns(record.fieldNames());
        }
        if (headerPending) {
            for (int i = 0; i < columns.length; i++) {
                if (i > 0) {
                    text.append(delimiter);
                }
                appendText(text, columns[i], true);
            }
            text.append(lineEnding());
            formatRow(text, record);
            headerPending = false;
        } else {
            formatRow(text, record);
        }
    }

    private void formatRow(TextBuffer text, Row record) {
        String[] cols = columns;
        boolean sameOrder = record.size() == cols.length;
        for (int i = 0; sameOrder && i < cols.length; i++) {
            String name = record.name(i);
            sameOrder = name == cols[i] || name.equals(cols[i]);
        }
        if (sameOrder) {
            for (int i = 0; i < cols.length; i++) {
                if (i > 0) {
                    text.append(delimiter);
                }
                appendValue(text, cols[i], record.value(i));
            }
            return;
        }
        for (int i = 0; i < record.size(); i++) {
            if (!columnSet.contains(record.name(i))) {
                throw new IllegalArgumentException("field '" + record.name(i) + "' is not one of the columns "
                        + List.of(cols) + "; list every column in the \"columns\" setting, or drop the field before"
                        + " this sink");
            }
        }
        for (int i = 0; i < cols.length; i++) {
            if (i > 0) {
                text.append(delimiter);
            }
            appendValue(text, cols[i], record.get(cols[i]));
        }
    }

    private void appendValue(TextBuffer text, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String s) {
            appendText(text, s, false);
        } else if (value instanceof Long l) {
            text.append(l.longValue());
        } else if (value instanceof Double d) {
            double v = d;
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                text.append(Double.toString(v));
            } else {
                Numbers.appendDouble(text, v);
            }
        } else if (value instanceof Boolean b) {
            text.append(b.booleanValue());
        } else if (value instanceof Bytes bytes) {
            text.append(Base64.getEncoder().encodeToString(bytes.toArray()));
        } else {
            appendText(text, JsonWriter.toJson(name, value), false);
        }
    }

    private void appendText(TextBuffer text, String s, boolean isHeader) {
        boolean needsQuotes = s.isEmpty() || (!isHeader && Numbers.isNumber(s));
        for (int i = 0; !needsQuotes && i < s.length(); i++) {
            char c = s.charAt(i);
            needsQuotes = c == delimiter || c == quote || c == '\n' || c == '\r';
        }
        if (!needsQuotes) {
            text.append(s);
            return;
        }
        text.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote) {
                text.append(quote);
            }
            if (c < 0x80) {
                text.append(c);
            } else {
                i += text.appendNonAscii(c, s, i);
            }
        }
        text.append(quote);
    }
}
