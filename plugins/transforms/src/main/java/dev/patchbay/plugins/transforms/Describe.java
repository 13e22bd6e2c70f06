package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import java.util.List;

/** Quotes record values in messages the way operators see them in their JSON. */
final class Describe {

    private static final int MAX_TEXT = 120;

    private Describe() {
    }

    /** Returns the value with its type, for example {@code string "abc"} or {@code long 5}. */
    static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "string " + quote(s);
        }
        if (value instanceof Bytes b) {
            return "bytes (" + b.size() + " bytes)";
        }
        return typeName(value) + " " + truncate(String.valueOf(value));
    }

    /** Returns the JSON-facing type name of a record value. */
    static String typeName(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Long) {
            return "long";
        } else if (value instanceof Double) {
            return "double";
        } else if (value instanceof Boolean) {
            return "boolean";
        } else if (value instanceof Bytes) {
            return "bytes";
        } else if (value instanceof List) {
            return "list";
        } else if (value instanceof Row) {
            return "object";
        }
        return value.getClass().getSimpleName();
    }

    static String quote(String text) {
        return '"' + truncate(text) + '"';
    }

    private static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...(" + text.length() + " chars)";
    }
}
