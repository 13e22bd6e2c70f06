package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The sink thread of an attempt: creates the sink (and the dead-letter sink, if any), gathers records into
 * batches of at most {@code batchSize} and writes each, and at most once per commit interval ({@link CommitTimer})
 * flushes the sink and commits the newest position whose records are all written, so that one flush (an fsync
 * for the files sinks) and one checkpoint write cover many batches.
 *
 * <p>Nothing is acknowledged before the flush that covers it: a position is committed only after the sink was
 * flushed with every record before it. Dead letters are written and flushed to the dead-letter sink before the
 * checkpoint is committed, so a rejected record is either in the dead-letter output or still ahead of the
 * checkpoint; never lost. Besides the interval, the loop flushes and commits when it is idle and the interval has
 * passed (it wakes every {@value #WAKE_UP_MILLIS} ms), when it is idle and the source is paused, at the end of the
 * input, on a graceful stop (a live swap, a restart and a shutdown all stop the attempt gracefully) and when the
 * source asks ({@link FlushRequest}). A forced stop commits nothing.
 */
final class SinkLoop implements StageLoop {

    private static final long WAKE_UP_MILLIS = 100;

    private final StagePlan plan;
    private final Optional<StagePlan> deadLetterPlan;
    private final RunControl control;
    private final RecordErrors errors;
    private final ChunkInput in;
    private final CheckpointStore checkpoints;
    private final Checkpointed committed;
    private final StageLoggers loggers;
    private final Path home;
    private final int batchSize;
    private final long lingerNanos;
    private final CommitTimer timer;
    private final BooleanSupplier paused;
    private final List<Row> batch;
    private final List<Row> view;
    private final List<Row> deadLetters = new ArrayList<>();
    private final Supplier<RunTracer.Attempt> tracing;
    /** The attempt's span, read once when the loop runs: the batch spans are its children. */
    private RunTracer.Attempt trace = RunTracer.Attempt.NOOP;
    private Sink sink;
    private Sink deadLetterSink;
    /** Records written to the sink since its last flush. */
    private long unflushed;
    /** The newest position whose records are all written (not necessarily flushed), or null. */
    private Position written;
    private long writtenRecords;
    /** The newest position whose last records are still in the batch: it is written with the batch. */
    private Position inBatch;
    private long inBatchRecords;

    /** The last committed position, shared with the summary. */
    interface Checkpointed {
        Position position();

        void committed(Position position, long sourceRecords);
    }

    /**
     * @param timer when to flush and commit while records flow
     * @param paused whether the source is paused: an idle sink then flushes and commits at once
     */
    SinkLoop(StagePlan plan, Optional<StagePlan> deadLetterPlan, RunControl control, RecordErrors errors,
            ChunkInput in, CheckpointStore checkpoints, Checkpointed committed, StageLoggers loggers, Path home,
            int batchSize, long lingerMillis, CommitTimer timer, BooleanSupplier paused,
            Supplier<RunTracer.Attempt> tracing) {
        this.plan = plan;
        this.deadLetterPlan = deadLetterPlan;
        this.control = control;
        this.errors = errors;
        this.in = in;
        this.checkpoints = checkpoints;
        this.committed = committed;
        this.loggers = loggers;
        this.home = home;
        this.batchSize = batchSize;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.timer = Objects.requireNonNull(timer, "timer");
        this.paused = Objects.requireNonNull(paused, "paused");
        this.batch = new ArrayList<>(batchSize);
        this.view = Collections.unmodifiableList(batch);
        this.tracing = tracing;
    }

    @Override
    public void create() {
        sink = plan.create((extension, settings, context) -> ((SinkFactory) extension.factory())
                .create(settings, context), loggers, home, Optional.empty());
        if (deadLetterPlan.isPresent() && !control.aborting()) {
            deadLetterSink = deadLetterPlan.get().create((extension, settings, context) ->
                    ((SinkFactory) extension.factory()).create(settings, context), loggers, home, Optional.empty());
        }
    }

    @Override
    public void run() throws InterruptedException {
        long batchStarted = 0;
        Position batchReadAfter = null;
        trace = tracing.get();
        timer.committed();
        try {
            while (true) {
                long wait = batch.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(WAKE_UP_MILLIS)
                        : batchStarted + lingerNanos - System.nanoTime();
                if (uncommitted()) {
                    wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(
                            Math.min(WAKE_UP_MILLIS, timer.untilDueMillis())));
                }
                // The one place the sink reads its input.
                Chunk chunk = in.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (chunk == null) {
                    // Nothing is queued: a partial batch whose first record has waited the linger time goes out.
                    if (!batch.isEmpty() && System.nanoTime() - batchStarted >= lingerNanos) {
                        write(batchReadAfter);
                    }
                    // Idle: what is written is acknowledged once the interval is up, or at once for a pause; a
                    // partial batch still lingering is not written yet, so its records wait for a later sync.
                    if (uncommitted() && (timer.due() || paused.getAsBoolean())) {
                        sync();
                    }
                    continue;
                }
                if (chunk == Chunk.END) {
                    break;
                }
                deadLetters.addAll(chunk.deadLetters());
                plan.metrics().add(chunk.size(), 0);
                for (int i = 0; i < chunk.size(); i++) {
                    if (batch.isEmpty()) {
                        batchStarted = System.nanoTime();
                        batchReadAfter = chunk.readAfter();
                    }
                    batch.add(chunk.get(i));
                    if (batch.size() == batchSize) {
                        write(batchReadAfter);
                        if (timer.perBatch()) {
                            sync();
                        }
                    }
                }
                if (chunk.position() != null) {
                    if (batch.isEmpty()) {
                        written = chunk.position();
                        writtenRecords = chunk.sourceRecords();
                    } else {
                        inBatch = chunk.position();
                        inBatchRecords = chunk.sourceRecords();
                    }
                }
                if (chunk.flushRequest() != null) {
                    // The source asked: everything before the request is written, flushed and committed now.
                    if (!batch.isEmpty()) {
                        write(batchReadAfter);
                    }
                    sync();
                    if (!control.aborting()) {
                        // Aborting, sync() did nothing: the source's wait ends with the abort, not with a commit.
                        chunk.flushRequest().done(committed.position());
                    }
                    continue;
                }
                // Checked once the chunk's position is known, so that a due commit covers the whole chunk.
                if (timer.due()) {
                    sync();
                }
                // No linger check here: once the linger time has passed, the next poll does not wait, and a
                // partial batch is written only when that poll finds no chunk queued. While records keep
                // arriving faster than the sink writes them, every batch is full.
            }
            if (!batch.isEmpty()) {
                write(batchReadAfter);
            }
            sync();
        } catch (StageFailure e) {
            if (!batch.isEmpty()) {
                plan.metrics().fail(batch.size());
            }
            throw e;
        }
    }

    /** Whether something written or set aside is not yet acknowledged. */
    private boolean uncommitted() {
        return unflushed > 0 || !deadLetters.isEmpty()
                || written != null && !written.equals(committed.position());
    }

    private void write(Position readAfter) {
        StageCall call = plan.call();
        RunTracer.Span span = trace.batch(plan.metrics().stage(), batch.size());
        try {
            call.call(StageCall.Kind.WRITE, SinkLoop::write, sink, view);
            unflushed += batch.size();
            if (timer.perBatch()) {
                // As before the commit interval: a failed flush sets the batch's records aside one by one.
                call.call(StageCall.Kind.FLUSH, SinkLoop::flush, sink, (Void) null);
                unflushed = 0;
            }
        } catch (StageFailure failure) {
            span.failed(failure.getMessage());
            if (!errors.tolerant() || failure.fatal() || control.aborting()) {
                throw failure;
            }
            writeOneByOne(readAfter, failure);
        } finally {
            span.end();
        }
        plan.metrics().add(0, batch.size());
        batch.clear();
        if (inBatch != null) {
            written = inBatch;
            writtenRecords = inBatchRecords;
            inBatch = null;
        }
    }

    /** After a batch failed under tolerance {@code all}: each record alone, so exactly the bad ones are set aside. */
    private void writeOneByOne(Position readAfter, StageFailure batchFailure) {
        StageCall call = plan.call();
        List<Row> single = new ArrayList<>(1);
        int accepted = 0;
        for (Row record : batch) {
            single.clear();
            single.add(record);
            try {
                call.call(StageCall.Kind.WRITE, SinkLoop::write, sink, Collections.unmodifiableList(single));
                call.call(StageCall.Kind.FLUSH, SinkLoop::flush, sink, (Void) null);
                accepted++;
            } catch (StageFailure failure) {
                if (failure.fatal() || control.aborting()) {
                    throw failure;
                }
                Throwable cause = failure.getCause() != null ? failure.getCause() : batchFailure;
                Row dead = errors.reject(call, plan.metrics(), record, cause, readAfter,
                        plan.metrics().out() + accepted + 1);
                if (dead != null) {
                    deadLetters.add(dead);
                }
            }
        }
        // Counted as written below; take the rejected ones back out of "out".
        plan.metrics().add(0, accepted - batch.size());
        // Each record was flushed on its own, and whatever the sink held before was flushed with the first.
        unflushed = 0;
    }

    /**
     * Flushes what the sink holds, writes and flushes the dead letters, then commits the newest position whose
     * records are all written, which the flush has just made durable. Nothing is done once the run aborts.
     */
    private void sync() {
        if (control.aborting()) {
            return;
        }
        if (unflushed > 0) {
            plan.call().call(StageCall.Kind.FLUSH, SinkLoop::flush, sink, (Void) null);
            unflushed = 0;
        }
        writeDeadLetters();
        timer.committed();
        Position position = written;
        if (position == null || position.equals(committed.position())) {
            return;
        }
        try {
            checkpoints.commit(control.pipeline(), position, writtenRecords);
        } catch (IOException e) {
            throw plan.call().failure("flushed its records but the checkpoint could not be written to "
                    + checkpoints.file(control.pipeline()), e);
        }
        committed.committed(position, writtenRecords);
    }

    private void writeDeadLetters() {
        if (deadLetters.isEmpty() || deadLetterSink == null) {
            deadLetters.clear();
            return;
        }
        StagePlan dead = deadLetterPlan.orElseThrow();
        dead.call().call(StageCall.Kind.WRITE, SinkLoop::write, deadLetterSink,
                Collections.unmodifiableList(deadLetters));
        dead.call().call(StageCall.Kind.FLUSH, SinkLoop::flush, deadLetterSink, (Void) null);
        dead.metrics().add(deadLetters.size(), deadLetters.size());
        deadLetters.clear();
    }

    private static Void write(Sink target, List<Row> rows) throws Exception {
        target.write(rows);
        return null;
    }

    private static Void flush(Sink target, Void unused) throws Exception {
        target.flush();
        return null;
    }

    @Override
    public void close() {
        try {
            if (sink != null) {
                plan.close(sink);
            }
        } finally {
            if (deadLetterSink != null) {
                deadLetterPlan.orElseThrow().close(deadLetterSink);
            }
        }
    }
}
