package dev.patchbay.plugins.files;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Record;
import java.util.Base64;
import java.util.List;

/**
 * Writes record values as compact JSON (RFC 8259) into a caller-owned StringBuilder, so that a sink
 * can reuse one builder for many records.
 *
 * <p>Mapping: String to string, Long to integer, Double to a number that reads back as the same
 * double (integral values keep ".0"), Boolean to true/false, null to null, List to array, Record to
 * object in field order, Bytes to a base64 string. NaN and infinities have no JSON form and are
 * rejected.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /** Appends a record as one JSON object. */
    static void writeRecord(StringBuilder out, Record record) {
        out.append('{');
        int size = record.size();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = record.name(i);
            writeString(out, name);
            out.append(':');
            writeValue(out, name, record.value(i));
        }
        out.append('}');
    }

    /**
     * Appends one value.
     *
     * @param where the field name, for the message when a value cannot be written
     * @throws IllegalArgumentException for NaN, infinities or a value that is not a record value type
     */
    static void writeValue(StringBuilder out, String where, Object value) {
        if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Long l) {
            out.append(l.longValue());
        } else if (value instanceof Double d) {
            double v = d;
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("field '" + where + "' holds " + v
                        + ", which JSON cannot represent; replace it with null or a finite number before this sink");
            }
            Numbers.appendDouble(out, v);
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Record r) {
            out.append('{');
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(out, r.name(i));
                out.append(':');
                writeValue(out, where + "." + r.name(i), r.value(i));
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(out, where + "[" + i + "]", list.get(i));
            }
            out.append(']');
        } else if (value instanceof Bytes bytes) {
            out.append('"').append(Base64.getEncoder().encodeToString(bytes.toArray())).append('"');
        } else {
            throw new IllegalArgumentException("field '" + where + "' holds a " + value.getClass().getName()
                    + ", which is not a record value type");
        }
    }

    /** Appends a JSON string literal, escaping quotes, backslashes and control characters. */
    static void writeString(StringBuilder out, String s) {
        out.append('"');
        int length = s.length();
        int clean = 0;
        while (clean < length) {
            char c = s.charAt(clean);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            clean++;
        }
        if (clean == length) {
            out.append(s);
        } else {
            out.append(s, 0, clean);
            for (int i = clean; i < length; i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
        }
        out.append('"');
    }

    /** Returns a value as compact JSON text. */
    static String toJson(String where, Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, where, value);
        return out.toString();
    }
}
