package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.pipeline.RunSummary.PipelineSummary;
import dev.patchbay.host.pipeline.RunSummary.StageSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code run} prints besides the counters: the JSON schema version, progress without an exit code, calm
 * progress lines, the current rate beside the average, where each pipeline resumed and where its output went.
 */
class RunSummaryReportTest {

    private static final String NL = System.lineSeparator();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static PipelineSummary pipeline(String state, long elapsedMillis, long sourceOut, long sinkOut,
            long uncommitted) {
        return new PipelineSummary("orders", state, elapsedMillis, "12", uncommitted, null, 0, null, 0, 0, false,
                List.of(), List.of(), List.of(
                        new StageSummary("source", "gen/numbers", "gen", sourceOut, sourceOut, 0, 0,
                                sourceOut * 1000.0 / elapsedMillis),
                        new StageSummary("sink", "mem/memory", "mem", sinkOut, sinkOut, 0, 0,
                                sinkOut * 1000.0 / elapsedMillis)));
    }

    private static RunSummary summary(PipelineSummary pipeline) {
        return new RunSummary(List.of(pipeline), null, false);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"summary", "progress"})
    void everyRunEventCarriesTheSchemaVersionFirst(String event) {
        JsonNode json = summary(pipeline("RUNNING", 1000, 10, 10, 0)).toJson(MAPPER, event);

        assertThat(json.fieldNames().next()).isEqualTo("schemaVersion");
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(RunSummary.SCHEMA_VERSION).isEqualTo(1);
        assertThat(json.get("event").asText()).isEqualTo(event);
    }

    @Test
    void aProgressEventHasNoExitCodeAndTheSummaryHasOne() {
        RunSummary running = summary(pipeline("RUNNING", 1000, 10, 10, 0));

        assertThat(running.toJson(MAPPER, "progress").has("exitCode")).isFalse();
        assertThat(running.toJson(MAPPER, "summary").get("exitCode").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"STARTING", "RUNNING", "DRAINING", "STOPPING", "ABORTING", "RESTARTING"})
    void aPipelineThatIsStillRunningHasNoUncommittedLine(String state) {
        String table = summary(pipeline(state, 1000, 10, 10, 0)).toTable();

        assertThat(table).doesNotContain("uncommitted").doesNotContain("in flight");
        assertThat(summary(pipeline(state, 1000, 10, 10, 0)).uncommittedReport()).isEmpty();
    }

    @Test
    void aFailedPipelineWithNothingInFlightSaysSoCalmly() {
        assertThat(summary(pipeline("FAILED", 1000, 10, 10, 0)).uncommittedReport()).containsExactly(
                "pipeline 'orders' FAILED: last committed position '12', nothing in flight");
        assertThat(summary(pipeline("ABORTED", 1000, 10, 10, 3)).uncommittedReport()).containsExactly(
                "pipeline 'orders' ABORTED: last committed position '12', 3 records in flight not committed (they "
                        + "are read again on the next run)");
    }

    @Test
    void progressShowsTheCurrentRateOverTheLastIntervalBesideTheAverage() {
        RunSummary before = summary(pipeline("RUNNING", 9_000, 9_000, 8_000, 0));
        RunSummary now = summary(pipeline("RUNNING", 10_000, 9_100, 9_000, 0))
                .withCurrentRates(before, TimeUnit.SECONDS.toNanos(1));

        assertThat(now.toTable()).isEqualTo(""
                + "PIPELINE  STAGE   USE          STATE      IN   OUT  FILTERED  FAILED  SKIPPED  ELAPSED  RECORDS/S"
                + "  CURRENT/S" + NL
                + "orders    source  gen/numbers  RUNNING  9100  9100         0       0        0  10.000s        910"
                + "        100" + NL
                + "orders    sink    mem/memory   RUNNING  9000  9000         0       0        0  10.000s        900"
                + "       1000" + NL);
        JsonNode stages = now.toJson(MAPPER, "progress").get("pipelines").get(0).get("stages");
        assertThat(stages.get(0).get("currentRecordsPerSecond").asDouble()).isEqualTo(100.0);
        assertThat(stages.get(1).get("currentRecordsPerSecond").asDouble()).isEqualTo(1000.0);
    }

    @Test
    void theFinalSummaryHasNoCurrentRateColumn() {
        String table = summary(pipeline("COMPLETED", 1000, 10, 10, 0)).toTable();

        assertThat(table.lines().findFirst().orElseThrow()).endsWith("RECORDS/S");
        assertThat(summary(pipeline("COMPLETED", 1000, 10, 10, 0)).toJson(MAPPER, "summary").get("pipelines").get(0)
                .get("stages").get(0).has("currentRecordsPerSecond")).isFalse();
    }

    @Test
    void aPipelineNewInThisTickOrRestartedCountsFromZero() {
        RunSummary before = new RunSummary(List.of(), null, false);
        RunSummary now = summary(pipeline("RUNNING", 500, 50, 40, 0)).withCurrentRates(before,
                TimeUnit.MILLISECONDS.toNanos(500));

        JsonNode stages = now.toJson(MAPPER, "progress").get("pipelines").get(0).get("stages");
        assertThat(stages.get(0).get("currentRecordsPerSecond").asDouble()).isEqualTo(100.0);
        assertThat(stages.get(1).get("currentRecordsPerSecond").asDouble()).isEqualTo(80.0);
    }

    @Test
    void theSummarySaysWhereEachPipelineResumedAndWhereItsOutputWent() {
        Path home = Path.of("/opt/patchbay");
        PipelineEndpoints endpoints = new PipelineEndpoints("orders",
                Optional.of(new PipelineEndpoints.Resumed("offset=4096;line=81", home.resolve("state/orders.json"))),
                List.of(new PipelineEndpoints.SinkOutput("sink", "files/jsonl-sink",
                                Map.of("path", "out/orders.jsonl"),
                                List.of(new PipelineEndpoints.OutputPath("path", home.resolve("out/orders.jsonl")))),
                        new PipelineEndpoints.SinkOutput("errors.deadLetter", "console/print",
                                Map.of("stream", "stderr"), List.of())), home);
        RunSummary summary = summary(pipeline("COMPLETED", 1000, 10, 10, 0)).withEndpoints(List.of(endpoints));

        assertThat(summary.toTable()).endsWith(""
                + "resumed: pipeline 'orders' from checkpoint 'offset=4096;line=81' (state/orders.json)" + NL
                + "output: pipeline 'orders' sink files/jsonl-sink: path /opt/patchbay/out/orders.jsonl" + NL
                + "output: pipeline 'orders' errors.deadLetter console/print: settings {\"stream\":\"stderr\"}" + NL);
        JsonNode node = summary.toJson(MAPPER, "summary").get("pipelines").get(0);
        assertThat(node.get("resumedFrom").toString()).isEqualTo(
                "{\"position\":\"offset=4096;line=81\",\"checkpoint\":\"/opt/patchbay/state/orders.json\"}");
        assertThat(node.get("outputs").toString()).isEqualTo("[{\"stage\":\"sink\",\"use\":\"files/jsonl-sink\","
                + "\"paths\":[{\"setting\":\"path\",\"path\":\"/opt/patchbay/out/orders.jsonl\"}]},"
                + "{\"stage\":\"errors.deadLetter\",\"use\":\"console/print\",\"paths\":[]}]");
    }

    @Test
    void aFreshStartHasNoResumedLineAndANullInJson() {
        PipelineEndpoints endpoints = new PipelineEndpoints("orders", Optional.empty(), List.of(),
                Path.of("/opt/patchbay"));
        RunSummary summary = summary(pipeline("COMPLETED", 1000, 10, 10, 0)).withEndpoints(List.of(endpoints));

        assertThat(summary.toTable()).doesNotContain("resumed");
        assertThat(summary.toJson(MAPPER, "summary").get("pipelines").get(0).get("resumedFrom").isNull()).isTrue();
    }

    @Test
    void settingsThatLookSecretAreMaskedInTheOutputLine() {
        PipelineEndpoints endpoints = new PipelineEndpoints("orders", Optional.empty(),
                List.of(new PipelineEndpoints.SinkOutput("sink", "db/insert",
                        Map.of("url", "jdbc:x", "password", "hunter2", "apiToken", "abc"), List.of())),
                Path.of("/opt/patchbay"));

        assertThat(endpoints.lines()).singleElement().asString()
                .contains("\"url\":\"jdbc:x\"", "\"password\":\"***\"", "\"apiToken\":\"***\"")
                .doesNotContain("hunter2", "abc");
    }
}
