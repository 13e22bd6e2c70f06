package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Row;

/**
 * The numeric comparisons {@code <}, {@code <=}, {@code >}, {@code >=}. Longs, doubles and numeric
 * strings are compared as numbers; anything else, null and an absent field never match.
 */
final class CompareCondition implements Condition {

    private final FieldRef field;
    private final boolean valueIsLong;
    private final long longValue;
    private final double doubleValue;
    private final boolean acceptLess;
    private final boolean acceptEqual;
    private final boolean acceptGreater;

    CompareCondition(FieldRef field, String op, Number value) {
        this.field = field;
        this.valueIsLong = value instanceof Long;
        this.longValue = value.longValue();
        this.doubleValue = value.doubleValue();
        switch (op) {
            case "<" -> {
                acceptLess = true;
                acceptEqual = false;
                acceptGreater = false;
            }
            case "<=" -> {
                acceptLess = true;
                acceptEqual = true;
                acceptGreater = false;
            }
            case ">" -> {
                acceptLess = false;
                acceptEqual = false;
                acceptGreater = true;
            }
            case ">=" -> {
                acceptLess = false;
                acceptEqual = true;
                acceptGreater = true;
            }
            default -> throw new IllegalArgumentException("not a numeric comparison: " + op);
        }
    }

    @Override
    public boolean test(Row record) {
        int index = field.indexIn(record);
        if (index < 0) {
            return false;
        }
        Object value = record.value(index);
        if (value instanceof Long l) {
            return valueIsLong ? accept(Long.compare(l, longValue)) : acceptDouble(l);
        }
        if (value instanceof Double d) {
            return acceptDouble(d);
        }
        if (value instanceof String s) {
            int kind = Numbers.classify(s);
            if (kind == Numbers.LONG) {
                long l = Numbers.parseLong(s);
                return valueIsLong ? accept(Long.compare(l, longValue)) : acceptDouble(l);
            }
            return kind == Numbers.DOUBLE && acceptDouble(Double.parseDouble(s));
        }
        return false;
    }

    // Primitive comparisons so that NaN matches nothing.
    private boolean acceptDouble(double d) {
        if (d < doubleValue) {
            return acceptLess;
        }
        if (d > doubleValue) {
            return acceptGreater;
        }
        return d == doubleValue && acceptEqual;
    }

    private boolean accept(int sign) {
        return sign < 0 ? acceptLess : sign > 0 ? acceptGreater : acceptEqual;
    }
}
