package dev.patchbay.plugins.transforms;

import java.util.Locale;

/** A target type of the cast transform, with its conversion rules. Null is never passed in. */
enum CastType {

    STRING {
        @Override
        Object convert(Object value) throws ConversionException {
            if (value instanceof String) {
                return value;
            }
            if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
                return value.toString();
            }
            throw unsupported(value);
        }
    },
    LONG {
        @Override
        Object convert(Object value) throws ConversionException {
            if (value instanceof Long) {
                return value;
            }
            if (value instanceof Double d) {
                return wholeNumber(d, value);
            }
            if (value instanceof Boolean b) {
                return b ? 1L : 0L;
            }
            if (value instanceof String s) {
                String text = s.strip();
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    if (Numbers.classify(text) == Numbers.DOUBLE) {
                        return wholeNumber(Double.parseDouble(text), value);
                    }
                    throw new ConversionException(Describe.value(value) + " is not a whole number", e);
                }
            }
            throw unsupported(value);
        }
    },
    DOUBLE {
        @Override
        Object convert(Object value) throws ConversionException {
            if (value instanceof Double) {
                return value;
            }
            if (value instanceof Long l) {
                return l.doubleValue();
            }
            if (value instanceof Boolean b) {
                return b ? 1.0 : 0.0;
            }
            if (value instanceof String s) {
                String text = s.strip();
                if (Numbers.classify(text) == Numbers.NOT_A_NUMBER) {
                    throw new ConversionException(Describe.value(value) + " is not a decimal number");
                }
                double d = Double.parseDouble(text);
                if (Double.isInfinite(d)) {
                    throw new ConversionException(Describe.value(value) + " is outside the double range");
                }
                return d;
            }
            throw unsupported(value);
        }
    },
    BOOLEAN {
        @Override
        Object convert(Object value) throws ConversionException {
            if (value instanceof Boolean) {
                return value;
            }
            if (value instanceof Long l && (l == 0 || l == 1)) {
                return l == 1;
            }
            if (value instanceof Double d && (d == 0.0 || d == 1.0)) {
                return d == 1.0;
            }
            if (value instanceof String s) {
                String text = s.strip();
                if (text.equalsIgnoreCase("true") || text.equals("1")) {
                    return Boolean.TRUE;
                }
                if (text.equalsIgnoreCase("false") || text.equals("0")) {
                    return Boolean.FALSE;
                }
            }
            if (value instanceof String || value instanceof Long || value instanceof Double) {
                throw new ConversionException(Describe.value(value) + " is not a boolean; only true, false, 1"
                        + " and 0 convert");
            }
            throw unsupported(value);
        }
    };

    /**
     * Converts a non-null value.
     *
     * @throws ConversionException quoting the value when it has no value of this type
     */
    abstract Object convert(Object value) throws ConversionException;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    ConversionException unsupported(Object value) {
        return new ConversionException(Describe.value(value) + " cannot be cast to " + label());
    }

    private static long wholeNumber(double d, Object original) throws ConversionException {
        // Refuse rather than silently truncate: a fraction or an overflow usually means a wrong field.
        if (Double.isInfinite(d) || d < -0x1p63 || d >= 0x1p63) {
            throw new ConversionException(Describe.value(original) + " is outside the long range");
        }
        if (d != Math.rint(d)) {
            throw new ConversionException(Describe.value(original) + " has a fractional part; cast to double"
                    + " instead, or round the value upstream");
        }
        return (long) d;
    }
}
