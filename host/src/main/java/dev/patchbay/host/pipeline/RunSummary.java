package dev.patchbay.host.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a run did, per pipeline and per stage, as an aligned table or as JSON; a snapshot, immutable.
 *
 * @param pipelines one entry per pipeline, in configuration order
 * @param forcedReason why the stop was forced, or null when it was not
 * @param stopRequested whether a graceful stop was requested
 */
public record RunSummary(List<PipelineSummary> pipelines, String forcedReason, boolean stopRequested) {

    public RunSummary {
        pipelines = List.copyOf(pipelines);
    }

    /**
     * One stage's counters.
     *
     * @param stage {@code source}, {@code processors[i]} or {@code sink}
     * @param use the extension reference
     * @param plugin the plugin id
     * @param in records received (for a source: records emitted)
     * @param out records passed on (for a sink: records written and flushed)
     * @param filtered records a processor received and did not pass on
     * @param failed records lost to a failure of this stage
     * @param recordsPerSecond {@code out} over the pipeline's elapsed time
     */
    public record StageSummary(String stage, String use, String plugin, long in, long out, long filtered, long failed,
            double recordsPerSecond) {
    }

    /**
     * One pipeline's outcome.
     *
     * @param name the pipeline name
     * @param state CREATED, RUNNING, COMPLETED, STOPPED, FAILED or ABORTED
     * @param elapsedMillis wall time since it started
     * @param committedPosition the last committed source position, or null if none
     * @param uncommittedRecords records the source emitted in this run that no checkpoint covers yet
     * @param error the failure message, or null
     * @param stages the stages, source first
     */
    public record PipelineSummary(String name, String state, long elapsedMillis, String committedPosition,
            long uncommittedRecords, String error, List<StageSummary> stages) {

        public PipelineSummary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            stages = List.copyOf(stages);
        }

        static PipelineSummary of(PipelineRun run, boolean forced) {
            long elapsedNanos = run.elapsedNanos();
            double seconds = elapsedNanos / 1e9;
            List<StageSummary> stages = new ArrayList<>();
            for (StageMetrics metrics : run.stages()) {
                long out = metrics.out();
                stages.add(new StageSummary(metrics.stage(), metrics.use(), metrics.pluginId(), metrics.in(), out,
                        metrics.stage().startsWith("processors") ? metrics.filtered() : 0, metrics.failed(),
                        seconds > 0 ? out / seconds : 0));
            }
            PipelineRun.State state = run.state();
            if (forced && (state == PipelineRun.State.RUNNING || state == PipelineRun.State.CREATED)) {
                state = PipelineRun.State.ABORTED;
            }
            return new PipelineSummary(run.name(), state.name(),
                    TimeUnit.NANOSECONDS.toMillis(elapsedNanos),
                    run.committedPosition().map(Position::value).orElse(null), run.uncommittedRecords(),
                    run.failure().map(Throwable::getMessage).orElse(null), stages);
        }

        /** Whether the pipeline ended the way an operator wants: exhausted, or stopped gracefully. */
        public boolean succeeded() {
            return state.equals("COMPLETED") || state.equals("STOPPED");
        }
    }

    public Optional<String> forced() {
        return Optional.ofNullable(forcedReason);
    }

    /** 0 when every pipeline completed or stopped gracefully, 1 when one failed or the stop was forced. */
    public int exitCode() {
        return forcedReason == null && pipelines.stream().allMatch(PipelineSummary::succeeded) ? 0 : 1;
    }

    /** Lines saying, for each pipeline that did not end cleanly, what is left uncommitted. */
    public List<String> uncommittedReport() {
        List<String> lines = new ArrayList<>();
        for (PipelineSummary pipeline : pipelines) {
            if (!pipeline.succeeded()) {
                lines.add("pipeline '" + pipeline.name() + "' " + pipeline.state() + ": last committed position "
                        + (pipeline.committedPosition() == null ? "none (it restarts from the beginning)"
                                : "'" + pipeline.committedPosition() + "'")
                        + ", " + pipeline.uncommittedRecords() + " records in flight not committed "
                        + "(they are read again on the next run)");
            }
        }
        return lines;
    }

    /** The summary as an aligned text table, one row per stage, then errors and uncommitted work. */
    public String toTable() {
        String[] header = {"PIPELINE", "STAGE", "USE", "STATE", "IN", "OUT", "FILTERED", "FAILED", "ELAPSED",
            "RECORDS/S"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (PipelineSummary pipeline : pipelines) {
            for (StageSummary stage : pipeline.stages()) {
                rows.add(new String[] {pipeline.name(), stage.stage(), stage.use(), pipeline.state(),
                    Long.toString(stage.in()), Long.toString(stage.out()), Long.toString(stage.filtered()),
                    Long.toString(stage.failed()), String.format(Locale.ROOT, "%.3fs", pipeline.elapsedMillis() / 1e3),
                    String.format(Locale.ROOT, "%.0f", stage.recordsPerSecond())});
            }
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i >= 4;
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(numeric ? pad + cell : cell + pad);
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        for (PipelineSummary pipeline : pipelines) {
            if (pipeline.error() != null) {
                text.append("error: ").append(pipeline.error()).append(System.lineSeparator());
            }
        }
        if (forcedReason != null) {
            text.append("forced stop: ").append(forcedReason).append(System.lineSeparator());
        }
        for (String line : uncommittedReport()) {
            text.append("uncommitted: ").append(line).append(System.lineSeparator());
        }
        return text.toString();
    }

    /** The summary as a JSON object; the schema is documented in README ("The run summary"). */
    public ObjectNode toJson(ObjectMapper mapper, String event) {
        ObjectNode root = mapper.createObjectNode();
        root.put("event", event);
        root.put("exitCode", exitCode());
        root.put("stopRequested", stopRequested);
        if (forcedReason == null) {
            root.putNull("forcedStop");
        } else {
            root.put("forcedStop", forcedReason);
        }
        ArrayNode list = root.putArray("pipelines");
        for (PipelineSummary pipeline : pipelines) {
            ObjectNode node = list.addObject();
            node.put("name", pipeline.name());
            node.put("state", pipeline.state());
            node.put("elapsedMillis", pipeline.elapsedMillis());
            node.put("committedPosition", pipeline.committedPosition());
            node.put("uncommittedRecords", pipeline.uncommittedRecords());
            node.put("error", pipeline.error());
            ArrayNode stages = node.putArray("stages");
            for (StageSummary stage : pipeline.stages()) {
                ObjectNode s = stages.addObject();
                s.put("stage", stage.stage());
                s.put("use", stage.use());
                s.put("plugin", stage.plugin());
                s.put("in", stage.in());
                s.put("out", stage.out());
                s.put("filtered", stage.filtered());
                s.put("failed", stage.failed());
                s.put("recordsPerSecond", Math.round(stage.recordsPerSecond() * 10) / 10.0);
            }
        }
        return root;
    }
}
