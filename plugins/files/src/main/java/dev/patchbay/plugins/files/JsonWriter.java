package dev.patchbay.plugins.files;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Writes record values as compact JSON (RFC 8259) into a reusable {@link TextBuffer}.
 *
 * <p>Mapping: String to string, Long to integer, Double to a number that reads back as the same
 * double (integral values keep ".0"), Boolean to true/false, null to null, List to array, Row to
 * object in field order, Bytes to a base64 string. NaN and infinities have no JSON form and are
 * rejected. Only quotes, backslashes and control characters are escaped; other characters are written
 * as they are, in the output charset.
 */
final class JsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private JsonWriter() {
    }

    /** Appends a record as one JSON object. */
    static void writeRecord(TextBuffer out, Row record) {
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
     * @throws IllegalArgumentException for NaN, infinities, characters the charset cannot encode, or a
     *         value that is not a record value type
     */
    static void writeValue(TextBuffer out, String where, Object value) {
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
        } else if (value instanceof Row r) {
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
    static void writeString(TextBuffer out, String s) {
        int n = s.length();
        out.ensure(n + 2);
        byte[] b = out.bytes;
        int at = out.length;
        b[at++] = '"';
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            b[at++] = (byte) c;
        }
        if (i == n) {
            b[at++] = '"';
            out.length = at;
            return;
        }
        out.length = at;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                i += out.appendNonAscii(c, s, i);
                continue;
            }
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
                        out.append("\\u00");
                        out.ensure(2);
                        out.bytes[out.length++] = HEX[c >> 4];
                        out.bytes[out.length++] = HEX[c & 0xf];
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Returns a value as compact JSON text. */
    static String toJson(String where, Object value) {
        TextBuffer out = new TextBuffer(StandardCharsets.UTF_8, 64);
        writeValue(out, where, value);
        return out.toString();
    }
}
