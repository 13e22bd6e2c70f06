package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import dev.patchbay.host.config.ErrorPolicy;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a record that a processor or the sink rejected, under the pipeline's {@link ErrorPolicy}:
 * with tolerance {@code none} the stage fails; with {@code all} the record is counted, logged, and turned
 * into a {@link DeadLetter} when there is a dead-letter stage, until the failures pass
 * {@code maxFailures} or {@code maxFailureRatio} of the records the source emitted, which fails the stage
 * that rejected the last one.
 *
 * <p>Input a stage skips by its own error policy and reports ({@code Emitter.reject}) is counted and dead-lettered
 * the same way, but is not a failure: the operator chose to skip it in the stage's settings, so it counts
 * against no bound and is not logged again (the plugin logs it).
 *
 * <p>Guarding: called by the process and sink threads of one attempt; the failure count is atomic and the
 * source's count is a volatile read.
 */
final class RecordErrors {

    private static final Logger LOG = LoggerFactory.getLogger(RecordErrors.class);
    private static final int LOGGED = 100;

    private final ErrorPolicy policy;
    private final StageMetrics source;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();

    RecordErrors(ErrorPolicy policy, StageMetrics source, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    boolean tolerant() {
        return policy.tolerance() == ErrorPolicy.Tolerance.ALL;
    }

    boolean deadLettering() {
        return policy.deadLetter().isPresent();
    }

    /**
     * Handles one rejected record on the stage's own thread.
     *
     * @param call the stage that rejected it
     * @param metrics that stage's counters; its failed count goes up by one
     * @param record the record
     * @param error what the plugin threw
     * @param from the source position the record was read after, or null
     * @param index the record's number in this stage, from 1, for the message
     * @return the dead letter to hand on, or null when there is no dead-letter stage
     * @throws StageFailure under tolerance none, or when the failures pass a bound
     */
    Row reject(StageCall call, StageMetrics metrics, Row record, Throwable error, Position from, long index) {
        metrics.fail(1);
        if (!tolerant()) {
            throw call.failure("failed on its record " + index, error, "to set such records aside and go on, set "
                    + "\"errors\": {\"tolerance\": \"all\"} (with a \"deadLetter\" stage to keep them); otherwise "
                    + "correct the input, or " + StageCall.REPORT);
        }
        long count = failures.incrementAndGet();
        if (count > policy.maxFailures()) {
            throw call.failure("rejected " + count + " records, more than errors.maxFailures " + policy.maxFailures()
                    + "; the last one", error, "raise errors.maxFailures if this many bad records are expected; "
                    + "otherwise correct the input or the stage's settings");
        }
        long seen = Math.max(source.out(), 1);
        if (seen >= policy.ratioSample() && count > policy.maxFailureRatio() * seen) {
            throw call.failure("rejected " + count + " of the " + seen + " records the source emitted, more than "
                    + "errors.maxFailureRatio " + policy.maxFailureRatio() + " (a stage that rejects this many is "
                    + "broken, not its data); the last one", error, "fix the stage's settings, or " + StageCall.REPORT
                    + "; raise errors.maxFailureRatio only if this share of bad records is expected");
        }
        if (count <= LOGGED) {
            LOG.warn("pipeline '{}': stage {} ({}) rejected its record {} ({}{}): {}", call.guard().pipeline(),
                    call.guard().stage(), call.guard().use(), index,
                    deadLettering() ? "sent to the dead-letter stage" : "skipped, errors.tolerance is all",
                    count == LOGGED ? "; further rejections are counted, not logged" : "", error.toString());
        }
        return deadLettering() ? DeadLetter.of(record, call, error, from, clock.instant()) : null;
    }

    /**
     * Handles input a stage skipped and reported, on the stage's own thread.
     *
     * @param call the stage that skipped it
     * @param metrics that stage's counters; its skipped count goes up by one
     * @param record the record a processor was processing, or null for a source
     * @param rejection what the plugin reported
     * @param from the source position the input was read after, or null
     * @return the dead letter to hand on, or null when there is no dead-letter stage
     */
    Row skipped(StageCall call, StageMetrics metrics, Row record, Rejection rejection, Position from) {
        Objects.requireNonNull(rejection, "rejection");
        metrics.skip();
        return deadLettering() ? DeadLetter.of(record, call, rejection, from, clock.instant()) : null;
    }

    long failures() {
        return failures.get();
    }
}
