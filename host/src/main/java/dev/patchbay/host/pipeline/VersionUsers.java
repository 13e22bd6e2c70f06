package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which configured pipelines use which installed plugin version, for {@code plugins list} and {@code info}: each
 * stage is given to the version it resolves to under its pin, as the validator and the runtime resolve it, the
 * highest version in the pin that is usable (STARTED, or RESOLVED where the plugins were not started) and provides
 * the stage's extension. A stage that resolves to no version is nobody's user.
 */
public final class VersionUsers {

    /**
     * One stage of a configured pipeline.
     *
     * @param pipeline the pipeline's name
     * @param stage {@code source}, {@code processors[0]}, ..., {@code sink} or {@code errors.deadLetter}
     * @param use the stage's {@code use} as written
     */
    public record StageUser(String pipeline, String stage, String use) {
        public StageUser {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(use, "use");
        }
    }

    private final Map<String, List<StageUser>> byVersion;

    private VersionUsers(Map<String, List<StageUser>> byVersion) {
        this.byVersion = byVersion;
    }

    /** Resolves every stage of every configured pipeline against {@code plugins}. */
    public static VersionUsers of(PatchbayConfig config, List<PluginInfo> plugins) {
        Objects.requireNonNull(config, "config");
        List<PluginInfo> installed = List.copyOf(plugins);
        Map<String, List<StageUser>> byVersion = new LinkedHashMap<>();
        for (PipelineConfig pipeline : config.pipelines()) {
            List<StageConfig> stages = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<ExtensionKind> kinds = new ArrayList<>();
            add(stages, names, kinds, pipeline.source(), "source", ExtensionKind.SOURCE);
            for (int i = 0; i < pipeline.processors().size(); i++) {
                add(stages, names, kinds, pipeline.processors().get(i), "processors[" + i + "]",
                        ExtensionKind.PROCESSOR);
            }
            add(stages, names, kinds, pipeline.sink(), "sink", ExtensionKind.SINK);
            pipeline.errors().deadLetter()
                    .ifPresent(stage -> add(stages, names, kinds, stage, "errors.deadLetter", ExtensionKind.SINK));
            for (int i = 0; i < stages.size(); i++) {
                StageConfig stage = stages.get(i);
                StageUser user = new StageUser(pipeline.name(), names.get(i), stage.use());
                resolve(stage, kinds.get(i), installed).ifPresent(plugin -> byVersion
                        .computeIfAbsent(key(plugin), k -> new ArrayList<>()).add(user));
            }
        }
        byVersion.replaceAll((key, users) -> List.copyOf(users));
        return new VersionUsers(byVersion);
    }

    private static void add(List<StageConfig> stages, List<String> names, List<ExtensionKind> kinds, StageConfig stage,
            String name, ExtensionKind kind) {
        stages.add(stage);
        names.add(name);
        kinds.add(kind);
    }

    /** The version a stage resolves to: the highest usable one in its pin that has its extension. */
    static Optional<PluginInfo> resolve(StageConfig stage, ExtensionKind kind, List<PluginInfo> plugins) {
        Optional<ExtensionRef> ref = ExtensionRef.parse(stage.use());
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        VersionRange range = stage.version().orElse(VersionRange.ANY);
        PluginInfo best = null;
        for (PluginInfo plugin : plugins) {
            boolean usable = plugin.state() == PluginState.STARTED || plugin.state() == PluginState.RESOLVED;
            if (usable && plugin.id().equals(ref.get().pluginId()) && range.contains(plugin.version())
                    && plugin.extensions().stream()
                            .anyMatch(e -> e.kind() == kind && e.name().equals(ref.get().name()))
                    && (best == null || VersionRange.compare(plugin.version(), best.version()) > 0)) {
                best = plugin;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The stages that use this version of the plugin, in configuration order. */
    public List<StageUser> of(PluginInfo plugin) {
        return byVersion.getOrDefault(key(plugin), List.of());
    }

    /**
     * One entry per pipeline, such as {@code pipeline 'orders' (source files/csv-source, sink files/jsonl-sink)}.
     */
    public static List<String> describe(List<StageUser> users) {
        Map<String, List<String>> stages = new LinkedHashMap<>();
        for (StageUser user : users) {
            stages.computeIfAbsent(user.pipeline(), p -> new ArrayList<>()).add(user.stage() + " " + user.use());
        }
        List<String> lines = new ArrayList<>();
        stages.forEach((pipeline, used) -> lines.add("pipeline '" + pipeline + "' (" + String.join(", ", used) + ")"));
        return List.copyOf(lines);
    }

    private static String key(PluginInfo plugin) {
        return plugin.id() + "@" + plugin.version();
    }
}
