package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.RestartPolicy;
import dev.patchbay.host.plugin.PluginHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline as a sequence of attempts under its {@link RestartPolicy}: when an attempt fails and the
 * policy is {@code on-failure}, a new attempt, with new stage instances resuming from the committed
 * checkpoint, starts after an exponential, jittered back-off, up to {@code maxRestarts} times. A fatal
 * failure, a stop and a forced stop are never restarted.
 *
 * <p>Each attempt and each restart's back-off is reported to the {@link RunTracer}: an attempt's span begins
 * just before it starts and ends when it has ended; a back-off's span begins when the restart is scheduled and ends
 * when the next attempt starts or the restart is cancelled.
 *
 * <p>Guarding: the current attempt, the restart count, the pending restart (and its span) and the totals of ended
 * attempts are guarded by {@code this}; attempts end on their own threads and restarts run on the runtime's
 * scheduler.
 */
final class PipelineSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSupervisor.class);

    /** Makes a new attempt that reports its end to the given callback and uses none of the refused versions. */
    @FunctionalInterface
    interface Attempts {
        /** @throws PluginUnavailableException if a stage has no started version to use */
        PipelineRun attempt(Runnable onTerminated, Set<PluginHandle> refused);
    }

    private final PipelineConfig config;
    private final Attempts attempts;
    private final ScheduledExecutorService scheduler;
    private final DoubleSupplier random;
    private final Runnable onFinished;
    private final Runnable onFatal;
    private final RunTracer tracer;
    private final List<StageTotals> totals = new ArrayList<>();

    private PipelineRun attempt;
    private int restarts;
    private ScheduledFuture<?> pendingRestart;
    private RunTracer.Span backoff = RunTracer.Span.NOOP;
    private long nextRestartNanos;
    private String lastFailure;
    private boolean stopping;
    private boolean finished;
    /** An operator asked for a restart: the attempt stopping now is followed by a new one at once. */
    private boolean restartRequested;
    private long rejectedBefore;
    private long throttledBefore;
    private final List<String> abandonedBefore = new ArrayList<>();
    private String stopReason;
    /** Plugin versions whose stages failed to be created after a swap: later attempts skip them. */
    private final Set<PluginHandle> refused = new HashSet<>();
    /** A swap was asked for: the attempt stopping now is followed by one on the versions started now. */
    private boolean swapRequested;
    /** The versions the attempt before a swap used, from its end until the swap's attempt is made; else null. */
    private List<PluginHandle> swapFrom;
    /*
     * While the current attempt is a swap's: the versions it uses that the one before did not, and the one before's
     * versions as text. Not the old handles themselves: each holds its version's class loader, which would then stay
     * until this attempt ends, and a continuous pipeline's attempt may never end.
     */
    private List<PluginHandle> swapFresh;
    private String swapBefore;
    /** A drain for a missing plugin was asked for; the reason becomes waitingFor once the attempt ended. */
    private String waitRequested;
    /** Non-null while the pipeline waits for a plugin version (WAITING_FOR_PLUGIN): what it needs. */
    private String waitingFor;
    private String lastSwap;

    PipelineSupervisor(PipelineConfig config, Attempts attempts, ScheduledExecutorService scheduler,
            DoubleSupplier random, Runnable onFinished, Runnable onFatal) {
        this(config, attempts, scheduler, random, onFinished, onFatal, RunTracer.NOOP);
    }

    PipelineSupervisor(PipelineConfig config, Attempts attempts, ScheduledExecutorService scheduler,
            DoubleSupplier random, Runnable onFinished, Runnable onFatal, RunTracer tracer) {
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.config = Objects.requireNonNull(config, "config");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
        this.onFinished = Objects.requireNonNull(onFinished, "onFinished");
        this.onFatal = Objects.requireNonNull(onFatal, "onFatal");
        this.attempt = attempts.attempt(this::attemptEnded, Set.of());
    }

    String name() {
        return config.name();
    }

    void start() {
        current().start(tracer.attemptStarted(config.name(), 1));
    }

    private synchronized PipelineRun current() {
        return attempt;
    }

    private void attemptEnded() {
        // The attempt that ended is the current one: the next is only made by restart(), scheduled below.
        PipelineRun ended = current();
        Optional<String> failure = ended.failure().map(PipelineSupervisor::message);
        ended.trace().end(ended.outcome().map(Enum::name).orElse(RunState.ENDED.name()),
                ended.resumedFrom().map(Position::value), failure);
        boolean fatal = false;
        boolean done;
        synchronized (this) {
            ended.failure().ifPresent(f -> lastFailure = f.getMessage());
            fatal = ended.fatal();
            boolean failed = ended.outcome().orElse(null) == RunState.Outcome.FAILED;
            RestartPolicy policy = config.restart();
            List<PluginHandle> fresh = swapFresh;
            String before = swapBefore;
            swapFresh = null;
            swapBefore = null;
            if (fresh != null && failed && !fatal && !stopping && !ended.allStagesCreated()) {
                // Nothing moved: stages start moving records only once every stage is created (RunControl).
                refused.addAll(fresh);
                restartRequested = false;
                swapRequested = false;
                restarts++;
                nextRestartNanos = System.nanoTime();
                lastSwap = "went back from " + fresh + " to the versions before, which " + lastFailure;
                LOG.warn("pipeline '{}': {} failed to create its stages; going back to {}: {}", config.name(), fresh,
                        before, lastFailure);
                backoff = ended.trace().restart(restarts, 0, "the new plugin versions failed to create the stages");
                pendingRestart = scheduler.schedule(this::restart, 0, TimeUnit.MILLISECONDS);
                done = false;
            } else if (waitRequested != null && !fatal && !stopping) {
                waitingFor = waitRequested;
                waitRequested = null;
                restartRequested = false;
                swapRequested = false;
                LOG.info("pipeline '{}': drained at position {}; waiting for a plugin: {}", config.name(),
                        ended.committedPosition().map(Position::value).orElse("(none)"), waitingFor);
                done = false;
            } else if (restartRequested && !fatal && !stopping) {
                restartRequested = false;
                restarts++;
                nextRestartNanos = System.nanoTime();
                if (swapRequested) {
                    swapRequested = false;
                    swapFrom = ended.handles();
                } else {
                    LOG.info("pipeline '{}': restarting on request, resuming from its checkpoint", config.name());
                }
                backoff = ended.trace().restart(restarts, 0, "restart requested by an operator");
                pendingRestart = scheduler.schedule(this::restart, 0, TimeUnit.MILLISECONDS);
                done = false;
            } else if (failed && !fatal && !stopping && policy.policy() == RestartPolicy.Policy.ON_FAILURE
                    && restarts < policy.maxRestarts()) {
                restarts++;
                long delay = policy.jitteredBackoffMillis(restarts, random.getAsDouble());
                nextRestartNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
                LOG.warn("pipeline '{}': restart {} of {} in {} ms, resuming from its checkpoint, after: {}",
                        config.name(), restarts, policy.maxRestarts(), delay, lastFailure);
                backoff = ended.trace().restart(restarts, delay, failure.orElse("failed"));
                pendingRestart = scheduler.schedule(this::restart, delay, TimeUnit.MILLISECONDS);
                done = false;
            } else {
                if (failed && !fatal && policy.policy() == RestartPolicy.Policy.ON_FAILURE && !stopping) {
                    LOG.error("pipeline '{}': not restarted again: restart.maxRestarts {} reached", config.name(),
                            policy.maxRestarts());
                }
                finished = true;
                done = true;
                ended.outcome().filter(o -> o != RunState.Outcome.FAILED).ifPresent(o -> LOG.info(
                        "pipeline '{}': {}{}", config.name(), o.name().toLowerCase(java.util.Locale.ROOT),
                        stopReason == null ? "" : " (" + stopReason + ")"));
            }
        }
        if (fatal) {
            onFatal.run();
        }
        if (done) {
            onFinished.run();
        }
    }

    private void restart() {
        PipelineRun next;
        RunTracer.Span waited;
        int number;
        synchronized (this) {
            pendingRestart = null;
            waited = backoff;
            backoff = RunTracer.Span.NOOP;
            if (stopping || finished) {
                swapFrom = null;
                waited.end();
                return;
            }
            keepTotals(attempt);
            PipelineRun previous = attempt;
            try {
                attempt = attempts.attempt(this::attemptEnded, refused());
            } catch (PluginUnavailableException e) {
                swapFrom = null;
                waitingFor = e.getMessage();
                LOG.warn("pipeline '{}': waiting for a plugin: {}", config.name(), waitingFor);
                waited.end();
                return;
            }
            next = attempt;
            number = restarts + 1;
            if (swapFrom != null) {
                List<PluginHandle> from = swapFrom;
                swapFrom = null;
                swapFresh = next.handles().stream().filter(h -> !from.contains(h)).toList();
                swapBefore = from.toString();
                lastSwap = swapBefore + " -> " + next.handles();
                LOG.info("pipeline '{}': swapping plugin versions {} -> {}, resuming from position {}", config.name(),
                        swapBefore, next.handles(), checkpointOf(previous));
            }
        }
        waited.end();
        next.start(tracer.attemptStarted(config.name(), number));
    }

    private static String message(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }

    private void keepTotals(PipelineRun ended) {
        List<StageMetrics> stages = ended.stages();
        for (int i = 0; i < stages.size(); i++) {
            if (totals.size() <= i) {
                totals.add(StageTotals.ZERO);
            }
            totals.set(i, totals.get(i).plus(stages.get(i)));
        }
        rejectedBefore += ended.rejectedRecords();
        throttledBefore += ended.throttledNanos();
        abandonedBefore.addAll(ended.abandoned());
    }

    /** Graceful stop of the current attempt; a pending restart is cancelled and the pipeline finishes. */
    void requestStop() {
        requestStop(null);
    }

    /**
     * Graceful stop for a reason the operator sees in the pipeline's figures, such as
     * {@code plugin 'files' was disabled}; null for none.
     */
    void requestStop(String reason) {
        PipelineRun running = cancelPendingRestart(() -> {
            stopping = true;
            if (reason != null && stopReason == null) {
                stopReason = reason;
            }
        });
        if (running != null) {
            running.requestStop();
        }
    }

    /**
     * An operator's restart: the current attempt stops gracefully (what it read is drained and committed) and a new
     * one starts at once, resuming from the checkpoint; a pending restart runs now. It counts as a restart but
     * not against {@code restart.maxRestarts}, which bounds restarts after failures.
     *
     * @return false if the pipeline has finished or is stopping, so there is nothing to restart
     */
    boolean restartNow() {
        PipelineRun running;
        synchronized (this) {
            if (finished || stopping || waitingFor != null) {
                return false;
            }
            if (pendingRestart != null) {
                if (pendingRestart.cancel(false)) {
                    pendingRestart = scheduler.schedule(this::restart, 0, TimeUnit.MILLISECONDS);
                }
                return true;
            }
            restartRequested = true;
            running = attempt;
        }
        running.requestStop();
        return true;
    }

    /** Forced stop of the current attempt; a pending restart is cancelled. */
    void abort() {
        PipelineRun running = cancelPendingRestart(() -> stopping = true);
        if (running != null) {
            running.abort();
        }
    }

    /** @return the attempt to stop, or null when a pending restart was cancelled (and the pipeline finished) */
    private PipelineRun cancelPendingRestart(Runnable mark) {
        boolean cancelled = false;
        PipelineRun running;
        synchronized (this) {
            mark.run();
            if (waitingFor != null && pendingRestart == null) {
                waitingFor = null;
                finished = true;
                cancelled = true;
            } else if (pendingRestart != null && pendingRestart.cancel(false)) {
                pendingRestart = null;
                finished = true;
                cancelled = true;
                backoff.end();
                backoff = RunTracer.Span.NOOP;
            }
            running = attempt;
        }
        if (cancelled) {
            onFinished.run();
            return null;
        }
        return running;
    }

    /**
     * Drains the current attempt and starts one on the plugin versions started now, resuming from the checkpoint:
     * what was read is written and committed first, so nothing is lost or repeated. If the new versions fail to
     * create the stages, the pipeline goes back to the versions before and refuses the new ones.
     *
     * @return false if the pipeline has finished, is stopping or waits for a plugin
     */
    boolean swap() {
        PipelineRun running;
        synchronized (this) {
            if (finished || stopping || waitingFor != null || waitRequested != null) {
                return false;
            }
            if (pendingRestart != null) {
                // The restart about to run builds its attempt from the versions started by then.
                return true;
            }
            swapRequested = true;
            restartRequested = true;
            running = attempt;
        }
        running.requestStop();
        return true;
    }

    /**
     * Drains the current attempt and waits (WAITING_FOR_PLUGIN) instead of starting another: a stage's plugin has
     * no started version any more.
     *
     * @param what what the pipeline needs, as the operator reads it
     * @return false if the pipeline has finished or is stopping
     */
    boolean waitForPlugin(String what) {
        PipelineRun running;
        synchronized (this) {
            if (finished || stopping) {
                return false;
            }
            if (waitingFor != null) {
                waitingFor = what;
                return true;
            }
            if (pendingRestart != null && pendingRestart.cancel(false)) {
                pendingRestart = null;
                backoff.end();
                backoff = RunTracer.Span.NOOP;
                waitingFor = what;
                return true;
            }
            waitRequested = what;
            running = attempt;
        }
        running.requestStop();
        return true;
    }

    /** Ends a wait for a plugin: a new attempt starts at once, resuming from the checkpoint. */
    boolean resumeWaiting() {
        synchronized (this) {
            if (waitingFor == null || finished || stopping) {
                return false;
            }
            waitingFor = null;
            nextRestartNanos = System.nanoTime();
            pendingRestart = scheduler.schedule(this::restart, 0, TimeUnit.MILLISECONDS);
        }
        LOG.info("pipeline '{}': its plugin is back; resuming from its checkpoint", config.name());
        return true;
    }

    /** The position an ended attempt committed last, which the next one resumes from. */
    private static String checkpointOf(PipelineRun ended) {
        return ended.committedPosition().or(ended::resumedFrom).map(Position::value).orElse("(start)");
    }

    // ---------------------------------------------------------------- reporting

    /**
     * The versions whose stages failed to be created, less those retired since: a retired version takes no new lease
     * and needs no refusal, and its handle kept here would keep its class loader after its unload.
     */
    synchronized Set<PluginHandle> refused() {
        refused.removeIf(PluginHandle::retired);
        return Set.copyOf(refused);
    }

    /** What the pipeline waits for while WAITING_FOR_PLUGIN. */
    synchronized Optional<String> waitingFor() {
        return Optional.ofNullable(waitingFor);
    }

    /** The last swap of plugin versions, or the last way back from one. */
    synchronized Optional<String> lastSwap() {
        return Optional.ofNullable(lastSwap);
    }

    synchronized PipelineRun attempt() {
        return attempt;
    }

    synchronized int restarts() {
        return restarts;
    }

    /** Milliseconds until the pending restart, if one is pending. */
    synchronized Optional<Long> nextRestartMillis() {
        if (pendingRestart == null) {
            return Optional.empty();
        }
        return Optional.of(Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextRestartNanos - System.nanoTime())));
    }

    synchronized Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The counters of every attempt so far, summed per stage. */
    synchronized List<StageTotals> totals() {
        List<StageMetrics> now = attempt.stages();
        List<StageTotals> sums = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            sums.add((i < totals.size() ? totals.get(i) : StageTotals.ZERO).plus(now.get(i)));
        }
        return sums;
    }

    synchronized long rejectedRecords() {
        return rejectedBefore + attempt.rejectedRecords();
    }

    synchronized long throttledMillis() {
        return TimeUnit.NANOSECONDS.toMillis(throttledBefore + attempt.throttledNanos());
    }

    synchronized List<String> abandoned() {
        List<String> all = new ArrayList<>(abandonedBefore);
        all.addAll(attempt.abandoned());
        return all;
    }

    /** Why an operator's command stopped it, if one did with a reason. */
    synchronized Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    synchronized boolean finished() {
        return finished;
    }
}
