package dev.patchbay.host.pipeline;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One stage's counters summed over the attempts of a pipeline: what the summary reports, since each restart
 * creates the stage, and its {@link StageMetrics}, anew.
 *
 * @param in records received
 * @param out records passed on
 * @param failed records lost to a failure of the stage
 * @param skipped input the plugin skipped and reported
 * @param counters the plugin's named counters, by name
 */
record StageTotals(long in, long out, long failed, long skipped, Map<String, Long> counters) {

    static final StageTotals ZERO = new StageTotals(0, 0, 0, 0, Map.of());

    StageTotals {
        counters = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(counters, "counters")));
    }

    /** These totals with an attempt's counters added. */
    StageTotals plus(StageMetrics attempt) {
        Map<String, Long> sum = new TreeMap<>(counters);
        attempt.counters().forEach((name, value) -> sum.merge(name, value, Long::sum));
        return new StageTotals(in + attempt.in(), out + attempt.out(), failed + attempt.failed(),
                skipped + attempt.skipped(), sum);
    }
}
