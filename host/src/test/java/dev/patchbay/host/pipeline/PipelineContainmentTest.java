package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.TestStages.Hook;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineContainmentTest {

    @TempDir
    Path home;

    private static final Map<Hook, String> STAGE_OF = Map.of(Hook.CREATE, "source", Hook.POLL, "source",
            Hook.PROCESS, "processors[0]", Hook.WRITE, "sink", Hook.FLUSH, "sink", Hook.CLOSE, "sink");
    private static final Map<Hook, String> PLUGIN_OF = Map.of(Hook.CREATE, "bad-gen", Hook.POLL, "bad-gen",
            Hook.PROCESS, "bad-proc", Hook.WRITE, "bad-mem", Hook.FLUSH, "bad-mem", Hook.CLOSE, "bad-mem");

    static Stream<Arguments> failures() {
        List<Supplier<Throwable>> throwables = List.of(
                () -> new IllegalStateException("plugin bug"),
                () -> new NoClassDefFoundError("com/example/Missing"),
                () -> new ExceptionInInitializerError("static init failed"),
                () -> new StackOverflowError("deep recursion"));
        return Stream.of(Hook.values()).flatMap(hook -> throwables.stream()
                .map(t -> Arguments.of(hook, t.get().getClass().getSimpleName(), t)));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("failures")
    void aThrowingPluginStopsOnlyItsPipelineWithAMessageNamingPipelineStagePluginAndCause(Hook hook, String type,
            Supplier<Throwable> throwable) throws Exception {
        NumbersFactory badSource = new NumbersFactory();
        KeepEvenFactory badProcessor = new KeepEvenFactory();
        MemorySinkFactory badSink = new MemorySinkFactory();
        TestStages.Probe probe = switch (hook) {
            case CREATE, POLL -> badSource.probe;
            case PROCESS -> badProcessor.probe;
            default -> badSink.probe;
        };
        probe.failAt = hook;
        probe.thrower = () -> sneakyThrow(throwable.get());
        MemorySinkFactory goodSink = new MemorySinkFactory();
        TestCatalog catalog = new TestCatalog().plugin("bad-gen", badSource).plugin("bad-proc", badProcessor)
                .plugin("bad-mem", badSink).plugin("gen", new NumbersFactory()).plugin("proc", new KeepEvenFactory())
                .plugin("mem", goodSink);
        PipelineConfig failing = config("failing", "bad-gen", "bad-proc", "bad-mem");
        PipelineConfig healthy = config("healthy", "gen", "proc", "mem");
        PipelineRuntime runtime = new PipelineRuntime(List.of(failing, healthy), catalog,
                new CheckpointStore(home.resolve("state")), home, (p, s) -> System.getLogger(p));

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isEqualTo(1);
        RunSummary.PipelineSummary bad = summary.pipelines().get(0);
        assertThat(bad.state()).isEqualTo("FAILED");
        assertThat(bad.error()).contains("pipeline 'failing'", "stage " + STAGE_OF.get(hook),
                "plugin '" + PLUGIN_OF.get(hook) + "'", type);
        Throwable failure = runtime.runs().get(0).failure().orElseThrow();
        assertThat(failure).isInstanceOf(StageFailure.class).cause().isInstanceOf(throwable.get().getClass());
        RunSummary.PipelineSummary good = summary.pipelines().get(1);
        assertThat(good.state()).isEqualTo("COMPLETED");
        assertThat(goodSink.durable).hasSize(500);
        assertThat(runtime.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFatalJvmErrorInPluginCodeFailsThePipelineNamingThePluginAndExitsThree() throws Exception {
        KeepEvenFactory processor = new KeepEvenFactory();
        processor.probe.failAt = Hook.PROCESS;
        processor.probe.thrower = () -> {
            throw new OutOfMemoryError("simulated");
        };
        TestCatalog catalog = new TestCatalog().plugin("gen", new NumbersFactory()).plugin("proc", processor)
                .plugin("mem", new MemorySinkFactory());
        PipelineRuntime runtime = new PipelineRuntime(List.of(config("oom", "gen", "proc", "mem")), catalog,
                new CheckpointStore(home.resolve("state")), home, (p, s) -> System.getLogger(p));
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        try {
            runtime.start();
            RunSummary summary = runtime.awaitCompletion();
            assertThat(runtime.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_FATAL);
            StageFailure failure = (StageFailure) runtime.runs().get(0).failure().orElseThrow();
            assertThat(failure.fatal()).isTrue();
            assertThat(failure).hasCauseInstanceOf(OutOfMemoryError.class)
                    .hasMessageContaining("stage processors[0] (proc/keep-even, plugin 'proc'")
                    .hasMessageContaining("exits with code 3");
            assertThat(summary.pipelines().get(0).fatal()).isTrue();
            assertThat(uncaught).isEmpty();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    private static PipelineConfig config(String name, String gen, String proc, String mem) {
        String path = "$.pipelines." + name;
        return new PipelineConfig(name, new StageConfig(gen + "/numbers", Map.of("count", 1000L), path + ".source"),
                List.of(new StageConfig(proc + "/keep-even", Map.of(), path + ".processors[0]")),
                new StageConfig(mem + "/memory", Map.of(), path + ".sink"), 50, 0, 128, path);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable throwable) throws T {
        throw (T) throwable;
    }

    @AfterEach
    void noPipelineThreadOutlivesItsTest() {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("pipeline-")
                && t.isAlive());
    }
}
