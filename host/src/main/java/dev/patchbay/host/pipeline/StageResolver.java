package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginHandle;
import dev.patchbay.host.plugin.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the plugin version each stage of a pipeline uses: the highest started version in the stage's pin that the
 * pipeline has not refused (a version whose stages failed to be created after a swap) and that is not retired.
 */
final class StageResolver {

    /** One stage to resolve: its configuration, where it sits, and the kind of extension it needs. */
    record Stage(StageConfig config, String label, ExtensionKind kind) {
        Stage {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
        }
    }

    private final ExtensionCatalog catalog;

    StageResolver(ExtensionCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The pipeline's stages in order: source, processors, sink, then the dead-letter sink if any. */
    static List<Stage> stages(PipelineConfig pipeline) {
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage(pipeline.source(), "source", ExtensionKind.SOURCE));
        for (int i = 0; i < pipeline.processors().size(); i++) {
            stages.add(new Stage(pipeline.processors().get(i), "processors[" + i + "]", ExtensionKind.PROCESSOR));
        }
        stages.add(new Stage(pipeline.sink(), "sink", ExtensionKind.SINK));
        pipeline.errors().deadLetter().ifPresent(stage -> stages.add(new Stage(stage, "errors.deadLetter",
                ExtensionKind.SINK)));
        return stages;
    }

    /** The extension the stage would use now, or empty when no version it may use is started. */
    Optional<LoadedExtension> resolve(Stage stage, Set<PluginHandle> refused) {
        ExtensionRef ref = ref(stage);
        for (LoadedExtension candidate : catalog.extensions(ref.pluginId(), pin(stage.config()), stage.kind(),
                ref.name())) {
            if (!refused.contains(candidate.plugin()) && !candidate.plugin().retired()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Per stage, the handle it would use now; empty when some stage has none (see {@link #missing}). */
    Optional<List<PluginHandle>> handles(PipelineConfig pipeline, Set<PluginHandle> refused) {
        List<PluginHandle> handles = new ArrayList<>();
        for (Stage stage : stages(pipeline)) {
            Optional<LoadedExtension> extension = resolve(stage, refused);
            if (extension.isEmpty()) {
                return Optional.empty();
            }
            handles.add(extension.get().plugin());
        }
        return Optional.of(handles);
    }

    /** What the first stage without a usable version needs, as the operator reads it; empty when none lacks one. */
    Optional<String> missing(PipelineConfig pipeline, Set<PluginHandle> refused) {
        for (Stage stage : stages(pipeline)) {
            if (resolve(stage, refused).isEmpty()) {
                return Optional.of(describe(stage, refused));
            }
        }
        return Optional.empty();
    }

    /** Why a stage has no version: names the plugin, the pin and the versions it refused. */
    String describe(Stage stage, Set<PluginHandle> refused) {
        ExtensionRef ref = ref(stage);
        VersionRange pin = pin(stage.config());
        List<String> skipped = refused.stream().filter(handle -> handle.id().equals(ref.pluginId()))
                .map(PluginHandle::version).distinct().sorted().toList();
        return stage.kind().label() + " " + stage.config().use() + " (" + stage.label() + ") needs a started version"
                + " of plugin '" + ref.pluginId() + "'" + ("*".equals(pin.expression()) ? "" : " in '" + pin + "'")
                + (skipped.isEmpty() ? "" : " other than " + skipped + ", which failed to create it");
    }

    private static ExtensionRef ref(Stage stage) {
        return ExtensionRef.parse(stage.config().use()).orElseThrow(() -> new IllegalStateException(
                "pipeline stage " + stage.label() + " was not validated: bad reference " + stage.config().use()));
    }

    // The stage's version pin; without one, every version.
    private static VersionRange pin(StageConfig stage) {
        return stage.version().orElse(VersionRange.ANY);
    }
}
