package dev.patchbay.host.pipeline;

import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.SettingsProblems;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.plugin.PluginState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks every pipeline of a configuration against the loaded plugins before anything starts: each
 * {@code use} reference must name a started extension of the right kind, and each settings object must
 * satisfy the factory's settings description. The dead-letter stage ({@code errors.deadLetter}) is checked
 * exactly as the sink is. Every problem is reported, not only the first.
 *
 * <p>Reading a factory's settings description and checking values against it runs plugin code, so it
 * happens inside the plugin's {@link PluginScope}, and a failure there becomes a configuration error
 * rather than a crash.
 */
public final class PipelineValidator {

    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Validates every pipeline of the configuration; empty when all are runnable. */
    public List<ConfigError> validate(PatchbayConfig config, ExtensionCatalog catalog) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(catalog, "catalog");
        List<ConfigError> errors = new ArrayList<>();
        for (PipelineConfig pipeline : config.pipelines()) {
            errors.addAll(validate(pipeline, catalog, config.locations(), id -> config.disabled().contains(id)
                    || !config.enabled().isEmpty() && !config.enabled().contains(id)));
        }
        return List.copyOf(errors);
    }

    /** Validates one pipeline; empty when it is runnable. */
    public List<ConfigError> validate(PipelineConfig pipeline, ExtensionCatalog catalog, ConfigLocations locations) {
        return validate(pipeline, catalog, locations, id -> false);
    }

    /**
     * Validates one pipeline, knowing which plugin ids the configuration disables, so that a plugin the
     * platform does not list at all because it is disabled is reported as disabled, not as missing.
     */
    public List<ConfigError> validate(PipelineConfig pipeline, ExtensionCatalog catalog, ConfigLocations locations,
            Predicate<String> disabledByConfig) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(disabledByConfig, "disabledByConfig");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(locations, "locations");
        Map<String, PluginInfo> plugins = new LinkedHashMap<>();
        for (PluginInfo plugin : catalog.plugins()) {
            plugins.put(plugin.id(), plugin);
        }
        Check check = new Check(pipeline.name(), plugins, catalog, locations, disabledByConfig);
        if (!PIPELINE_NAME.matcher(pipeline.name()).matches()) {
            check.error(pipeline.path(), "pipeline name '" + pipeline.name() + "' cannot name its threads and its "
                    + "checkpoint file state/" + pipeline.name() + ".json",
                    "rename it using letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        check.stage(pipeline.source(), ExtensionKind.SOURCE);
        for (StageConfig processor : pipeline.processors()) {
            check.stage(processor, ExtensionKind.PROCESSOR);
        }
        check.stage(pipeline.sink(), ExtensionKind.SINK);
        pipeline.errors().deadLetter().ifPresent(deadLetter -> check.stage(deadLetter, ExtensionKind.SINK));
        return List.copyOf(check.errors);
    }

    /** The state of checking one pipeline: where errors accumulate. */
    private static final class Check {

        private final String pipeline;
        private final Map<String, PluginInfo> plugins;
        private final ExtensionCatalog catalog;
        private final ConfigLocations locations;
        private final Predicate<String> disabledByConfig;
        private final List<ConfigError> errors = new ArrayList<>();

        Check(String pipeline, Map<String, PluginInfo> plugins, ExtensionCatalog catalog, ConfigLocations locations,
                Predicate<String> disabledByConfig) {
            this.disabledByConfig = disabledByConfig;
            this.pipeline = pipeline;
            this.plugins = plugins;
            this.catalog = catalog;
            this.locations = locations;
        }

        void stage(StageConfig stage, ExtensionKind kind) {
            String usePath = stage.path() + ".use";
            Optional<ExtensionRef> parsed = ExtensionRef.parse(stage.use());
            if (parsed.isEmpty()) {
                error(usePath, "pipeline '" + pipeline + "': \"use\": \"" + stage.use()
                        + "\" is not a reference of the form plugin-id/extension-name",
                        "write it as \"plugin-id/extension-name\", for example " + example(kind)
                                + "; `patchbay plugins list` shows the installed extensions");
                return;
            }
            ExtensionRef ref = parsed.get();
            PluginInfo plugin = plugins.get(ref.pluginId());
            if (plugin == null && disabledByConfig.test(ref.pluginId())) {
                error(usePath, "pipeline '" + pipeline + "': plugin '" + ref.pluginId() + "' of \"" + stage.use()
                        + "\" is disabled", "run `patchbay plugins enable " + ref.pluginId() + "`");
                return;
            }
            if (plugin == null) {
                error(usePath, "pipeline '" + pipeline + "': plugin '" + ref.pluginId() + "' of \"" + stage.use()
                        + "\" is not installed",
                        CloseMatches.suggestion(ref.pluginId(), plugins.keySet()) + "installed plugins are "
                                + plugins.keySet() + "; put the plugin's jar into the plugins directory or "
                                + "correct the id");
                return;
            }
            if (plugin.state() == PluginState.DISABLED) {
                error(usePath, "pipeline '" + pipeline + "': plugin '" + plugin.id() + "' of \"" + stage.use()
                        + "\" is disabled", "run `patchbay plugins enable " + plugin.id() + "`");
                return;
            }
            if (plugin.state() == PluginState.FAILED) {
                String problems = plugin.problems().stream().map(Object::toString)
                        .collect(Collectors.joining("; "));
                error(usePath, "pipeline '" + pipeline + "': plugin '" + plugin.id() + "' of \"" + stage.use()
                        + "\" failed to load: " + (problems.isEmpty() ? "no reason recorded" : problems),
                        "fix the plugin's problems (`patchbay plugins info " + plugin.id()
                                + "` explains each code) or use another plugin");
                return;
            }
            Optional<ExtensionDescriptor> descriptor = plugin.extensions().stream()
                    .filter(d -> d.name().equals(ref.name()) && d.kind() == kind).findFirst();
            if (descriptor.isEmpty()) {
                List<ExtensionDescriptor> sameName = plugin.extensions().stream()
                        .filter(d -> d.name().equals(ref.name())).toList();
                List<String> ofKind = plugin.extensions().stream().filter(d -> d.kind() == kind)
                        .map(d -> d.reference(plugin.id())).toList();
                if (!sameName.isEmpty()) {
                    error(usePath, "pipeline '" + pipeline + "': \"" + stage.use() + "\" is a "
                            + sameName.get(0).kind().label() + ", but this stage needs a " + kind.label(),
                            "use a " + kind.label() + " here; " + listing(kind, plugin.id(), ofKind));
                } else {
                    List<String> names = plugin.extensions().stream().filter(d -> d.kind() == kind)
                            .map(ExtensionDescriptor::name).toList();
                    error(usePath, "pipeline '" + pipeline + "': plugin '" + plugin.id() + "' has no " + kind.label()
                            + " named '" + ref.name() + "'",
                            CloseMatches.suggestion(ref.name(), names) + listing(kind, plugin.id(), ofKind));
                }
                return;
            }
            Optional<LoadedExtension> loaded = catalog.extension(plugin.id(), kind, ref.name());
            if (loaded.isEmpty()) {
                error(usePath, "pipeline '" + pipeline + "': plugin '" + plugin.id() + "' is " + plugin.state()
                        + ", not STARTED, so \"" + stage.use() + "\" cannot be used",
                        "check `patchbay plugins list`; the host starts every enabled plugin before running");
                return;
            }
            settings(stage, loaded.get());
        }

        private void settings(StageConfig stage, LoadedExtension extension) {
            String name = extension.descriptor().name();
            List<SettingsProblems.Problem> problems;
            try {
                problems = SettingsProblems.check(name, stage.settings(), extension.settings());
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                error(stage.path() + ".use", "pipeline '" + pipeline + "': the settings description of \""
                        + stage.use() + "\" cannot be read: " + e,
                        "report this to the plugin's provider; the plugin's settings() method threw");
                return;
            }
            String settingsPath = stage.path() + ".settings";
            for (SettingsProblems.Problem problem : problems) {
                error(problem.key().map(key -> settingsPath + "." + key).orElse(settingsPath),
                        "pipeline '" + pipeline + "': " + stage.use() + ": " + problem.message(), problem.fix());
            }
        }

        private static String listing(ExtensionKind kind, String pluginId, List<String> references) {
            return references.isEmpty() ? "plugin '" + pluginId + "' has no " + kind.label() + "s"
                    : "the " + kind.label() + "s of plugin '" + pluginId + "' are " + references;
        }

        private static String example(ExtensionKind kind) {
            return switch (kind) {
                case SOURCE -> "\"files/csv-source\"";
                case PROCESSOR -> "\"transforms/filter\"";
                case SINK -> "\"files/jsonl-sink\"";
            };
        }

        void error(String path, String message, String fix) {
            errors.add(new ConfigError(path, locations.of(path), message, fix));
        }
    }
}
