package dev.patchbay.host.cli;

import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.VersionRange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which configured stages would be left without a plugin version: a stage needs a plugin when it uses one of its
 * extensions and no version that stays installed satisfies the stage's pin ({@link StagePins}). For
 * {@code plugins remove} and {@code plugins disable ID@VERSION}.
 */
final class PluginNeeds {

    /** One stage left without a version of its plugin. */
    record Need(String pipeline, String stage, String use, VersionRange pin) {
        String describe() {
            return stage + " " + use + (VersionRange.ANY.equals(pin) ? "" : " (version " + pin + ")");
        }
    }

    private PluginNeeds() {
    }

    /**
     * @param remaining the versions of the plugin that stay installed (or enabled) after the change
     * @return the stages left without a version, in configuration order
     */
    static List<Need> after(PatchbayConfig config, String pluginId, Collection<String> remaining) {
        List<Need> needs = new ArrayList<>();
        for (PipelineConfig pipeline : config.pipelines()) {
            Map<String, StageConfig> stages = new LinkedHashMap<>();
            stages.put("source", pipeline.source());
            for (int i = 0; i < pipeline.processors().size(); i++) {
                stages.put("processors[" + i + "]", pipeline.processors().get(i));
            }
            stages.put("sink", pipeline.sink());
            pipeline.errors().deadLetter().ifPresent(stage -> stages.put("errors.deadLetter", stage));
            stages.forEach((name, stage) -> {
                VersionRange pin = StagePins.of(stage);
                if (stage.use().startsWith(pluginId + "/") && remaining.stream().noneMatch(pin::contains)) {
                    needs.add(new Need(pipeline.name(), name, stage.use(), pin));
                }
            });
        }
        return needs;
    }

    /** {@code pipeline 'people' (source files/csv-source, sink files/jsonl-sink); pipeline 'copy' (...)}. */
    static String describe(List<Need> needs) {
        Map<String, List<String>> byPipeline = new LinkedHashMap<>();
        needs.forEach(need -> byPipeline.computeIfAbsent(need.pipeline(), p -> new ArrayList<>()).add(need.describe()));
        return byPipeline.entrySet().stream()
                .map(entry -> "pipeline '" + entry.getKey() + "' (" + String.join(", ", entry.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    static long pipelineCount(List<Need> needs) {
        return needs.stream().map(Need::pipeline).distinct().count();
    }
}
