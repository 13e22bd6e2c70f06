package dev.patchbay.host.pipeline;

import static dev.patchbay.host.pipeline.PipelineRuntimeTest.LOGGERS;
import static dev.patchbay.host.pipeline.PipelineRuntimeTest.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands on one pipeline, the seam the admin API's {@code /pause}, {@code /resume}, {@code /stop} and
 * {@code /restart} use: a pause stops the source polling while what it read drains and is committed (PAUSED), a
 * resume or a stop ends it; a stop ends one pipeline and not the others; a restart resumes from the checkpoint
 * with nothing lost or repeated.
 */
class PipelinePauseTest {

    @TempDir
    Path home;

    private final NumbersFactory paused = new NumbersFactory();
    /** A second, idle pipeline whose polls mark time passing without a sleep. */
    private final NumbersFactory clock = new NumbersFactory();
    private final MemorySinkFactory sink = new MemorySinkFactory();
    private PipelineRuntime runtime;

    private PipelineRuntime start() {
        TestCatalog withClock = new TestCatalog().plugin("gen", paused).plugin("tick", clock)
                .plugin("mem", sink);
        PipelineConfig orders = pipeline("orders", Map.of("count", 5000L, "continuous", true), List.of(), 100, 0, 64);
        PipelineConfig idle = new PipelineConfig("idle", new StageConfig("tick/numbers",
                Map.of("count", 0L, "continuous", true), "$.pipelines.idle.source"), List.of(),
                new StageConfig("mem/memory", Map.of(), "$.pipelines.idle.sink"), 100, 0, 64, "$.pipelines.idle");
        runtime = new PipelineRuntime(List.of(orders, idle), withClock, new CheckpointStore(home.resolve("state")),
                home, LOGGERS);
        runtime.start();
        return runtime;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (runtime != null) {
            runtime.requestStop();
            runtime.awaitCompletion();
            runtime.awaitTermination(10, TimeUnit.SECONDS);
            runtime.close();
        }
    }

    private RunSummary.PipelineSummary orders() {
        return runtime.summary().pipelines().stream().filter(p -> p.name().equals("orders")).findFirst()
                .orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aPausedSourceStopsPollingAndWhatItReadIsCommittedThenResumeReadsOn() throws Exception {
        start();
        await("the source to poll", () -> paused.polls.get() > 0);

        runtime.pause("orders");

        await("what was read to be committed while paused", () -> {
            RunSummary.PipelineSummary now = orders();
            return now.state().equals("PAUSED") && String.valueOf(now.stages().get(0).out())
                    .equals(now.committedPosition());
        });
        int pollsWhenPaused = paused.polls.get();
        int ticks = clock.polls.get();
        await("twenty polls of the other pipeline", () -> clock.polls.get() >= ticks + 20);
        assertThat(paused.polls.get()).as("at most the poll that was running when the gate closed")
                .isBetween(pollsWhenPaused, pollsWhenPaused + 1);

        runtime.resume("orders");

        await("the source to poll again", () -> paused.polls.get() > pollsWhenPaused + 1);
        await("every record to be committed", () -> "5000".equals(orders().committedPosition()));
        assertThat(orders().state()).isEqualTo("RUNNING");
    }

    @Test
    void aPausedPipelineStillStopsGracefullyAndPromptly() throws Exception {
        start();
        runtime.pause("orders");
        await("the pause", () -> orders().state().equals("PAUSED"));

        runtime.requestStop();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.pipelines()).extracting(RunSummary.PipelineSummary::state).containsOnly("STOPPED");
        assertThat(summary.exitCode()).isZero();
        runtime.awaitTermination(10, TimeUnit.SECONDS);
        runtime.close();
        runtime = null;
    }

    @Test
    void commandsTheStateDoesNotAllowAreRefusedSayingWhy() throws Exception {
        start();

        assertThatThrownBy(() -> runtime.resume("orders")).isInstanceOf(PipelineStateException.class)
                .hasMessage("pipeline 'orders' is not paused, so it cannot be resumed");
        runtime.pause("orders");
        assertThatThrownBy(() -> runtime.pause("orders")).isInstanceOf(PipelineStateException.class)
                .hasMessage("pipeline 'orders' is already paused; resume it to read on");
        assertThatThrownBy(() -> runtime.pause("order")).isInstanceOf(NoSuchPipelineException.class)
                .hasMessageStartingWith("no pipeline 'order'; did you mean 'orders'?")
                .hasMessageEndingWith("the pipelines are [orders, idle]");

        runtime.requestStop();
        runtime.awaitCompletion();
        assertThatThrownBy(() -> runtime.resume("orders")).isInstanceOf(PipelineStateException.class)
                .hasMessage("pipeline 'orders' has ended (STOPPED), so it cannot resume");
    }

    @Test
    void aStopEndsOnePipelineAndTheOthersRunOn() throws Exception {
        start();
        await("the records to be committed", () -> "5000".equals(orders().committedPosition()));

        runtime.stop("orders");

        await("orders to stop", () -> orders().state().equals("STOPPED"));
        int ticks = clock.polls.get();
        await("the idle pipeline to poll on", () -> clock.polls.get() >= ticks + 5);
        assertThat(runtime.summary().pipelines()).extracting(RunSummary.PipelineSummary::state)
                .containsExactly("STOPPED", "RUNNING");
        assertThatThrownBy(() -> runtime.stop("orders")).isInstanceOf(PipelineStateException.class)
                .hasMessage("pipeline 'orders' has ended (STOPPED), so it cannot stop");
    }

    @Test
    void aRestartResumesFromTheCheckpointWithNothingLostOrRepeated() throws Exception {
        start();
        await("some records to be committed", () -> orders().committedPosition() != null);

        runtime.restart("orders");

        await("the second attempt", () -> paused.resumedFrom.size() == 2);
        assertThat(paused.resumedFrom.get(1)).as("resumed from its checkpoint").isPresent();
        await("every record to be committed", () -> "5000".equals(orders().committedPosition()));
        assertThat(orders().restarts()).isEqualTo(1);
        assertThat(orders().state()).isEqualTo("RUNNING");
        assertThat(sink.durable.stream().map(row -> (Long) row.get("n")).toList())
                .as("a graceful restart commits what it read first").hasSize(5000).doesNotHaveDuplicates();
    }
}
