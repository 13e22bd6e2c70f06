package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A source's request that everything it emitted so far be written, flushed and committed, made through
 * {@code SourceContext.flush()}. The source thread sends it in a chunk, which travels behind every record emitted
 * before it through the processors to the sink; the sink thread, once it has taken in that chunk, writes what it
 * holds, flushes, commits and marks the request done.
 *
 * <p>Thread-safety: marked done by the sink thread, awaited by the source thread; the latch publishes the position.
 */
final class FlushRequest {

    private static final long WAKE_UP_MILLIS = 100;

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Position committed;

    /** The sink has flushed and committed everything before the request; {@code position} is what is committed. */
    void done(Position position) {
        committed = position;
        done.countDown();
    }

    boolean isDone() {
        return done.getCount() == 0;
    }

    /**
     * Waits until the sink has done the request, however long that takes: the sink's own calls have deadlines.
     *
     * @return the position committed, or empty if nothing has been committed yet
     * @throws RecordQueue.AbortedException if the run aborts first (a failure or a forced stop), which ends the
     *         sink without doing the request
     */
    Optional<Position> await(RunControl control) throws InterruptedException {
        while (!done.await(WAKE_UP_MILLIS, TimeUnit.MILLISECONDS)) {
            if (control.aborting()) {
                throw new RecordQueue.AbortedException();
            }
        }
        return Optional.ofNullable(committed);
    }
}
