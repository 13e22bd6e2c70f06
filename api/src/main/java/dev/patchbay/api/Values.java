package dev.patchbay.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Converts Java objects to the record value types; shared by {@link Row} and {@link Settings}. */
final class Values {

    private Values() {
    }

    /**
     * Returns the canonical value for {@code value}: Integer, Short and Byte become Long, Float becomes
     * Double, byte[] becomes {@link Bytes}, a Map becomes a nested {@link Row} and a List an
     * unmodifiable list of canonical values.
     *
     * @throws IllegalArgumentException naming {@code where} if the type is not a record value type
     */
    static Object canonical(String where, Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean || value instanceof Row || value instanceof Bytes) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof byte[] b) {
            return Bytes.of(b);
        }
        if (value instanceof Map<?, ?> map) {
            return Row.of(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(canonical(where + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(where + ": unsupported value type " + value.getClass().getName()
                + " (value " + value + "); use String, Long, Double, Boolean, null, Bytes, List or Row");
    }

    /** Returns the name of a canonical value's type as operators see it. */
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
}
