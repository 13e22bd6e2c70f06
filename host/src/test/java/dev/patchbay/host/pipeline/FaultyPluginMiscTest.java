package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.PluginThread;
import dev.patchbay.host.plugin.Problem;
import dev.patchbay.host.plugin.ProblemCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The faulty-plugin corpus, the rest: a slow processor within its deadline completes; a thread leaked from
 * {@code create()} is reported with its plugin after the run; a plugin that would end the JVM is refused at
 * discovery (PB-PLUGIN-019) while the healthy pipeline beside it completes.
 */
class FaultyPluginMiscTest {

    @TempDir
    static Path shared;

    private static FaultyPluginCorpus corpus;

    @BeforeAll
    static void buildPlugins() throws Exception {
        corpus = new FaultyPluginCorpus(shared);
    }

    @AfterEach
    void cleanUp() throws Exception {
        corpus.cleanUp();
    }

    @Test
    void aProcessorSleeping50MillisecondsPerChunkCompletesWithFullOutput() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(FaultyPluginCorpus.faulty("processor", "process", "slow"));

        run.assertHealthyCompleted();
        assertThat(run.pipeline("faulty").get("state").asText()).as(run.out).isEqualTo("COMPLETED");
        assertThat(run.exit).isZero();
        assertThat(run.numbers("out/faulty.txt")).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 2000).boxed().toList());
    }

    @Test
    void aThreadLeakedFromCreateIsReportedWithItsPluginAfterTheRun() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(FaultyPluginCorpus.faulty("processor", "create", "leak"));

        run.assertHealthyCompleted();
        assertThat(run.pipeline("faulty").get("state").asText()).as(run.out).isEqualTo("COMPLETED");
        assertThat(run.numbers("out/faulty.txt")).hasSize(2000);
        List<PluginThread> left = run.platform.threadsLeft();
        assertThat(left).extracting(PluginThread::threadName, PluginThread::pluginId)
                .containsExactly(tuple("faulty-leaked", "faulty"));
        assertThat(left.get(0).topFrame()).startsWith("com.example.faulty.FaultyProcessor.lambda$");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"exits, java.lang.System.exit", "halts, java.lang.Runtime.halt"})
    void aPluginThatWouldEndTheJvmIsRefusedAtDiscoveryWhileTheHealthyPipelineCompletes(String id, String call)
            throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(null);

        run.assertHealthyCompleted();
        assertThat(run.exit).isZero();
        PluginInfo refused = run.platform.plugin(id).orElseThrow();
        assertThat(refused.state()).isEqualTo(PluginState.FAILED);
        assertThat(refused.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.EXIT_CALL);
            assertThat(problem.message()).contains("plugin '" + id + "'", call, "\"allowExit\": [\"" + id + "\"]");
        });
        // A pipeline using it cannot even validate (the platform is closed by now, hence the other stages' errors).
        String path = "$.pipelines.ending";
        PipelineConfig ending = new PipelineConfig("ending", new StageConfig("basics/count", Map.of("to", 10L),
                path + ".source"), List.of(new StageConfig(id + "/" + id, Map.of(), path + ".processors[0]")),
                new StageConfig("basics/lines", Map.of("path", "out/ending.txt"), path + ".sink"), 10, 0, 10, path);
        assertThat(new PipelineValidator().validate(ending, run.platform, ConfigLocations.none()))
                .filteredOn(error -> error.path().equals(path + ".processors[0].use")).singleElement().asString()
                .contains("\"" + id + "/" + id + "\" failed to load: PB-PLUGIN-019");
        assertThat(run.platform.plugins()).filteredOn(p -> p.state() == PluginState.FAILED)
                .extracting(PluginInfo::id).containsExactlyInAnyOrder("exits", "halts");
        assertThat(refused.problems()).extracting(Problem::code).containsOnly(ProblemCode.EXIT_CALL);
    }
}
