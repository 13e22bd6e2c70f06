package dev.patchbay.plugins.transforms;

/**
 * Recognises decimal numbers in text without throwing: the filter meets non-numeric strings on hot
 * paths, where an exception per record would dominate the cost.
 */
final class Numbers {

    /** The text is not a decimal number. */
    static final int NOT_A_NUMBER = 0;
    /** The text is an integer that {@link #parseLong} can read without overflow. */
    static final int LONG = 1;
    /** The text is a decimal number that {@link Double#parseDouble} reads. */
    static final int DOUBLE = 2;

    private static final int MAX_SAFE_DIGITS = 18;

    private Numbers() {
    }

    /**
     * Classifies text as JSON-like decimal notation: an optional sign, digits with an optional fraction
     * (one side of the point may be empty, not both) and an optional exponent. No spaces, no
     * hexadecimal, no NaN or Infinity.
     */
    static int classify(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int integerStart = i;
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        int integerDigits = i - integerStart;
        if (i == length) {
            if (integerDigits == 0) {
                return NOT_A_NUMBER;
            }
            return integerDigits <= MAX_SAFE_DIGITS ? LONG : DOUBLE;
        }
        int fractionDigits = 0;
        if (text.charAt(i) == '.') {
            i++;
            int fractionStart = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            fractionDigits = i - fractionStart;
        }
        if (integerDigits + fractionDigits == 0) {
            return NOT_A_NUMBER;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentStart = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == exponentStart) {
                return NOT_A_NUMBER;
            }
        }
        return i == length ? DOUBLE : NOT_A_NUMBER;
    }

    /** Parses text that {@link #classify} reported as {@link #LONG}. */
    static long parseLong(String text) {
        int i = 0;
        boolean negative = false;
        char first = text.charAt(0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i = 1;
        }
        long value = 0;
        for (; i < text.length(); i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
