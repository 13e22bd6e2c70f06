package dev.patchbay.plugins.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Writes records as compact JSON in UTF-8 with jackson-core, byte for byte as the files plugin's
 * {@code jsonl-sink} writes a line (without its line end), so that a record sent by {@code kafka/sink} and one
 * written to a JSON Lines file are the same text: fields in record order; Long as an integer; Double as the
 * shortest decimal that reads back as the same double, in plain notation with at least one fraction digit for
 * magnitudes from 0.001 up to 10^15 and as {@link Double#toString} otherwise; Bytes as a base64 string;
 * only quotes, backslashes and control characters escaped, with lower-case hex digits, every other character
 * (a surrogate pair too) written as its UTF-8 bytes. NaN and infinities have
 * no JSON form and are refused. Not thread-safe: one instance per sink.
 */
final class JsonRecords {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final double[] POW10 = new double[18];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);

    /**
     * Returns a record as one JSON object.
     *
     * @throws IllegalArgumentException naming the field for NaN, infinities and text that is not valid UTF-16
     */
    byte[] record(Row record) {
        return write(record);
    }

    /** Returns one value as JSON text, for a key that is not a string. */
    byte[] value(String where, Object value) {
        buffer.reset();
        try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
            writeValue(out, where, value);
        } catch (IOException e) {
            throw failure(where, e);
        }
        return buffer.toByteArray();
    }

    private byte[] write(Row record) {
        buffer.reset();
        try (JsonGenerator out = FACTORY.createGenerator(buffer)) {
            writeValue(out, "", record);
        } catch (IOException e) {
            throw failure("", e);
        }
        return buffer.toByteArray();
    }

    private static RuntimeException failure(String where, IOException e) {
        if (e.getMessage() != null && e.getMessage().contains("surrogate")) {
            return new IllegalArgumentException("field '" + where + "' holds text with an unpaired surrogate,"
                    + " which UTF-8 cannot encode; fix the text before this sink", e);
        }
        return new UncheckedIOException("cannot write field '" + where + "' as JSON into memory", e);
    }

    private static void writeValue(JsonGenerator out, String where, Object value) throws IOException {
        if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Long l) {
            out.writeNumber(l.longValue());
        } else if (value instanceof Double d) {
            out.writeNumber(decimal(where, d));
        } else if (value == null) {
            out.writeNull();
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Row row) {
            out.writeStartObject();
            for (int i = 0; i < row.size(); i++) {
                out.writeFieldName(row.name(i));
                writeValue(out, where.isEmpty() ? row.name(i) : where + "." + row.name(i), row.value(i));
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (int i = 0; i < list.size(); i++) {
                writeValue(out, where + "[" + i + "]", list.get(i));
            }
            out.writeEndArray();
        } else if (value instanceof Bytes bytes) {
            out.writeString(Base64.getEncoder().encodeToString(bytes.toArray()));
        } else {
            throw new IllegalArgumentException("field '" + where + "' holds a " + value.getClass().getName()
                    + ", which is not a record value type");
        }
    }

    /**
     * The decimal text of a finite double: in plain notation with the fewest fraction digits (at least one) that
     * read back as the same value for magnitudes in [0.001, 10^15), else {@link Double#toString}.
     */
    static String decimal(String where, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("field '" + where + "' holds " + value
                    + ", which JSON cannot represent; replace it with null or a finite number before this sink");
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e15) {
            for (int digits = 1; digits < POW10.length; digits++) {
                double scaled = magnitude * POW10[digits];
                if (scaled >= 0x1p53) {
                    break;
                }
                long units = Math.round(scaled);
                if (units / POW10[digits] == magnitude) {
                    return plain(value < 0, units, digits);
                }
            }
        }
        return Double.toString(value);
    }

    private static String plain(boolean negative, long units, int digits) {
        long scale = (long) POW10[digits];
        long fraction = units % scale;
        StringBuilder text = new StringBuilder(24);
        if (negative) {
            text.append('-');
        }
        text.append(units / scale).append('.');
        if (fraction == 0) {
            return text.append('0').toString();
        }
        String fractionText = Long.toString(fraction);
        text.append("0".repeat(digits - fractionText.length())).append(fractionText);
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        return text.substring(0, end);
    }
}
