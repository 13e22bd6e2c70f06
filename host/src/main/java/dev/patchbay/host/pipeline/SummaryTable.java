package dev.patchbay.host.pipeline;

import dev.patchbay.host.pipeline.RunSummary.PipelineSummary;
import dev.patchbay.host.pipeline.RunSummary.StageSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run summary as an aligned text table, one row per stage, then what happened to each pipeline: restarts,
 * rejections, the stages' own counters, errors, where it resumed from and where its output went, then uncommitted work. Text columns are
 * left-aligned and numbers right-aligned. A progress snapshot with current rates has a {@code CURRENT/S} column
 * beside the whole-run average {@code RECORDS/S}.
 */
final class SummaryTable {

    private static final String NL = System.lineSeparator();
    private static final int FIRST_NUMERIC_COLUMN = 4;

    private SummaryTable() {
    }

    static String render(RunSummary summary) {
        boolean current = summary.pipelines().stream().flatMap(p -> p.stages().stream())
                .anyMatch(s -> s.currentRecordsPerSecond().isPresent());
        List<String> header = new ArrayList<>(List.of("PIPELINE", "STAGE", "USE", "STATE", "IN", "OUT", "FILTERED",
                "FAILED", "SKIPPED", "ELAPSED", "RECORDS/S"));
        if (current) {
            header.add("CURRENT/S");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(header.toArray(String[]::new));
        for (PipelineSummary pipeline : summary.pipelines()) {
            for (StageSummary stage : pipeline.stages()) {
                List<String> row = new ArrayList<>(List.of(pipeline.name(), stage.stage(), stage.use(),
                        pipeline.state(), Long.toString(stage.in()), Long.toString(stage.out()),
                        Long.toString(stage.filtered()), Long.toString(stage.failed()), Long.toString(stage.skipped()),
                        String.format(Locale.ROOT, "%.3fs", pipeline.elapsedMillis() / 1e3),
                        rate(stage.recordsPerSecond())));
                if (current) {
                    row.add(stage.currentRecordsPerSecond().isPresent()
                            ? rate(stage.currentRecordsPerSecond().getAsDouble()) : "-");
                }
                rows.add(row.toArray(String[]::new));
            }
        }
        StringBuilder text = new StringBuilder();
        aligned(text, rows, header.size());
        for (PipelineSummary pipeline : summary.pipelines()) {
            events(text, pipeline);
            summary.endpoints().stream().filter(e -> e.pipeline().equals(pipeline.name())).findFirst()
                    .ifPresent(e -> e.lines().forEach(line -> text.append(line).append(NL)));
        }
        for (String line : summary.threadsLeft()) {
            text.append("thread left: ").append(line).append(NL);
        }
        summary.forced().ifPresent(reason -> text.append("forced stop: ").append(reason).append(NL));
        for (String line : summary.uncommittedReport()) {
            text.append("uncommitted: ").append(line).append(NL);
        }
        return text.toString();
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static void aligned(StringBuilder text, List<String[]> rows, int columns) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i >= FIRST_NUMERIC_COLUMN ? pad + cell : cell + pad);
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            text.append(line.toString().stripTrailing()).append(NL);
        }
    }

    private static void events(StringBuilder text, PipelineSummary pipeline) {
        if (pipeline.restarts() > 0 || pipeline.nextRestartMillis() != null) {
            text.append("restarts: pipeline '").append(pipeline.name()).append("' restarted ")
                    .append(pipeline.restarts()).append(pipeline.restarts() == 1 ? " time" : " times")
                    .append(pipeline.nextRestartMillis() == null ? ""
                            : ", next attempt in " + pipeline.nextRestartMillis() + " ms")
                    .append(NL);
        }
        if (pipeline.rejectedRecords() > 0) {
            text.append("rejected: pipeline '").append(pipeline.name()).append("' set aside ")
                    .append(pipeline.rejectedRecords()).append(" records (errors.tolerance all)").append(NL);
        }
        for (StageSummary stage : pipeline.stages()) {
            if (!stage.counters().isEmpty()) {
                StringBuilder counted = new StringBuilder();
                stage.counters().forEach((name, value) -> counted.append(counted.length() > 0 ? ", " : "")
                        .append(name).append(' ').append(value));
                text.append("counted: pipeline '").append(pipeline.name()).append("' ").append(stage.stage())
                        .append(" (").append(stage.use()).append("): ").append(counted).append(NL);
            }
            // The value as the plugin set it, for example the Kafka partitions this host holds; empty shows as none.
            stage.status().forEach((name, value) -> text.append("status: pipeline '").append(pipeline.name())
                    .append("' ").append(stage.stage()).append(" (").append(stage.use()).append("): ").append(name)
                    .append(' ').append(value.isEmpty() ? "(none)" : value).append(NL));
        }
        if (pipeline.throttledMillis() > 0) {
            text.append("throttled: pipeline '").append(pipeline.name()).append("' waited ")
                    .append(pipeline.throttledMillis()).append(" ms for maxRecordsPerSecond").append(NL);
        }
        if (pipeline.error() != null) {
            text.append(pipeline.succeeded() ? "last failure: " : "error: ").append(pipeline.error()).append(NL);
        }
        for (String line : pipeline.stuck()) {
            text.append("stuck: pipeline '").append(pipeline.name()).append("': ").append(line).append(NL);
        }
        for (String line : pipeline.abandoned()) {
            text.append("abandoned: pipeline '").append(pipeline.name()).append("': ").append(line).append(NL);
        }
    }
}
