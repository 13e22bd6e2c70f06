package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.ExtensionCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs validated pipelines, each under its own {@link PipelineSupervisor} (attempts and restarts), all
 * watched by one {@link Watchdog}, and stops them gracefully or by force.
 *
 * <p>A failing pipeline stops (or restarts) alone; the others carry on. A fatal JVM error in any pipeline
 * asks every pipeline to stop gracefully through {@code onFatal}. {@link #awaitCompletion()} returns when
 * every pipeline has finished or when the stop was forced.
 *
 * <p>Host threads: {@code patchbay-watchdog} and {@code patchbay-restarts}, started by {@link #start()} and
 * stopped when every pipeline has finished or by {@link #close()}; the stage threads of each attempt.
 *
 * <p>Thread-safety: {@link #requestStop()} and {@link #forceStop(String)} may be called from any thread
 * (signal handlers, the grace-period timer); the supervisors guard their own state.
 */
public final class PipelineRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);
    private static final long FORCED_JOIN_MILLIS = 2000;
    private static final long MAX_TICK_MILLIS = 50;

    private final List<PipelineSupervisor> supervisors = new ArrayList<>();
    /** Each pipeline's pause gate, by name; filled in the constructor, then only read. */
    private final Map<String, PauseGate> gates = new LinkedHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger running;
    private final Watchdog watchdog;
    private final ScheduledExecutorService restarts;
    private volatile Consumer<String> onFatal = reason -> requestStop();
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
        this(pipelines, catalog, checkpoints, home, loggers, RunTracer.NOOP);
    }

    /**
     * As {@link #PipelineRuntime(List, ExtensionCatalog, CheckpointStore, Path, StageLoggers)}, reporting every
     * attempt, restart and sink batch to {@code tracer}.
     */
    public PipelineRuntime(List<PipelineConfig> pipelines, ExtensionCatalog catalog, CheckpointStore checkpoints,
            Path home, StageLoggers loggers, RunTracer tracer) {
        Objects.requireNonNull(pipelines, "pipelines");
        Objects.requireNonNull(tracer, "tracer");
        this.running = new AtomicInteger(pipelines.size());
        this.watchdog = new Watchdog(tickMillis(pipelines), TimeUnit.MILLISECONDS);
        this.restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "patchbay-restarts");
            thread.setDaemon(true);
            return thread;
        });
        Clock clock = Clock.systemUTC();
        MemoryReserve reserve = MemoryReserve.forHeap(Runtime.getRuntime().maxMemory());
        for (PipelineConfig pipeline : pipelines) {
            PauseGate gate = new PauseGate();
            gates.put(pipeline.name(), gate);
            supervisors.add(new PipelineSupervisor(pipeline,
                    onTerminated -> new PipelineRun(pipeline, catalog, checkpoints, home, loggers, watchdog, reserve, clock,
                            gate, onTerminated),
                    restarts, () -> ThreadLocalRandom.current().nextDouble(), this::pipelineFinished,
                    () -> onFatal.accept("pipeline '" + pipeline.name() + "' hit a fatal JVM error"), tracer));
        }
        if (pipelines.isEmpty()) {
            finished.countDown();
        }
    }

    /** A tenth of the smallest deadline, at most 50 ms and at least 1 ms: the resolution of every deadline. */
    private static long tickMillis(List<PipelineConfig> pipelines) {
        long smallest = pipelines.stream().map(PipelineConfig::timeouts)
                .mapToLong(t -> Math.min(t.callMillis(), Math.min(t.createMillis(), t.closeMillis())))
                .min().orElse(Timeouts.DEFAULT.callMillis());
        return Math.max(1, Math.min(MAX_TICK_MILLIS, smallest / 10));
    }

    /**
     * What to do when a pipeline hits a fatal JVM error; the default stops every pipeline gracefully. The run
     * command also starts its grace period, so that the host never hangs on a JVM in an unknown state.
     */
    public void onFatal(Consumer<String> action) {
        this.onFatal = Objects.requireNonNull(action, "action");
    }

    private void pipelineFinished() {
        if (running.decrementAndGet() == 0) {
            finished.countDown();
            // Nothing is left to watch or restart; close() would only wait for these two to end.
            restarts.shutdownNow();
            watchdog.stop();
        }
    }

    /** Starts the watchdog, then creates every pipeline's stages and starts their threads. */
    public void start() {
        watchdog.start();
        supervisors.forEach(PipelineSupervisor::start);
    }

    /**
     * Graceful stop: sources stop, in-flight records drain to the sinks, sinks flush and checkpoints are
     * committed; pending restarts are cancelled. Returns at once; {@link #awaitCompletion()} waits for it.
     */
    public void requestStop() {
        stopRequested = true;
        supervisors.forEach(PipelineSupervisor::requestStop);
    }

    /**
     * Pauses a pipeline's source between polls: nothing more is read, the records already read drain to the sink
     * and their checkpoint is committed. The pause outlives a restart of the pipeline.
     *
     * @throws NoSuchPipelineException if no pipeline has that name
     * @throws PipelineStateException if it is already paused, or has ended
     */
    public void pause(String name) {
        PauseGate gate = gate(name);
        requireRunning(name, "pause");
        if (!gate.pause()) {
            throw new PipelineStateException("pipeline '" + name + "' is already paused; resume it to read on");
        }
        LOG.info("pipeline '{}': paused; the records already read drain to the sink and are committed", name);
    }

    /**
     * Resumes a paused pipeline's source.
     *
     * @throws NoSuchPipelineException if no pipeline has that name
     * @throws PipelineStateException if it is not paused, or has ended
     */
    public void resume(String name) {
        PauseGate gate = gate(name);
        requireRunning(name, "resume");
        if (!gate.resume()) {
            throw new PipelineStateException("pipeline '" + name + "' is not paused, so it cannot be resumed");
        }
        LOG.info("pipeline '{}': resumed", name);
    }

    /**
     * Stops one pipeline gracefully, as a signal stops them all: its source stops, what it read drains and is
     * committed, and a pending restart is cancelled. The others run on.
     *
     * @throws NoSuchPipelineException if no pipeline has that name
     * @throws PipelineStateException if it has ended
     */
    public void stop(String name) {
        gate(name);
        requireRunning(name, "stop");
        supervisor(name).requestStop();
        LOG.info("pipeline '{}': stopping on request", name);
    }

    /**
     * Restarts one pipeline: the current attempt stops gracefully and a new one resumes from its checkpoint at
     * once; a pipeline waiting for a restart after a failure is restarted now. A pause stays in force.
     *
     * @throws NoSuchPipelineException if no pipeline has that name
     * @throws PipelineStateException if it has ended or is stopping
     */
    public void restart(String name) {
        gate(name);
        requireRunning(name, "restart");
        if (!supervisor(name).restartNow()) {
            throw new PipelineStateException("pipeline '" + name + "' is stopping, so it cannot be restarted");
        }
    }

    private PipelineSupervisor supervisor(String name) {
        return supervisors.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private PauseGate gate(String name) {
        PauseGate gate = gates.get(Objects.requireNonNull(name, "name"));
        if (gate == null) {
            throw new NoSuchPipelineException(name, List.copyOf(gates.keySet()));
        }
        return gate;
    }

    private void requireRunning(String name, String command) {
        PipelineSupervisor supervisor = supervisor(name);
        if (supervisor.finished()) {
            throw new PipelineStateException("pipeline '" + name + "' has ended ("
                    + supervisor.attempt().outcome().map(Enum::name).orElse("ENDED") + "), so it cannot " + command);
        }
    }

    /**
     * Forced stop: every pipeline is aborted at once without committing anything more, and
     * {@link #awaitCompletion()} returns.
     *
     * @param reason why, such as {@code a second signal (SIGINT)}; goes into the report
     */
    public void forceStop(String reason) {
        forcedReason = Objects.requireNonNull(reason, "reason");
        supervisors.forEach(PipelineSupervisor::abort);
        finished.countDown();
    }

    /** Waits until every pipeline finished or the stop was forced, then returns the outcome. */
    public RunSummary awaitCompletion() throws InterruptedException {
        finished.await();
        if (forcedReason != null) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORCED_JOIN_MILLIS);
            for (PipelineSupervisor supervisor : supervisors) {
                supervisor.attempt().awaitTermination(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            }
        }
        return summary();
    }

    /** Waits up to the timeout for every pipeline thread to end; true if none is left. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (PipelineSupervisor supervisor : supervisors) {
            if (!supervisor.attempt().awaitTermination(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a stage thread abandoned by the watchdog is still inside plugin code: the plugins' class loaders
     * must then stay open, and the home stays locked until the process exits.
     */
    public boolean abandonedThreadsAlive() {
        return supervisors.stream().anyMatch(s -> s.attempt().abandonedAlive());
    }

    /** The counters and states now; safe to call while running (for progress output). */
    public RunSummary summary() {
        List<RunSummary.PipelineSummary> pipelines = new ArrayList<>();
        for (PipelineSupervisor supervisor : supervisors) {
            pipelines.add(RunSummary.PipelineSummary.of(supervisor, forcedReason != null));
        }
        return new RunSummary(pipelines, forcedReason, stopRequested);
    }

    /**
     * Stops the watchdog and the restart scheduler; the stage threads end on their own or were abandoned. An
     * interrupt while waiting is kept on the calling thread.
     */
    @Override
    public void close() {
        restarts.shutdownNow();
        watchdog.close();
        try {
            if (!restarts.awaitTermination(FORCED_JOIN_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the thread patchbay-restarts did not stop within "
                        + FORCED_JOIN_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<PipelineRun> runs() {
        return supervisors.stream().map(PipelineSupervisor::attempt).toList();
    }
}
