package dev.patchbay.host.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run state of one pipeline attempt and the first failure, shared by its stage threads, the watchdog
 * and the threads that stop it (signals, the grace timer, the restart scheduler).
 *
 * <p>Guarding: transitions are synchronized on this object; {@link #state()} is a volatile read so the
 * stage loops can check it once per chunk without taking the lock. The queues are fixed at construction,
 * so an abort reaches every thread at any moment, including while the stages are still being created.
 */
final class RunControl {

    private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

    private final String pipeline;
    private final List<RecordQueue> queues;
    private final CountDownLatch created;
    private final MemoryReserve reserve;
    private volatile RunState state = RunState.STARTING;
    private volatile Throwable failure;
    private volatile boolean creationFailed;
    private boolean forced;
    private boolean stopRequested;
    private RunState.Outcome outcome;

    /**
     * @param pipeline the pipeline's name, for messages
     * @param queues every queue between its stages
     * @param stageThreads how many stage threads must have created their stages before it runs
     */
    RunControl(String pipeline, List<RecordQueue> queues, int stageThreads) {
        this(pipeline, queues, stageThreads, MemoryReserve.none());
    }

    /** @param reserve heap to give back at the first fatal error, so that the host can still stop */
    RunControl(String pipeline, List<RecordQueue> queues, int stageThreads, MemoryReserve reserve) {
        this.reserve = Objects.requireNonNull(reserve, "reserve");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.queues = List.copyOf(queues);
        this.created = new CountDownLatch(stageThreads);
    }

    /** Called first thing on a fatal error, before anything is allocated for it. */
    void releaseReserve() {
        reserve.release();
    }

    RunState state() {
        return state;
    }

    boolean aborting() {
        RunState now = state;
        return now == RunState.ABORTING || now == RunState.ENDED && outcomeIsAbnormal();
    }

    private synchronized boolean outcomeIsAbnormal() {
        return outcome == RunState.Outcome.FAILED || outcome == RunState.Outcome.ABORTED;
    }

    /** Whether the source must stop polling: a stop, a failure or a forced stop. */
    boolean sourceMustStop() {
        RunState now = state;
        return now != RunState.STARTING && now != RunState.RUNNING;
    }

    /** One stage thread has created its stages; the last one moves STARTING to RUNNING. */
    void stageCreated() {
        created.countDown();
        synchronized (this) {
            if (created.getCount() == 0 && state == RunState.STARTING) {
                state = RunState.RUNNING;
            }
        }
    }

    /** One stage thread failed to create its stages (or never got to): the attempt never moves a record. */
    void stageNotCreated() {
        creationFailed = true;
        stageCreated();
    }

    /** Whether every stage thread has created its stages. */
    boolean allCreated() {
        return created.getCount() == 0 && !creationFailed;
    }

    /**
     * Waits until every stage is created. A stage thread calls it before its first poll, process or write so
     * that no record moves while another stage might still fail to be created.
     *
     * @return true when the pipeline runs (or is stopping gracefully), false when it is aborting
     */
    boolean awaitCreated() throws InterruptedException {
        while (!created.await(100, TimeUnit.MILLISECONDS)) {
            if (aborting()) {
                return false;
            }
        }
        return !aborting();
    }

    /** The source reached its end: what is in flight drains to the sink. */
    synchronized void draining() {
        if (state == RunState.RUNNING) {
            state = RunState.DRAINING;
        }
    }

    /** Graceful stop: the source stops; what is in flight is written and committed. */
    synchronized void stop() {
        stopRequested = true;
        if (state == RunState.STARTING || state == RunState.RUNNING || state == RunState.DRAINING) {
            state = RunState.STOPPING;
        }
    }

    /**
     * Records a failure and aborts. The first failure is the cause; one arriving after a forced stop or an
     * earlier failure is a consequence and is kept as suppressed.
     *
     * @return true if this was the first failure
     */
    boolean fail(Throwable thrown) {
        Objects.requireNonNull(thrown, "thrown");
        synchronized (this) {
            if (state == RunState.ENDED) {
                LOG.warn("pipeline '{}': after it ended: {}", pipeline, thrown.toString());
                return false;
            }
            if (forced && failure == null) {
                LOG.warn("pipeline '{}': after the forced stop: {}", pipeline, thrown.toString());
                return false;
            }
            if (failure != null) {
                if (failure != thrown) {
                    failure.addSuppressed(thrown);
                }
                return false;
            }
            failure = thrown;
            state = RunState.ABORTING;
        }
        queues.forEach(RecordQueue::abort);
        return true;
    }

    /** Forced stop: nothing more is committed and every queue wakes its waiters. */
    void abort() {
        synchronized (this) {
            if (state == RunState.ENDED) {
                return;
            }
            forced = true;
            state = RunState.ABORTING;
        }
        queues.forEach(RecordQueue::abort);
    }

    /** Ends the attempt; decides its outcome from what happened. */
    synchronized RunState.Outcome end() {
        if (outcome == null) {
            outcome = failure != null ? RunState.Outcome.FAILED : forced ? RunState.Outcome.ABORTED
                    : stopRequested ? RunState.Outcome.STOPPED : RunState.Outcome.COMPLETED;
            state = RunState.ENDED;
        }
        return outcome;
    }

    synchronized Optional<RunState.Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    synchronized boolean forced() {
        return forced;
    }

    synchronized boolean stopRequested() {
        return stopRequested;
    }

    String pipeline() {
        return pipeline;
    }
}
