package dev.patchbay.host.pipeline;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.Position;
import dev.patchbay.api.Rejection;
import dev.patchbay.api.Row;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Collects what a source emits into chunks and hands full chunks on; confined to the source thread.
 *
 * <p>Waiting for room in the queue, or waiting out {@code maxRecordsPerSecond}, happens inside the source's
 * {@code poll}; the seam's watch is paused meanwhile, so back-pressure never counts against the deadline.
 */
final class SourceEmitter implements Emitter {

    private static final long CHUNK_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final StageCall call;
    private final RunControl control;
    private final ChunkOutput out;
    private final StageMetrics metrics;
    private final int chunkCapacity;
    private final RateLimiter limiter;
    private final RecordErrors errors;
    private Chunk chunk;
    private long chunkStarted;
    private long emitted;
    private Position pending;
    private long pendingRecords;
    private Position lastPosition;
    private volatile long throttledNanos;

    SourceEmitter(StageCall call, RunControl control, ChunkOutput out, StageMetrics metrics, int chunkCapacity,
            RateLimiter limiter, RecordErrors errors) {
        this.call = call;
        this.control = control;
        this.out = out;
        this.metrics = metrics;
        this.chunkCapacity = chunkCapacity;
        this.limiter = limiter;
        this.errors = errors;
        this.chunk = new Chunk(chunkCapacity);
    }

    /** The checkpoint the source resumes from: records of the first chunk were read after it. */
    void resumedFrom(Position position) {
        lastPosition = position;
        chunk.readAfter(position);
    }

    @Override
    public void emit(Row record) {
        Objects.requireNonNull(record, "a source emitted a null record");
        // A full chunk is handed on only when the next record arrives, so the chunk that holds a poll's last
        // record is still here when the poll returns and can carry the position exactly.
        if (chunk.isFull()) {
            send();
        }
        if (chunk.size() == 0) {
            chunkStarted = System.nanoTime();
        }
        emitted++;
        chunk.add(record);
    }

    /**
     * Counts input the source skipped and, with a dead-letter stage, sends it in the chunk being filled, so it is
     * written before any checkpoint past it is committed.
     */
    @Override
    public void reject(Rejection rejection) {
        Objects.requireNonNull(rejection, "a source rejected null instead of a Rejection");
        Row dead = errors.skipped(call, metrics, null, rejection, lastPosition);
        if (dead != null) {
            chunk.addDeadLetter(dead);
        }
    }

    /** Whether a poll moved the position since the last chunk was handed on. */
    boolean hasPending() {
        return pending != null;
    }

    /** After a poll: every record up to this position is in the current chunk or before. */
    void polled(Position position) {
        if (position.equals(lastPosition)) {
            // An idle continuous source reports the same position poll after poll; sending it again would
            // only make the sink rewrite the same checkpoint.
            return;
        }
        lastPosition = position;
        pending = position;
        pendingRecords = emitted;
    }

    boolean stale() {
        return chunk.size() > 0 && (chunk.size() >= chunkCapacity / 4
                || System.nanoTime() - chunkStarted >= CHUNK_LINGER_NANOS);
    }

    void flush() {
        if (chunk.size() > 0 || pending != null) {
            send();
        }
    }

    /**
     * Sends what is collected with a flush request and waits until the sink has written, flushed and committed it,
     * the position of the last completed poll included. Inside the source's poll the watch is paused meanwhile; at
     * the end of a run it is called between calls, as {@link #flush()} is.
     *
     * @return the position committed
     */
    Optional<Position> sync() {
        FlushRequest request = new FlushRequest();
        chunk.flushRequest(request);
        send();
        long paused = call.pause();
        try {
            return request.await(control);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordQueue.AbortedException();
        } finally {
            call.resume(paused);
        }
    }

    private void send() {
        if (pending != null) {
            chunk.position(pending, pendingRecords);
            pending = null;
        }
        Chunk full = chunk;
        chunk = new Chunk(chunkCapacity);
        chunk.readAfter(lastPosition);
        metrics.add(full.size(), full.size());
        long paused = call.pause();
        try {
            out.put(full);
            if (limiter.limited()) {
                limiter.await(full.size(), control::sourceMustStop);
                throttledNanos = limiter.waitedNanos();
            }
        } catch (InterruptedException e) {
            // The host interrupts only to abort; when it did not, the seam fails the stage for it as soon as this
            // leaves the poll.
            Thread.currentThread().interrupt();
            throw new RecordQueue.AbortedException();
        } finally {
            call.resume(paused);
        }
    }

    /** Time spent waiting out {@code maxRecordsPerSecond}; volatile, read by the summary. */
    long throttledNanos() {
        return throttledNanos;
    }
}
