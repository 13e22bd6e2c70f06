package dev.patchbay.host.pipeline;

import static dev.patchbay.host.pipeline.FaultyPluginCorpus.pipeline;
import static dev.patchbay.host.pipeline.FaultyPluginCorpus.stage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input a stage skips by its own error policy and reports through {@code Emitter.reject}: the host counts it per
 * stage in the summary (text and JSON), writes it to the dead-letter stage when there is one, keeps the plugin's
 * own counters ({@code ExtensionContext.count}), and does not treat it as a failure.
 */
class FaultyPluginSkipsTest {

    private static final String DEAD_LETTER = "\"deadLetter\": " + stage("basics/lines", "\"path\": \"out/dead.txt\"");
    private static final String SOURCE_SKIPS = "\"call\": \"poll\", \"mode\": \"skip\", \"n\": 7";
    private static final String PROCESSOR_SKIPS = "\"call\": \"process\", \"mode\": \"skip\", \"n\": 9";

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

    private static List<Long> numbers(LongPredicate which) {
        return LongStream.rangeClosed(1, 2000).filter(which).boxed().toList();
    }

    private static JsonNode stageOf(FaultyPluginCorpus.Run run, String stage) {
        for (JsonNode node : run.pipeline("faulty").get("stages")) {
            if (node.get("stage").asText().equals(stage)) {
                return node;
            }
        }
        throw new AssertionError("no stage " + stage + " in " + run.out);
    }

    @Test
    void inputASourceSkipsIsCountedAndDeadLetteredWithWhereAndWhyButFailsNothing() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline(SOURCE_SKIPS, "", "", "\"errors\": {" + DEAD_LETTER + "}"));

        run.assertHealthyCompleted();
        assertThat(run.pipeline("faulty").get("state").asText()).as(run.out).isEqualTo("COMPLETED");
        assertThat(run.numbers("out/faulty.txt")).containsExactlyElementsOf(numbers(n -> n % 7 != 0));
        List<Map<String, String>> dead = run.records("out/dead.txt");
        assertThat(dead).extracting(letter -> letter.get("input"))
                .containsExactlyElementsOf(numbers(n -> n % 7 == 0).stream().map(String::valueOf).toList());
        for (Map<String, String> letter : dead) {
            String n = letter.get("input");
            assertThat(letter).containsEntry("record", "null").containsEntry("stage", "source")
                    .containsEntry("use", "faulty/source").containsEntry("plugin", "faulty")
                    .containsEntry("exception", "null")
                    .containsEntry("message", "number " + n + " is a multiple of 7")
                    .containsEntry("location", "numbers line " + n);
        }
        JsonNode source = stageOf(run, "source");
        assertThat(source.get("skipped").asLong()).as(run.out).isEqualTo(285);
        assertThat(source.get("counters").get("multiples").asLong()).isEqualTo(285);
        assertThat(run.pipeline("faulty").get("rejectedRecords").asLong()).isZero();
        assertThat(run.exit).isZero();
    }

    @Test
    void withoutADeadLetterStageSkippedInputIsStillCounted() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline(SOURCE_SKIPS, "", "", ""));

        assertThat(run.exit).as(run.out).isZero();
        JsonNode source = stageOf(run, "source");
        assertThat(source.get("out").asLong()).as(run.out).isEqualTo(1715);
        assertThat(source.get("skipped").asLong()).as(run.out).isEqualTo(285);
        assertThat(source.get("counters").get("multiples").asLong()).isEqualTo(285);
        assertThat(run.records("out/dead.txt")).isEmpty();
    }

    @Test
    void aRecordAProcessorSkipsIsDeadLetteredWithTheRecordAndCountedForThatProcessor() throws Exception {
        FaultyPluginCorpus.Run run = corpus.run(pipeline("", PROCESSOR_SKIPS, "", "\"errors\": {" + DEAD_LETTER + "}"));

        run.assertHealthyCompleted();
        assertThat(run.numbers("out/faulty.txt")).containsExactlyElementsOf(numbers(n -> n % 9 != 0));
        List<Map<String, String>> dead = run.records("out/dead.txt");
        assertThat(dead).extracting(letter -> letter.get("record"))
                .containsExactlyElementsOf(numbers(n -> n % 9 == 0).stream().map(n -> "{n=" + n + "}").toList());
        assertThat(dead).allSatisfy(letter -> assertThat(letter).containsEntry("stage", "processors[0]")
                .containsEntry("message", "skips multiples of 9").containsEntry("location", "")
                .containsEntry("input", ""));
        JsonNode processor = stageOf(run, "processors[0]");
        assertThat(processor.get("skipped").asLong()).isEqualTo(222);
        assertThat(processor.get("counters").get("skippedMultiples").asLong()).isEqualTo(222);
        assertThat(processor.get("failed").asLong()).isZero();
        assertThat(stageOf(run, "source").get("skipped").asLong()).isZero();
    }
}
