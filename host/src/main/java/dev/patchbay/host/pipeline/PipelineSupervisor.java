package dev.patchbay.host.pipeline;

import dev.patchbay.api.Position;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.RestartPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /** Makes a new attempt that reports its end to the given callback. */
    @FunctionalInterface
    interface Attempts {
        PipelineRun attempt(Runnable onTerminated);
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
        this.attempt = attempts.attempt(this::attemptEnded);
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
            if (restartRequested && !fatal && !stopping) {
                restartRequested = false;
                restarts++;
                nextRestartNanos = System.nanoTime();
                LOG.info("pipeline '{}': restarting on request, resuming from its checkpoint", config.name());
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
                waited.end();
                return;
            }
            keepTotals(attempt);
            attempt = attempts.attempt(this::attemptEnded);
            next = attempt;
            number = restarts + 1;
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
            if (finished || stopping) {
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
            if (pendingRestart != null && pendingRestart.cancel(false)) {
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

    // ---------------------------------------------------------------- reporting

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
