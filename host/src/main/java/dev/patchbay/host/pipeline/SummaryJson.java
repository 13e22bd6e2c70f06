package dev.patchbay.host.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.pipeline.RunSummary.PipelineSummary;
import dev.patchbay.host.pipeline.RunSummary.StageSummary;

/** The run summary as JSON, the one place its schema (README, "The run summary") is written. */
final class SummaryJson {

    private SummaryJson() {
    }

    static ObjectNode render(RunSummary summary, ObjectMapper mapper, String event) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", RunSummary.SCHEMA_VERSION);
        root.put("event", event);
        // A progress event describes a run that is still going: it has no exit code yet.
        if (!event.equals("progress")) {
            root.put("exitCode", summary.exitCode());
        }
        root.put("stopRequested", summary.stopRequested());
        if (summary.forcedReason() == null) {
            root.putNull("forcedStop");
        } else {
            root.put("forcedStop", summary.forcedReason());
        }
        ArrayNode left = root.putArray("threadsLeft");
        summary.threadsLeft().forEach(left::add);
        ArrayNode list = root.putArray("pipelines");
        for (PipelineSummary pipeline : summary.pipelines()) {
            ObjectNode node = list.addObject();
            node.put("name", pipeline.name());
            node.put("state", pipeline.state());
            node.put("elapsedMillis", pipeline.elapsedMillis());
            node.put("committedPosition", pipeline.committedPosition());
            node.put("uncommittedRecords", pipeline.uncommittedRecords());
            node.put("error", pipeline.error());
            node.put("restarts", pipeline.restarts());
            if (pipeline.nextRestartMillis() == null) {
                node.putNull("nextRestartMillis");
            } else {
                node.put("nextRestartMillis", pipeline.nextRestartMillis());
            }
            node.put("rejectedRecords", pipeline.rejectedRecords());
            node.put("throttledMillis", pipeline.throttledMillis());
            node.put("fatal", pipeline.fatal());
            node.put("checkpointUnreadable", pipeline.checkpointUnreadable());
            if (pipeline.checkpointAgeMillis() == null) {
                node.putNull("checkpointAgeMillis");
            } else {
                node.put("checkpointAgeMillis", pipeline.checkpointAgeMillis());
            }
            node.put("queuedRecords", pipeline.queuedRecords());
            node.put("stopReason", pipeline.stopReason());
            node.put("waitingFor", pipeline.waitingFor());
            node.put("lastSwap", pipeline.lastSwap());
            ArrayNode stuck = node.putArray("stuck");
            pipeline.stuck().forEach(stuck::add);
            ArrayNode abandoned = node.putArray("abandoned");
            pipeline.abandoned().forEach(abandoned::add);
            ArrayNode stages = node.putArray("stages");
            for (int i = 0; i < pipeline.stages().size(); i++) {
                StageSummary stage = pipeline.stages().get(i);
                ObjectNode s = stages.addObject();
                s.put("stage", stage.stage());
                s.put("use", stage.use());
                s.put("plugin", stage.plugin());
                s.put("pluginVersion", i < pipeline.pluginVersions().size()
                        ? pipeline.pluginVersions().get(i) : null);
                s.put("in", stage.in());
                s.put("out", stage.out());
                s.put("filtered", stage.filtered());
                s.put("failed", stage.failed());
                s.put("skipped", stage.skipped());
                ObjectNode counters = s.putObject("counters");
                stage.counters().forEach(counters::put);
                ObjectNode status = s.putObject("status");
                stage.status().forEach(status::put);
                s.put("recordsPerSecond", Math.round(stage.recordsPerSecond() * 10) / 10.0);
                stage.currentRecordsPerSecond().ifPresent(rate -> s.put("currentRecordsPerSecond",
                        Math.round(rate * 10) / 10.0));
            }
            summary.endpoints().stream().filter(e -> e.pipeline().equals(pipeline.name())).findFirst()
                    .ifPresent(e -> e.toJson(node));
        }
        return root;
    }
}
