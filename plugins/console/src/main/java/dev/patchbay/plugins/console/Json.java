package dev.patchbay.plugins.console;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.util.List;

/**
 * Writes record values as JSON text (RFC 8259) by hand, because a plugin depends on the api alone.
 *
 * <p>Mapping: string to a JSON string; long to an integer; double to a number, except NaN and the
 * infinities, which JSON cannot express and which become the strings {@code "NaN"}, {@code "Infinity"}
 * and {@code "-Infinity"}; boolean and null as themselves; bytes to a string in the chosen
 * {@link BytesEncoding}; a list to an array; a nested record to an object with its fields in order.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final BytesEncoding bytes;

    Json(BytesEncoding bytes) {
        this.bytes = bytes;
    }

    /** Returns the record as one JSON object on one line. */
    String object(Row record) {
        StringBuilder out = new StringBuilder(16 * record.size() + 2);
        appendRecord(out, record);
        return out.toString();
    }

    /** Appends the record as one JSON object on one line. */
    void appendRecord(StringBuilder out, Row record) {
        out.append('{');
        for (int i = 0; i < record.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, record.name(i));
            out.append(':');
            appendValue(out, record.value(i));
        }
        out.append('}');
    }

    /** Returns one value as JSON text. */
    String value(Object value) {
        StringBuilder out = new StringBuilder();
        appendValue(out, value);
        return out.toString();
    }

    void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            appendString(out, s);
        } else if (value instanceof Long || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                appendString(out, d.toString());
            } else {
                out.append(d.doubleValue());
            }
        } else if (value instanceof Bytes b) {
            appendString(out, bytes.encode(b));
        } else if (value instanceof Row r) {
            appendRecord(out, r);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendValue(out, list.get(i));
            }
            out.append(']');
        } else {
            // Records hold canonical values only, so this means the api grew a value type this plugin predates.
            throw new IllegalArgumentException("cannot print a value of type " + value.getClass().getName()
                    + "; this version of the console plugin supports string, long, double, boolean, null,"
                    + " bytes, list and record values");
        }
    }

    /**
     * Appends a JSON string. Besides the characters JSON requires to be escaped, this escapes U+2028 and
     * U+2029 (line separators to JavaScript) and unpaired surrogates, which have no UTF-8 encoding and
     * would otherwise be replaced by '?' on output.
     */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
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
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
    }
}
