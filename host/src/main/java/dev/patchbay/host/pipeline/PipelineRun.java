package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.ClassOrigins;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginHandle;
import dev.patchbay.host.plugin.PluginLease;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One attempt at running a pipeline: a source thread, one or more process threads (workers; only when there are
 * processors) and a sink thread, joined by bounded {@link RecordQueue}s, each thread running its {@link StageLoop}
 * and calling plugin code only through its stages' {@link StageCall} seams.
 *
 * <pre>
 *  pipeline-NAME-source      pipeline-NAME-process        pipeline-NAME-sink
 *  poll -> chunk (<=256) --[queue]--> processors 1..n --[queue]--> batch (<=batchSize) -> write, flush, commit
 * </pre>
 *
 * <p>With {@link Parallelism#workers()} above 1 the process threads are {@code pipeline-NAME-process-1..N}, each
 * with its own instances of every processor and its own pair of queues; a {@link RoundRobin} deals the source's
 * chunks to them and an {@link OrderedMerge} reads their output in the same turn, so the sink sees the records
 * in source order (design/CODE.md, "Parallel processors").
 *
 * <p>The queues, threads and seams all exist from construction, so a stop or an abort reaches every thread at
 * any moment, including while a stage is still being created on its own thread. The attempt has ended once
 * every thread has ended or been abandoned by the {@link Watchdog}.
 *
 * <p>Thread-safety: the plugin instances are confined to their stage's thread. Cross-thread state is the
 * {@link RunControl}, the queues (lock-guarded), the single-writer metrics and the volatile fields below;
 * the set of threads still counted is guarded by {@code this}.
 */
final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    private final PipelineConfig config;
    private final Watchdog watchdog;
    private final Runnable onTerminated;
    private final RunControl control;
    // One plan per stage, in stage order: the first worker's for each processor.
    private final List<StagePlan> plans = new ArrayList<>();
    // The seams of every stage on every thread, including the other workers' processors.
    private final List<StageCall> calls = new ArrayList<>();
    private final Parallelism parallelism;
    private final List<RecordQueue> queues = new ArrayList<>();
    private final AttemptThreads threads;
    private List<String> callsAtAbort;
    private final StageMetrics sourceMetrics;
    private final RecordErrors errors;
    private final SourceLoop sourceLoop;
    private final PauseGate gate;
    private final CallObserver observer;
    private final ClassOrigins origins;
    // One per stage, taken while the attempt is built and closed once it has ended (see terminate()).
    private final List<PluginLease> leases = new ArrayList<>();

    /** This attempt's span; set by {@link #start(RunTracer.Attempt)} before any stage thread starts. */
    private volatile RunTracer.Attempt trace = RunTracer.Attempt.NOOP;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile Position committedPosition;
    private volatile long committedSourceRecords;

    /**
     * Prepares an attempt; nothing runs, and no plugin code is called, until {@link #start()}.
     *
     * @param observer told how long each poll, processor chunk, write and flush took
     * @param onTerminated told once, on whichever thread ends the attempt last
     */
    PipelineRun(PipelineConfig config, ExtensionCatalog catalog, CheckpointStore checkpoints, Path home,
            StageLoggers loggers, Watchdog watchdog, MemoryReserve reserve, Clock clock, PauseGate gate,
            CallObserver observer, Runnable onTerminated) {
        this(config, new StageResolver(catalog), Set.of(), checkpoints, home, loggers, watchdog, reserve, clock, gate,
                observer, catalog.classOrigins(), onTerminated);
    }

    /**
     * Prepares an attempt whose stages use the versions the resolver chooses, leasing each until the attempt ends.
     *
     * @param refused plugin versions this attempt must not use
     * @param origins explains the class-loading failures of its stages' plugins
     * @throws PluginUnavailableException if a stage has no started version to use; nothing stays leased
     */
    PipelineRun(PipelineConfig config, StageResolver resolver, Set<PluginHandle> refused,
            CheckpointStore checkpoints, Path home, StageLoggers loggers, Watchdog watchdog, MemoryReserve reserve,
            Clock clock, PauseGate gate, CallObserver observer, ClassOrigins origins, Runnable onTerminated) {
        this.config = Objects.requireNonNull(config, "config");
        this.origins = Objects.requireNonNull(origins, "origins");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.watchdog = Objects.requireNonNull(watchdog, "watchdog");
        this.onTerminated = Objects.requireNonNull(onTerminated, "onTerminated");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.threads = new AttemptThreads(config.name(), this::runStage);
        int chunkCapacity = Math.min(Chunk.MAX_RECORDS, config.queueCapacity());
        List<StageResolver.Stage> stages = StageResolver.stages(config);
        List<LoadedExtension> extensions = new ArrayList<>();
        try {
            for (StageResolver.Stage stage : stages) {
                extensions.add(resolve(resolver, refused, stage));
            }
            this.parallelism = Parallelism.of(config, extensions.subList(1, 1 + config.processors().size()),
                    Runtime.getRuntime().availableProcessors());
        } catch (RuntimeException e) {
            leases.forEach(PluginLease::close);
            throw e;
        }
        boolean processing = !config.processors().isEmpty();
        int workers = processing ? parallelism.workers() : 0;
        // Several workers split the queue capacity, so that the records held between the stages stay bounded
        // by the same 2 * queueCapacity as with one (README, "Memory").
        int share = workers > 1 ? Math.max(1, (config.queueCapacity() + workers - 1) / workers) : config.queueCapacity();
        List<RecordQueue> inputs = new ArrayList<>();
        List<RecordQueue> outputs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            inputs.add(new RecordQueue(share));
            outputs.add(new RecordQueue(share));
        }
        RecordQueue direct = processing ? null : new RecordQueue(config.queueCapacity());
        ChunkOutput toWorkers = !processing ? direct : workers == 1 ? inputs.get(0) : new RoundRobin(inputs);
        ChunkInput toSink = !processing ? direct : workers == 1 ? outputs.get(0) : new OrderedMerge(outputs);
        if (processing) {
            queues.addAll(inputs);
            queues.addAll(outputs);
        } else {
            queues.add(direct);
        }
        this.control = new RunControl(config.name(), queues, 2 + workers, reserve);

        Thread sourceThread = thread("source");
        List<Thread> workerThreads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            workerThreads.add(thread(workers == 1 ? "process" : "process-" + (w + 1)));
        }
        Thread sinkThread = thread("sink");
        List<StagePlan> planned = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StageResolver.Stage stage = stages.get(i);
            Thread thread = switch (stage.kind()) {
                case SOURCE -> sourceThread;
                case PROCESSOR -> workerThreads.get(0);
                case SINK -> sinkThread;
            };
            planned.add(plan(stage, extensions.get(i), thread, null));
        }
        StagePlan source = planned.get(0);
        this.sourceMetrics = source.metrics();
        this.errors = new RecordErrors(config.errors(), sourceMetrics, clock);
        List<StagePlan> processors = planned.subList(1, 1 + config.processors().size());
        StagePlan sink = planned.get(1 + config.processors().size());
        Optional<StagePlan> deadLetter = config.errors().deadLetter().map(unused -> planned.get(planned.size() - 1));

        Committed committed = new Committed();
        this.sourceLoop = new SourceLoop(source, control, toWorkers, checkpoints, loggers, home, chunkCapacity,
                new RateLimiter(config.maxRecordsPerSecond(), System::nanoTime), errors, gate, committed);
        bind(sourceThread, sourceLoop);
        for (int w = 0; w < workers; w++) {
            // Each worker has its own instances, created, called and closed on its own thread through its own
            // seams; the counters are the stage's, shared (StageMetrics takes several writers).
            List<StagePlan> own = processors;
            if (w > 0) {
                own = new ArrayList<>();
                for (StagePlan first : processors) {
                    StagePlan copy = plan(stages.get(1 + own.size()), first.extension(), workerThreads.get(w),
                            first.metrics());
                    own.add(copy);
                }
            }
            bind(workerThreads.get(w), new ProcessLoop(own, control, errors, inputs.get(w), outputs.get(w), loggers,
                    home, chunkCapacity, workers > 1));
        }
        bind(sinkThread, new SinkLoop(sink, deadLetter, control, errors, toSink, checkpoints, committed,
                loggers, home, config.batchSize(), config.lingerMillis(),
                new CommitTimer(config.commitIntervalMillis(), clock), gate::paused, this::trace));
    }

    /** Chooses and leases the version a stage uses. */
    private LoadedExtension resolve(StageResolver resolver, Set<PluginHandle> refused, StageResolver.Stage planned) {
        LoadedExtension extension = null;
        PluginLease lease = null;
        // A version retired between the choice and the lease is skipped: the next choice sees it retired.
        for (int attempt = 0; attempt < 3 && lease == null; attempt++) {
            extension = resolver.resolve(planned, refused).orElseThrow(() -> new PluginUnavailableException(
                    "pipeline '" + config.name() + "': " + resolver.describe(planned, refused)));
            lease = extension.plugin().tryLease("pipeline '" + config.name() + "'").orElse(null);
        }
        if (lease == null) {
            throw new PluginUnavailableException("pipeline '" + config.name() + "': " + resolver.describe(planned,
                    refused) + "; its versions kept being retired while the pipeline started");
        }
        leases.add(lease);
        return extension;
    }

    /**
     * A stage's plan on one thread; {@code shared} is null for the stage's first plan, which is the one the
     * summary and the swaps see, or that plan's counters for another worker's plan.
     */
    private StagePlan plan(StageResolver.Stage planned, LoadedExtension extension, Thread thread,
            StageMetrics shared) {
        StageConfig stage = planned.config();
        String label = planned.label();
        StageGuard guard = new StageGuard(config.name(), label, stage.use(), extension.scope());
        StageCall call = new StageCall(guard, extension.pluginVersion(), config.timeouts(), control, thread, observer,
                origins);
        StageMetrics metrics = shared != null ? shared : new StageMetrics(label, stage.use(), extension.pluginId());
        StagePlan plan = new StagePlan(stage, extension, call, metrics);
        if (shared == null) {
            plans.add(plan);
        }
        calls.add(call);
        return plan;
    }

    private Thread thread(String role) {
        return threads.add(role);
    }

    private void bind(Thread thread, StageLoop loop) {
        threads.bind(thread, loop);
    }

    String name() {
        return config.name();
    }

    /** Whether an operator paused the pipeline's source (the gate outlives this attempt). */
    boolean paused() {
        return gate.paused();
    }

    PipelineConfig config() {
        return config;
    }

    /**
     * Starts the stage threads, each of which creates its stages and then runs. When a stop or an abort came
     * first, nothing is created and the attempt ends at once.
     */
    void start() {
        start(RunTracer.Attempt.NOOP);
    }

    /** {@link #start()}, with the span the sink's batches are traced in. */
    void start(RunTracer.Attempt span) {
        trace = Objects.requireNonNull(span, "span");
        startNanos = System.nanoTime();
        if (control.state() != RunState.STARTING) {
            threads.countAllUnstarted();
            terminate();
            return;
        }
        if (!config.processors().isEmpty() && (parallelism.workers() > 1 || parallelism.serial())) {
            LOG.info("pipeline '{}': processors on {}", config.name(), parallelism.note());
        }
        for (StageCall call : calls) {
            watchdog.watch(call, this::abandon);
        }
        threads.startAll();
    }

    private void runStage(StageLoop loop) {
        Thread self = Thread.currentThread();
        boolean created = false;
        try {
            loop.create();
            created = true;
            control.stageCreated();
            if (control.awaitCreated()) {
                loop.run();
            }
        } catch (RecordQueue.AbortedException e) {
            // A bystander of a failure elsewhere or of a forced stop: the cause is recorded by whoever aborted.
        } catch (StageFailure e) {
            control.fail(e);
        } catch (InterruptedException e) {
            if (!control.aborting()) {
                control.fail(new IllegalStateException("thread " + self.getName() + " of pipeline '" + config.name()
                        + "' was interrupted while waiting for records, outside any plugin call, and the host did "
                        + "not interrupt it; a plugin thread may be interrupting host threads", e));
            }
        } catch (Throwable thrown) {
            // Host code failed (or the JVM ran out of memory outside plugin code): record it so the attempt
            // reports FAILED; a VirtualMachineError then stops the host like one in plugin code.
            if (isFatal(thrown)) {
                control.releaseReserve();
            }
            control.fail(thrown);
        } finally {
            try {
                loop.close();
            } catch (StageFailure e) {
                control.fail(e);
            } catch (RecordQueue.AbortedException e) {
                // Closed as a bystander of an abort.
            } catch (Throwable thrown) {
                control.fail(thrown);
            } finally {
                if (!created) {
                    control.stageNotCreated();
                }
                threadEnded(self);
            }
        }
    }

    private void threadEnded(Thread thread) {
        if (threads.ended(thread)) {
            terminate();
        }
    }

    /** Told by the watchdog that a call stayed stuck after its interrupt: its thread no longer counts. */
    private void abandon(StageCall call) {
        String note = "thread " + call.thread().getName() + " is abandoned inside plugin '" + call.guard().pluginId()
                + "' " + call.pluginVersion() + " (stage " + call.guard().stage() + "); the plugin's class loader "
                + "cannot be freed until the process exits";
        MDC.put(dev.patchbay.host.plugin.PluginScope.MDC_PLUGIN, call.guard().pluginId());
        try {
            LOG.warn("pipeline '{}': {}", config.name(), note);
        } finally {
            MDC.remove(dev.patchbay.host.plugin.PluginScope.MDC_PLUGIN);
        }
        if (threads.abandon(call.thread(), note)) {
            terminate();
        }
    }

    private void terminate() {
        for (StageCall call : calls) {
            watchdog.unwatch(call);
        }
        endNanos = System.nanoTime();
        RunState.Outcome outcome = control.end();
        if (outcome == RunState.Outcome.FAILED) {
            control.failure().ifPresent(this::logFailure);
        }
        // A thread abandoned inside a plugin may still run its code: its version must stay loaded.
        if (threads.abandonedNotes().isEmpty()) {
            leases.forEach(PluginLease::close);
        }
        onTerminated.run();
    }

    /** Logs the attempt's failure with MDC plugin and stage set to the failing stage's, whichever thread ends it. */
    private void logFailure(Throwable failed) {
        if (failed instanceof StageFailure stageFailure) {
            MDC.put(StageGuard.MDC_STAGE, stageFailure.pipeline() + "/" + stageFailure.stage());
            MDC.put(dev.patchbay.host.plugin.PluginScope.MDC_PLUGIN, stageFailure.pluginId());
        }
        try {
            LOG.error("{}", failed.getMessage(), failed);
        } finally {
            MDC.remove(StageGuard.MDC_STAGE);
            MDC.remove(dev.patchbay.host.plugin.PluginScope.MDC_PLUGIN);
        }
    }

    /** Graceful stop: the source stops after its current poll; what is in flight drains to the sink. */
    void requestStop() {
        control.stop();
        sourceLoop.wake(threads.first());
    }

    /**
     * Forced stop: nothing more is committed, every queue wakes its waiters, and each thread inside a plugin
     * call is interrupted once. What a bystander throws after this is reported as aborted, not failed.
     */
    void abort() {
        // Taken first, while the stuck calls are still in progress: after the interrupt they may leave.
        List<String> inProgress = callsInProgress();
        synchronized (this) {
            if (callsAtAbort == null) {
                callsAtAbort = inProgress;
            }
        }
        control.abort();
        for (StageCall call : calls) {
            if (call.inCall()) {
                call.thread().interrupt();
            }
        }
        sourceLoop.wake(threads.first());
    }

    /** What the stage threads inside plugin calls were doing when the stop was forced; empty if it was not. */
    synchronized List<String> callsAtAbort() {
        return callsAtAbort == null ? List.of() : callsAtAbort;
    }

    /** What each stage thread still inside a plugin call is doing, for the forced-stop report. */
    List<String> callsInProgress() {
        long now = System.nanoTime();
        List<String> lines = new ArrayList<>();
        for (StageCall call : calls) {
            if (call.thread().isAlive()) {
                call.inProgress(now).ifPresent(lines::add);
            }
        }
        return lines;
    }

    /** Waits for the threads that were not abandoned; true when none of them is alive. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.await(timeout, unit);
    }

    /** Whether an abandoned thread is still inside plugin code. */
    boolean abandonedAlive() {
        return threads.abandonedAlive();
    }

    // ---------------------------------------------------------------- reporting

    /** Records the committed checkpoint for the summary; called by the sink thread. */
    private final class Committed implements SinkLoop.Checkpointed {
        @Override
        public Position position() {
            return committedPosition;
        }

        @Override
        public void committed(Position position, long sourceRecords) {
            committedPosition = position;
            committedSourceRecords = sourceRecords;
        }
    }

    RunState state() {
        return control.state();
    }

    RunTracer.Attempt trace() {
        return trace;
    }

    /** The checkpoint this attempt resumed from, if its source was created from one. */
    Optional<Position> resumedFrom() {
        return sourceLoop.resumedFrom();
    }

    Optional<RunState.Outcome> outcome() {
        return control.outcome();
    }

    Optional<Throwable> failure() {
        return control.failure();
    }

    /** Whether the failure leaves the JVM in an unknown state: the host must stop, not restart. */
    boolean fatal() {
        return control.failure().map(PipelineRun::isFatal).orElse(false);
    }

    static boolean isFatal(Throwable failure) {
        return failure instanceof StageFailure stageFailure ? stageFailure.fatal()
                : failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    /** The plugin version each stage uses, in stage order. */
    List<PluginHandle> handles() {
        return plans.stream().map(plan -> plan.extension().plugin()).toList();
    }

    /** Whether every stage was created: a failure after that is not a failure to create. */
    boolean allStagesCreated() {
        return control.allCreated();
    }

    List<String> abandoned() {
        return threads.abandonedNotes();
    }

    /** The last position committed, or else the checkpoint this attempt resumed from: where a next run resumes. */
    Optional<Position> committedPosition() {
        Position committed = committedPosition;
        return committed != null ? Optional.of(committed) : sourceLoop.resumedFrom();
    }

    /** Whether the checkpoint could not be read, so the committed position is unknown. */
    boolean checkpointUnreadable() {
        return sourceLoop.checkpointUnreadable();
    }

    /** Records the source emitted in this attempt that no committed checkpoint covers yet. */
    long uncommittedRecords() {
        return Math.max(0, sourceMetrics.out() - committedSourceRecords);
    }

    long rejectedRecords() {
        return errors.failures();
    }

    long throttledNanos() {
        return sourceLoop.throttledNanos();
    }

    long elapsedNanos() {
        long start = startNanos;
        if (start == 0) {
            return 0;
        }
        long end = endNanos;
        return (end == 0 ? System.nanoTime() : end) - start;
    }

    /** How many workers run the processors, and why. */
    Parallelism parallelism() {
        return parallelism;
    }

    List<StageMetrics> stages() {
        return plans.stream().map(StagePlan::metrics).toList();
    }

    /** Records waiting in the queues between the stages now. */
    long queuedRecords() {
        long queued = 0;
        for (RecordQueue queue : queues) {
            queued += queue.occupied();
        }
        return queued;
    }

    List<RecordQueue> queues() {
        return List.copyOf(queues);
    }

    /** The threads of this attempt, for tests proving that none outlives it. */
    List<Thread> threads() {
        return threads.all();
    }
}
