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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sink thread of an attempt: creates the sink (and the dead-letter sink, if any), gathers records into
 * batches, writes and flushes them, and commits each position once everything before it is flushed.
 *
 * <p>Dead letters are written and flushed to the dead-letter sink before any checkpoint is committed, so a
 * rejected record is either in the dead-letter output or still ahead of the checkpoint; never lost.
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
    private final List<Row> batch;
    private final List<Row> view;
    private final List<Row> deadLetters = new ArrayList<>();
    private final Supplier<RunTracer.Attempt> tracing;
    /** The attempt's span, read once when the loop runs: the batch spans are its children. */
    private RunTracer.Attempt trace = RunTracer.Attempt.NOOP;
    private Sink sink;
    private Sink deadLetterSink;

    /** The last committed position, shared with the summary. */
    interface Checkpointed {
        Position position();

        void committed(Position position, long sourceRecords);
    }

    SinkLoop(StagePlan plan, Optional<StagePlan> deadLetterPlan, RunControl control, RecordErrors errors,
            ChunkInput in, CheckpointStore checkpoints, Checkpointed committed, StageLoggers loggers, Path home,
            int batchSize, long lingerMillis, Supplier<RunTracer.Attempt> tracing) {
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
        Position pending = null;
        long pendingRecords = 0;
        Position batchReadAfter = null;
        trace = tracing.get();
        try {
            while (true) {
                long wait = batch.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(WAKE_UP_MILLIS)
                        : batchStarted + lingerNanos - System.nanoTime();
                Chunk chunk = in.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (chunk == null) {
                    // Nothing is queued: a partial batch whose first record has waited the linger time goes out.
                    if (!batch.isEmpty() && System.nanoTime() - batchStarted >= lingerNanos) {
                        write(batchReadAfter);
                        pending = commit(pending, pendingRecords);
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
                        pending = commit(pending, pendingRecords);
                    }
                }
                if (chunk.position() != null) {
                    pending = chunk.position();
                    pendingRecords = chunk.sourceRecords();
                    if (batch.isEmpty()) {
                        // Everything up to this position was written and flushed with the last batch.
                        pending = commit(pending, pendingRecords);
                    }
                }
                // No linger check here: once the linger time has passed, the next poll does not wait, and a
                // partial batch is written only when that poll finds no chunk queued. While records keep
                // arriving faster than the sink writes them, every batch is full, so a busy sink pays one flush
                // and one checkpoint per batchSize records instead of one per chunk.
            }
            if (!batch.isEmpty()) {
                write(batchReadAfter);
            }
            commit(pending, pendingRecords);
        } catch (StageFailure e) {
            if (!batch.isEmpty()) {
                plan.metrics().fail(batch.size());
            }
            throw e;
        }
    }

    private void write(Position readAfter) {
        StageCall call = plan.call();
        RunTracer.Span span = trace.batch(plan.metrics().stage(), batch.size());
        try {
            call.call(StageCall.Kind.WRITE, SinkLoop::write, sink, view);
            call.call(StageCall.Kind.FLUSH, SinkLoop::flush, sink, (Void) null);
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
    }

    /** After a batch failed under tolerance {@code all}: each record alone, so exactly the bad ones are set aside. */
    private void writeOneByOne(Position readAfter, StageFailure batchFailure) {
        StageCall call = plan.call();
        List<Row> single = new ArrayList<>(1);
        int written = 0;
        for (Row record : batch) {
            single.clear();
            single.add(record);
            try {
                call.call(StageCall.Kind.WRITE, SinkLoop::write, sink, Collections.unmodifiableList(single));
                call.call(StageCall.Kind.FLUSH, SinkLoop::flush, sink, (Void) null);
                written++;
            } catch (StageFailure failure) {
                if (failure.fatal() || control.aborting()) {
                    throw failure;
                }
                Throwable cause = failure.getCause() != null ? failure.getCause() : batchFailure;
                Row dead = errors.reject(call, plan.metrics(), record, cause, readAfter,
                        plan.metrics().out() + written + 1);
                if (dead != null) {
                    deadLetters.add(dead);
                }
            }
        }
        // Counted as written below; take the rejected ones back out of "out".
        plan.metrics().add(0, written - batch.size());
    }

    /** Commits a position whose records are all flushed, dead letters first; returns null, the new pending. */
    private Position commit(Position position, long sourceRecords) {
        if (position == null || control.aborting() || position.equals(committed.position())) {
            return null;
        }
        writeDeadLetters();
        try {
            checkpoints.commit(control.pipeline(), position, sourceRecords);
        } catch (IOException e) {
            throw plan.call().failure("flushed its records but the checkpoint could not be written to "
                    + checkpoints.file(control.pipeline()), e);
        }
        committed.committed(position, sourceRecords);
        return null;
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
