package dev.patchbay.host.pipeline;

import static dev.patchbay.host.pipeline.FaultyPluginCorpus.pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faulty-plugin corpus, supervision: a source that fails once is restarted from its checkpoint and
 * delivers every record at least once; {@code maxRecordsPerSecond} holds the source back.
 */
class FaultyPluginRestartAndRateTest {

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
    void aSourceFailingOnceIsRestartedAndEveryRecordReachesTheSink() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline("\"call\": \"poll\", \"mode\": \"fail-once\", \"n\": 1000",
                "", "", "\"restart\": {\"policy\": \"on-failure\", \"maxRestarts\": 2, \"initialBackoffMillis\": 50, "
                        + "\"maxBackoffMillis\": 100}"));

        run.assertHealthyCompleted();
        assertThat(run.pipeline("faulty").get("state").asText()).as(run.out).isEqualTo("COMPLETED");
        assertThat(run.exit).isZero();
        assertThat(run.pipeline("faulty").get("restarts").asInt()).isEqualTo(1);
        assertThat(run.error("faulty")).contains("plugin 'faulty' " + FaultyPlugins.FAULTY_VERSION,
                "faulty poll() fails once, after record 1000");
        // At least once: a record read again after the restart may be written twice, but none is missing.
        assertThat(run.numbers("out/faulty.txt")).containsAll(LongStream.rangeClosed(1, 2000).boxed().toList())
                .allMatch(n -> n >= 1 && n <= 2000);
    }

    @Test
    void maxRecordsPerSecondHoldsTheSourceBack() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline("\"to\": 1000", "", "", "\"maxRecordsPerSecond\": 2000"));

        run.assertHealthyCompleted();
        assertThat(run.pipeline("faulty").get("state").asText()).as(run.out).isEqualTo("COMPLETED");
        assertThat(run.numbers("out/faulty.txt")).containsExactlyElementsOf(
                LongStream.rangeClosed(1, 1000).boxed().toList());
        // 1000 records at 2000 a second take half a second; only a lower bound holds on a loaded machine.
        assertThat(run.pipeline("faulty").get("elapsedMillis").asLong()).isGreaterThanOrEqualTo(400);
        assertThat(run.pipeline("faulty").get("throttledMillis").asLong()).isPositive();
    }
}
