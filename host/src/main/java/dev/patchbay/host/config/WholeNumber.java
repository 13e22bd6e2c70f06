package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The rule for every number of the configuration file: a whole number within a range, judged by its exact
 * value and quoted as written, so that {@code 99999999999999999999}, {@code 1e30} and {@code -0} read in the
 * message as they do in the file and nothing that passes can overflow where it is used.
 *
 * @param key the key, quoted in messages
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @param unit what the number counts, such as {@code seconds}, for the fix
 */
record WholeNumber(String key, long min, long max, String unit) {

    /** A problem with the value: the message and the fix. */
    record Problem(String message, String fix) {
    }

    /**
     * Judges a JSON value.
     *
     * @param node the value, not null
     * @param written the number as it stands in the file
     * @return the value, or the problem that rules it out
     */
    Result judge(JsonNode node, String written) {
        String allowed = "use a whole number of " + unit + " from " + min + " to " + max;
        if (!node.isNumber()) {
            return Result.of(new Problem("\"" + key + "\" is " + ConfigWalk.describe(node)
                    + " but must be a whole number", allowed));
        }
        BigDecimal value = exactValue(written);
        // The scale test first: stripping the zeros of 100e2147483647 would overflow the scale.
        boolean whole = value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
        if (!whole) {
            return Result.of(new Problem("\"" + key + "\": " + written + " is not a whole number", allowed));
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            return Result.of(new Problem("\"" + key + "\": " + written + " is out of range", allowed));
        }
        if (!node.isIntegralNumber()) {
            return Result.of(new Problem("\"" + key + "\": " + written + " is not written as a plain whole number",
                    "write " + value.toBigIntegerExact() + "; " + allowed));
        }
        return new Result(value.longValueExact(), Optional.empty());
    }

    /** A judged value: the number when {@code problem} is empty. */
    record Result(long value, Optional<Problem> problem) {

        static Result of(Problem problem) {
            return new Result(0, Optional.of(problem));
        }
    }

    /**
     * The exact value of a JSON number as written. An exponent beyond int, which BigDecimal cannot hold, is
     * replaced by one that keeps what matters here: 1e99999999999 stays far beyond any bound and
     * 1e-99999999999 stays a fraction.
     */
    static BigDecimal exactValue(String written) {
        try {
            return new BigDecimal(written);
        } catch (NumberFormatException e) {
            int exponent = Math.max(written.indexOf('e'), written.indexOf('E'));
            BigDecimal mantissa = new BigDecimal(written.substring(0, exponent));
            boolean negativeExponent = written.charAt(exponent + 1) == '-';
            return mantissa.scaleByPowerOfTen(negativeExponent ? -1000 : 1000);
        }
    }
}
