package dev.patchbay.host.pipeline;

import static dev.patchbay.host.pipeline.FaultyPluginCorpus.pipeline;
import static dev.patchbay.host.pipeline.FaultyPluginCorpus.stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faulty-plugin corpus, records a stage rejects: under {@code "errors": {"tolerance": "all"}} with a
 * dead-letter stage, exactly the rejected records reach {@code out/dead.txt} with where and why they failed,
 * the others reach the sink, and the pipeline completes; without tolerance, or past {@code maxFailures} or
 * {@code maxFailureRatio}, it fails naming the stage's plugin and the bound.
 */
class FaultyPluginDeadLettersTest {

    private static final String DEAD_LETTER = "\"deadLetter\": " + stage("basics/lines", "\"path\": \"out/dead.txt\"");
    /** The faulty sink refuses the records 1201 to 1205: the batch holding them fails, then each of them alone. */
    private static final String REFUSING_SINK = "\"call\": \"write\", \"mode\": \"refuse\", \"n\": 1201";

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

    private static String rejecting(long every) {
        return "\"call\": \"process\", \"mode\": \"reject\", \"n\": " + every;
    }

    private static List<Long> numbers(LongPredicate which) {
        return LongStream.rangeClosed(1, 2000).filter(which).boxed().toList();
    }

    @Test
    void aSinkFailingOnOneBatchSendsExactlyItsBadRecordsToTheDeadLetterStageAndCompletes() throws Exception {
        Instant before = Instant.now();
        FaultyPluginCorpus.Run run = corpus.run(pipeline("", "", REFUSING_SINK,
                "\"errors\": {\"tolerance\": \"all\", " + DEAD_LETTER + "}"));

        run.assertHealthyCompleted();
        assertThat(run.pipeline("faulty").get("state").asText()).as(run.out).isEqualTo("COMPLETED");
        assertThat(run.exit).isZero();
        assertThat(run.numbers("out/faulty.txt")).containsExactlyElementsOf(numbers(n -> n < 1201 || n > 1205));
        List<Map<String, String>> dead = run.records("out/dead.txt");
        assertThat(dead).extracting(letter -> letter.get("record"))
                .containsExactly("{n=1201}", "{n=1202}", "{n=1203}", "{n=1204}", "{n=1205}");
        for (Map<String, String> letter : dead) {
            long n = Long.parseLong(letter.get("record").replaceAll("\\D", ""));
            assertThat(letter).containsKeys("record", "pipeline", "stage", "use", "plugin", "pluginVersion",
                    "exception", "message", "sourcePosition", "timestamp", "location", "input")
                    .containsEntry("pipeline", "faulty").containsEntry("stage", "sink")
                    .containsEntry("use", "faulty/sink").containsEntry("plugin", "faulty")
                    .containsEntry("pluginVersion", FaultyPlugins.FAULTY_VERSION)
                    .containsEntry("exception", "java.io.IOException")
                    .containsEntry("message", "cannot write record " + n);
            assertDeadLetterTimeAndPosition(letter, n, before);
        }
        assertThat(run.pipeline("faulty").get("rejectedRecords").asLong()).isEqualTo(5);
    }

    /**
     * Resuming from its source position reads the record again (the first poll's records were read before the
     * source reported any position); it was rejected during the run.
     */
    private static void assertDeadLetterTimeAndPosition(Map<String, String> letter, long n, Instant before) {
        if (n <= 100) {
            assertThat(letter).containsEntry("sourcePosition", "null");
        } else {
            assertThat(Long.parseLong(letter.get("sourcePosition"))).isBetween(1L, n);
        }
        assertThat(Instant.parse(letter.get("timestamp"))).isBetween(before, Instant.now());
    }

    @Test
    void aSinkFailingOnOneBatchWithoutToleranceFailsNamingTheSinksPlugin() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline("", "", REFUSING_SINK, ""));

        run.assertHealthyCompleted();
        run.assertFaultyFailed("sink", "failed in write(): java.io.IOException: cannot write record 1201",
                "fix what the message names and run again");
        assertThat(run.records("out/dead.txt")).isEmpty();
    }

    @Test
    void aProcessorRejectingEveryTenthRecordSendsExactlyThoseToTheDeadLetterStage() throws Exception {
        Instant before = Instant.now();
        // A tenth is exactly the default maxFailureRatio; the bound has its own case below.
        FaultyPluginCorpus.Run run = corpus.run(pipeline("", rejecting(10), "",
                "\"errors\": {\"tolerance\": \"all\", \"maxFailureRatio\": 0.2, " + DEAD_LETTER + "}"));

        run.assertHealthyCompleted();
        assertThat(run.pipeline("faulty").get("state").asText()).as(run.out).isEqualTo("COMPLETED");
        assertThat(run.numbers("out/faulty.txt")).containsExactlyElementsOf(numbers(n -> n % 10 != 0));
        List<Map<String, String>> dead = run.records("out/dead.txt");
        assertThat(dead).extracting(letter -> letter.get("record"))
                .containsExactlyElementsOf(numbers(n -> n % 10 == 0).stream().map(n -> "{n=" + n + "}").toList());
        for (Map<String, String> letter : dead) {
            long n = Long.parseLong(letter.get("record").replaceAll("\\D", ""));
            assertThat(letter).containsEntry("stage", "processors[0]").containsEntry("use", "faulty/processor")
                    .containsEntry("plugin", "faulty").containsEntry("pluginVersion", FaultyPlugins.FAULTY_VERSION)
                    .containsEntry("exception", "dev.patchbay.api.ExtensionException")
                    .containsEntry("message", "processor: rejects record " + n);
            assertDeadLetterTimeAndPosition(letter, n, before);
        }
        assertThat(run.pipeline("faulty").get("rejectedRecords").asLong()).isEqualTo(200);
    }

    @Test
    void aProcessorRejectingPastMaxFailuresFailsNamingTheBound() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline("", rejecting(10), "",
                "\"errors\": {\"tolerance\": \"all\", \"maxFailures\": 3, " + DEAD_LETTER + "}"));

        run.assertHealthyCompleted();
        run.assertFaultyFailed("processors[0]", "rejected 4 records, more than errors.maxFailures 3",
                "processor: rejects record 40", "raise errors.maxFailures");
    }

    @Test
    void aProcessorRejectingEveryRecordFailsByTheDefaultMaxFailureRatio() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline("", rejecting(1), "",
                "\"errors\": {\"tolerance\": \"all\", " + DEAD_LETTER + "}"));

        run.assertHealthyCompleted();
        run.assertFaultyFailed("processors[0]", "more than errors.maxFailureRatio 0.1",
                "raise errors.maxFailureRatio");
    }
}
