package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.api.Position;
import dev.patchbay.api.Row;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.TestStages.Hook;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import dev.patchbay.host.pipeline.TestStages.TwiceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineRuntimeTest {

    static final StageLoggers LOGGERS = (plugin, stage) -> System.getLogger("plugin." + plugin);

    @TempDir
    Path home;

    private final NumbersFactory numbers = new NumbersFactory();
    private final KeepEvenFactory keepEven = new KeepEvenFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();

    private TestCatalog catalog() {
        return new TestCatalog().plugin("gen", numbers).plugin("proc", keepEven, new TwiceFactory())
                .plugin("mem", memory);
    }

    static PipelineConfig pipeline(String name, Map<String, Object> source, List<String> processors, int batchSize,
            long lingerMillis, int queueCapacity) {
        String path = "$.pipelines." + name;
        List<StageConfig> stages = new ArrayList<>();
        for (int i = 0; i < processors.size(); i++) {
            stages.add(new StageConfig(processors.get(i), Map.of(), path + ".processors[" + i + "]"));
        }
        return new PipelineConfig(name, new StageConfig("gen/numbers", source, path + ".source"), stages,
                new StageConfig("mem/memory", Map.of(), path + ".sink"), batchSize, lingerMillis, queueCapacity,
                path);
    }

    private PipelineRuntime runtime(TestCatalog catalog, PipelineConfig... pipelines) {
        return new PipelineRuntime(List.of(pipelines), catalog, new CheckpointStore(home.resolve("state")), home,
                LOGGERS);
    }

    private static List<Long> numbersOf(List<Row> records) {
        return records.stream().map(r -> (Long) r.get("n")).toList();
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

    @Test
    void aFinitePipelineDeliversEveryRecordInOrderAndCommitsItsFinalPosition() throws Exception {
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("demo", Map.of("count", 10_000L, "perPoll", 37L), List.of("proc/keep-even"), 100, 50, 512));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(numbersOf(memory.durable)).containsExactlyElementsOf(
                LongStream.range(0, 10_000).filter(n -> n % 2 == 0).boxed().toList());
        RunSummary.PipelineSummary demo = summary.pipelines().get(0);
        assertThat(demo.state()).isEqualTo("COMPLETED");
        assertThat(demo.stages()).extracting(RunSummary.StageSummary::stage, RunSummary.StageSummary::in,
                RunSummary.StageSummary::out, RunSummary.StageSummary::filtered).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("source", 10_000L, 10_000L, 0L),
                        org.assertj.core.groups.Tuple.tuple("processors[0]", 10_000L, 5_000L, 5_000L),
                        org.assertj.core.groups.Tuple.tuple("sink", 5_000L, 5_000L, 0L));
        assertThat(demo.committedPosition()).isEqualTo("10000");
        assertThat(demo.uncommittedRecords()).isZero();
        assertThat(new CheckpointStore(home.resolve("state")).load("demo")).contains(new Position("10000"));
        assertThat(memory.batchSizes).allMatch(size -> size <= 100);
        assertThat(numbers.probe.threads.get(Hook.POLL)).isEqualTo("pipeline-demo-source");
        assertThat(keepEven.probe.threads.get(Hook.PROCESS)).isEqualTo("pipeline-demo-process");
        assertThat(memory.probe.threads.get(Hook.WRITE)).isEqualTo("pipeline-demo-sink");
        assertThat(numbers.probe.loaders).containsKey(Hook.CLOSE);
        assertThat(keepEven.probe.loaders).containsKey(Hook.CLOSE);
        assertThat(memory.probe.loaders).containsKey(Hook.CLOSE);
    }

    @Test
    void aPipelineWithoutProcessorsRunsOnASourceAndASinkThread() throws Exception {
        PipelineRuntime runtime = runtime(catalog(), pipeline("bare", Map.of("count", 1000L), List.of(), 64, 10, 64));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(numbersOf(memory.durable)).containsExactlyElementsOf(LongStream.range(0, 1000).boxed().toList());
        assertThat(memory.probe.threads.get(Hook.WRITE)).isEqualTo("pipeline-bare-sink");
    }

    @Test
    void aProcessorThatEmitsSeveralRecordsPerInputIsCountedAndForwarded() throws Exception {
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("fan", Map.of("count", 1000L), List.of("proc/twice"), 500, 10, 100));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(memory.durable).hasSize(2000);
        assertThat(summary.pipelines().get(0).stages().get(1)).extracting(RunSummary.StageSummary::in,
                RunSummary.StageSummary::out, RunSummary.StageSummary::filtered).containsExactly(1000L, 2000L, 0L);
    }

    @Test
    void aSlowSinkSlowsTheSourceAndTheQueuesStayBoundedInRecords() throws Exception {
        Semaphore gate = new Semaphore(0);
        memory.gate = gate;
        int capacity = 300;
        int batchSize = 50;
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("slow", Map.of("count", 50_000L, "perPoll", 500L), List.of("proc/twice"), batchSize, 0,
                        capacity));

        runtime.start();
        PipelineRun run = runtime.runs().get(0);
        StageMetrics source = run.stages().get(0);
        // The sink is blocked in its first write; wait until the source is blocked too and stops producing.
        await("the source to block on a full queue", () -> {
            Thread thread = pipelineThreads().stream().filter(t -> t.getName().equals("pipeline-slow-source"))
                    .findFirst().orElseThrow();
            long before = source.out();
            return thread.getState() == Thread.State.WAITING && run.queues().get(0).occupied() > 0
                    && before == source.out() && memory.writes.get() == 0 && gate.hasQueuedThreads();
        });
        long produced = source.out();
        // In flight at most: queue 1 full, one chunk in the process thread's hands, queue 2 full (of doubled
        // records), one chunk in the sink's hands; a memory bound independent of the input size.
        assertThat(produced).isLessThanOrEqualTo(2L * capacity + 3 * 256 + batchSize);
        assertThat(produced).isLessThan(50_000);
        for (RecordQueue queue : run.queues()) {
            assertThat(queue.highWater()).isLessThanOrEqualTo(capacity);
        }

        gate.release(Integer.MAX_VALUE / 2);
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(memory.durable).hasSize(100_000);
        for (RecordQueue queue : run.queues()) {
            assertThat(queue.highWater()).isLessThanOrEqualTo(capacity);
        }
    }

    @Test
    void whileRecordsAreQueuedForABusySinkItWritesFullBatchesOnly() throws Exception {
        Semaphore gate = new Semaphore(0);
        memory.gate = gate;
        int count = 5_000;
        int batchSize = 100;
        // Polls of 30 records hand the sink chunks of 30; linger 0 means a batch's first record has always waited.
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("busy", Map.of("count", (long) count, "perPoll", 30L), List.of(), batchSize, 0, 2 * count));

        runtime.start();
        PipelineRun run = runtime.runs().get(0);
        StageMetrics source = run.stages().get(0);
        // The sink is held in its first write until every record waits in its input queue.
        await("the source to finish while the sink is busy",
                () -> source.out() == count && gate.hasQueuedThreads());
        gate.release(Integer.MAX_VALUE / 2);
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(numbersOf(memory.durable)).hasSize(count).doesNotHaveDuplicates();
        // One partial first batch (written before the queue filled), then only full batches and the remainder.
        assertThat(memory.writes.get()).isLessThanOrEqualTo((count + batchSize - 1) / batchSize + 1);
        assertThat(memory.batchSizes.subList(1, memory.batchSizes.size() - 1)).containsOnly(batchSize);
    }

    @Test
    void aPartialBatchIsWrittenAfterTheLingerTimeWhileTheSourceIsIdle() throws Exception {
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("idle", Map.of("count", 7L, "continuous", true), List.of(), 100, 20, 64));

        runtime.start();
        await("the partial batch to be flushed", () -> memory.durable.size() == 7);

        assertThat(memory.batchSizes).containsExactly(7);
        assertThat(runtime.runs().get(0).state()).isEqualTo(RunState.RUNNING);
        assertThat(numbers.polls.get()).isGreaterThan(1);
        runtime.requestStop();
        RunSummary summary = runtime.awaitCompletion();
        assertThat(summary.pipelines().get(0).state()).isEqualTo("STOPPED");
        assertThat(summary.exitCode()).isZero();
    }

    @Test
    void anIdleContinuousSourceDoesNotRewriteItsCheckpoint() throws Exception {
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        java.time.Clock counting = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                commits.incrementAndGet();
                return java.time.Instant.EPOCH;
            }
        };
        PipelineRuntime runtime = new PipelineRuntime(
                List.of(pipeline("quiet", Map.of("count", 5L, "continuous", true), List.of(), 100, 0, 64)), catalog(),
                new CheckpointStore(home.resolve("state"), counting), home, LOGGERS);
        runtime.start();
        await("the records to be committed", () -> commits.get() == 1);
        int polls = numbers.polls.get();

        await("ten more idle polls", () -> numbers.polls.get() >= polls + 10);

        assertThat(commits.get()).isEqualTo(1);
        runtime.requestStop();
        assertThat(runtime.awaitCompletion().exitCode()).isZero();
        assertThat(commits.get()).isEqualTo(1);
    }

    @Test
    void aGracefulStopDrainsCommitsAndARestartResumesWithoutLossOrDuplicates() throws Exception {
        Semaphore gate = new Semaphore(0);
        memory.gate = gate;
        PipelineRuntime first = runtime(catalog(),
                pipeline("stop", Map.of("count", 1_000_000L, "continuous", true), List.of(), 100, 10, 500));
        first.start();
        await("the sink to be busy", gate::hasQueuedThreads);

        first.requestStop();
        gate.release(Integer.MAX_VALUE / 2);
        RunSummary stopped = first.awaitCompletion();

        assertThat(stopped.pipelines().get(0).state()).isEqualTo("STOPPED");
        assertThat(stopped.exitCode()).isZero();
        assertThat(stopped.pipelines().get(0).uncommittedRecords()).isZero();
        int delivered = memory.durable.size();
        assertThat(delivered).isPositive().isLessThan(1_000_000);
        assertThat(stopped.pipelines().get(0).committedPosition()).isEqualTo(Integer.toString(delivered));

        NumbersFactory restartedSource = new NumbersFactory();
        MemorySinkFactory restartedSink = new MemorySinkFactory(memory.durable);
        TestCatalog again = new TestCatalog().plugin("gen", restartedSource).plugin("mem", restartedSink);
        PipelineRuntime second = runtime(again,
                pipeline("stop", Map.of("count", delivered + 1000L), List.of(), 100, 10, 500));
        second.start();
        assertThat(second.awaitCompletion().exitCode()).isZero();

        assertThat(restartedSource.resumedFrom).containsExactly(Optional.of(new Position(Integer.toString(delivered))));
        assertThat(numbersOf(memory.durable)).containsExactlyElementsOf(
                LongStream.range(0, delivered + 1000L).boxed().toList());
    }

    @Test
    void aCrashedRunRepeatsAtMostTheUnacknowledgedBatchOnRestart() throws Exception {
        List<Row> durable = java.util.Collections.synchronizedList(new ArrayList<>());
        MemorySinkFactory crashing = new MemorySinkFactory(durable);
        crashing.failOnWrite = 7;
        int batchSize = 64;
        PipelineRuntime first = runtime(new TestCatalog().plugin("gen", new NumbersFactory()).plugin("mem", crashing),
                pipeline("crash", Map.of("count", 5_000L, "perPoll", 10L), List.of(), batchSize, 1000, 256));
        first.start();
        RunSummary crashed = first.awaitCompletion();
        assertThat(crashed.exitCode()).isEqualTo(1);
        assertThat(crashed.pipelines().get(0).state()).isEqualTo("FAILED");

        PipelineRuntime second = runtime(
                new TestCatalog().plugin("gen", new NumbersFactory()).plugin("mem", new MemorySinkFactory(durable)),
                pipeline("crash", Map.of("count", 5_000L, "perPoll", 10L), List.of(), batchSize, 1000, 256));
        second.start();
        assertThat(second.awaitCompletion().exitCode()).isZero();

        List<Long> delivered = numbersOf(durable);
        assertThat(delivered).containsAll(LongStream.range(0, 5_000).boxed().toList());
        Map<Long, Integer> counts = new HashMap<>();
        delivered.forEach(n -> counts.merge(n, 1, Integer::sum));
        long duplicates = counts.values().stream().filter(c -> c > 1).count();
        assertThat(counts.values()).allMatch(c -> c <= 2);
        assertThat(duplicates).isLessThanOrEqualTo(batchSize);
    }

    @Test
    void whenAStageCannotBeCreatedTheOthersAreClosedInTheirOwnScopeAndNothingIsPolled() throws Exception {
        memory.probe.failAt = Hook.CREATE;
        memory.probe.thrower = () -> {
            // Stages are created in parallel, each on its own thread: fail once the others are being created.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(numbers.probe.loaders.containsKey(Hook.CREATE) && keepEven.probe.loaders.containsKey(Hook.CREATE))
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            throw new IllegalStateException("no disk");
        };
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("half", Map.of("count", 10L), List.of("proc/keep-even"), 10, 0, 10));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.pipelines().get(0).error()).contains("stage sink (mem/memory, plugin 'mem' 1.0.0) could not be "
                + "created: java.lang.IllegalStateException: no disk");
        assertThat(numbers.probe.loaders.get(Hook.CLOSE).getName()).isEqualTo("plugin-gen");
        assertThat(keepEven.probe.loaders.get(Hook.CLOSE).getName()).isEqualTo("plugin-proc");
        assertThat(numbers.probe.threads).doesNotContainKey(Hook.POLL);
    }

    @Test
    void withoutACommitIntervalWhatACrashRepeatsIsAtMostOneBatchPlusOnePoll() throws Exception {
        List<Row> durable = java.util.Collections.synchronizedList(new ArrayList<>());
        MemorySinkFactory crashing = new MemorySinkFactory(durable);
        crashing.persistOnWrite = true;
        crashing.failOnWrite = 23;
        int batchSize = 50;
        long perPoll = 300;
        Map<String, Object> source = Map.of("count", 20_000L, "perPoll", perPoll);
        PipelineRuntime first = runtime(new TestCatalog().plugin("gen", new NumbersFactory()).plugin("mem", crashing),
                pipeline("bound", source, List.of(), batchSize, 1000, 1000).withCommitIntervalMillis(0));
        first.start();
        assertThat(first.awaitCompletion().exitCode()).isEqualTo(1);
        assertThat(durable).hasSize(23 * batchSize);

        PipelineRuntime second = runtime(
                new TestCatalog().plugin("gen", new NumbersFactory()).plugin("mem", new MemorySinkFactory(durable)),
                pipeline("bound", source, List.of(), batchSize, 1000, 1000).withCommitIntervalMillis(0));
        second.start();
        assertThat(second.awaitCompletion().exitCode()).isZero();

        List<Long> delivered = numbersOf(durable);
        assertThat(new java.util.HashSet<>(delivered)).hasSize(20_000);
        assertThat(delivered.size() - 20_000L).isLessThanOrEqualTo(batchSize + perPoll - 1);
    }

    @Test
    void aCorruptCheckpointFailsThePipelineWithTheFileNamed() throws Exception {
        Files.createDirectories(home.resolve("state"));
        Files.writeString(home.resolve("state/broken.json"), "{not json");
        PipelineRuntime runtime = runtime(catalog(), pipeline("broken", Map.of("count", 10L), List.of(), 10, 0, 10));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.pipelines().get(0).error()).contains("broken.json").contains("delete it");
        assertThat(summary.pipelines().get(0).checkpointUnreadable()).isTrue();
        assertThat(summary.uncommittedReport()).singleElement().asString()
                .contains("last committed position unknown: its checkpoint cannot be read");
    }

    @Test
    void aPipelineThatFailsBeforeItsFirstCommitReportsTheCheckpointItResumedFromNotTheBeginning() throws Exception {
        new CheckpointStore(home.resolve("state")).commit("again", new Position("40"), 40);
        memory.failOnWrite = 1;
        PipelineRuntime runtime = runtime(catalog(), pipeline("again", Map.of("count", 100L), List.of(), 10, 0, 10));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.pipelines().get(0).state()).isEqualTo("FAILED");
        assertThat(summary.pipelines().get(0).committedPosition()).isEqualTo("40");
        assertThat(summary.uncommittedReport()).singleElement().asString().contains("last committed position '40'");
        runtime.awaitTermination(10, TimeUnit.SECONDS);
        runtime.close();
    }

    @Test
    void aForcedStopReturnsAtOnceAndReportsWhatWasLeftUncommitted() throws Exception {
        Semaphore gate = new Semaphore(0);
        memory.gate = gate;
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("stuck", Map.of("count", 100_000L), List.of(), 100, 10, 500));
        runtime.start();
        await("the sink to be stuck", gate::hasQueuedThreads);
        runtime.requestStop();

        runtime.forceStop("a second signal (SIGTERM)");
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.pipelines().get(0).state()).isEqualTo("ABORTED");
        assertThat(summary.uncommittedReport()).singleElement().asString()
                .contains("pipeline 'stuck' ABORTED", "last committed position none", "records in flight");
        assertThat(summary.pipelines().get(0).uncommittedRecords()).isPositive();
        assertThat(summary.toTable()).contains("forced stop: a second signal (SIGTERM)", "uncommitted: pipeline 'stuck'");
        gate.release(Integer.MAX_VALUE / 2);
        assertThat(runtime.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new CheckpointStore(home.resolve("state")).load("stuck")).isEmpty();
    }

    @Test
    void pluginCodeRunsWithThePluginsClassLoaderAndMdcOnEveryCall() throws Exception {
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("ctx", Map.of("count", 10L), List.of("proc/keep-even"), 5, 0, 16));

        runtime.start();
        runtime.awaitCompletion();

        for (Hook hook : List.of(Hook.CREATE, Hook.POLL, Hook.CLOSE)) {
            assertThat(numbers.probe.loaders.get(hook).getName()).as(hook.name()).isEqualTo("plugin-gen");
            assertThat(numbers.probe.mdcPlugin.get(hook)).isEqualTo("gen");
        }
        assertThat(numbers.probe.mdcStage.get(Hook.POLL)).isEqualTo("ctx/source");
        assertThat(keepEven.probe.loaders.get(Hook.PROCESS).getName()).isEqualTo("plugin-proc");
        assertThat(keepEven.probe.mdcStage.get(Hook.PROCESS)).isEqualTo("ctx/processors[0]");
        for (Hook hook : List.of(Hook.CREATE, Hook.WRITE, Hook.FLUSH, Hook.CLOSE)) {
            assertThat(memory.probe.loaders.get(hook).getName()).as(hook.name()).isEqualTo("plugin-mem");
            assertThat(memory.probe.mdcPlugin.get(hook)).isEqualTo("mem");
            assertThat(memory.probe.mdcStage.get(hook)).isEqualTo("ctx/sink");
        }
    }

    @Test
    void theSummaryIsAnAlignedTableAndJson() throws Exception {
        PipelineRuntime runtime = runtime(catalog(),
                pipeline("table", Map.of("count", 100L), List.of("proc/keep-even"), 10, 0, 16));
        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        String[] lines = summary.toTable().split(System.lineSeparator());
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("PIPELINE  STAGE          USE");
        assertThat(lines[2]).contains("processors[0]", "proc/keep-even", "COMPLETED");
        assertThat(lines[0].indexOf("RECORDS/S") + "RECORDS/S".length()).isEqualTo(lines[1].length());

        JsonNode json = new ObjectMapper().readTree(summary.toJson(new ObjectMapper(), "summary").toString());
        assertThat(json.get("event").asText()).isEqualTo("summary");
        assertThat(json.get("exitCode").asInt()).isZero();
        JsonNode pipeline = json.get("pipelines").get(0);
        assertThat(pipeline.get("name").asText()).isEqualTo("table");
        assertThat(pipeline.get("committedPosition").asText()).isEqualTo("100");
        assertThat(pipeline.get("stages").get(1).get("filtered").asLong()).isEqualTo(50);
        assertThat(pipeline.get("stages").get(2).get("out").asLong()).isEqualTo(50);
    }
}
