package dev.patchbay.host.metrics;

import dev.patchbay.host.pipeline.RunSummary.PipelineSummary;
import dev.patchbay.host.pipeline.RunSummary.StageSummary;
import dev.patchbay.host.service.HostView;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The per-pipeline and per-stage metrics, read from the host's view at scrape time: records in, out, filtered,
 * failed and skipped per stage, the plugins' own counters, and per pipeline records dead-lettered, queue depth,
 * records not yet committed, checkpoint age, restarts and state.
 */
final class PipelineMetrics {

    static final String[] STAGE_LABELS = {"pipeline", "stage", "plugin"};

    /**
     * Every state a pipeline can report (see {@link PipelineSummary#state()}): each pipeline has one series per
     * state, 1 for the current one and 0 for the others, so an alert on a state sees it appear and disappear.
     */
    static final List<String> STATES = List.of("STARTING", "RUNNING", "PAUSED", "DRAINING", "STOPPING", "ABORTING",
            "RESTARTING", "COMPLETED", "STOPPED", "FAILED", "ABORTED");

    private final Supplier<HostView> view;

    PipelineMetrics(Supplier<HostView> view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    void register(PrometheusRegistry registry) {
        stageCounter(registry, "patchbay_stage_records_in_total",
                "Records a stage received (a source: emitted), summed over restarts", StageSummary::in);
        stageCounter(registry, "patchbay_stage_records_out_total",
                "Records a stage passed on (a sink: wrote and flushed), summed over restarts", StageSummary::out);
        stageCounter(registry, "patchbay_stage_records_failed_total",
                "Records lost to a failure of the stage, summed over restarts", StageSummary::failed);
        stageCounter(registry, "patchbay_stage_records_skipped_total",
                "Input the plugin skipped by its own error policy and reported, summed over restarts",
                StageSummary::skipped);
        // A gauge: it is records in less records out, which goes down when a processor emits more than it takes.
        GaugeWithCallback.builder().name("patchbay_stage_records_filtered")
                .help("Records a processor received and did not pass on (in less out), summed over restarts")
                .labelNames(STAGE_LABELS)
                .callback(cb -> eachStage((p, s) -> cb.call(s.filtered(), p.name(), s.stage(), s.plugin())))
                .register(registry);
        CounterWithCallback.builder().name("patchbay_stage_counter_total")
                .help("A plugin's own counter (ExtensionContext.count), by the name the plugin gave it")
                .labelNames("pipeline", "stage", "plugin", "name")
                .callback(cb -> eachStage((p, s) -> s.counters().forEach(
                        (name, value) -> cb.call(value, p.name(), s.stage(), s.plugin(), name))))
                .register(registry);

        CounterWithCallback.builder().name("patchbay_pipeline_records_dead_lettered_total")
                .help("Records set aside under errors.tolerance all (to the dead-letter stage, if any)")
                .labelNames("pipeline")
                .callback(cb -> eachPipeline(p -> cb.call(p.rejectedRecords(), p.name()))).register(registry);
        CounterWithCallback.builder().name("patchbay_pipeline_restarts_total")
                .help("Times the pipeline was restarted").labelNames("pipeline")
                .callback(cb -> eachPipeline(p -> cb.call(p.restarts(), p.name()))).register(registry);
        GaugeWithCallback.builder().name("patchbay_pipeline_queued_records")
                .help("Records waiting in the queues between the pipeline's stages").labelNames("pipeline")
                .callback(cb -> eachPipeline(p -> cb.call(p.queuedRecords(), p.name()))).register(registry);
        GaugeWithCallback.builder().name("patchbay_pipeline_uncommitted_records")
                .help("Records the source emitted in this attempt that no checkpoint covers yet")
                .labelNames("pipeline")
                .callback(cb -> eachPipeline(p -> cb.call(p.uncommittedRecords(), p.name()))).register(registry);
        GaugeWithCallback.builder().name("patchbay_pipeline_checkpoint_age_seconds")
                .help("Seconds since the pipeline's checkpoint was last committed; absent while it has none")
                .labelNames("pipeline")
                .callback(cb -> eachPipeline(p -> {
                    if (p.checkpointAgeMillis() != null) {
                        cb.call(p.checkpointAgeMillis() / 1000.0, p.name());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("patchbay_pipeline_state")
                .help("1 for the pipeline's current state, 0 for the others").labelNames("pipeline", "state")
                .callback(cb -> eachPipeline(p -> {
                    for (String state : STATES) {
                        cb.call(state.equals(p.state()) ? 1 : 0, p.name(), state);
                    }
                    if (!STATES.contains(p.state())) {
                        cb.call(1, p.name(), p.state());
                    }
                })).register(registry);
    }

    private void stageCounter(PrometheusRegistry registry, String name, String help,
            ToLongFunction<StageSummary> value) {
        CounterWithCallback.builder().name(name).help(help).labelNames(STAGE_LABELS)
                .callback(cb -> eachStage((p, s) -> cb.call(value.applyAsLong(s), p.name(), s.stage(), s.plugin())))
                .register(registry);
    }

    private interface StageVisitor {
        void visit(PipelineSummary pipeline, StageSummary stage);
    }

    private void eachStage(StageVisitor visitor) {
        for (PipelineSummary pipeline : view.get().pipelines().pipelines()) {
            for (StageSummary stage : pipeline.stages()) {
                visitor.visit(pipeline, stage);
            }
        }
    }

    private void eachPipeline(java.util.function.Consumer<PipelineSummary> visitor) {
        view.get().pipelines().pipelines().forEach(visitor);
    }

    /** Records failed in the stages of each plugin, over every pipeline, by plugin id. */
    static Map<String, Long> failedByPlugin(HostView view) {
        Map<String, Long> failed = new java.util.TreeMap<>();
        for (PipelineSummary pipeline : view.pipelines().pipelines()) {
            for (StageSummary stage : pipeline.stages()) {
                failed.merge(stage.plugin(), stage.failed(), Long::sum);
            }
        }
        return failed;
    }
}
