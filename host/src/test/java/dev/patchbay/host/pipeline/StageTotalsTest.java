package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stage's counters summed over a pipeline's attempts, each of which counts from zero. */
class StageTotalsTest {

    private static StageMetrics attempt(long in, long out, long failed, int skipped, Map<String, Long> counters) {
        StageMetrics metrics = new StageMetrics("source", "files/csv-source", "files");
        metrics.add(in, out);
        metrics.fail(failed);
        for (int i = 0; i < skipped; i++) {
            metrics.skip();
        }
        counters.forEach(metrics::count);
        return metrics;
    }

    @Test
    void everyCounterIsSummedAndNamedCountersAreMergedByName() {
        StageTotals totals = StageTotals.ZERO
                .plus(attempt(10, 9, 1, 2, Map.of("commentLines", 3L)))
                .plus(attempt(5, 5, 0, 1, Map.of("commentLines", 4L, "blankLines", 1L)));

        assertThat(totals).isEqualTo(new StageTotals(15, 14, 1, 3, Map.of("blankLines", 1L, "commentLines", 7L)));
        assertThat(totals.counters().keySet()).containsExactly("blankLines", "commentLines");
    }

    @Test
    void aCounterBumpedFromSeveralThreadsLosesNothing() throws InterruptedException {
        StageMetrics metrics = new StageMetrics("source", "files/csv-source", "files");
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    metrics.count("lines", 1);
                }
            }, "counter-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(metrics.counters()).containsExactly(Map.entry("lines", 40_000L));
    }
}
