package dev.patchbay.api;

import java.util.Optional;

/**
 * The context handed to a {@link SourceFactory}: an {@link ExtensionContext} plus the position the
 * source must resume from, and, since 1.3.0, the positions the host has committed since and a way to
 * ask it to commit at once.
 *
 * <p>A source that keeps its own record of progress elsewhere, such as a Kafka consumer committing
 * offsets to its group, reads {@link #committed()} to learn what is durable, and calls {@link #flush()}
 * when it must give input up, such as partitions revoked in a rebalance, so that what it read from that
 * input is durable before another reader takes it over.
 *
 * @since 1.0.0
 */
public interface SourceContext extends ExtensionContext {

    /**
     * Returns the last committed position of this stage, from which the new source must continue. The
     * source must emit the records after that position; records at or before it were delivered.
     *
     * @return the position, or empty on a first run
     */
    Optional<Position> resumeFrom();

    /**
     * Returns the last position the host has committed for this stage: every record the source emitted
     * before it has been written and flushed by the sink. Until the first commit of this run it is the
     * position the source resumed from. Safe to call from any thread.
     *
     * <p>The default returns {@link #resumeFrom()}, for contexts that commit nothing, such as one made
     * in a test. The host's contexts always report their commits.
     *
     * @return the committed position, or empty while nothing has been committed and there was no
     *         checkpoint to resume from
     * @since 1.3.0
     */
    default Optional<Position> committed() {
        return resumeFrom();
    }

    /**
     * Writes and flushes every record this source has emitted so far, with any dead letters, and
     * commits the position the source reported after its last completed {@link Source#poll}; returns
     * once all of that is done. Records emitted earlier in the poll that is running are written and
     * flushed too, and committed with the position that poll ends at.
     *
     * <p>Call it only from inside {@link Source#poll} or {@link Source#close}, on the thread that runs
     * them: for example from a Kafka consumer's rebalance listener, which the consumer runs inside its
     * own {@code poll} and {@code close}. The call waits for the processors and the sink, however long
     * they take; their own deadlines bound it, and the time waited does not count against the poll's
     * deadline. The host closes a source that ended gracefully only after committing everything it
     * emitted, so inside {@code close} the call returns at once.
     *
     * <p>The default throws {@link UnsupportedOperationException}, for contexts that cannot flush, such
     * as one made in a test. The host's contexts always can.
     *
     * @return the position committed now, as {@link #committed()} returns it afterwards
     * @throws IllegalStateException if called outside {@link Source#poll} and {@link Source#close}, or
     *         from another thread
     * @throws java.util.concurrent.CancellationException if the pipeline is stopped by force before the
     *         flush is done; let it propagate, the host is abandoning the poll
     * @since 1.3.0
     */
    default Optional<Position> flush() {
        throw new UnsupportedOperationException("this context cannot flush; only the Patchbay host's contexts"
                + " flush on a source's request");
    }
}
