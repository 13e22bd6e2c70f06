package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Row;

/** A compiled filter condition: decides whether a record is kept. */
@FunctionalInterface
interface Condition {

    boolean test(Row record);

    /** True when every condition holds; evaluation stops at the first that does not. */
    static Condition all(Condition[] conditions) {
        Condition[] copy = conditions.clone();
        return record -> {
            for (Condition condition : copy) {
                if (!condition.test(record)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** True when at least one condition holds; evaluation stops at the first that does. */
    static Condition any(Condition[] conditions) {
        Condition[] copy = conditions.clone();
        return record -> {
            for (Condition condition : copy) {
                if (condition.test(record)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Condition not(Condition condition) {
        return record -> !condition.test(record);
    }

    /** {@code exists} (present, even when null) or, negated, {@code !exists}. */
    static Condition exists(FieldRef field, boolean present) {
        return record -> (field.indexIn(record) >= 0) == present;
    }
}
