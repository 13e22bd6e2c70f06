package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.ErrorPolicy;
import dev.patchbay.host.config.Location;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.RestartPolicy;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.config.Timeouts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Under {@code run --json}, {@code console/print} never writes to standard output. */
class JsonStdoutTest {

    private static final String PATH = "$.pipelines.preview";

    private static Map<String, Object> settings(String stream) {
        Map<String, Object> settings = new HashMap<>(Map.of("format", "table"));
        if (!stream.isEmpty()) {
            settings.put("stream", stream);
        }
        return settings;
    }

    private static PipelineConfig pipeline(String sinkUse, String stream, String deadLetterUse) {
        StageConfig source = new StageConfig("files/csv-source", Map.of(), PATH + ".source");
        StageConfig sink = new StageConfig(sinkUse, settings(stream), PATH + ".sink");
        ErrorPolicy errors = new ErrorPolicy(ErrorPolicy.Tolerance.ALL, Optional.of(new StageConfig(deadLetterUse,
                settings(stream), PATH + ".errors.deadLetter")), 10, 0.5);
        return new PipelineConfig("preview", source, List.of(), sink, 500, 200, 1024, Timeouts.DEFAULT, errors,
                RestartPolicy.DEFAULT, 0, PATH);
    }

    @ParameterizedTest(name = "{0} with stream \"{1}\": runs with stream \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        "console/print    |         | stderr",
        "console/print    | stderr  | stderr",
        "files/jsonl-sink |         | ",
        "files/jsonl-sink | stdout  | stdout",
    })
    void aConsoleSinkWithoutAStreamPrintsToStandardErrorAndOtherSinksAreUntouched(String use, String stream,
            String expected) {
        PipelineConfig pipeline = pipeline(use, stream == null ? "" : stream, use);

        JsonStdout.Result result = JsonStdout.reserve(List.of(pipeline), ConfigLocations.none());

        assertThat(result.errors()).isEmpty();
        PipelineConfig runs = result.pipelines().get(0);
        assertThat(runs.sink().settings().get("stream")).isEqualTo(expected);
        assertThat(runs.errors().deadLetter().orElseThrow().settings().get("stream")).isEqualTo(expected);
        assertThat(runs.sink().settings().get("format")).isEqualTo("table");
        assertThat(runs).usingRecursiveComparison().ignoringFields("sink", "errors").isEqualTo(pipeline);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sink, $.pipelines.preview.sink.settings.stream",
        "errors.deadLetter, $.pipelines.preview.errors.deadLetter.settings.stream"})
    void anExplicitStdoutIsAnErrorNamingThePipelineTheStageTheLineAndTheFix(String role, String path) {
        PipelineConfig pipeline = role.equals("sink") ? pipeline("console/print", "stdout", "files/jsonl-sink")
                : pipeline("files/jsonl-sink", "stdout", "console/print");
        ConfigLocations locations = new ConfigLocations(Map.of(path, new Location(12, 40)));

        List<ConfigError> errors = JsonStdout.reserve(List.of(pipeline), locations).errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.location()).isEqualTo(new Location(12, 40));
            assertThat(error.message()).isEqualTo("pipeline 'preview': " + role + " console/print prints to standard "
                    + "output (\"stream\": \"stdout\"), which `run --json` keeps for its JSON documents");
            assertThat(error.fix()).contains("remove the setting", "\"stream\": \"stderr\"", "run without --json");
        });
    }
    @org.junit.jupiter.api.Test
    void theRewrittenConsoleSinkKeepsWhichSettingsCameFromReferences() {
        StageConfig sink = new StageConfig("console/print", Map.of("format", "t-from-env"), PATH + ".sink",
                Map.of("format", "${env:FORMAT}"));
        PipelineConfig pipeline = new PipelineConfig("preview", new StageConfig("files/csv-source", Map.of(),
                PATH + ".source"), List.of(), sink, 500, 200, 1024, Timeouts.DEFAULT, ErrorPolicy.DEFAULT,
                RestartPolicy.DEFAULT, 0, PATH);

        StageConfig runs = JsonStdout.reserve(List.of(pipeline), ConfigLocations.none()).pipelines().get(0).sink();

        assertThat(runs.settings()).containsEntry("stream", "stderr").containsEntry("format", "t-from-env");
        assertThat(runs.shown()).containsEntry("format", "${env:FORMAT}");
    }
}
