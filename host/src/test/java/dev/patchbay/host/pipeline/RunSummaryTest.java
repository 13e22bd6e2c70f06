package dev.patchbay.host.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patchbay.host.pipeline.RunSummary.PipelineSummary;
import dev.patchbay.host.pipeline.RunSummary.StageSummary;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The run summary as operators and supervisors read it: table, JSON, exit code. */
class RunSummaryTest {

    private static final String NL = System.lineSeparator();
    private static final List<StageSummary> STAGES = List.of(
            new StageSummary("source", "gen/numbers", "gen", 1200, 1200, 0, 0, 5,
                    Map.of("commentLines", 27L, "blankLines", 2L), 2400.04, OptionalDouble.empty()),
            new StageSummary("processors[0]", "proc/keep-even", "proc", 1200, 600, 600, 3, 1200.06),
            new StageSummary("sink", "mem/memory", "mem", 600, 600, 0, 0, 1200.0));

    private static PipelineSummary pipeline(String name, String state, String committed, String error,
            int restarts, Long nextRestart, long rejected, long throttled, boolean fatal) {
        return new PipelineSummary(name, state, 500, committed, 7, error, restarts, nextRestart, rejected, throttled,
                fatal, List.of(), List.of(), STAGES);
    }

    private static PipelineSummary clean(String state) {
        return pipeline("orders", state, "1200", null, 0, null, 0, 0, false);
    }

    @ParameterizedTest(name = "{0}: succeeded {1}")
    @CsvSource({
        "COMPLETED,  true",
        "STOPPED,    true",
        "FAILED,     false",
        "ABORTED,    false",
        "RUNNING,    false",
        "RESTARTING, false",
    })
    void onlyACompletedOrStoppedPipelineSucceeded(String state, boolean succeeded) {
        assertThat(clean(state).succeeded()).isEqualTo(succeeded);
        assertThat(new RunSummary(List.of(clean(state)), null, false).exitCode()).isEqualTo(succeeded ? 0 : 1);
    }

    @Test
    void theExitCodeIsThreeForAFatalErrorAndOneForAForcedStop() {
        PipelineSummary fatal = pipeline("oom", "FAILED", null, "out of memory", 0, null, 0, 0, true);

        assertThat(new RunSummary(List.of(clean("COMPLETED"), fatal), null, false).exitCode())
                .isEqualTo(RunSummary.EXIT_FATAL).isEqualTo(3);
        assertThat(new RunSummary(List.of(clean("STOPPED")), "second signal", true).exitCode()).isEqualTo(1);
        assertThat(new RunSummary(List.of(), null, false).exitCode()).isZero();
    }

    @Test
    void theUncommittedReportNamesEachPipelineThatDidNotEndCleanly() {
        RunSummary summary = new RunSummary(List.of(clean("COMPLETED"),
                pipeline("fresh", "ABORTED", null, null, 0, null, 0, 0, false),
                pipeline("later", "FAILED", "99", "x", 0, null, 0, 0, false)), "grace expired", false);

        assertThat(summary.uncommittedReport()).containsExactly(
                "pipeline 'fresh' ABORTED: last committed position none (it restarts from the beginning), 7 records "
                        + "in flight not committed (they are read again on the next run)",
                "pipeline 'later' FAILED: last committed position '99', 7 records in flight not committed (they are "
                        + "read again on the next run)");
        assertThat(summary.forced()).contains("grace expired");
        assertThat(new RunSummary(List.of(), null, false).forced()).isEmpty();
    }

    @Test
    void aPipelineWhoseCheckpointCannotBeReadHasAnUnknownPositionNotTheBeginning() {
        PipelineSummary damaged = new PipelineSummary("orders", "FAILED", 5, null, 0, "checkpoint is damaged", 0, null,
                0, 0, false, List.of(), List.of(), STAGES, true, 0, null, null);

        assertThat(new RunSummary(List.of(damaged), null, false).uncommittedReport()).containsExactly(
                "pipeline 'orders' FAILED: last committed position unknown: its checkpoint cannot be read (see its "
                        + "error; the next run fails the same way until the file is fixed or deleted), nothing in "
                        + "flight");
        assertThat(new RunSummary(List.of(damaged), null, false).toJson(new ObjectMapper(), "summary").toString())
                .contains("\"committedPosition\":null", "\"checkpointUnreadable\":true");
    }

    @Test
    void theTableAlignsTextLeftAndNumbersRightAndListsWhatHappened() {
        PipelineSummary orders = new PipelineSummary("orders", "FAILED", 1500, null, 7, "disk gone", 1, 250L, 4, 30,
                false, List.of("stage sink was inside write()"), List.of("thread t in close()"), STAGES);
        RunSummary summary = new RunSummary(List.of(orders), "second signal", true);

        assertThat(summary.toTable()).isEqualTo(""
                + "PIPELINE  STAGE          USE             STATE     IN   OUT  FILTERED  FAILED  SKIPPED  ELAPSED  RECORDS/S" + NL
                + "orders    source         gen/numbers     FAILED  1200  1200         0       0        5   1.500s       2400" + NL
                + "orders    processors[0]  proc/keep-even  FAILED  1200   600       600       3        0   1.500s       1200" + NL
                + "orders    sink           mem/memory      FAILED   600   600         0       0        0   1.500s       1200" + NL
                + "restarts: pipeline 'orders' restarted 1 time, next attempt in 250 ms" + NL
                + "rejected: pipeline 'orders' set aside 4 records (errors.tolerance all)" + NL
                + "counted: pipeline 'orders' source (gen/numbers): blankLines 2, commentLines 27" + NL
                + "throttled: pipeline 'orders' waited 30 ms for maxRecordsPerSecond" + NL
                + "error: disk gone" + NL
                + "stuck: pipeline 'orders': stage sink was inside write()" + NL
                + "abandoned: pipeline 'orders': thread t in close()" + NL
                + "forced stop: second signal" + NL
                + "uncommitted: pipeline 'orders' FAILED: last committed position none (it restarts from the "
                + "beginning), 7 records in flight not committed (they are read again on the next run)" + NL);
    }

    @Test
    void aCleanRunHasOnlyItsRowsAndAnEarlierFailureIsTheLastFailure() {
        PipelineSummary restarted = pipeline("orders", "COMPLETED", "1200", "disk gone", 2, null, 0, 0, false);

        String table = new RunSummary(List.of(restarted), null, false).toTable();

        assertThat(table.lines().skip(4)).containsExactly("restarts: pipeline 'orders' restarted 2 times",
                "counted: pipeline 'orders' source (gen/numbers): blankLines 2, commentLines 27",
                "last failure: disk gone");
        assertThat(new RunSummary(List.of(clean("COMPLETED")), null, false).toTable().lines()).hasSize(5);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "orders:0,orders:3 | status: pipeline 'orders' source (kafka/source): partitions orders:0,orders:3",
        "''                | status: pipeline 'orders' source (kafka/source): partitions (none)",
    })
    void aStagesStatusValuesAreListedInTheTableAndTheJson(String partitions, String line) throws Exception {
        StageSummary source = new StageSummary("source", "kafka/source", "kafka", 10, 10, 0, 0, 0, Map.of(), 20.0,
                OptionalDouble.empty(), Map.of("partitions", partitions));
        PipelineSummary orders = new PipelineSummary("orders", "RUNNING", 500, null, 0, null, 0, null, 0, 0, false,
                List.of(), List.of(), List.of(source, STAGES.get(2)));
        RunSummary summary = new RunSummary(List.of(orders), null, false);

        assertThat(summary.toTable().lines()).contains(line);
        assertThat(new ObjectMapper().readTree(summary.toJson(new ObjectMapper(), "summary").toString())
                .at("/pipelines/0/stages/0/status/partitions").asText()).isEqualTo(partitions);
        assertThat(new ObjectMapper().readTree(summary.toJson(new ObjectMapper(), "summary").toString())
                .at("/pipelines/0/stages/1/status").isEmpty()).as("a stage without status values").isTrue();
    }

    @Test
    void aPendingFirstRestartIsListedBeforeItHappens() {
        PipelineSummary waiting = pipeline("orders", "RESTARTING", null, null, 0, 100L, 0, 0, false);

        assertThat(new RunSummary(List.of(waiting), null, false).toTable())
                .contains("restarts: pipeline 'orders' restarted 0 times, next attempt in 100 ms" + NL);
    }

    @Test
    void theJsonCarriesEveryFieldAndRoundsTheRateToOneDecimal() {
        PipelineSummary orders = new PipelineSummary("orders", "FAILED", 1500, "12", 7, "disk gone", 1, 250L, 4, 30,
                true, List.of("stuck line"), List.of("abandoned line"), STAGES);

        String json = new RunSummary(List.of(orders), "second signal", true, List.of("thread line"))
                .toJson(new ObjectMapper(), "end").toString();

        assertThat(json).isEqualTo("{\"schemaVersion\":1,\"event\":\"end\",\"exitCode\":3,\"stopRequested\":true,"
                + "\"forcedStop\":\"second signal\",\"threadsLeft\":[\"thread line\"],\"pipelines\":[{\"name\":\"orders\",\"state\":\"FAILED\","
                + "\"elapsedMillis\":1500,\"committedPosition\":\"12\",\"uncommittedRecords\":7,"
                + "\"error\":\"disk gone\",\"restarts\":1,\"nextRestartMillis\":250,\"rejectedRecords\":4,"
                + "\"throttledMillis\":30,\"fatal\":true,\"checkpointUnreadable\":false,\"checkpointAgeMillis\":null,\"queuedRecords\":0,\"stopReason\":null,\"waitingFor\":null,\"lastSwap\":null,\"stuck\":[\"stuck line\"],\"abandoned\":[\"abandoned line\"],"
                + "\"stages\":["
                + "{\"stage\":\"source\",\"use\":\"gen/numbers\",\"plugin\":\"gen\",\"pluginVersion\":null,\"in\":1200,\"out\":1200,"
                + "\"filtered\":0,\"failed\":0,\"skipped\":5,\"counters\":{\"blankLines\":2,\"commentLines\":27},\"status\":{},"
                + "\"recordsPerSecond\":2400.0},"
                + "{\"stage\":\"processors[0]\",\"use\":\"proc/keep-even\",\"plugin\":\"proc\",\"pluginVersion\":null,\"in\":1200,"
                + "\"out\":600,\"filtered\":600,\"failed\":3,\"skipped\":0,\"counters\":{},\"status\":{},\"recordsPerSecond\":1200.1},"
                + "{\"stage\":\"sink\",\"use\":\"mem/memory\",\"plugin\":\"mem\",\"pluginVersion\":null,\"in\":600,\"out\":600,"
                + "\"filtered\":0,\"failed\":0,\"skipped\":0,\"counters\":{},\"status\":{},\"recordsPerSecond\":1200.0}]}]}");
    }

    @Test
    void theJsonOfACleanRunHasNullsWhereNothingHappened() {
        String json = new RunSummary(List.of(pipeline("orders", "COMPLETED", null, null, 0, null, 0, 0, false)), null,
                false).toJson(new ObjectMapper(), "summary").toString();

        assertThat(json).startsWith("{\"schemaVersion\":1,\"event\":\"summary\",\"exitCode\":0,\"stopRequested\":false,"
                + "\"forcedStop\":null,").contains("\"committedPosition\":null", "\"error\":null",
                        "\"nextRestartMillis\":null", "\"fatal\":false", "\"checkpointUnreadable\":false", "\"stuck\":[]", "\"abandoned\":[]");
    }

}
