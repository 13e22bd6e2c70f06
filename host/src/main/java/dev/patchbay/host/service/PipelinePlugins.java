package dev.patchbay.host.service;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.pipeline.ExtensionRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Which plugins pipelines need: the ids their stages name, as the host asks the platform to start them. */
final class PipelinePlugins {

    private PipelinePlugins() {
    }

    /** A pipeline's stages: source, processors, sink, then the dead-letter sink if any. */
    static List<StageConfig> stages(PipelineConfig pipeline) {
        List<StageConfig> stages = new ArrayList<>();
        stages.add(pipeline.source());
        stages.addAll(pipeline.processors());
        stages.add(pipeline.sink());
        pipeline.errors().deadLetter().ifPresent(stages::add);
        return stages;
    }

    /**
     * The plugin ids the stages of these pipelines name, sorted. A stage whose {@code use} is malformed names none:
     * validation reports it, and it must not start anything.
     */
    static Set<String> ids(List<PipelineConfig> pipelines) {
        Set<String> ids = new TreeSet<>();
        for (PipelineConfig pipeline : pipelines) {
            for (StageConfig stage : stages(pipeline)) {
                ExtensionRef.parse(stage.use()).ifPresent(ref -> ids.add(ref.pluginId()));
            }
        }
        return ids;
    }
}
