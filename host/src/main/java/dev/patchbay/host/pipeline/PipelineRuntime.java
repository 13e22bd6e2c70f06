package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.plugin.ExtensionCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs validated pipelines, each on its own threads, and stops them gracefully or by force.
 *
 * <p>A failing pipeline stops alone; the others carry on. {@link #awaitCompletion()} returns when every
 * pipeline has ended (finite sources exhausted and drained, stopped, or failed) or when the stop was
 * forced.
 *
 * <p>Thread-safety: {@link #requestStop()} and {@link #forceStop(String)} may be called from any thread
 * (signal handlers, the grace-period timer); the runs guard their own state.
 */
public final class PipelineRuntime {

    private static final long FORCED_JOIN_MILLIS = 2000;

    private final List<PipelineRun> runs = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger running;
    private volatile String forcedReason;
    private volatile boolean stopRequested;

    /**
     * Prepares the pipelines; nothing runs until {@link #start()}.
     *
     * @param pipelines the pipelines to run, already validated by {@link PipelineValidator}
     * @param catalog the started extensions
     * @param checkpoints where source positions are committed and resumed from
     * @param home the directory relative paths in settings resolve against
     * @param loggers makes each stage's logger
     */
    public PipelineRuntime(List<PipelineConfig> pipelines, ExtensionCatalog catalog, CheckpointStore checkpoints,
            Path home, StageLoggers loggers) {
        Objects.requireNonNull(pipelines, "pipelines");
        this.running = new AtomicInteger(pipelines.size());
        for (PipelineConfig pipeline : pipelines) {
            runs.add(new PipelineRun(pipeline, catalog, checkpoints, home, loggers, this::runTerminated));
        }
        if (pipelines.isEmpty()) {
            finished.countDown();
        }
    }

    private void runTerminated() {
        if (running.decrementAndGet() == 0) {
            finished.countDown();
        }
    }

    /** Creates every pipeline's stages and starts their threads; a pipeline that cannot start is FAILED. */
    public void start() {
        runs.forEach(PipelineRun::start);
    }

    /**
     * Graceful stop: sources stop, in-flight records drain to the sinks, sinks flush and checkpoints are
     * committed. Returns at once; {@link #awaitCompletion()} waits for it.
     */
    public void requestStop() {
        stopRequested = true;
        runs.forEach(PipelineRun::requestStop);
    }

    /**
     * Forced stop: every pipeline is aborted at once without committing anything more, and
     * {@link #awaitCompletion()} returns.
     *
     * @param reason why, such as {@code a second signal (SIGINT)}; goes into the report
     */
    public void forceStop(String reason) {
        forcedReason = Objects.requireNonNull(reason, "reason");
        runs.forEach(PipelineRun::abort);
        finished.countDown();
    }

    /** Waits until every pipeline ended or the stop was forced, then returns the outcome. */
    public RunSummary awaitCompletion() throws InterruptedException {
        finished.await();
        if (forcedReason != null) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORCED_JOIN_MILLIS);
            for (PipelineRun run : runs) {
                run.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        return summary();
    }

    /** Waits up to the timeout for every pipeline thread to end; true if none is left. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (PipelineRun run : runs) {
            if (!run.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** The counters and states now; safe to call while running (for progress output). */
    public RunSummary summary() {
        List<RunSummary.PipelineSummary> pipelines = new ArrayList<>();
        for (PipelineRun run : runs) {
            pipelines.add(RunSummary.PipelineSummary.of(run, forcedReason != null));
        }
        return new RunSummary(pipelines, forcedReason, stopRequested);
    }

    List<PipelineRun> runs() {
        return List.copyOf(runs);
    }
}
