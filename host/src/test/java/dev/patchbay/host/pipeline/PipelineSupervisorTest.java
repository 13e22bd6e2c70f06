package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.RestartPolicy;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.TestStages.Hook;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts and restarts of one pipeline: real attempts on in-memory stages, a scheduler that only records what
 * it was asked to run, so the test decides when a restart happens.
 */
class PipelineSupervisorTest {

    private static final StageLoggers LOGGERS = (plugin, stage) -> System.getLogger("plugin." + plugin);
    // initial 100 ms, doubling, jitter 0.5; with the random value 0.75 every delay is moved up by a quarter.
    private static final RestartPolicy ON_FAILURE = new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 2, 100,
            1000, 2, 0.5);

    @TempDir
    Path home;

    private final NumbersFactory numbers = new NumbersFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();
    private final Watchdog watchdog = new Watchdog(1, TimeUnit.SECONDS);
    private final ScheduledExecutorService scheduler = mock(ScheduledExecutorService.class);
    @SuppressWarnings("unchecked")
    private final ScheduledFuture<Object> pending = mock(ScheduledFuture.class);
    private final List<Runnable> restarts = new CopyOnWriteArrayList<>();
    private final List<Long> delays = new CopyOnWriteArrayList<>();
    private final List<PipelineRun> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger fatal = new AtomicInteger();

    @BeforeEach
    void recordWhatIsScheduled() {
        doAnswer(invocation -> {
            restarts.add(invocation.getArgument(0));
            delays.add(invocation.getArgument(1));
            return pending;
        }).when(scheduler).schedule(any(Runnable.class), anyLong(), any(TimeUnit.class));
        when(pending.cancel(anyBoolean())).thenReturn(true);
    }

    @AfterEach
    void noAttemptOutlivesItsTest() throws InterruptedException {
        for (PipelineRun run : runs) {
            run.abort();
            assertThat(run.awaitTermination(20, TimeUnit.SECONDS)).as("the attempt's threads ended").isTrue();
        }
        watchdog.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private PipelineSupervisor supervisor(RestartPolicy restart) {
        String path = "$.pipelines.orders";
        PipelineConfig config = new PipelineConfig("orders",
                new StageConfig("gen/numbers", Map.of("count", 10L, "perPoll", 10L), path + ".source"), List.of(),
                new StageConfig("mem/memory", Map.of(), path + ".sink"), 10, 10, 64, path).withRestart(restart);
        TestCatalog catalog = new TestCatalog().plugin("gen", numbers).plugin("mem", memory);
        CheckpointStore checkpoints = new CheckpointStore(home.resolve("state"));
        return new PipelineSupervisor(config, (onTerminated, refused) -> {
            PipelineRun run = new PipelineRun(config, catalog, checkpoints, home, LOGGERS, watchdog,
                    MemoryReserve.none(), Clock.systemUTC(), new PauseGate(), CallObserver.NOOP,
                    onTerminated);
            runs.add(run);
            return run;
        }, scheduler, () -> 0.75, finished::incrementAndGet, fatal::incrementAndGet);
    }

    private void failEveryWrite(Throwable thrown) {
        memory.probe.failAt = Hook.WRITE;
        memory.probe.thrower = () -> sneakyThrow(thrown);
    }

    private void awaitRestartsScheduled(int count) throws InterruptedException {
        await(count + " restarts scheduled", () -> delays.size() == count);
    }

    @Test
    void aFailedAttemptIsRestartedWithJitteredBackoffUpToMaxRestartsThenThePipelineFinishes() throws Exception {
        failEveryWrite(new IllegalStateException("disk gone"));
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);
        assertThat(supervisor.name()).isEqualTo("orders");
        assertThat(supervisor.nextRestartMillis()).isEmpty();

        supervisor.start();
        awaitRestartsScheduled(1);
        assertThat(supervisor.restarts()).isEqualTo(1);
        assertThat(supervisor.nextRestartMillis()).get().satisfies(ms -> assertThat(ms).isBetween(0L, 125L));
        assertThat(supervisor.lastFailure()).get().asString().contains("disk gone");
        assertThat(supervisor.finished()).isFalse();

        restarts.get(0).run();
        assertThat(supervisor.nextRestartMillis()).isEmpty();
        assertThat(supervisor.attempt()).isSameAs(runs.get(1));
        awaitRestartsScheduled(2);
        restarts.get(1).run();
        await("the pipeline to finish", supervisor::finished);

        assertThat(delays).containsExactly(125L, 250L);
        assertThat(runs).hasSize(3);
        assertThat(supervisor.restarts()).isEqualTo(2);
        assertThat(finished).hasValue(1);
        assertThat(fatal).hasValue(0);
        assertThat(numbers.resumedFrom).hasSize(3);
    }

    @Test
    void theTotalsSumTheCountersOfEveryAttempt() throws Exception {
        failEveryWrite(new IllegalStateException("disk gone"));
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);
        supervisor.start();
        awaitRestartsScheduled(1);
        restarts.get(0).run();
        awaitRestartsScheduled(2);
        restarts.get(1).run();
        await("the pipeline to finish", supervisor::finished);

        List<StageTotals> totals = supervisor.totals();

        assertThat(totals).hasSize(2);
        for (int stage = 0; stage < 2; stage++) {
            int s = stage;
            StageTotals expected = new StageTotals(
                runs.stream().mapToLong(r -> r.stages().get(s).in()).sum(),
                runs.stream().mapToLong(r -> r.stages().get(s).out()).sum(),
                runs.stream().mapToLong(r -> r.stages().get(s).failed()).sum(),
                runs.stream().mapToLong(r -> r.stages().get(s).skipped()).sum(), Map.of());
            assertThat(totals.get(stage)).as("stage %d in, out, failed, skipped", stage).isEqualTo(expected);
        }
        assertThat(totals.get(0).out()).as("each attempt read the source again").isEqualTo(30);
        assertThat(supervisor.rejectedRecords()).isZero();
        assertThat(supervisor.throttledMillis()).isZero();
        assertThat(supervisor.abandoned()).isEmpty();
    }

    @Test
    void underPolicyNeverAFailedAttemptFinishesThePipeline() throws Exception {
        failEveryWrite(new IllegalStateException("disk gone"));
        PipelineSupervisor supervisor = supervisor(RestartPolicy.DEFAULT);

        supervisor.start();
        await("the pipeline to finish", supervisor::finished);

        assertThat(finished).hasValue(1);
        assertThat(supervisor.restarts()).isZero();
        assertThat(supervisor.lastFailure()).get().asString().contains("disk gone");
        verify(scheduler, never()).schedule(any(Runnable.class), anyLong(), any(TimeUnit.class));
    }

    @Test
    void aCompletedAttemptIsNotRestarted() throws Exception {
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);

        supervisor.start();
        await("the pipeline to finish", supervisor::finished);

        assertThat(runs.get(0).outcome()).contains(RunState.Outcome.COMPLETED);
        assertThat(finished).hasValue(1);
        assertThat(supervisor.lastFailure()).isEmpty();
        assertThat(supervisor.totals()).extracting(StageTotals::out).containsExactly(10L, 10L);
        verify(scheduler, never()).schedule(any(Runnable.class), anyLong(), any(TimeUnit.class));
    }

    @Test
    void aFatalFailureIsNeverRestartedAndTellsTheRuntime() throws Exception {
        failEveryWrite(new OutOfMemoryError("simulated"));
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);

        supervisor.start();
        // The supervisor tells the runtime (fatal, then finished) after it has left its lock: wait for the last call.
        await("the runtime to be told the pipeline finished", () -> finished.get() == 1);

        assertThat(supervisor.finished()).isTrue();
        assertThat(fatal).hasValue(1);
        assertThat(finished).hasValue(1);
        assertThat(delays).isEmpty();
    }

    @Test
    void aStopWhileARestartIsPendingCancelsItAndFinishesThePipeline() throws Exception {
        failEveryWrite(new IllegalStateException("disk gone"));
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);
        supervisor.start();
        awaitRestartsScheduled(1);

        supervisor.requestStop();

        verify(pending).cancel(false);
        assertThat(supervisor.finished()).isTrue();
        assertThat(finished).hasValue(1);
        assertThat(supervisor.nextRestartMillis()).isEmpty();
        restarts.get(0).run();
        assertThat(runs).as("a restart that fires anyway starts nothing").hasSize(1);
    }

    @Test
    void aForcedStopWhileARestartIsPendingCancelsIt() throws Exception {
        failEveryWrite(new IllegalStateException("disk gone"));
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);
        supervisor.start();
        awaitRestartsScheduled(1);

        supervisor.abort();

        assertThat(supervisor.finished()).isTrue();
        assertThat(finished).hasValue(1);
        restarts.get(0).run();
        assertThat(runs).hasSize(1);
    }

    @Test
    void aStoppedAttemptIsNotRestarted() throws Exception {
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);
        memory.gate = new java.util.concurrent.Semaphore(0);
        supervisor.start();
        await("the first write", () -> memory.probe.threads.containsKey(Hook.WRITE));

        supervisor.requestStop();
        memory.gate.release(1000);
        await("the pipeline to finish", supervisor::finished);

        assertThat(runs.get(0).outcome()).contains(RunState.Outcome.STOPPED);
        assertThat(delays).isEmpty();
        assertThat(finished).hasValue(1);
    }

    @Test
    void aForcedStopOfARunningAttemptIsNotRestarted() throws Exception {
        PipelineSupervisor supervisor = supervisor(ON_FAILURE);
        memory.gate = new java.util.concurrent.Semaphore(0);
        supervisor.start();
        await("the first write", () -> memory.probe.threads.containsKey(Hook.WRITE));

        supervisor.abort();
        memory.gate.release(1000);
        await("the pipeline to finish", supervisor::finished);

        assertThat(runs.get(0).outcome()).contains(RunState.Outcome.ABORTED);
        assertThat(delays).isEmpty();
        assertThat(finished).hasValue(1);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
