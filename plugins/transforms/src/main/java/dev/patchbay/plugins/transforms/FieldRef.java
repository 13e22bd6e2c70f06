package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Row;

/**
 * A field name that remembers where it was last found. Records from one source usually share their
 * field layout, so the remembered index almost always hits and saves a scan. A processor owns its
 * references and is called from one thread at a time, so the hint needs no synchronisation.
 */
final class FieldRef {

    private final String name;
    private int hint;

    FieldRef(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Returns the field's index in the record, or -1 if the record lacks it. */
    int indexIn(Row record) {
        int guess = hint;
        if (guess < record.size() && name.equals(record.name(guess))) {
            return guess;
        }
        int index = record.indexOf(name);
        if (index >= 0) {
            hint = index;
        }
        return index;
    }
}
