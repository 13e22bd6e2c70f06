package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.config.Timeouts;
import dev.patchbay.host.pipeline.TestStages.Hook;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that overrun their deadline, and interrupts the host did not send: the stage fails naming its plugin
 * and call, the stuck thread is interrupted once, fenced and, if it never returns, abandoned; the healthy
 * pipeline beside it completes, and the run returns without a forced stop.
 */
class DeadlineAndInterruptTest {

    @TempDir
    Path home;

    private final NumbersFactory numbers = new NumbersFactory();
    private final KeepEvenFactory faulty = new KeepEvenFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();
    private final MemorySinkFactory healthySink = new MemorySinkFactory();
    private volatile boolean released;
    private PipelineRuntime runtime;

    @AfterEach
    void release() {
        released = true;
    }

    private RunSummary run(Timeouts timeouts) throws InterruptedException {
        TestCatalog catalog = new TestCatalog().plugin("gen", numbers).plugin("slow", faulty).plugin("mem", memory)
                .plugin("gen2", new NumbersFactory()).plugin("mem2", healthySink);
        PipelineConfig faultyPipeline = new PipelineConfig("faulty",
                new StageConfig("gen/numbers", Map.of("count", 1_000L), "$.pipelines.faulty.source"),
                List.of(new StageConfig("slow/keep-even", Map.of(), "$.pipelines.faulty.processors[0]")),
                new StageConfig("mem/memory", Map.of(), "$.pipelines.faulty.sink"), 10, 0, 100, "$.pipelines.faulty")
                .withTimeouts(timeouts);
        PipelineConfig healthy = new PipelineConfig("healthy",
                new StageConfig("gen2/numbers", Map.of("count", 5_000L), "$.pipelines.healthy.source"), List.of(),
                new StageConfig("mem2/memory", Map.of(), "$.pipelines.healthy.sink"), 100, 0, 500,
                "$.pipelines.healthy");
        runtime = new PipelineRuntime(List.of(faultyPipeline, healthy), catalog,
                new CheckpointStore(home.resolve("state")), home, PipelineRuntimeTest.LOGGERS);
        runtime.start();
        RunSummary summary = runtime.awaitCompletion();
        runtime.close();
        assertThat(summary.forced()).isEmpty();
        assertThat(summary.pipelines().get(1).state()).isEqualTo("COMPLETED");
        assertThat(healthySink.durable).hasSize(5_000);
        return summary;
    }

    @Test
    @Timeout(30)
    void theInterruptIdiomInAProcessorFailsItsPipelineNamingThePluginInsteadOfHanging() throws Exception {
        faulty.probe.failAt = Hook.PROCESS;
        faulty.probe.thrower = () -> Thread.currentThread().interrupt();

        RunSummary summary = run(Timeouts.DEFAULT);

        RunSummary.PipelineSummary failed = summary.pipelines().get(0);
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.error()).contains("stage processors[0] (slow/keep-even, plugin 'slow' 1.0.0)")
                .contains("process() returned with its thread's interrupt flag set, but the host did not interrupt it");
    }

    @Test
    @Timeout(30)
    void aBusyLoopPastCallMillisFailsItsPipelineWithTheStackAndIsAbandoned() throws Exception {
        faulty.probe.failAt = Hook.PROCESS;
        faulty.probe.thrower = this::spinUntilReleased;

        RunSummary summary = run(new Timeouts(200, 1_000, 200));

        RunSummary.PipelineSummary failed = summary.pipelines().get(0);
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.error()).contains("plugin 'slow' 1.0.0").contains(
                "did not return from process() within timeouts.callMillis 200 ms").contains("pipeline-faulty-process");
        assertThat(failed.abandoned()).singleElement().asString().contains("thread pipeline-faulty-process")
                .contains("plugin 'slow'").contains("class loader cannot be freed");
        Throwable stuck = runtime.runs().get(0).failure().orElseThrow().getCause();
        assertThat(stuck).isInstanceOf(StageCall.StuckCall.class);
        assertThat(Arrays.stream(stuck.getStackTrace()).map(StackTraceElement::getMethodName))
                .as("the stuck thread's stack").contains("spinUntilReleased");
        assertThat(memory.durable).isEmpty();
    }

    private void spinUntilReleased() {
        long spins = 0;
        while (!released) {
            spins++;
        }
        if (spins < 0) {
            throw new IllegalStateException();
        }
    }

    @Test
    @Timeout(30)
    void aCallThatReturnsAfterItsDeadlineIsFencedItsLateOutputDiscardedAndNothingCommitted() throws Exception {
        faulty.probe.failAt = Hook.PROCESS;
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        faulty.probe.thrower = () -> {
            if (!once.compareAndSet(false, true)) {
                return;
            }
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ignored) {
                    // The plugin ignores the interrupt and returns late, with output.
                }
            }
        };

        RunSummary summary = run(new Timeouts(200, 1_000, 5_000));

        RunSummary.PipelineSummary failed = summary.pipelines().get(0);
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.error()).contains("within timeouts.callMillis 200 ms");
        assertThat(failed.abandoned()).isEmpty();
        assertThat(memory.durable).as("late output of a fenced stage").isEmpty();
        assertThat(Files.exists(new CheckpointStore(home.resolve("state")).file("faulty"))).isFalse();
    }
}
