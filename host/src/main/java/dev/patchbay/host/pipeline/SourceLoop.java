package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The source thread of an attempt: creates the source (resuming from the committed checkpoint), then polls
 * it until it ends, the run stops, or it fails, handing what it emits on in chunks.
 */
final class SourceLoop implements StageLoop, SourceHooks {

    private static final Logger LOG = LoggerFactory.getLogger(SourceLoop.class);

    private static final long IDLE_BACKOFF_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long IDLE_BACKOFF_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final StagePlan plan;
    private final RunControl control;
    private final ChunkOutput out;
    private final CheckpointStore checkpoints;
    private final StageLoggers loggers;
    private final Path home;
    private final SourceEmitter emitter;
    private final PauseGate gate;
    private final SinkLoop.Checkpointed committed;
    private Source source;
    /** The thread that creates, polls and closes the source; set once it creates it. */
    private volatile Thread thread;
    /** Whether the source is inside poll() or close(); read and written only by {@link #thread}. */
    private boolean inPoll;
    private boolean closing;
    /** The checkpoint this attempt resumed from; volatile, read by the summary. */
    private volatile Position resumedFrom;
    /** Whether the checkpoint could not be read, so where the next attempt would resume is unknown. */
    private volatile boolean checkpointUnreadable;

    /** @param committed the run's committed position, as the sink thread records it */
    SourceLoop(StagePlan plan, RunControl control, ChunkOutput out, CheckpointStore checkpoints, StageLoggers loggers,
            Path home, int chunkCapacity, RateLimiter limiter, RecordErrors errors, PauseGate gate,
            SinkLoop.Checkpointed committed) {
        this.plan = plan;
        this.committed = committed;
        this.control = control;
        this.out = out;
        this.checkpoints = checkpoints;
        this.loggers = loggers;
        this.home = home;
        this.gate = gate;
        this.emitter = new SourceEmitter(plan.call(), control, out, plan.metrics(), chunkCapacity, limiter,
                errors);
    }

    @Override
    public void create() {
        thread = Thread.currentThread();
        Optional<Position> resumeFrom;
        try {
            resumeFrom = checkpoints.load(control.pipeline());
        } catch (IOException e) {
            checkpointUnreadable = true;
            // The cause names the file, what is wrong with it and the fix.
            throw plan.call().failure("cannot resume from its checkpoint", e);
        }
        resumedFrom = resumeFrom.orElse(null);
        emitter.resumedFrom(resumedFrom);
        if (resumedFrom == null) {
            LOG.info("pipeline '{}': starting from the beginning of its input (no checkpoint)", control.pipeline());
        } else {
            LOG.info("pipeline '{}': starting, resuming from its checkpoint at position '{}'", control.pipeline(),
                    resumedFrom.value());
        }
        source = plan.create((extension, settings, context) -> ((SourceFactory) extension.factory())
                .create(settings, context), loggers, home, resumeFrom, this);
    }

    @Override
    public void run() throws InterruptedException {
        StageCall call = plan.call();
        long backoff = IDLE_BACKOFF_MIN_NANOS;
        while (!control.sourceMustStop()) {
            if (gate.paused()) {
                // What was read before the pause goes on to the sink, so that its checkpoint is committed.
                emitter.flush();
                gate.awaitOpen(control::sourceMustStop);
                continue;
            }
            inPoll = true;
            Source.Poll poll;
            try {
                poll = call.call(StageCall.Kind.POLL, Source::poll, source, emitter);
            } finally {
                inPoll = false;
            }
            if (poll == null) {
                throw call.failure("failed in poll(): it returned null instead of MORE, IDLE or END", null,
                        StageCall.REPORT);
            }
            Position position = call.call(StageCall.Kind.POSITION, (s, unused) -> s.position(), source, null);
            if (position == null) {
                throw call.failure("failed in position(): it returned null", null, StageCall.REPORT);
            }
            emitter.polled(position);
            if (poll == Source.Poll.END) {
                break;
            }
            // A chunk that ends at a poll boundary carries that position exactly, which keeps what a crash can
            // repeat to one batch plus one poll; so a moved position is handed on at once.
            if (poll == Source.Poll.IDLE || emitter.hasPending() || emitter.stale()) {
                emitter.flush();
            }
            if (poll == Source.Poll.IDLE) {
                LockSupport.parkNanos(this, backoff);
                backoff = Math.min(backoff * 2, IDLE_BACKOFF_MAX_NANOS);
            } else {
                backoff = IDLE_BACKOFF_MIN_NANOS;
            }
        }
        if (!control.aborting()) {
            // The source is closed only after the last commit, so that its close() can hand that commit on (a
            // Kafka source commits it to its group) before another reader takes its input over.
            emitter.sync();
            control.draining();
            out.close();
        }
    }

    @Override
    public void close() {
        if (source != null) {
            closing = true;
            plan.close(source);
        }
    }

    @Override
    public Optional<Position> committed() {
        Position position = committed.position();
        return position != null ? Optional.of(position) : resumedFrom();
    }

    @Override
    public Optional<Position> flush() {
        if (Thread.currentThread() != thread || !inPoll && !closing) {
            throw new IllegalStateException("pipeline '" + control.pipeline() + "': the source called flush() "
                    + (Thread.currentThread() != thread ? "from thread '" + Thread.currentThread().getName()
                            + "', but only its own thread may, inside poll() or close()" : "outside poll() and close()")
                    + "; call it from poll(), for example from a rebalance listener the consumer runs inside poll");
        }
        if (closing) {
            // After a graceful end everything was committed before close(); after an abort nothing more will be.
            if (control.aborting()) {
                throw new RecordQueue.AbortedException();
            }
            return committed();
        }
        return emitter.sync().or(this::resumedFrom);
    }

    /** The checkpoint this attempt resumed from, if it has read one. */
    Optional<Position> resumedFrom() {
        return Optional.ofNullable(resumedFrom);
    }

    boolean checkpointUnreadable() {
        return checkpointUnreadable;
    }

    /** Wakes the source thread from its idle back-off, for a stop. */
    void wake(Thread thread) {
        LockSupport.unpark(thread);
    }

    long throttledNanos() {
        return emitter.throttledNanos();
    }
}
