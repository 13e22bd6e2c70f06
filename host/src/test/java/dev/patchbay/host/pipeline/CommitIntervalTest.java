package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Row;
import dev.patchbay.host.config.ObservedAtomicFiles;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit interval: the sink is written per batch but flushed, and the checkpoint committed, at most once per
 * {@code commitIntervalMillis} of the runtime's clock, which these tests hold still and move by hand. Every
 * checkpoint write is watched as it happens: no position may be committed before the sink's flush made every
 * record before it durable.
 */
class CommitIntervalTest {

    @TempDir
    Path home;

    private final NumbersFactory numbers = new NumbersFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T04:00:00Z"));
    /** The source records each checkpoint write covered, in order. */
    private final List<Long> commits = new CopyOnWriteArrayList<>();
    /** Checkpoint writes that came before the flush of the records they cover. */
    private final List<String> early = new CopyOnWriteArrayList<>();
    private PipelineRuntime runtime;

    private CheckpointStore store() {
        return new CheckpointStore(home.resolve("state"), clock, ObservedAtomicFiles.observing((file, content) -> {
            Checkpoint checkpoint = Checkpoint.parse(content, "demo");
            long covered = Long.parseLong(checkpoint.position().value());
            int durable = memory.durable.size();
            if (durable < covered) {
                early.add("position " + covered + " committed with " + durable + " records flushed");
            }
            commits.add(checkpoint.sourceRecords());
        }));
    }

    private PipelineRuntime start(Map<String, Object> source, int batchSize, long commitIntervalMillis) {
        PipelineConfig config = PipelineRuntimeTest.pipeline("demo", source, List.of(), batchSize, 10, 10_000)
                .withCommitIntervalMillis(commitIntervalMillis);
        TestCatalog catalog = new TestCatalog().plugin("gen", numbers).plugin("mem", memory);
        runtime = new PipelineRuntime(PipelineRuntime.Mode.RUN, List.of(config), catalog, store(), home,
                PipelineRuntimeTest.LOGGERS, clock, RunTracer.NOOP);
        runtime.start();
        return runtime;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static List<Long> numbersOf(List<Row> records) {
        return records.stream().map(r -> (Long) r.get("n")).toList();
    }

    @AfterEach
    void noCommitCameBeforeItsFlush() throws InterruptedException {
        if (runtime != null) {
            runtime.forceStop("test over");
            runtime.awaitTermination(20, TimeUnit.SECONDS);
        }
        assertThat(early).as("checkpoints committed before their records were flushed").isEmpty();
    }

    @Test
    void whileTheIntervalHasNotPassedEveryBatchIsWrittenButOnlyTheEndFlushesAndCommitsOnce() throws Exception {
        start(Map.of("count", 10_000L, "perPoll", 100L), 100, 1000);

        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(memory.writes.get()).as("sink writes, one per batch").isEqualTo(100);
        assertThat(memory.batchSizes).allMatch(size -> size == 100);
        assertThat(memory.flushes.get()).as("flushes").isEqualTo(1);
        assertThat(commits).as("checkpoint writes").containsExactly(10_000L);
        assertThat(numbersOf(memory.durable)).containsExactlyElementsOf(LongStream.range(0, 10_000).boxed().toList());
        assertThat(summary.pipelines().get(0).committedPosition()).isEqualTo("10000");
        assertThat(summary.pipelines().get(0).uncommittedRecords()).isZero();
    }

    @Test
    void anIntervalOfZeroFlushesAndCommitsAfterEveryBatchAsBefore() throws Exception {
        start(Map.of("count", 10_000L, "perPoll", 100L), 100, 0);

        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(memory.writes.get()).isEqualTo(100);
        assertThat(memory.flushes.get()).as("one flush per batch").isEqualTo(100);
        assertThat(commits).as("one checkpoint per batch, each one batch further")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).map(i -> i * 100).boxed().toList());
        assertThat(summary.pipelines().get(0).uncommittedRecords()).isZero();
    }

    @Test
    void onceTheIntervalPassesWhileTheSinkIsIdleWhatWasWrittenIsFlushedAndCommitted() throws Exception {
        start(Map.of("count", 1_000L, "perPoll", 100L, "continuous", true), 100, 1000);
        await("every record to be written", () -> memory.written.get() == 1_000);
        assertThat(commits).as("commits before the interval passed").isEmpty();
        assertThat(memory.durable).as("flushed before the interval passed").isEmpty();

        clock.advanceMillis(1000);

        await("the idle sink to commit", () -> !commits.isEmpty());
        assertThat(commits).containsExactly(1_000L);
        assertThat(memory.durable).hasSize(1_000);
        assertThat(memory.flushes.get()).isEqualTo(1);
        // The watched write comes just before the rename, and the summary learns of the commit after it.
        await("the summary to count the commit", () -> runtime.summary().pipelines().get(0).uncommittedRecords() == 0);
    }

    @Test
    void aLingeringPartialBatchDoesNotHoldBackTheCommitOfTheBatchesWrittenBeforeIt() throws Exception {
        PipelineConfig config = PipelineRuntimeTest.pipeline("demo", Map.of("count", 1_050L, "perPoll", 100L,
                "continuous", true), List.of(), 100, PipelineConfig.MAX_LINGER_MILLIS, 10_000)
                .withCommitIntervalMillis(1000);
        runtime = new PipelineRuntime(PipelineRuntime.Mode.RUN, List.of(config),
                new TestCatalog().plugin("gen", numbers).plugin("mem", memory), store(), home,
                PipelineRuntimeTest.LOGGERS, clock, RunTracer.NOOP);
        runtime.start();
        await("ten full batches", () -> memory.written.get() == 1_000);

        clock.advanceMillis(1000);

        await("the idle sink to commit", () -> !commits.isEmpty());
        assertThat(commits).as("the fifty lingering records are not written, so not committed").containsExactly(1_000L);
        assertThat(memory.durable).hasSize(1_000);
    }

    @Test
    void aPauseCommitsWhatWasReadOnceItHasDrainedWithoutWaitingForTheInterval() throws Exception {
        start(Map.of("count", 1_000L, "perPoll", 100L, "continuous", true), 100, 3_600_000);
        await("every record to be written", () -> memory.written.get() == 1_000);

        runtime.pause("demo");

        await("the paused pipeline to commit", () -> !commits.isEmpty());
        assertThat(commits).containsExactly(1_000L);
        assertThat(memory.durable).hasSize(1_000);
    }

    @Test
    void aGracefulStopFlushesAndCommitsEverythingWrittenBeforeTheInterval() throws Exception {
        start(Map.of("count", 1_000L, "perPoll", 100L, "continuous", true), 100, 3_600_000);
        await("every record to be written", () -> memory.written.get() == 1_000);

        runtime.requestStop();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.pipelines().get(0).state()).isEqualTo("STOPPED");
        assertThat(commits).containsExactly(1_000L);
        assertThat(memory.durable).hasSize(1_000);
        assertThat(summary.pipelines().get(0).committedPosition()).isEqualTo("1000");
        assertThat(summary.pipelines().get(0).uncommittedRecords()).isZero();
    }

    @Test
    void aForcedStopCommitsNothingAndSaysWhatItLeftUncommitted() throws Exception {
        start(Map.of("count", 1_000L, "perPoll", 100L, "continuous", true), 100, 3_600_000);
        await("every record to be written", () -> memory.written.get() == 1_000);

        runtime.forceStop("test");
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.pipelines().get(0).state()).isEqualTo("ABORTED");
        assertThat(commits).isEmpty();
        assertThat(memory.flushes.get()).isZero();
        assertThat(summary.pipelines().get(0).committedPosition()).isNull();
        assertThat(summary.pipelines().get(0).uncommittedRecords()).isEqualTo(1_000);
    }

    @Test
    void whileRecordsFlowEachIntervalGroupsTheBatchesWrittenSinceTheLastCommit() throws Exception {
        memory.gate = new java.util.concurrent.Semaphore(0);
        start(Map.of("count", 1_000L, "perPoll", 100L), 100, 1000);

        memory.gate.release(3);
        await("three batches", () -> memory.written.get() == 300);
        assertThat(commits).isEmpty();
        clock.advanceMillis(1000);
        // The fourth write ends with the interval passed: one flush and one commit cover all four batches.
        memory.gate.release(1);
        await("the commit of the first four batches", () -> !commits.isEmpty());
        assertThat(commits).containsExactly(400L);
        assertThat(memory.flushes.get()).isEqualTo(1);

        memory.gate.release(6);
        RunSummary summary = runtime.awaitCompletion();

        assertThat(commits).containsExactly(400L, 1_000L);
        assertThat(memory.flushes.get()).isEqualTo(2);
        assertThat(summary.pipelines().get(0).uncommittedRecords()).isZero();
    }

    @Test
    void aCrashRepeatsWhatTheSinkWroteSinceTheLastCommitAndLosesNothing() throws Exception {
        memory.persistOnWrite = true;
        memory.failOnWrite = 23;
        Map<String, Object> source = Map.of("count", 20_000L, "perPoll", 300L);
        start(source, 50, 1000);
        assertThat(runtime.awaitCompletion().exitCode()).isEqualTo(1);
        assertThat(commits).as("the clock stood still: nothing was committed").isEmpty();
        // persistOnWrite keeps what was written, as the page cache keeps it after kill -9.
        int writtenBeforeTheCrash = memory.durable.size();
        assertThat(writtenBeforeTheCrash).isEqualTo(23 * 50);

        MemorySinkFactory after = new MemorySinkFactory(memory.durable);
        PipelineConfig config = PipelineRuntimeTest.pipeline("demo", source, List.of(), 50, 10, 10_000);
        PipelineRuntime second = new PipelineRuntime(PipelineRuntime.Mode.RUN, List.of(config),
                new TestCatalog().plugin("gen", new NumbersFactory()).plugin("mem", after),
                new CheckpointStore(home.resolve("state")), home, PipelineRuntimeTest.LOGGERS, clock, RunTracer.NOOP);
        second.start();
        assertThat(second.awaitCompletion().exitCode()).isZero();

        List<Long> delivered = numbersOf(memory.durable);
        assertThat(new java.util.HashSet<>(delivered)).hasSize(20_000);
        // Far beyond the per-batch bound of one batch plus one poll (349): the interval had not passed.
        assertThat(delivered.size() - 20_000L).isEqualTo(writtenBeforeTheCrash);
    }
}
