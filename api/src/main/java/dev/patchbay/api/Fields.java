package dev.patchbay.api;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, ordered list of distinct field names that many records can share, such as the header
 * of a CSV file. Records made with {@link #record(Object...)} share the names instead of copying them,
 * which makes them cheap to create.
 *
 * @since 1.0.0
 */
public final class Fields {

    final String[] names;

    private Fields(String[] names) {
        this.names = names;
    }

    /**
     * Returns the field names.
     *
     * @param names distinct, non-null names
     * @return the fields
     * @throws IllegalArgumentException if a name repeats, quoting it
     */
    public static Fields of(String... names) {
        Objects.requireNonNull(names, "names");
        String[] copy = names.clone();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], "names[" + i + "]");
            if (!seen.add(copy[i])) {
                throw new IllegalArgumentException("field name '" + copy[i] + "' appears twice in "
                        + Arrays.toString(copy) + "; field names must be distinct");
            }
        }
        return new Fields(copy);
    }

    /**
     * Returns the field names.
     *
     * @param names distinct, non-null names
     * @return the fields
     * @throws IllegalArgumentException if a name repeats, quoting it
     */
    public static Fields of(List<String> names) {
        return of(names.toArray(String[]::new));
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
     * Returns the name at an index.
     *
     * @param index from zero to {@code size() - 1}
     * @return the name
     */
    public String name(int index) {
        return names[Objects.checkIndex(index, names.length)];
    }

    /**
     * Creates a record with these field names and the given values, in order.
     *
     * @param values one value per field, each of a record value type; may contain nulls
     * @return the record
     * @throws IllegalArgumentException if the count differs from {@link #size()} or a value has an
     *         unsupported type
     */
    public Row record(Object... values) {
        Objects.requireNonNull(values, "values");
        if (values.length != names.length) {
            throw new IllegalArgumentException("expected " + names.length + " values for fields "
                    + Arrays.toString(names) + " but got " + values.length);
        }
        Object[] copy = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            copy[i] = Values.canonical(names[i], values[i]);
        }
        return new Row(names, copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fields that && Arrays.equals(names, that.names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names);
    }

    @Override
    public String toString() {
        return Arrays.toString(names);
    }
}
