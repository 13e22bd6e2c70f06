package dev.patchbay.host.cli;

import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import java.util.ArrayList;
import java.util.List;

/** Which configured pipelines use a plugin, and in which stages; for {@code plugins disable}. */
final class PluginUsers {

    private PluginUsers() {
    }

    /**
     * One entry per pipeline that has a stage of the plugin, in configuration order, such as
     * {@code pipeline 'people' (source files/csv-source, sink files/jsonl-sink)}.
     */
    static List<String> of(PatchbayConfig config, String pluginId) {
        List<String> users = new ArrayList<>();
        for (PipelineConfig pipeline : config.pipelines()) {
            List<String> stages = new ArrayList<>();
            add(stages, "source", pipeline.source(), pluginId);
            for (int i = 0; i < pipeline.processors().size(); i++) {
                add(stages, "processors[" + i + "]", pipeline.processors().get(i), pluginId);
            }
            add(stages, "sink", pipeline.sink(), pluginId);
            pipeline.errors().deadLetter().ifPresent(stage -> add(stages, "errors.deadLetter", stage, pluginId));
            if (!stages.isEmpty()) {
                users.add("pipeline '" + pipeline.name() + "' (" + String.join(", ", stages) + ")");
            }
        }
        return users;
    }

    private static void add(List<String> stages, String name, StageConfig stage, String pluginId) {
        if (stage.use().startsWith(pluginId + "/")) {
            stages.add(name + " " + stage.use());
        }
    }
}
