package dev.patchbay.host.pipeline;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue of chunks between two stage threads, bounded in records (not chunks) so that memory
 * stays bounded whatever the chunk sizes. A producer blocks while the queue is full: that is how a slow
 * sink slows the source (backpressure).
 *
 * <p>Guarding: every field is guarded by {@code lock}; the lock hand-over also publishes the contents of
 * the chunks. One producer and one consumer use a queue.
 */
final class RecordQueue implements ChunkInput, ChunkOutput {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private int occupied;
    private int highWater;
    private boolean closed;
    private boolean aborted;

    /** Thrown to a producer or consumer blocked on a queue that was aborted by a failure or forced stop. */
    static final class AbortedException extends java.util.concurrent.CancellationException {
        private static final long serialVersionUID = 1L;

        AbortedException() {
            // A CancellationException, as SourceContext.flush() documents it to a source; no stack trace: it is
            // thrown on every thread of an aborted run, and the abort's cause is reported elsewhere.
            super("the pipeline was aborted");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    RecordQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds a chunk, waiting while it does not fit. A chunk always fits into an empty queue, so a chunk
     * larger than the capacity cannot block forever.
     */
    @Override
    public void put(Chunk chunk) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!aborted && occupied > 0 && occupied + chunk.weight() > capacity) {
                notFull.await();
            }
            if (aborted) {
                throw new AbortedException();
            }
            if (closed) {
                throw new IllegalStateException("put after close");
            }
            chunks.addLast(chunk);
            occupied += chunk.weight();
            highWater = Math.max(highWater, occupied);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next chunk, waiting up to the timeout.
     *
     * @return the chunk, {@link Chunk#END} once closed and drained, or null when the timeout passed
     */
    @Override
    public Chunk poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (chunks.isEmpty() && !closed && !aborted) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (aborted) {
                throw new AbortedException();
            }
            Chunk chunk = chunks.pollFirst();
            if (chunk == null) {
                return Chunk.END;
            }
            occupied -= chunk.weight();
            notFull.signal();
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the end of the stream: the consumer drains what is queued, then receives {@link Chunk#END}. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter with {@link AbortedException} and drops the queued records. */
    void abort() {
        lock.lock();
        try {
            aborted = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Records queued now (empty chunks count as one). */
    int occupied() {
        lock.lock();
        try {
            return occupied;
        } finally {
            lock.unlock();
        }
    }

    /** The most records that were ever queued at once. */
    int highWater() {
        lock.lock();
        try {
            return highWater;
        } finally {
            lock.unlock();
        }
    }

    int capacity() {
        return capacity;
    }
}
