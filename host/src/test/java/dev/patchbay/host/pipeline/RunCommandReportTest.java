package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.api.Position;
import dev.patchbay.host.cli.RunCommand;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.TestStages.MemorySinkFactory;
import dev.patchbay.host.pipeline.TestStages.NumbersFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code run} reports: JSON that parses line by line, where it resumed, where the output went. */
class RunCommandReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final NumbersFactory numbers = new NumbersFactory();
    private final MemorySinkFactory memory = new MemorySinkFactory();
    private final TestCatalog catalog = new TestCatalog().plugin("gen", numbers).plugin("mem", memory);
    private final AtomicReference<Consumer<String>> handler = new AtomicReference<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private PatchbayConfig config(PipelineConfig... pipelines) {
        return new PatchbayConfig(home.resolve("config/patchbay.json"), home, home.resolve("plugins"), Set.of(),
                Set.of(), home.resolve("state"), "text", "INFO", 30, List.of(pipelines), ConfigLocations.none());
    }

    private int run(PatchbayConfig config, String... args) {
        RunCommand command = new RunCommand(() -> config, c -> catalog, (p, s) -> System.getLogger(p),
                (signals, h) -> {
                    handler.set(h);
                    return () -> { };
                });
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private static PipelineConfig numbers(String name, Map<String, Object> source) {
        return PipelineRuntimeTest.pipeline(name, source, List.of(), 10, 0, 100);
    }

    private List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void underJsonEveryLineOfStandardOutputIsAJsonEventWithTheSchemaVersionAndProgressHasNoExitCode()
            throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(config(numbers("watch",
                Map.of("count", 10L, "continuous", true))), "--json", "--progress", "1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("\"event\":\"progress\"")) {
            assertThat(System.nanoTime()).as("a progress event within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }

        handler.get().accept("SIGTERM");

        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        List<JsonNode> events = jsonLines();
        assertThat(events).allSatisfy(event -> assertThat(event.get("schemaVersion").asInt()).isEqualTo(1));
        assertThat(events.subList(0, events.size() - 1)).isNotEmpty().allSatisfy(progress -> {
            assertThat(progress.get("event").asText()).isEqualTo("progress");
            assertThat(progress.has("exitCode")).isFalse();
            assertThat(progress.get("pipelines").get(0).get("stages").get(0).has("currentRecordsPerSecond")).isTrue();
        });
        JsonNode summary = events.get(events.size() - 1);
        assertThat(summary.get("event").asText()).isEqualTo("summary");
        assertThat(summary.get("exitCode").asInt()).isZero();
    }

    @Test
    void aResumedRunSaysFromWhichCheckpointAndPositionInTextAndJson() throws Exception {
        new CheckpointStore(home.resolve("state")).commit("demo", new Position("40"), 40);
        PatchbayConfig config = config(numbers("demo", Map.of("count", 100L)));

        int exit = run(config);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("resumed: pipeline 'demo' from checkpoint '40' ("
                + Path.of("state", "demo.json") + ")" + System.lineSeparator());
        assertThat(memory.durable).hasSize(60);

        out.getBuffer().setLength(0);
        assertThat(run(config, "--json")).isZero();
        JsonNode pipeline = JSON.readTree(out.toString().strip()).get("pipelines").get(0);
        assertThat(pipeline.get("resumedFrom").get("position").asText()).isEqualTo("100");
        assertThat(pipeline.get("resumedFrom").get("checkpoint").asText())
                .isEqualTo(home.resolve("state/demo.json").toString());
    }

    @Test
    void aFreshRunNamesEachSinkAndItsSettingsAsWhereTheOutputWent() throws IOException {
        int exit = run(config(numbers("demo", Map.of("count", 10L))));

        assertThat(exit).isZero();
        assertThat(out.toString()).doesNotContain("resumed:")
                .contains("output: pipeline 'demo' sink mem/memory: settings {}" + System.lineSeparator());
        out.getBuffer().setLength(0);
        run(config(numbers("other", Map.of("count", 10L))), "--json");
        JsonNode pipeline = jsonLines().get(0).get("pipelines").get(0);
        assertThat(pipeline.get("resumedFrom").isNull()).isTrue();
        assertThat(pipeline.get("outputs").toString())
                .isEqualTo("[{\"stage\":\"sink\",\"use\":\"mem/memory\",\"paths\":[]}]");
    }

    @Test
    void underJsonAConsoleSinkThatAsksForStandardOutputIsRefusedBeforeAnythingStarts() {
        PipelineConfig numbers = numbers("preview", Map.of("count", 10L));
        PipelineConfig preview = new PipelineConfig("preview", numbers.source(), List.of(),
                new StageConfig("console/print", Map.of("stream", "stdout"), "$.pipelines.preview.sink"), 10, 0, 100,
                "$.pipelines.preview");

        int exit = run(config(preview), "--json");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("$.pipelines.preview.sink.settings.stream", "pipeline 'preview': sink "
                + "console/print prints to standard output (\"stream\": \"stdout\"), which `run --json` keeps for its "
                + "JSON documents");
        assertThat(numbers.source().use()).isEqualTo("gen/numbers");
        assertThat(memory.durable).isEmpty();
    }

    @Test
    void aSignalAfterTheRunEndedChangesNeitherTheExitCodeNorTheOutput() {
        int exit = run(config(numbers("demo", Map.of("count", 10L))));
        String printed = out.toString();

        handler.get().accept("SIGINT");

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(printed);
        assertThat(err.toString()).contains("received SIGINT after the run ended; it exits with code 0 as reported")
                .doesNotContain("forcing");
    }
}
