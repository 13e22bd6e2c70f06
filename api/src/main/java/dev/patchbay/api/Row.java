package dev.patchbay.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable record: an ordered set of named fields, each holding a value of one of these types:
 *
 * <ul>
 *   <li>{@link String}</li>
 *   <li>{@link Long} (Integer, Short and Byte are widened on the way in)</li>
 *   <li>{@link Double} (Float is widened on the way in)</li>
 *   <li>{@link Boolean}</li>
 *   <li>{@code null}</li>
 *   <li>{@link Bytes} (a {@code byte[]} is copied into Bytes on the way in)</li>
 *   <li>{@link List} of these values, unmodifiable</li>
 *   <li>a nested {@code Row} (a {@link Map} with String keys is converted on the way in)</li>
 * </ul>
 *
 * <p>Field order is kept for output, but equality ignores it: two records are equal when they have
 * the same field names with equal values. Deriving a changed copy with {@link #with}, {@link #without}
 * or {@link #renamed} copies two small arrays and, when no field is added or removed, shares the
 * field names with the original.
 *
 * <p>Rows are safe to share between threads.
 *
 * <p>The type is called {@code Row}, not {@code Record}, so that {@code import dev.patchbay.api.*;}
 * does not clash with {@code java.lang.Record}.
 *
 * @since 1.0.0
 */
public final class Row {

    private static final Row EMPTY = new Row(new String[0], new Object[0]);

    private final String[] names;
    private final Object[] values;

    /** Takes ownership of both arrays: callers pass canonical values and never touch the arrays again. */
    Row(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * Returns the record with no fields.
     *
     * @return the empty record
     */
    public static Row empty() {
        return EMPTY;
    }

    /**
     * Returns a record with the map's entries as fields, in the map's iteration order.
     *
     * @param fields field names to values; values may be null
     * @return the record
     * @throws IllegalArgumentException if a key is not a String or a value has an unsupported type
     */
    public static Row of(Map<?, ?> fields) {
        Objects.requireNonNull(fields, "fields");
        String[] names = new String[fields.size()];
        Object[] values = new Object[fields.size()];
        int i = 0;
        for (Map.Entry<?, ?> entry : fields.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new IllegalArgumentException("record field names must be strings, got " + entry.getKey());
            }
            names[i] = name;
            values[i] = Values.canonical(name, entry.getValue());
            i++;
        }
        return new Row(names, values);
    }

    /**
     * Returns a new, empty builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(8);
    }

    /**
     * Returns a builder that starts with this record's fields.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder(names.length + 4);
        builder.names.addAll(Arrays.asList(names));
        builder.values.addAll(Arrays.asList(values));
        return builder;
    }

    /**
     * Returns the number of fields.
     *
     * @return the count
     */
    public int size() {
        return names.length;
    }

    /**
     * Returns the field names, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> fieldNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    /**
     * Returns the name of the field at a position.
     *
     * @param index from zero to {@code size() - 1}
     * @return the name
     */
    public String name(int index) {
        return names[Objects.checkIndex(index, names.length)];
    }

    /**
     * Returns the value of the field at a position.
     *
     * @param index from zero to {@code size() - 1}
     * @return the value, possibly null
     */
    public Object value(int index) {
        return values[Objects.checkIndex(index, values.length)];
    }

    /**
     * Returns the position of a field.
     *
     * @param name the field name
     * @return the index, or -1 if the record has no such field
     */
    public int indexOf(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < names.length; i++) {
            String candidate = names[i];
            if (candidate == name || candidate.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Tells whether the record has a field, whatever its value.
     *
     * @param name the field name
     * @return true if the field is present, even when it holds null
     */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * Returns a field's value. This is the one method of the api that may return null: for a field
     * that holds null and for a field that is absent. Use {@link #has(String)} to tell them apart.
     *
     * @param name the field name
     * @return the value, or null
     */
    public Object get(String name) {
        int index = indexOf(name);
        return index < 0 ? null : values[index];
    }

    /**
     * Returns a copy with a field set: replaced in place if present, otherwise appended.
     *
     * @param name the field name
     * @param value the value, of a record value type, possibly null
     * @return the changed copy
     */
    public Row with(String name, Object value) {
        Object canonical = Values.canonical(name, value);
        int index = indexOf(name);
        if (index >= 0) {
            Object[] copy = values.clone();
            copy[index] = canonical;
            return new Row(names, copy);
        }
        String[] newNames = Arrays.copyOf(names, names.length + 1);
        Object[] newValues = Arrays.copyOf(values, values.length + 1);
        newNames[names.length] = name;
        newValues[values.length] = canonical;
        return new Row(newNames, newValues);
    }

    /**
     * Returns a copy without a field, or this record if it has no such field.
     *
     * @param name the field name
     * @return the changed copy
     */
    public Row without(String name) {
        int index = indexOf(name);
        if (index < 0) {
            return this;
        }
        String[] newNames = new String[names.length - 1];
        Object[] newValues = new Object[values.length - 1];
        System.arraycopy(names, 0, newNames, 0, index);
        System.arraycopy(values, 0, newValues, 0, index);
        System.arraycopy(names, index + 1, newNames, index, names.length - index - 1);
        System.arraycopy(values, index + 1, newValues, index, values.length - index - 1);
        return new Row(newNames, newValues);
    }

    /**
     * Returns a copy in which a field has a new name and keeps its position and value. If the record
     * has no field {@code from}, returns this record. If a field {@code to} already exists it is
     * removed first, so the renamed value wins.
     *
     * @param from the current name
     * @param to the new name
     * @return the changed copy
     */
    public Row renamed(String from, String to) {
        Objects.requireNonNull(to, "to");
        int index = indexOf(from);
        if (index < 0 || from.equals(to)) {
            return this;
        }
        Row base = without(to);
        index = base.indexOf(from);
        String[] newNames = base.names.clone();
        newNames[index] = to;
        return new Row(newNames, base.values);
    }

    /**
     * Returns the fields as a map in field order.
     *
     * @return an unmodifiable map; values may be null
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Row that) || that.names.length != names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            int j = names[i].equals(that.names[i]) ? i : that.indexOf(names[i]);
            if (j < 0 || !Objects.equals(values[i], that.values[j])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < names.length; i++) {
            hash += names[i].hashCode() ^ Objects.hashCode(values[i]);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(names[i]).append('=');
            out.append(values[i] instanceof String s ? '"' + s + '"' : String.valueOf(values[i]));
        }
        return out.append('}').toString();
    }

    /**
     * Builds a record field by field. A builder is not thread-safe.
     *
     * @since 1.0.0
     */
    public static final class Builder {

        private final List<String> names;
        private final List<Object> values;

        private Builder(int capacity) {
            names = new ArrayList<>(capacity);
            values = new ArrayList<>(capacity);
        }

        /**
         * Sets a field: replaced in place if already set, otherwise appended.
         *
         * @param name the field name
         * @param value the value, of a record value type, possibly null
         * @return this builder
         */
        public Builder set(String name, Object value) {
            Objects.requireNonNull(name, "name");
            Object canonical = Values.canonical(name, value);
            int index = names.indexOf(name);
            if (index >= 0) {
                values.set(index, canonical);
            } else {
                names.add(name);
                values.add(canonical);
            }
            return this;
        }

        /**
         * Removes a field if it is set.
         *
         * @param name the field name
         * @return this builder
         */
        public Builder remove(String name) {
            int index = names.indexOf(Objects.requireNonNull(name, "name"));
            if (index >= 0) {
                names.remove(index);
                values.remove(index);
            }
            return this;
        }

        /**
         * Returns the record built so far. The builder can be used again afterwards.
         *
         * @return the record
         */
        public Row build() {
            return new Row(names.toArray(String[]::new), values.toArray());
        }
    }
}
