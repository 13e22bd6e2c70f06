package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The rule for a number of the configuration file that may have a fraction, the counterpart of
 * {@link WholeNumber}: judged by its exact value and quoted as written, so that {@code 1.00000000000000000001}
 * is above 1 although it reads as the double 1.0, and {@code 1e-1} and {@code 0.10} are both 0.1.
 *
 * @param key the key, quoted in messages
 * @param min the lower bound
 * @param minIncluded whether {@code min} itself is allowed ({@code false} for "above 0")
 * @param max the largest value allowed
 */
record DecimalNumber(String key, BigDecimal min, boolean minIncluded, BigDecimal max) {

    DecimalNumber {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) >= 0) {
            throw new IllegalArgumentException("DecimalNumber \"" + key + "\": min " + min + " must be below max "
                    + max);
        }
    }

    /** A number from {@code min} to {@code max}, both included. */
    static DecimalNumber within(String key, double min, double max) {
        return new DecimalNumber(key, BigDecimal.valueOf(min), true, BigDecimal.valueOf(max));
    }

    /** A number above {@code min} and at most {@code max}. */
    static DecimalNumber above(String key, double min, double max) {
        return new DecimalNumber(key, BigDecimal.valueOf(min), false, BigDecimal.valueOf(max));
    }

    /** A problem with the value: the message and the fix. */
    record Problem(String message, String fix) {
    }

    /** A judged value: the number when {@code problem} is empty. */
    record Result(double value, Optional<Problem> problem) {

        static Result of(Problem problem) {
            return new Result(0, Optional.of(problem));
        }
    }

    /**
     * Judges a JSON value.
     *
     * @param node the value, not null
     * @param written the number as it stands in the file
     * @return the value, or the problem that rules it out
     */
    Result judge(JsonNode node, String written) {
        String low = plain(min);
        String allowed = "use a number " + (minIncluded ? "from " + low + " to " : "above " + low + " and at most ")
                + plain(max);
        if (!node.isNumber()) {
            return Result.of(new Problem("\"" + key + "\" is " + ConfigWalk.describe(node) + " but must be a number",
                    allowed));
        }
        BigDecimal value = WholeNumber.exactValue(written);
        int fromMin = value.compareTo(min);
        if (fromMin < 0 || fromMin == 0 && !minIncluded || value.compareTo(max) > 0) {
            return Result.of(new Problem("\"" + key + "\": " + written + " is out of range", allowed));
        }
        // Rounding to a double cannot leave [min, max] when both are doubles, but can land on an excluded min.
        double rounded = value.doubleValue();
        if (!minIncluded && rounded <= min.doubleValue()) {
            return Result.of(new Problem("\"" + key + "\": " + written + " is too close to " + low
                    + " to be told apart from it", allowed));
        }
        return new Result(rounded, Optional.empty());
    }

    private static String plain(BigDecimal bound) {
        return bound.stripTrailingZeros().toPlainString();
    }
}
