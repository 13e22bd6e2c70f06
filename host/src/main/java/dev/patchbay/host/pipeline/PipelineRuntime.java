package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.plugin.ExtensionCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs validated pipelines, each under its own {@link PipelineSupervisor} (attempts and restarts), all
 * watched by one {@link Watchdog}, and stops them gracefully or by force.
 *
 * <p>A failing pipeline stops (or restarts) alone; the others carry on. A fatal JVM error in any pipeline
 * asks every pipeline to stop gracefully through {@code onFatal}. {@link #awaitCompletion()} returns when
 * every pipeline has finished or when the stop was forced.
 *
 * <p>In {@link Mode#RUN} the runtime is done once every pipeline has finished. In {@link Mode#SERVE} it lives
 * until {@link #close()}: an ended pipeline can be started again ({@link #start(String)}).
 *
 * <p>Host threads: {@code patchbay-watchdog} and {@code patchbay-restarts}, started by {@link #start()} and
 * stopped when every pipeline has finished (in {@link Mode#RUN}) or by {@link #close()}; the stage threads of
 * each attempt.
 *
 * <p>Thread-safety: every method may be called from any thread (signal handlers, the grace-period timer, the
 * admin API). The supervisors map, which {@link #start(String)} changes, is guarded by {@code this}, which is
 * also the monitor {@link #awaitCompletion()} waits on; the supervisors guard their own state.
 */
public final class PipelineRuntime implements AutoCloseable {

    /** How long the runtime lives. */
    public enum Mode {
        /** Until every pipeline has finished: {@code patchbay run}. */
        RUN,
        /** Until closed; ended pipelines stay visible and can be started again: {@code patchbay serve}. */
        SERVE
    }

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);
    private static final long FORCED_JOIN_MILLIS = 2000;
    private static final long MAX_TICK_MILLIS = 50;

    private final Mode mode;
    /** Each pipeline's supervisor, by name, in configuration order; guarded by {@code this}. */
    private final Map<String, PipelineSupervisor> supervisors = new LinkedHashMap<>();
    /** Each pipeline's configuration and pause gate, by name; filled in the constructor, then only read. */
    private final Map<String, PipelineConfig> configs = new LinkedHashMap<>();
    private final Map<String, PauseGate> gates = new LinkedHashMap<>();
    private final ExtensionCatalog catalog;
    private final StageResolver resolver;
    private final CheckpointStore checkpoints;
    private final Path home;
    private final StageLoggers loggers;
    private final Clock clock;
    private final RunTracer tracer;
    private final CallObserver observer;
    private final MemoryReserve reserve;
    private final Watchdog watchdog;
    private final ScheduledExecutorService restarts;
    private volatile Consumer<String> onFatal = reason -> requestStop();
    private volatile String forcedReason;
    private volatile boolean stopRequested;
    private boolean started;

    /**
     * Prepares the pipelines for {@link Mode#RUN}; nothing runs until {@link #start()}.
     *
     * @param pipelines the pipelines to run, already validated by {@link PipelineValidator}
     * @param catalog the started extensions
     * @param checkpoints where source positions are committed and resumed from
     * @param home the directory relative paths in settings resolve against
     * @param loggers makes each stage's logger
     */
    public PipelineRuntime(List<PipelineConfig> pipelines, ExtensionCatalog catalog, CheckpointStore checkpoints,
            Path home, StageLoggers loggers) {
        this(Mode.RUN, pipelines, catalog, checkpoints, home, loggers, Clock.systemUTC(), RunTracer.NOOP);
    }

    /**
     * As {@link #PipelineRuntime(List, ExtensionCatalog, CheckpointStore, Path, StageLoggers)}, reporting every
     * attempt, restart and sink batch to {@code tracer}.
     */
    public PipelineRuntime(List<PipelineConfig> pipelines, ExtensionCatalog catalog, CheckpointStore checkpoints,
            Path home, StageLoggers loggers, RunTracer tracer) {
        this(Mode.RUN, pipelines, catalog, checkpoints, home, loggers, Clock.systemUTC(), tracer);
    }

    /**
     * Prepares the pipelines; nothing runs until {@link #start()}.
     *
     * @param mode how long the runtime lives
     * @param clock the clock of checkpoint ages and error windows
     * @param tracer told of every attempt, restart and sink batch
     */
    public PipelineRuntime(Mode mode, List<PipelineConfig> pipelines, ExtensionCatalog catalog,
            CheckpointStore checkpoints, Path home, StageLoggers loggers, Clock clock, RunTracer tracer) {
        this(mode, pipelines, catalog, checkpoints, home, loggers, clock, tracer, CallObserver.NOOP);
    }

    /**
     * Prepares the pipelines; nothing runs until {@link #start()}.
     *
     * @param observer told how long each poll, processor chunk, sink write and flush took (the metrics'
     *        call-latency histogram); {@link CallObserver#NOOP} for none
     */
    public PipelineRuntime(Mode mode, List<PipelineConfig> pipelines, ExtensionCatalog catalog,
            CheckpointStore checkpoints, Path home, StageLoggers loggers, Clock clock, RunTracer tracer,
            CallObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.mode = Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pipelines, "pipelines");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.resolver = new StageResolver(catalog);
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.home = Objects.requireNonNull(home, "home");
        this.loggers = Objects.requireNonNull(loggers, "loggers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.watchdog = new Watchdog(tickMillis(pipelines), TimeUnit.MILLISECONDS);
        this.restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "patchbay-restarts");
            thread.setDaemon(true);
            return thread;
        });
        this.reserve = MemoryReserve.forHeap(Runtime.getRuntime().maxMemory());
        for (PipelineConfig pipeline : pipelines) {
            configs.put(pipeline.name(), pipeline);
            gates.put(pipeline.name(), new PauseGate());
            supervisors.put(pipeline.name(), supervisor(pipeline));
        }
    }

    private PipelineSupervisor supervisor(PipelineConfig pipeline) {
        PauseGate gate = gates.get(pipeline.name());
        return new PipelineSupervisor(pipeline,
                (onTerminated, refused) -> new PipelineRun(pipeline, resolver, refused, checkpoints, home, loggers,
                        watchdog, reserve, clock, gate, observer, catalog.classOrigins(), onTerminated),
                restarts, () -> ThreadLocalRandom.current().nextDouble(), this::pipelineFinished,
                () -> onFatal.accept("pipeline '" + pipeline.name() + "' hit a fatal JVM error"), tracer);
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

    private synchronized void pipelineFinished() {
        notifyAll();
        if (mode == Mode.RUN && allFinished()) {
            // Nothing is left to watch or restart; close() would only wait for these two to end.
            restarts.shutdownNow();
            watchdog.stop();
        }
    }

    private boolean allFinished() {
        return supervisors.values().stream().allMatch(PipelineSupervisor::finished);
    }

    /** Starts the watchdog, then creates every pipeline's stages and starts their threads. */
    public void start() {
        List<PipelineSupervisor> all;
        synchronized (this) {
            started = true;
            all = List.copyOf(supervisors.values());
        }
        watchdog.start();
        all.forEach(PipelineSupervisor::start);
    }

    /**
     * Starts an ended pipeline again ({@link Mode#SERVE} only): a new run, with new stages resuming from its
     * checkpoint, whose figures and restart count start from zero. A pause stays in force.
     *
     * @throws NoSuchPipelineException if no pipeline has that name
     * @throws PipelineStateException if it is still running, the runtime is stopping, or it is a
     *         {@link Mode#RUN} runtime
     */
    public void start(String name) {
        gate(name);
        PipelineSupervisor fresh;
        synchronized (this) {
            if (mode != Mode.SERVE) {
                throw new PipelineStateException("pipeline '" + name + "' cannot be started again by patchbay run; "
                        + "run it again, or use patchbay serve");
            }
            if (stopRequested || forcedReason != null || !started) {
                throw new PipelineStateException("pipeline '" + name + "' cannot be started: the host is "
                        + (started ? "stopping" : "not started yet"));
            }
            if (!supervisors.get(name).finished()) {
                throw new PipelineStateException("pipeline '" + name + "' is "
                        + supervisors.get(name).attempt().state() + ", not ended; stop it first or restart it");
            }
            try {
                fresh = supervisor(configs.get(name));
            } catch (PluginUnavailableException e) {
                throw new PipelineStateException(e.getMessage() + "; install or enable it, then start the pipeline");
            }
            supervisors.put(name, fresh);
        }
        logFor(name, "pipeline '{}': starting again on request, resuming from its checkpoint", name);
        fresh.start();
    }

    /**
     * Graceful stop: sources stop, in-flight records drain to the sinks, sinks flush and checkpoints are
     * committed; pending restarts are cancelled. Returns at once; {@link #awaitCompletion()} waits for it.
     */
    public void requestStop() {
        stopRequested = true;
        all().forEach(PipelineSupervisor::requestStop);
    }

    private synchronized List<PipelineSupervisor> all() {
        return List.copyOf(supervisors.values());
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
        logFor(name, "pipeline '{}': paused; the records already read drain to the sink and are committed", name);
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
        logFor(name, "pipeline '{}': resumed", name);
    }

    /**
     * Stops one pipeline gracefully, as a signal stops them all: its source stops, what it read drains and is
     * committed, and a pending restart is cancelled. The others run on.
     *
     * @throws NoSuchPipelineException if no pipeline has that name
     * @throws PipelineStateException if it has ended
     */
    public void stop(String name) {
        stop(name, null);
    }

    /**
     * As {@link #stop(String)}, saying why in the pipeline's figures ({@code stopReason}) and log line.
     *
     * @param reason such as {@code plugin 'files' was disabled}, or null
     */
    public void stop(String name, String reason) {
        gate(name);
        requireRunning(name, "stop");
        supervisor(name).requestStop(reason);
        logFor(name, "pipeline '{}': stopping on request{}", name, reason == null ? "" : ": " + reason);
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

    /**
     * Brings every running pipeline onto the plugin versions started now ({@link Mode#SERVE}, after the plugins
     * changed): a pipeline whose stages would now use other versions (a newer one, a new load) is drained and
     * swapped; one whose stage has no started version left is drained and waits (WAITING_FOR_PLUGIN); a waiting one
     * whose versions are back resumes from its checkpoint. Returns at once.
     *
     * @return one line per pipeline it acted on, saying what it did
     */
    public List<String> pluginsChanged() {
        List<PipelineSupervisor> all;
        synchronized (this) {
            if (!started || stopRequested || forcedReason != null) {
                return List.of();
            }
            all = List.copyOf(supervisors.values());
        }
        List<String> actions = new ArrayList<>();
        for (PipelineSupervisor supervisor : all) {
            if (supervisor.finished()) {
                continue;
            }
            String name = supervisor.name();
            PipelineConfig config = configs.get(name);
            java.util.Set<dev.patchbay.host.plugin.PluginHandle> refused = supervisor.refused();
            Optional<List<dev.patchbay.host.plugin.PluginHandle>> wanted = resolver.handles(config, refused);
            if (wanted.isEmpty()) {
                String missing = resolver.missing(config, refused).orElse("a plugin version");
                boolean already = supervisor.waitingFor().isPresent();
                if (supervisor.waitForPlugin(missing) && !already) {
                    actions.add("pipeline '" + name + "': draining, then waiting: " + missing);
                }
            } else if (supervisor.waitingFor().isPresent()) {
                if (supervisor.resumeWaiting()) {
                    actions.add("pipeline '" + name + "': resuming on " + wanted.get());
                }
            } else if (!wanted.get().equals(supervisor.attempt().handles()) && supervisor.swap()) {
                actions.add("pipeline '" + name + "': draining, then swapping " + supervisor.attempt().handles()
                        + " -> " + wanted.get());
            }
        }
        actions.forEach(line -> LOG.info("{}", line));
        return actions;
    }

    /**
     * Logs a command's line with the MDC key {@code pipeline} set, as the pipeline's own threads have it: commands
     * arrive on other threads (the admin API's), and an operator greps a pipeline's lines by that key.
     */
    private static void logFor(String pipeline, String format, Object... arguments) {
        String previous = MDC.get(AttemptThreads.MDC_PIPELINE);
        MDC.put(AttemptThreads.MDC_PIPELINE, pipeline);
        try {
            LOG.info(format, arguments);
        } finally {
            if (previous == null) {
                MDC.remove(AttemptThreads.MDC_PIPELINE);
            } else {
                MDC.put(AttemptThreads.MDC_PIPELINE, previous);
            }
        }
    }

    private synchronized PipelineSupervisor supervisor(String name) {
        return supervisors.get(name);
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
        all().forEach(PipelineSupervisor::abort);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits until every pipeline finished or the stop was forced, then returns the outcome. */
    public RunSummary awaitCompletion() throws InterruptedException {
        synchronized (this) {
            while (forcedReason == null && !allFinished()) {
                wait();
            }
        }
        if (forcedReason != null) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORCED_JOIN_MILLIS);
            for (PipelineSupervisor supervisor : all()) {
                supervisor.attempt().awaitTermination(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            }
        }
        return summary();
    }

    /** Waits up to the timeout for every pipeline thread to end; true if none is left. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (PipelineSupervisor supervisor : all()) {
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
        return all().stream().anyMatch(s -> s.attempt().abandonedAlive());
    }

    /** The counters and states now; safe to call while running (for progress output). */
    public RunSummary summary() {
        List<RunSummary.PipelineSummary> pipelines = new ArrayList<>();
        Instant now = clock.instant();
        for (PipelineSupervisor supervisor : all()) {
            Long age = checkpoints.committedAt(supervisor.name())
                    .map(at -> Math.max(0, Duration.between(at, now).toMillis())).orElse(null);
            pipelines.add(RunSummary.PipelineSummary.of(supervisor, forcedReason != null, age));
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
        return all().stream().map(PipelineSupervisor::attempt).toList();
    }
}
