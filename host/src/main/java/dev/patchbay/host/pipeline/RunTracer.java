package dev.patchbay.host.pipeline;

import java.util.Optional;

/**
 * The runtime's tracing seam: what the supervisor and the sink loop report, knowing nothing of how it is recorded.
 * One span per attempt of a pipeline, one per restart's back-off wait and one per sink batch; never one per record.
 *
 * <pre>
 *  attempt (pipeline, number) -- sink batch, sink batch, ...     ends with the attempt's outcome
 *                             \- restart (number, delay, cause)  the back-off after it, until the next attempt starts
 * </pre>
 *
 * <p>{@link #NOOP} is the default: its handles are constants, so a runtime without tracing allocates nothing per
 * batch. Implementations must be thread-safe: attempts begin on the caller of {@code start()} or the restart
 * scheduler, batches are traced on the sink thread, and attempts end on whichever stage thread ends last.
 */
@FunctionalInterface
public interface RunTracer {

    /** Records nothing. */
    RunTracer NOOP = (pipeline, number) -> Attempt.NOOP;

    /**
     * Begins the span of one attempt, as it starts.
     *
     * @param pipeline the pipeline's name
     * @param number 1 for the first attempt, one more for each restart
     */
    Attempt attemptStarted(String pipeline, int number);

    /** The span of one attempt; the supervisor ends it when the attempt ends. */
    interface Attempt {

        /** Records nothing. */
        Attempt NOOP = new Attempt() {
            @Override
            public Span batch(String stage, int records) {
                return Span.NOOP;
            }

            @Override
            public Span restart(int number, long delayMillis, String cause) {
                return Span.NOOP;
            }

            @Override
            public void end(String outcome, Optional<String> resumedFrom, Optional<String> failure) {
                // nothing recorded
            }
        };

        /** Begins the span of one sink batch, its write and its flush, inside this attempt. */
        Span batch(String stage, int records);

        /**
         * Begins the span of the back-off wait after this attempt ended, which ends when the next attempt starts
         * or the restart is cancelled.
         *
         * @param number the restart's number, 1 for the first
         * @param delayMillis the back-off before the next attempt
         * @param cause why: the failure of this attempt, or an operator's request
         */
        Span restart(int number, long delayMillis, String cause);

        /**
         * Ends the attempt's span.
         *
         * @param outcome how it ended, such as {@code COMPLETED} or {@code FAILED}
         * @param resumedFrom the checkpoint position it resumed from, if any
         * @param failure the failure's message when it failed: the span's status is then an error
         */
        void end(String outcome, Optional<String> resumedFrom, Optional<String> failure);
    }

    /** A span under way: a batch or a restart's back-off. */
    interface Span {

        /** Records nothing. */
        Span NOOP = new Span() {
            @Override
            public void failed(String message) {
                // nothing recorded
            }

            @Override
            public void end() {
                // nothing recorded
            }
        };

        /** Marks the span as failed with this message; it still has to be ended. */
        void failed(String message);

        /** Ends the span; called once, whether or not it failed. */
        void end();
    }
}
