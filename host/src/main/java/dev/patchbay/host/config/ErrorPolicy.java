package dev.patchbay.host.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What a pipeline does with a record that a processor or its sink rejects, {@code "errors": {"tolerance":
 * "all", "deadLetter": {"use": ..., "settings": ...}, "maxFailures": 100, "maxFailureRatio": 0.1}}.
 *
 * @param tolerance {@code none} (default): the first rejected record fails the pipeline; {@code all}: the
 *        record is set aside (into the dead-letter stage when there is one) and the rest go on
 * @param deadLetter a sink stage that receives each rejected record with where and why it failed, and the
 *        input stages skip by their own error policy; under tolerance {@code none} only the latter reach it
 * @param maxFailures the pipeline fails when more records than this were rejected in one run, 0 to
 *        {@value #MAX_FAILURES}; default {@value #MAX_FAILURES} (no bound by count)
 * @param maxFailureRatio the pipeline fails when more than this share of the records its source emitted were
 *        rejected, checked from the {@code ceil(1 / maxFailureRatio)}-th record on, above 0 and at most 1;
 *        default {@value #DEFAULT_MAX_FAILURE_RATIO}, so a stage that rejects everything never passes unseen
 */
public record ErrorPolicy(Tolerance tolerance, Optional<StageConfig> deadLetter, long maxFailures,
        double maxFailureRatio) {

    /** Whether rejected records fail the pipeline. */
    public enum Tolerance {
        NONE, ALL;

        /** The word in the configuration file. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final long MAX_FAILURES = 1_000_000_000_000L;
    public static final double DEFAULT_MAX_FAILURE_RATIO = 0.1;
    public static final ErrorPolicy DEFAULT = new ErrorPolicy(Tolerance.NONE, Optional.empty(), MAX_FAILURES,
            DEFAULT_MAX_FAILURE_RATIO);

    public ErrorPolicy {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(deadLetter, "deadLetter");
        if (maxFailures < 0 || maxFailures > MAX_FAILURES) {
            throw new IllegalArgumentException("errors.maxFailures " + maxFailures + " must be within 0.."
                    + MAX_FAILURES);
        }
        if (!(maxFailureRatio > 0 && maxFailureRatio <= 1)) {
            throw new IllegalArgumentException("errors.maxFailureRatio " + maxFailureRatio
                    + " must be above 0 and at most 1");
        }
    }

    /** The number of source records from which on the ratio is checked: {@code ceil(1 / maxFailureRatio)}. */
    public long ratioSample() {
        return (long) Math.ceil(1 / maxFailureRatio);
    }
}
