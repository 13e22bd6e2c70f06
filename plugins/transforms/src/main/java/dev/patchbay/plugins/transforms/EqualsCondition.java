package dev.patchbay.plugins.transforms;

import dev.patchbay.api.Row;

/**
 * {@code ==} and {@code !=} against a scalar. A number in the condition equals a long, a double or a
 * numeric string of the same numeric value; a string in the condition equals the same string, or a
 * number when the string is numeric; a boolean equals the same boolean or its text; null equals a field
 * that holds null. An absent field matches neither operator.
 */
final class EqualsCondition implements Condition {

    private enum Kind { NULL, BOOLEAN, NUMBER, TEXT }

    private final FieldRef field;
    private final boolean negate;
    private final Kind kind;
    private final Boolean booleanValue;
    private final String text;
    private final boolean numeric;
    private final boolean valueIsLong;
    private final long longValue;
    private final double doubleValue;

    EqualsCondition(FieldRef field, Object value, boolean negate) {
        this.field = field;
        this.negate = negate;
        this.booleanValue = value instanceof Boolean b ? b : null;
        this.text = value instanceof String s ? s : value instanceof Boolean b ? b.toString() : null;
        if (value == null) {
            kind = Kind.NULL;
        } else if (value instanceof Boolean) {
            kind = Kind.BOOLEAN;
        } else if (value instanceof Long || value instanceof Double) {
            kind = Kind.NUMBER;
        } else if (value instanceof String) {
            kind = Kind.TEXT;
        } else {
            throw new IllegalArgumentException("== compares scalars, not " + Describe.value(value));
        }
        Number number = null;
        if (value instanceof Long || value instanceof Double) {
            number = (Number) value;
        } else if (value instanceof String s) {
            int numberKind = Numbers.classify(s);
            if (numberKind == Numbers.LONG) {
                number = Numbers.parseLong(s);
            } else if (numberKind == Numbers.DOUBLE) {
                number = Double.parseDouble(s);
            }
        }
        this.numeric = number != null;
        this.valueIsLong = number instanceof Long;
        this.longValue = number == null ? 0 : number.longValue();
        this.doubleValue = number == null ? 0 : number.doubleValue();
    }

    @Override
    public boolean test(Row record) {
        int index = field.indexIn(record);
        return index >= 0 && equal(record.value(index)) != negate;
    }

    private boolean equal(Object value) {
        if (kind == Kind.NULL || value == null) {
            return kind == Kind.NULL && value == null;
        }
        return switch (kind) {
            case BOOLEAN -> booleanValue.equals(value) || text.equals(value);
            case NUMBER -> numericallyEqual(value, true);
            case TEXT -> text.equals(value) || (value instanceof Boolean && text.equals(value.toString()))
                    || (!(value instanceof String) && numericallyEqual(value, false));
            case NULL -> false;
        };
    }

    private boolean numericallyEqual(Object value, boolean parseStrings) {
        if (!numeric) {
            return false;
        }
        if (value instanceof Long l) {
            return valueIsLong ? l == longValue : l == doubleValue;
        }
        if (value instanceof Double d) {
            return d == doubleValue;
        }
        if (parseStrings && value instanceof String s) {
            int kindOfText = Numbers.classify(s);
            if (kindOfText == Numbers.LONG) {
                long l = Numbers.parseLong(s);
                return valueIsLong ? l == longValue : l == doubleValue;
            }
            return kindOfText == Numbers.DOUBLE && Double.parseDouble(s) == doubleValue;
        }
        return false;
    }
}
