package dev.patchbay.plugins.files;

import java.nio.charset.StandardCharsets;

/**
 * Parses numbers written in the JSON number grammar ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?})
 * straight from bytes or chars, without building a String in the common case.
 *
 * <p>Integers that fit in a long become {@link Long}; every other number becomes {@link Double}. Decimals
 * with at most 15 significant digits and a small exponent are computed exactly with one correctly
 * rounded operation (the fast path of Clinger's algorithm); the rest go through
 * {@link Double#parseDouble}.
 */
final class Numbers {

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22
    };

    private Numbers() {
    }

    /**
     * Parses {@code bytes[start, end)} as a JSON number.
     *
     * @return a Long or a finite Double, or null if the text is not a JSON number or is out of range
     */
    static Object parse(byte[] bytes, int start, int end) {
        int i = start;
        if (i < end && bytes[i] == '-') {
            i++;
        }
        if (i >= end) {
            return null;
        }
        long mantissa = 0;
        int digits = 0;
        int intStart = i;
        if (bytes[i] == '0') {
            i++;
            if (i < end && isDigit(bytes[i])) {
                return null;
            }
        } else {
            while (i < end && isDigit(bytes[i])) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (bytes[i] - '0');
                }
                digits++;
                i++;
            }
            if (i == intStart) {
                return null;
            }
        }
        int scale = 0;
        boolean decimal = false;
        if (i < end && bytes[i] == '.') {
            decimal = true;
            i++;
            int fracStart = i;
            while (i < end && isDigit(bytes[i])) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (bytes[i] - '0');
                    scale--;
                    if (mantissa != 0) {
                        digits++;
                    }
                } else {
                    digits++;
                }
                i++;
            }
            if (i == fracStart) {
                return null;
            }
        }
        int exponent = 0;
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            decimal = true;
            i++;
            boolean negativeExponent = false;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                negativeExponent = bytes[i] == '-';
                i++;
            }
            int expStart = i;
            while (i < end && isDigit(bytes[i])) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (bytes[i] - '0');
                }
                i++;
            }
            if (i == expStart) {
                return null;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != end) {
            return null;
        }
        boolean negative = bytes[start] == '-';
        if (!decimal) {
            if (digits <= 18) {
                return negative ? -mantissa : mantissa;
            }
            return slow(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1), false);
        }
        if (digits <= 15) {
            Double fast = fast(mantissa, scale + exponent, negative);
            if (fast != null) {
                return fast;
            }
        }
        return slow(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1), true);
    }

    /** Parses {@code chars[start, end)} as a JSON number; the same rules as for bytes. */
    static Object parse(char[] chars, int start, int end) {
        int i = start;
        if (i < end && chars[i] == '-') {
            i++;
        }
        if (i >= end) {
            return null;
        }
        long mantissa = 0;
        int digits = 0;
        int intStart = i;
        if (chars[i] == '0') {
            i++;
            if (i < end && isDigit(chars[i])) {
                return null;
            }
        } else {
            while (i < end && isDigit(chars[i])) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (chars[i] - '0');
                }
                digits++;
                i++;
            }
            if (i == intStart) {
                return null;
            }
        }
        int scale = 0;
        boolean decimal = false;
        if (i < end && chars[i] == '.') {
            decimal = true;
            i++;
            int fracStart = i;
            while (i < end && isDigit(chars[i])) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (chars[i] - '0');
                    scale--;
                    if (mantissa != 0) {
                        digits++;
                    }
                } else {
                    digits++;
                }
                i++;
            }
            if (i == fracStart) {
                return null;
            }
        }
        int exponent = 0;
        if (i < end && (chars[i] == 'e' || chars[i] == 'E')) {
            decimal = true;
            i++;
            boolean negativeExponent = false;
            if (i < end && (chars[i] == '+' || chars[i] == '-')) {
                negativeExponent = chars[i] == '-';
                i++;
            }
            int expStart = i;
            while (i < end && isDigit(chars[i])) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (chars[i] - '0');
                }
                i++;
            }
            if (i == expStart) {
                return null;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != end) {
            return null;
        }
        boolean negative = chars[start] == '-';
        if (!decimal) {
            if (digits <= 18) {
                return negative ? -mantissa : mantissa;
            }
            return slow(new String(chars, start, end - start), false);
        }
        if (digits <= 15) {
            Double fast = fast(mantissa, scale + exponent, negative);
            if (fast != null) {
                return fast;
            }
        }
        return slow(new String(chars, start, end - start), true);
    }

    private static Double fast(long mantissa, int exponent10, boolean negative) {
        double value;
        if (mantissa == 0) {
            value = 0.0;
        } else if (exponent10 >= 0 && exponent10 < POW10.length) {
            value = mantissa * POW10[exponent10];
        } else if (exponent10 < 0 && -exponent10 < POW10.length) {
            value = mantissa / POW10[-exponent10];
        } else {
            return null;
        }
        return negative ? -value : value;
    }

    private static Object slow(String text, boolean decimal) {
        if (!decimal) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // Out of the long range: the number is still a number, kept as a double below.
            }
        }
        double value = Double.parseDouble(text);
        return Double.isInfinite(value) ? null : value;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Appends a finite double in a short form that parses back to the same value: plain decimal
     * notation with the fewest fraction digits that round-trip, when the value is between 0.001 and
     * 1e15, otherwise {@link Double#toString(double)}. Integral values keep a ".0" so that they read
     * back as decimals.
     */
    static void appendDouble(TextBuffer out, double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e15) {
            for (int k = 1; k <= 17; k++) {
                double scaled = magnitude * POW10[k];
                if (scaled >= 9.007199254740992E15) {
                    break;
                }
                long m = Math.round(scaled);
                if (m / POW10[k] == magnitude) {
                    if (value < 0) {
                        out.append('-');
                    }
                    long unit = (long) POW10[k];
                    out.append(m / unit).append('.');
                    long fraction = m % unit;
                    if (fraction == 0) {
                        out.append('0');
                        return;
                    }
                    int fractionDigits = k;
                    while (fraction % 10 == 0) {
                        fraction /= 10;
                        fractionDigits--;
                    }
                    for (long limit = POW10_LONG[fractionDigits - 1]; fraction < limit; limit /= 10) {
                        out.append('0');
                    }
                    out.append(fraction);
                    return;
                }
            }
        }
        out.append(Double.toString(value));
    }

    private static final long[] POW10_LONG = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L
    };

    /** Tells whether text follows the JSON number grammar, whatever its range. */
    static boolean isNumber(CharSequence text) {
        int i = 0;
        int end = text.length();
        if (i < end && text.charAt(i) == '-') {
            i++;
        }
        if (i >= end || !isDigit(text.charAt(i))) {
            return false;
        }
        if (text.charAt(i) == '0') {
            i++;
        } else {
            while (i < end && isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < end && text.charAt(i) == '.') {
            i++;
            int digits = i;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < end && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int digits = i;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        return i == end;
    }
}
