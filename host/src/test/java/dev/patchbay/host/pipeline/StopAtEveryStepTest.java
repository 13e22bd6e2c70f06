package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.TestStages.Hook;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import dev.patchbay.host.pipeline.TestStages.Probe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A graceful or forced stop at every step of a pipeline's life (each stage's create, its calls while running
 * and draining, and its close), under load: a second, continuous pipeline runs beside it. No thread survives
 * its pipeline, every stage that was created is closed, and a bystander of a forced stop is reported as
 * aborted, never as failed.
 */
class StopAtEveryStepTest {

    @TempDir
    Path home;

    enum Stage { SOURCE, PROCESSOR, SINK }

    enum Stop { GRACEFUL, FORCED }

    static Stream<Arguments> steps() {
        List<Arguments> all = new ArrayList<>();
        Map<Stage, List<Hook>> hooks = Map.of(Stage.SOURCE, List.of(Hook.CREATE, Hook.POLL, Hook.CLOSE),
                Stage.PROCESSOR, List.of(Hook.CREATE, Hook.PROCESS, Hook.CLOSE),
                Stage.SINK, List.of(Hook.CREATE, Hook.WRITE, Hook.FLUSH, Hook.CLOSE));
        for (Stage stage : Stage.values()) {
            for (Hook hook : hooks.get(stage)) {
                for (Stop stop : Stop.values()) {
                    all.add(Arguments.of(stage, hook, stop, 1));
                    // Two workers: the processor's hook is reached on both, and a stop must reach both.
                    all.add(Arguments.of(stage, hook, stop, 2));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{2} stop while the {0} is in {1}, parallelism {3}")
    @MethodSource("steps")
    @Timeout(60)
    void noThreadSurvivesAndEveryCreatedStageIsClosed(Stage stage, Hook hook, Stop stop, int parallelism)
            throws Exception {
        NumbersFactory numbers = new NumbersFactory();
        KeepEvenFactory keepEven = new KeepEvenFactory();
        MemorySinkFactory memory = new MemorySinkFactory();
        Probe blocked = switch (stage) {
            case SOURCE -> numbers.probe;
            case PROCESSOR -> keepEven.probe;
            case SINK -> memory.probe;
        };
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        blocked.failAt = hook;
        blocked.thrower = () -> {
            entered.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while blocked", e);
            }
        };
        TestCatalog catalog = new TestCatalog().plugin("gen", numbers).plugin("proc", keepEven).plugin("mem", memory)
                .plugin("gen2", new NumbersFactory()).plugin("mem2", new MemorySinkFactory());
        // A finite source for the CLOSE steps, so that the pipeline reaches its close; a long one otherwise.
        long count = hook == Hook.CLOSE ? 2_000 : 10_000_000;
        PipelineConfig steps = PipelineRuntimeTest.pipeline("steps", Map.of("count", count, "perPoll", 100L),
                List.of("proc/keep-even"), 100, 5, 512).withParallelism(parallelism);
        PipelineConfig load = new PipelineConfig("load", new StageConfig("gen2/numbers",
                Map.of("count", 1L << 40, "perPoll", 100L), "$.pipelines.load.source"), List.of(),
                new StageConfig("mem2/memory", Map.of(), "$.pipelines.load.sink"), 100, 5, 512, "$.pipelines.load");
        PipelineRuntime runtime = new PipelineRuntime(List.of(steps, load), catalog,
                new CheckpointStore(home.resolve("state")), home, PipelineRuntimeTest.LOGGERS);
        List<PipelineRun> runs = runtime.runs();
        try {
            runtime.start();
            assertThat(entered.await(20, TimeUnit.SECONDS)).as("the " + stage + " reached " + hook).isTrue();
            if (stop == Stop.GRACEFUL) {
                runtime.requestStop();
                release.countDown();
            } else {
                runtime.forceStop("test");
            }
            RunSummary summary = runtime.awaitCompletion();
            assertThat(runtime.awaitTermination(20, TimeUnit.SECONDS)).as("threads ended").isTrue();

            for (PipelineRun run : runs) {
                assertThat(run.threads()).as("threads of " + run.name()).noneMatch(Thread::isAlive);
            }
            RunSummary.PipelineSummary outcome = summary.pipelines().get(0);
            if (stop == Stop.GRACEFUL) {
                assertThat(outcome.state()).isIn("STOPPED", "COMPLETED");
                assertThat(outcome.error()).isNull();
                assertThat(summary.pipelines().get(1).state()).isEqualTo("STOPPED");
            } else {
                assertThat(outcome.state()).isEqualTo("ABORTED");
                assertThat(outcome.error()).as("a bystander of a forced stop is not failed").isNull();
                String label = switch (stage) {
                    case SOURCE -> "source";
                    case PROCESSOR -> "processors[0]";
                    case SINK -> "sink";
                };
                assertThat(outcome.stuck()).as("the forced-stop report names the stuck stage")
                        .anySatisfy(line -> assertThat(line).contains("stage " + label + " (")
                                .contains("inside " + hook.name().toLowerCase(java.util.Locale.ROOT) + "()"));
            }
            for (Probe probe : List.of(numbers.probe, keepEven.probe, memory.probe)) {
                boolean createdFine = probe.loaders.containsKey(Hook.CREATE)
                        && !(probe == blocked && hook == Hook.CREATE && stop == Stop.FORCED);
                if (createdFine) {
                    assertThat(probe.loaders).as("closed after " + stop + " at " + stage + " " + hook)
                            .containsKey(Hook.CLOSE);
                }
            }
        } finally {
            release.countDown();
            runtime.forceStop("cleanup");
            runtime.awaitTermination(10, TimeUnit.SECONDS);
            runtime.close();
        }
    }

    @ParameterizedTest(name = "{0} before start")
    @MethodSource("stops")
    @Timeout(30)
    void aPipelineStoppedBeforeItStartedCreatesNothing(Stop stop) throws Exception {
        NumbersFactory numbers = new NumbersFactory();
        MemorySinkFactory memory = new MemorySinkFactory();
        TestCatalog catalog = new TestCatalog().plugin("gen", numbers).plugin("mem", memory);
        PipelineRuntime runtime = new PipelineRuntime(List.of(PipelineRuntimeTest.pipeline("late",
                Map.of("count", 100L), List.of(), 10, 0, 100)), catalog, new CheckpointStore(home.resolve("state")),
                home, PipelineRuntimeTest.LOGGERS);
        if (stop == Stop.GRACEFUL) {
            runtime.requestStop();
        } else {
            runtime.forceStop("before start");
        }
        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.pipelines().get(0).state()).isEqualTo(stop == Stop.GRACEFUL ? "STOPPED" : "ABORTED");
        assertThat(numbers.probe.loaders).doesNotContainKey(Hook.CREATE);
        assertThat(memory.probe.loaders).doesNotContainKey(Hook.CREATE);
        assertThat(runtime.runs().get(0).threads()).allMatch(t -> t.getState() == Thread.State.NEW);
        runtime.close();
    }

    static Stream<Stop> stops() {
        return Stream.of(Stop.values());
    }
}
