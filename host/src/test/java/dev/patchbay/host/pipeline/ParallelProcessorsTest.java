package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.api.Row;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.ParallelStages.CheckedSinkFactory;
import dev.patchbay.host.pipeline.ParallelStages.Instance;
import dev.patchbay.host.pipeline.ParallelStages.RejectSevensFactory;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import dev.patchbay.host.pipeline.TestStages.TwiceFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor chain on N workers: records keep their order at the sink, positions commit in order, each
 * processor instance is only ever called by one thread, and stops, aborts and failures reach every worker.
 */
class ParallelProcessorsTest {

    private static final long COUNT = 20_000;

    @TempDir
    Path home;

    private final NumbersFactory numbers = new NumbersFactory();
    private final RejectSevensFactory rejectSevens = new RejectSevensFactory();
    private final CheckedSinkFactory checked = new CheckedSinkFactory();
    private final MemorySinkFactory deadLetters = new MemorySinkFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();

    private TestCatalog catalog() {
        return new TestCatalog().plugin("gen", numbers).plugin("proc", new KeepEvenFactory(), new TwiceFactory())
                .plugin("par", rejectSevens).plugin("chk", checked).plugin("dl", deadLetters).plugin("mem", memory);
    }

    private static PipelineConfig pipeline(String name, Map<String, Object> source, List<String> processors,
            String sink, int parallelism) {
        String path = "$.pipelines." + name;
        List<StageConfig> stages = new ArrayList<>();
        for (int i = 0; i < processors.size(); i++) {
            stages.add(new StageConfig(processors.get(i), Map.of(), path + ".processors[" + i + "]"));
        }
        return new PipelineConfig(name, new StageConfig("gen/numbers", source, path + ".source"), stages,
                new StageConfig(sink, Map.of(), path + ".sink"), 100, 5, 512, path).withParallelism(parallelism);
    }

    private PipelineRuntime runtime(PipelineConfig pipeline) {
        return new PipelineRuntime(List.of(pipeline), catalog(), new CheckpointStore(home.resolve("state")), home,
                PipelineRuntimeTest.LOGGERS);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static List<Thread> pipelineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("pipeline-"))
                .filter(Thread::isAlive).toList();
    }

    @AfterEach
    void noPipelineThreadOutlivesItsTest() throws InterruptedException {
        await("pipeline threads to end", () -> pipelineThreads().isEmpty());
    }

    private static Set<String> workerNames(String pipeline, int workers) {
        return workers == 1 ? Set.of("pipeline-" + pipeline + "-process")
                : IntStream.rangeClosed(1, workers).mapToObj(w -> "pipeline-" + pipeline + "-process-" + w)
                        .collect(Collectors.toSet());
    }

    /** What reject-sevens, keep-even and twice make of the source's records 0 .. below - 1, in order. */
    private static List<String> expected(long below) {
        List<String> out = new ArrayList<>();
        for (long n = 0; n < below; n++) {
            if (n % 7 != 3 && n % 2 == 0) {
                out.add(n + "");
                out.add(n + " copy");
            }
        }
        return out;
    }

    private static String text(Row row) {
        return row.get("n") + (row.has("copy") ? " copy" : "");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2, 4})
    @Timeout(60)
    void recordsReachTheSinkInSourceOrderAndNoCheckpointPassesAnUnflushedRecord(int workers) throws Exception {
        checked.store = new CheckpointStore(home.resolve("state"));
        checked.pipeline = "order";
        String path = "$.pipelines.order";
        PipelineConfig config = pipeline("order", Map.of("count", COUNT, "perPoll", 37L),
                List.of("par/reject-sevens", "proc/keep-even", "proc/twice"), "chk/checked", workers)
                .withErrors(new ErrorPolicy(ErrorPolicy.Tolerance.ALL, Optional.of(new StageConfig("dl/memory",
                        Map.of(), path + ".errors.deadLetter")), ErrorPolicy.MAX_FAILURES, 0.5));
        PipelineRuntime runtime = runtime(config);

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(runtime.runs().get(0).parallelism().workers()).isEqualTo(workers);
        assertThat(checked.durable).extracting(ParallelProcessorsTest::text)
                .as("record for record, in source order").containsExactlyElementsOf(expected(COUNT));
        assertThat(deadLetters.durable).extracting(dead -> (Long) ((Row) dead.get("record")).get("n"))
                .as("dead letters in source order").containsExactlyElementsOf(
                        LongStream.range(0, COUNT).filter(n -> n % 7 == 3).boxed().toList());
        assertThat(checked.observations).as("observations").hasSizeGreaterThan(10).allSatisfy(seen -> {
            long committed = seen[0];
            if (committed >= 0) {
                assertThat(seen[1]).as("records flushed when position " + committed + " was committed")
                        .isGreaterThanOrEqualTo(expected(committed).size());
            }
        });
        List<Long> positions = checked.observations.stream().map(seen -> seen[0]).toList();
        assertThat(positions).as("positions commit in order").isSorted();
        assertThat(summary.pipelines().get(0).committedPosition()).isEqualTo(Long.toString(COUNT));

        long rejected = LongStream.range(0, COUNT).filter(n -> n % 7 == 3).count();
        assertThat(summary.pipelines().get(0).stages()).extracting(RunSummary.StageSummary::stage,
                RunSummary.StageSummary::in, RunSummary.StageSummary::out).as("one row per stage, workers added up")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("source", COUNT, COUNT),
                        org.assertj.core.groups.Tuple.tuple("processors[0]", COUNT, COUNT - rejected),
                        org.assertj.core.groups.Tuple.tuple("processors[1]", COUNT - rejected,
                                (long) expected(COUNT).size() / 2),
                        org.assertj.core.groups.Tuple.tuple("processors[2]", (long) expected(COUNT).size() / 2,
                                (long) expected(COUNT).size()),
                        org.assertj.core.groups.Tuple.tuple("sink", (long) expected(COUNT).size(),
                                (long) expected(COUNT).size()),
                        org.assertj.core.groups.Tuple.tuple("errors.deadLetter", rejected, rejected));

        assertThat(rejectSevens.instances).as("one instance per worker").hasSize(workers);
        assertThat(rejectSevens.instances).as("each instance called by one thread only, and closed")
                .allSatisfy(instance -> {
                    assertThat(instance.threads).hasSize(1);
                    assertThat(instance.closed).isTrue();
                });
        assertThat(rejectSevens.instances.stream().flatMap(i -> i.threads.stream()).collect(Collectors.toSet()))
                .isEqualTo(workerNames("order", workers));
        runtime.close();
    }

    @Test
    @Timeout(60)
    void aFailingProcessorInTheSecondWorkerNamesItsStageAndPluginAndEndsEveryWorker() throws Exception {
        rejectSevens.failOnThread = "pipeline-fails-process-2";
        rejectSevens.rejecting = false;
        PipelineRuntime runtime = runtime(pipeline("fails", Map.of("count", 1L << 40, "perPoll", 50L),
                List.of("proc/keep-even", "par/reject-sevens"), "mem/memory", 2));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        RunSummary.PipelineSummary fails = summary.pipelines().get(0);
        assertThat(fails.state()).isEqualTo("FAILED");
        assertThat(fails.error()).contains("processors[1]").contains("par").contains("worker trouble");
        assertThat(runtime.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(runtime.runs().get(0).threads()).noneMatch(Thread::isAlive);
        assertThat(rejectSevens.instances).hasSize(2).allSatisfy(instance -> assertThat(instance.closed).isTrue());
        runtime.close();
    }

    @Test
    @Timeout(60)
    void aForcedStopInterruptsTheWorkerStuckInAPluginCallOnceAndEndsEveryThread() throws Exception {
        rejectSevens.blockOnThread = "pipeline-stuck-process-2";
        rejectSevens.rejecting = false;
        PipelineRuntime runtime = runtime(pipeline("stuck", Map.of("count", 1L << 40, "perPoll", 50L),
                List.of("par/reject-sevens"), "mem/memory", 3));

        runtime.start();
        assertThat(rejectSevens.blocked.await(20, TimeUnit.SECONDS)).isTrue();
        PipelineRun run = runtime.runs().get(0);
        await("the source to block on the stuck worker's full input", () -> run.queues().get(1).occupied() > 0
                && run.threads().get(0).getState() == Thread.State.WAITING);
        runtime.forceStop("test");
        RunSummary summary = runtime.awaitCompletion();

        RunSummary.PipelineSummary stuck = summary.pipelines().get(0);
        assertThat(stuck.state()).isEqualTo("ABORTED");
        assertThat(stuck.error()).as("a bystander of a forced stop is not failed").isNull();
        assertThat(stuck.stuck()).anySatisfy(line -> assertThat(line).contains("stage processors[0] (")
                .contains("pipeline-stuck-process-2"));
        assertThat(runtime.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(run.threads()).noneMatch(Thread::isAlive);
        assertThat(rejectSevens.interrupts).hasValue(1);
        assertThat(rejectSevens.instances).hasSize(3).allSatisfy(instance -> assertThat(instance.closed).isTrue());
        runtime.close();
    }

    enum Stop { GRACEFUL, FORCED }

    @ParameterizedTest(name = "{0} stop while every worker is blocked on a full queue")
    @EnumSource(Stop.class)
    @Timeout(60)
    void aStopReachesWorkersBlockedOnFullQueues(Stop stop) throws Exception {
        Semaphore gate = new Semaphore(0);
        memory.gate = gate;
        rejectSevens.rejecting = false;
        PipelineRuntime runtime = runtime(pipeline("blocked", Map.of("count", 1L << 40, "perPoll", 50L),
                List.of("par/reject-sevens", "proc/keep-even"), "mem/memory", 2));

        try {
            runtime.start();
            PipelineRun run = runtime.runs().get(0);
            await("every queue to hold records", () -> run.queues().stream().allMatch(q -> q.occupied() > 0));
            await("the source to be blocked", () -> run.threads().get(0).getState() == Thread.State.WAITING);
            if (stop == Stop.GRACEFUL) {
                runtime.requestStop();
            } else {
                runtime.forceStop("test");
            }
            // The sink's write waits on the gate outside the host's reach; once it returns, the sink sees the stop.
            gate.release(Integer.MAX_VALUE / 2);
            RunSummary summary = runtime.awaitCompletion();

            assertThat(summary.pipelines().get(0).state()).isEqualTo(stop == Stop.GRACEFUL ? "STOPPED" : "ABORTED");
            assertThat(summary.pipelines().get(0).error()).isNull();
            assertThat(runtime.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
            assertThat(run.threads()).noneMatch(Thread::isAlive);
            assertThat(rejectSevens.instances).hasSize(2).allSatisfy(i -> assertThat(i.closed).isTrue());
            if (stop == Stop.GRACEFUL) {
                List<Long> written = memory.durable.stream().map(row -> (Long) row.get("n")).toList();
                long committed = Long.parseLong(summary.pipelines().get(0).committedPosition());
                assertThat(written).as("drained in order, and everything before the committed position")
                        .containsExactlyElementsOf(LongStream.range(0, committed).filter(n -> n % 2 == 0).boxed()
                                .toList());
            }
        } finally {
            gate.release(Integer.MAX_VALUE / 2);
            runtime.forceStop("cleanup");
            runtime.awaitTermination(10, TimeUnit.SECONDS);
            runtime.close();
        }
    }
}
