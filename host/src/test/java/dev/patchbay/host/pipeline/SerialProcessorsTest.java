package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.ParallelStages.SerialFactory;
import dev.patchbay.host.pipeline.TestStages.KeepEvenFactory;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A processor whose factory declares {@code @Sequential} puts the chain on one worker. */
class SerialProcessorsTest {

    private static final String EXPECTED = "pipeline 'tally' sets \"parallelism\": 4, but processors[1] "
            + "\"stateful/count-serial\" (plugin 'stateful' 1.0.0) declares @Sequential: each of its "
            + "instances must see every record";

    @TempDir
    Path home;

    private final SerialFactory serial = new SerialFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();

    private TestCatalog catalog() {
        return new TestCatalog().plugin("gen", new NumbersFactory()).plugin("proc", new KeepEvenFactory())
                .plugin("stateful", serial).plugin("mem", memory);
    }

    private static PipelineConfig tally(int parallelism) {
        String path = "$.pipelines.tally";
        return new PipelineConfig("tally", new StageConfig("gen/numbers", Map.of("count", 5_000L), path + ".source"),
                List.of(new StageConfig("proc/keep-even", Map.of(), path + ".processors[0]"),
                        new StageConfig("stateful/count-serial", Map.of(), path + ".processors[1]")),
                new StageConfig("mem/memory", Map.of(), path + ".sink"), 100, 5, 512, path)
                .withParallelism(parallelism);
    }

    private static List<LoadedExtension> processors(TestCatalog catalog) {
        return List.of(catalog.extension("proc", ExtensionKind.PROCESSOR, "keep-even").orElseThrow(),
                catalog.extension("stateful", ExtensionKind.PROCESSOR, "count-serial").orElseThrow());
    }

    @ParameterizedTest(name = "{0} cores")
    @CsvSource({"1", "2", "16", "64"})
    void withParallelismAbsentTheChainRunsOnOneWorkerAndSaysWhy(int cores) {
        Parallelism chosen = Parallelism.of(tally(PipelineConfig.AUTO_PARALLELISM), processors(catalog()), cores);

        assertThat(chosen.workers()).isEqualTo(1);
        assertThat(chosen.serial()).isTrue();
        assertThat(chosen.note()).isEqualTo("1 worker: processors[1] \"stateful/count-serial\" (plugin 'stateful' "
                + "1.0.0) declares @Sequential");
    }

    @ParameterizedTest(name = "{0} cores")
    @CsvSource({"1, 1", "2, 1", "3, 1", "4, 2", "8, 6", "16, 8", "64, 8"})
    void withParallelismAbsentTheWorkersArePickedFromTheCores(int cores, int workers) {
        TestCatalog catalog = catalog();
        PipelineConfig plain = tally(PipelineConfig.AUTO_PARALLELISM);
        Parallelism chosen = Parallelism.of(plain, processors(catalog).subList(0, 1), cores);

        assertThat(chosen.workers()).isEqualTo(workers);
        assertThat(chosen.serial()).isFalse();
    }

    @Test
    void anExplicitParallelismAboveOneIsRefusedNamingThePipelineTheProcessorItsPluginAndTheFix() {
        assertThatThrownBy(() -> Parallelism.of(tally(4), processors(catalog()), 8))
                .isInstanceOf(PluginUnavailableException.class).hasMessage(EXPECTED + "; " + Parallelism.SERIAL_FIX);
        assertThat(Parallelism.of(tally(1), processors(catalog()), 8).workers()).isEqualTo(1);
    }

    @Test
    void theValidatorReportsTheSameAtTheParallelismKey() {
        List<ConfigError> errors = new PipelineValidator().validate(tally(4), catalog(), ConfigLocations.none());

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("$.pipelines.tally.parallelism");
            assertThat(error.message()).isEqualTo(EXPECTED);
            assertThat(error.fix()).isEqualTo("remove \"parallelism\" or set it to 1 to run the processors on one "
                    + "worker, or use a processor that allows parallel workers");
        });
        assertThat(new PipelineValidator().validate(tally(1), catalog(), ConfigLocations.none())).isEmpty();
        assertThat(new PipelineValidator().validate(tally(PipelineConfig.AUTO_PARALLELISM), catalog(),
                ConfigLocations.none())).isEmpty();
    }

    @Test
    @Timeout(60)
    void aRunWithParallelismAbsentUsesOneProcessThreadAndOneInstance() throws Exception {
        PipelineRuntime runtime = new PipelineRuntime(List.of(tally(PipelineConfig.AUTO_PARALLELISM)), catalog(),
                new CheckpointStore(home.resolve("state")), home, PipelineRuntimeTest.LOGGERS);

        runtime.start();
        RunSummary summary = runtime.awaitCompletion();

        assertThat(summary.exitCode()).isZero();
        assertThat(runtime.runs().get(0).parallelism().serial()).isTrue();
        assertThat(serial.instances).singleElement().satisfies(instance ->
                assertThat(instance.threads).containsExactly("pipeline-tally-process"));
        assertThat(memory.durable).hasSize(2_500);
        assertThat(runtime.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        runtime.close();
    }
}
