package dev.patchbay.host.pipeline;

import dev.patchbay.api.Emitter;
import dev.patchbay.api.ExtensionFactory;
import dev.patchbay.api.Position;
import dev.patchbay.api.Processor;
import dev.patchbay.api.ProcessorFactory;
import dev.patchbay.api.Row;
import dev.patchbay.api.Settings;
import dev.patchbay.api.Sink;
import dev.patchbay.api.SinkFactory;
import dev.patchbay.api.Source;
import dev.patchbay.api.SourceFactory;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running pipeline: a source thread, a process thread (only when there are processors) and a sink
 * thread, joined by bounded {@link RecordQueue}s.
 *
 * <pre>
 *  pipeline-NAME-source      pipeline-NAME-process        pipeline-NAME-sink
 *  poll -> chunk (<=256) --[queue]--> processors 1..n --[queue]--> batch (<=batchSize) -> write, flush, commit
 * </pre>
 *
 * <p>Thread-safety: the plugin instances are each confined to their stage's thread after
 * {@link #start()} (Thread.start publishes them). Cross-thread state is the volatile flags below, the
 * queues (lock-guarded) and the single-writer metrics.
 */
final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
    private static final long IDLE_BACKOFF_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long IDLE_BACKOFF_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long CHUNK_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long WAKE_UP_MILLIS = 100;

    /** Where a run is in its life. */
    enum State {
        CREATED, RUNNING, COMPLETED, STOPPED, FAILED, ABORTED
    }

    private final PipelineConfig config;
    private final ExtensionCatalog catalog;
    private final CheckpointStore checkpoints;
    private final Path home;
    private final StageLoggers loggers;
    private final Runnable onTerminated;
    private final int chunkCapacity;

    private final StageMetrics sourceMetrics;
    private final List<StageMetrics> processorMetrics = new ArrayList<>();
    private final StageMetrics sinkMetrics;
    // Filled in start() before any thread starts; read from signal and timer threads, hence copy-on-write.
    private final List<RecordQueue> queues = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private volatile State state = State.CREATED;
    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile Position committedPosition;
    private volatile long committedSourceRecords;
    private int liveThreads;

    PipelineRun(PipelineConfig config, ExtensionCatalog catalog, CheckpointStore checkpoints, Path home,
            StageLoggers loggers, Runnable onTerminated) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.home = Objects.requireNonNull(home, "home");
        this.loggers = Objects.requireNonNull(loggers, "loggers");
        this.onTerminated = Objects.requireNonNull(onTerminated, "onTerminated");
        this.chunkCapacity = Math.min(Chunk.MAX_RECORDS, config.queueCapacity());
        this.sourceMetrics = metrics("source", config.source());
        for (int i = 0; i < config.processors().size(); i++) {
            processorMetrics.add(metrics("processors[" + i + "]", config.processors().get(i)));
        }
        this.sinkMetrics = metrics("sink", config.sink());
    }

    private static StageMetrics metrics(String stage, StageConfig config) {
        String plugin = ExtensionRef.parse(config.use()).map(ExtensionRef::pluginId).orElse(config.use());
        return new StageMetrics(stage, config.use(), plugin);
    }

    String name() {
        return config.name();
    }

    /**
     * Creates the plugin instances and starts the threads. A failure to create an instance leaves the run
     * FAILED with no thread started; the instances already created are closed.
     */
    void start() {
        startNanos = System.nanoTime();
        List<Stage<? extends AutoCloseable>> created = new ArrayList<>();
        try {
            Optional<Position> resumeFrom;
            try {
                resumeFrom = checkpoints.load(config.name());
            } catch (IOException e) {
                throw new StageFailure(config.name(), "source", config.source().use(), sourceMetrics.pluginId(),
                        "cannot resume", e);
            }
            committedPosition = resumeFrom.orElse(null);
            Stage<Source> source = create(config.source(), "source", ExtensionKind.SOURCE, resumeFrom, created,
                    (factory, settings, context) -> ((SourceFactory) factory).create(settings, context));
            List<GuardedProcessor> processors = new ArrayList<>();
            for (int i = 0; i < config.processors().size(); i++) {
                Stage<Processor> processor = create(config.processors().get(i), "processors[" + i + "]",
                        ExtensionKind.PROCESSOR, Optional.empty(), created,
                        (factory, settings, context) -> ((ProcessorFactory) factory).create(settings, context));
                processors.add(new GuardedProcessor(processor.guard, processor.instance, processorMetrics.get(i)));
            }
            Stage<Sink> sink = create(config.sink(), "sink", ExtensionKind.SINK, Optional.empty(), created,
                    (factory, settings, context) -> ((SinkFactory) factory).create(settings, context));

            RecordQueue toNext = queue();
            RecordQueue toSink = processors.isEmpty() ? toNext : queue();
            threads.add(thread("source", () -> runSource(source, toNext)));
            if (!processors.isEmpty()) {
                threads.add(thread("process", () -> runProcessors(processors, toNext, toSink)));
            }
            threads.add(thread("sink", () -> runSink(sink, toSink)));
        } catch (StageFailure e) {
            fail(e);
            closeQuietlyAfterFailure(created);
            endNanos = System.nanoTime();
            state = State.FAILED;
            logFailure(e);
            onTerminated.run();
            return;
        }
        state = State.RUNNING;
        synchronized (this) {
            liveThreads = threads.size();
        }
        threads.forEach(Thread::start);
    }

    private RecordQueue queue() {
        RecordQueue queue = new RecordQueue(config.queueCapacity());
        queues.add(queue);
        return queue;
    }

    /** A created plugin instance with its guard. */
    private record Stage<T>(StageGuard guard, T instance) {
    }

    @FunctionalInterface
    private interface Creator<T> {
        T create(ExtensionFactory factory, Settings settings, StageContext context);
    }

    private <T extends AutoCloseable> Stage<T> create(StageConfig stage, String label, ExtensionKind kind,
            Optional<Position> resumeFrom, List<Stage<? extends AutoCloseable>> created, Creator<T> creator) {
        ExtensionRef ref = ExtensionRef.parse(stage.use()).orElseThrow(() -> new IllegalStateException(
                "pipeline '" + config.name() + "' was not validated: bad reference " + stage.use()));
        LoadedExtension extension = catalog.extension(ref.pluginId(), kind, ref.name())
                .orElseThrow(() -> new IllegalStateException("pipeline '" + config.name()
                        + "' was not validated: " + kind.label() + " " + stage.use() + " is not available"));
        StageGuard guard = new StageGuard(config.name(), label, stage.use(), extension.scope());
        StageContext context = new StageContext(ref.pluginId(), ref.name(), guard.stageId(),
                loggers.forStage(ref.pluginId(), guard.stageId()), home, resumeFrom);
        StageGuard.Entered entered = guard.enter();
        try {
            Settings settings = Settings.of(ref.name(), stage.settings(), extension.factory().settings());
            T instance = Objects.requireNonNull(creator.create(extension.factory(), settings, context),
                    "the factory returned null");
            Stage<T> made = new Stage<>(guard, instance);
            created.add(made);
            return made;
        } catch (Exception | LinkageError | StackOverflowError thrown) {
            throw guard.failure("could not be created", thrown);
        } finally {
            guard.exit(entered);
        }
    }

    private Thread thread(String role, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable thrown) {
                // Not contained (for example OutOfMemoryError): record it so the run reports FAILED, then let
                // the thread die with it.
                fail(thrown);
                throw thrown;
            } finally {
                threadEnded();
            }
        }, "pipeline-" + config.name() + "-" + role);
        // Daemon: a plugin stuck in a call must not keep the JVM alive after a forced stop.
        thread.setDaemon(true);
        return thread;
    }

    private void threadEnded() {
        boolean last;
        synchronized (this) {
            last = --liveThreads == 0;
        }
        if (last) {
            endNanos = System.nanoTime();
            Throwable failed = failure.get();
            state = failed != null ? State.FAILED : aborted ? State.ABORTED
                    : stopRequested ? State.STOPPED : State.COMPLETED;
            if (failed != null) {
                logFailure(failed);
            }
            onTerminated.run();
        }
    }

    /** Logs a pipeline's failure with MDC stage set to the failing stage, whichever thread notices it. */
    private void logFailure(Throwable failed) {
        String previous = MDC.get(StageGuard.MDC_STAGE);
        if (failed instanceof StageFailure stageFailure) {
            MDC.put(StageGuard.MDC_STAGE, stageFailure.pipeline() + "/" + stageFailure.stage());
        }
        try {
            LOG.error("{}", failed.getMessage(), failed);
        } finally {
            if (previous == null) {
                MDC.remove(StageGuard.MDC_STAGE);
            } else {
                MDC.put(StageGuard.MDC_STAGE, previous);
            }
        }
    }

    /** Graceful stop: the source stops after its current poll; what is in flight drains to the sink. */
    void requestStop() {
        stopRequested = true;
        threads.stream().filter(t -> t.getName().endsWith("-source")).forEach(LockSupport::unpark);
    }

    /** Forced stop: every thread is woken and leaves without committing anything more. */
    void abort() {
        aborted = true;
        queues.forEach(RecordQueue::abort);
        threads.forEach(Thread::interrupt);
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return !isAlive();
            }
            TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
        return !isAlive();
    }

    boolean isAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    private void fail(Throwable thrown) {
        if (aborted && failure.get() == null) {
            // A forced stop interrupts plugin calls; what they throw then is a consequence, not the cause.
            LOG.warn("pipeline '{}': after the forced stop: {}", config.name(), thrown.toString());
            return;
        }
        if (failure.compareAndSet(null, thrown)) {
            queues.forEach(RecordQueue::abort);
        } else if (failure.get() != thrown) {
            failure.get().addSuppressed(thrown);
        }
    }

    private boolean failedOrAborted() {
        return aborted || failure.get() != null;
    }

    // ---------------------------------------------------------------- source thread

    /** Collects what a source emits into chunks and hands full chunks on; confined to the source thread. */
    private final class SourceEmitter implements Emitter {

        private final RecordQueue out;
        private Chunk chunk = new Chunk(chunkCapacity);
        private long chunkStarted;
        private long emitted;
        private Position pending;
        private long pendingRecords;
        private Position lastPosition;

        SourceEmitter(RecordQueue out) {
            this.out = out;
        }

        @Override
        public void emit(Row record) {
            Objects.requireNonNull(record, "a source emitted a null record");
            // A full chunk is handed on only when the next record arrives, so the chunk that holds a poll's
            // last record is still here when the poll returns and can carry the position exactly.
            if (chunk.isFull()) {
                send();
            }
            if (chunk.size() == 0) {
                chunkStarted = System.nanoTime();
            }
            emitted++;
            chunk.add(record);
        }

        /** Whether a poll moved the position since the last chunk was handed on. */
        boolean hasPending() {
            return pending != null;
        }

        /** After a poll: every record up to this position is in the current chunk or before. */
        void polled(Position position) {
            if (position.equals(lastPosition)) {
                // An idle continuous source reports the same position poll after poll; sending it again
                // would only make the sink rewrite the same checkpoint.
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

        private void send() {
            if (pending != null) {
                chunk.position(pending, pendingRecords);
                pending = null;
            }
            Chunk full = chunk;
            chunk = new Chunk(chunkCapacity);
            sourceMetrics.add(full.size(), full.size());
            try {
                out.put(full);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RecordQueue.AbortedException();
            }
        }
    }

    private void runSource(Stage<Source> stage, RecordQueue out) {
        StageGuard guard = stage.guard();
        MDC.put(StageGuard.MDC_STAGE, guard.stageId());
        Source source = stage.instance();
        SourceEmitter emitter = new SourceEmitter(out);
        long backoff = IDLE_BACKOFF_MIN_NANOS;
        try {
            while (!stopRequested && !failedOrAborted()) {
                Source.Poll poll;
                Position position;
                StageGuard.Entered entered = guard.enter();
                try {
                    poll = Objects.requireNonNull(source.poll(emitter), "poll returned null");
                    position = Objects.requireNonNull(source.position(), "position() returned null");
                } catch (RecordQueue.AbortedException e) {
                    throw e;
                } catch (Exception | LinkageError | StackOverflowError thrown) {
                    throw guard.failure("failed to poll", thrown);
                } finally {
                    guard.exit(entered);
                }
                emitter.polled(position);
                if (poll == Source.Poll.END) {
                    break;
                }
                // A chunk that ends at a poll boundary carries that position exactly, which keeps what a crash
                // can repeat to one batch plus one poll; so a moved position is handed on at once.
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
            if (!failedOrAborted()) {
                emitter.flush();
                out.close();
            }
        } catch (RecordQueue.AbortedException e) {
            // Another stage failed or the stop was forced; that cause is already recorded.
        } catch (StageFailure e) {
            fail(e);
        } finally {
            closeStage(guard, source);
        }
    }

    // ---------------------------------------------------------------- process thread

    private void runProcessors(List<GuardedProcessor> processors, RecordQueue in, RecordQueue out) {
        RecordBuffer[] buffers = new RecordBuffer[processors.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new RecordBuffer(chunkCapacity);
        }
        try {
            while (true) {
                Chunk chunk = in.poll(WAKE_UP_MILLIS, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    continue;
                }
                if (chunk == Chunk.END) {
                    out.close();
                    break;
                }
                Row[] records = chunk.array();
                int count = chunk.size();
                for (int i = 0; i < processors.size(); i++) {
                    buffers[i].clear();
                    processors.get(i).apply(records, count, buffers[i]);
                    records = buffers[i].array();
                    count = buffers[i].size();
                }
                forward(records, count, chunk, out);
            }
        } catch (RecordQueue.AbortedException e) {
            // The cause is recorded by whoever aborted.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StageFailure e) {
            fail(e);
        } finally {
            for (GuardedProcessor processor : processors) {
                try {
                    processor.close();
                } catch (StageFailure e) {
                    fail(e);
                }
            }
        }
    }

    /** Hands processed records on in chunks; the last one carries the input chunk's position. */
    private void forward(Row[] records, int count, Chunk from, RecordQueue out) throws InterruptedException {
        int offset = 0;
        do {
            int size = Math.min(chunkCapacity, count - offset);
            Chunk chunk = new Chunk(size);
            for (int i = 0; i < size; i++) {
                chunk.add(records[offset + i]);
            }
            offset += size;
            if (offset == count) {
                if (from.position() == null && size == 0) {
                    return;
                }
                chunk.position(from.position(), from.sourceRecords());
            }
            out.put(chunk);
        } while (offset < count);
    }

    // ---------------------------------------------------------------- sink thread

    private void runSink(Stage<Sink> stage, RecordQueue in) {
        StageGuard guard = stage.guard();
        MDC.put(StageGuard.MDC_STAGE, guard.stageId());
        Sink sink = stage.instance();
        List<Row> batch = new ArrayList<>(config.batchSize());
        List<Row> view = Collections.unmodifiableList(batch);
        long lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.lingerMillis());
        long batchStarted = 0;
        Position pending = null;
        long pendingRecords = 0;
        try {
            while (true) {
                long wait = batch.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(WAKE_UP_MILLIS)
                        : batchStarted + lingerNanos - System.nanoTime();
                Chunk chunk = in.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (chunk == null) {
                    // Nothing is queued: a partial batch whose first record has waited the linger time goes out.
                    if (!batch.isEmpty() && System.nanoTime() - batchStarted >= lingerNanos) {
                        write(guard, sink, view, batch);
                        pending = commit(pending, pendingRecords);
                    }
                    continue;
                }
                if (chunk == Chunk.END) {
                    break;
                }
                sinkMetrics.add(chunk.size(), 0);
                for (int i = 0; i < chunk.size(); i++) {
                    if (batch.isEmpty()) {
                        batchStarted = System.nanoTime();
                    }
                    batch.add(chunk.get(i));
                    if (batch.size() == config.batchSize()) {
                        write(guard, sink, view, batch);
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
                // arriving faster than the sink writes them, every batch is full, so a busy sink pays one
                // flush and one checkpoint per batchSize records instead of one per chunk.
            }
            if (!batch.isEmpty()) {
                write(guard, sink, view, batch);
            }
            commit(pending, pendingRecords);
        } catch (RecordQueue.AbortedException e) {
            // The cause is recorded by whoever aborted; nothing more is committed.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StageFailure e) {
            if (!batch.isEmpty()) {
                sinkMetrics.fail(batch.size());
            }
            fail(e);
        } finally {
            closeStage(guard, sink);
        }
    }

    private void write(StageGuard guard, Sink sink, List<Row> view, List<Row> batch) {
        StageGuard.Entered entered = guard.enter();
        try {
            sink.write(view);
            sink.flush();
        } catch (Exception | LinkageError | StackOverflowError thrown) {
            throw guard.failure("failed to write or flush a batch of " + batch.size() + " records", thrown);
        } finally {
            guard.exit(entered);
        }
        sinkMetrics.add(0, batch.size());
        batch.clear();
    }

    /** Commits a position whose records are all flushed; returns null, the new pending position. */
    private Position commit(Position position, long sourceRecords) {
        if (position == null || failedOrAborted() || position.equals(committedPosition)) {
            return null;
        }
        try {
            checkpoints.commit(config.name(), position, sourceRecords);
        } catch (IOException e) {
            throw new StageFailure(config.name(), "sink", config.sink().use(), sinkMetrics.pluginId(),
                    "flushed its records but the checkpoint could not be written to "
                            + checkpoints.file(config.name()), e);
        }
        committedPosition = position;
        committedSourceRecords = sourceRecords;
        return null;
    }

    private void closeStage(StageGuard guard, AutoCloseable instance) {
        StageGuard.Entered entered = guard.enter();
        try {
            instance.close();
        } catch (Exception | LinkageError | StackOverflowError thrown) {
            fail(guard.failure("failed to close", thrown));
        } finally {
            guard.exit(entered);
        }
    }

    /** Closes what was created before a later stage failed to be created, each inside its plugin's scope. */
    private void closeQuietlyAfterFailure(List<Stage<? extends AutoCloseable>> created) {
        for (Stage<? extends AutoCloseable> stage : created) {
            closeStage(stage.guard(), stage.instance());
        }
    }

    // ---------------------------------------------------------------- reporting

    State state() {
        return state;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    Optional<Position> committedPosition() {
        return Optional.ofNullable(committedPosition);
    }

    /** Records the source emitted in this run that no committed checkpoint covers yet. */
    long uncommittedRecords() {
        return Math.max(0, sourceMetrics.out() - committedSourceRecords);
    }

    long elapsedNanos() {
        long start = startNanos;
        if (start == 0) {
            return 0;
        }
        long end = endNanos;
        return (end == 0 ? System.nanoTime() : end) - start;
    }

    List<StageMetrics> stages() {
        List<StageMetrics> all = new ArrayList<>();
        all.add(sourceMetrics);
        all.addAll(processorMetrics);
        all.add(sinkMetrics);
        return all;
    }

    /** Records queued between the stages now, for the backpressure proof. */
    List<RecordQueue> queues() {
        return List.copyOf(queues);
    }
}
