package dev.patchbay.host.pipeline;

import dev.patchbay.api.Setting;
import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigLocations;
import dev.patchbay.host.config.ConfigReading;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.config.PipelineConfig;
import dev.patchbay.host.config.SettingsProblems;
import dev.patchbay.host.config.StageConfig;
import dev.patchbay.host.config.StageUse;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginScope;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks every pipeline of a configuration against the loaded plugins before anything starts: each
 * {@code use} reference must name a started extension of the right kind, and each settings object must
 * satisfy the factory's settings description. With several versions of a plugin installed, a stage is judged on
 * the highest started version in its {@code "version"} pin (any version without one), as the runtime will run it;
 * a pin that no installed version satisfies is an error that lists the installed versions. The dead-letter stage ({@code errors.deadLetter}) is checked
 * exactly as the sink is. Every problem is reported, not only the first.
 *
 * <p>A problem with a name the operator wrote as a key (an unknown setting, the pipeline's name) is located at
 * the key; a problem with a value (an unknown extension in {@code use}, a setting's value) at the value.
 *
 * <p>Reading a factory's settings description and checking values against it runs plugin code, so it
 * happens inside the plugin's {@link PluginScope}, and a failure there becomes a configuration error
 * rather than a crash. Against a code-free catalog (plugins discovered, none started) a stage whose plugin is
 * RESOLVED has its {@code use} checked only: its settings are not read ({@link #settingsNotChecked}).
 */
public final class PipelineValidator {

    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** Validates every pipeline of the configuration; empty when all are runnable. */
    public List<ConfigError> validate(PatchbayConfig config, ExtensionCatalog catalog) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(catalog, "catalog");
        List<ConfigError> errors = new ArrayList<>();
        for (PipelineConfig pipeline : config.pipelines()) {
            errors.addAll(validate(pipeline, catalog, config.locations(), disabledBy(config)));
        }
        return List.copyOf(errors);
    }

    /**
     * Validates every stage a reading lists, including the stages of pipelines that have errors of their own, so
     * that {@code config check} reports the file's errors and the plugins' verdicts at once. A stage whose
     * settings could not be read has its {@code use} checked only. The pipelines' names are not checked here:
     * the reader checks them by the same rule.
     */
    public List<ConfigError> validate(ConfigReading reading, ExtensionCatalog catalog) {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(catalog, "catalog");
        Map<String, InstalledVersions> plugins = byId(catalog);
        List<ConfigError> errors = new ArrayList<>();
        for (StageUse use : reading.stages()) {
            Check check = new Check(use.pipeline(), plugins, catalog, reading.locations(),
                    disabledBy(reading.config()));
            reading.config().pipelines().stream().filter(p -> p.name().equals(use.pipeline())).findFirst()
                    .ifPresent(check::parallelism);
            check.stage(use.stage(), use.kind(), use.settingsReadable());
            errors.addAll(check.errors);
        }
        return List.copyOf(errors);
    }

    /**
     * The stages of a reading whose settings a validation against this catalog cannot check because their plugin's
     * code was not run: the plugin that would provide the stage is RESOLVED, not STARTED.
     */
    public static List<StageUse> settingsNotChecked(ConfigReading reading, ExtensionCatalog catalog) {
        List<StageUse> skipped = new ArrayList<>();
        for (StageUse use : reading.stages()) {
            Optional<ExtensionRef> ref = ExtensionRef.parse(use.stage().use());
            if (use.settingsReadable() && ref.isPresent() && catalog.extension(ref.get().pluginId(),
                    use.stage().version().orElse(VersionRange.ANY), use.kind(), ref.get().name()).isEmpty()
                    && catalog.plugins().stream().anyMatch(p -> p.id().equals(ref.get().pluginId())
                            && p.state() == PluginState.RESOLVED)) {
                skipped.add(use);
            }
        }
        return List.copyOf(skipped);
    }

    private static Predicate<String> disabledBy(PatchbayConfig config) {
        return id -> config.disabled().contains(id) || !config.enabled().isEmpty() && !config.enabled().contains(id);
    }

    private static Map<String, InstalledVersions> byId(ExtensionCatalog catalog) {
        Map<String, List<PluginInfo>> grouped = new LinkedHashMap<>();
        for (PluginInfo plugin : catalog.plugins()) {
            grouped.computeIfAbsent(plugin.id(), id -> new ArrayList<>()).add(plugin);
        }
        Map<String, InstalledVersions> plugins = new LinkedHashMap<>();
        grouped.forEach((id, versions) -> plugins.put(id, new InstalledVersions(id, versions)));
        return plugins;
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
        Check check = new Check(pipeline.name(), byId(catalog), catalog, locations, disabledByConfig);
        check.parallelism(pipeline);
        if (!PIPELINE_NAME.matcher(pipeline.name()).matches()) {
            check.keyError(pipeline.path(), "pipeline name '" + pipeline.name() + "' cannot name its threads and its "
                    + "checkpoint file state/" + pipeline.name() + ".json",
                    "rename it using letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        check.stage(pipeline.source(), ExtensionKind.SOURCE, true);
        for (StageConfig processor : pipeline.processors()) {
            check.stage(processor, ExtensionKind.PROCESSOR, true);
        }
        check.stage(pipeline.sink(), ExtensionKind.SINK, true);
        pipeline.errors().deadLetter().ifPresent(deadLetter -> check.stage(deadLetter, ExtensionKind.SINK, true));
        return List.copyOf(check.errors);
    }

    /** The state of checking one pipeline: where errors accumulate. */
    private static final class Check {

        private final String pipeline;
        private final Map<String, InstalledVersions> plugins;
        private final ExtensionCatalog catalog;
        private final ConfigLocations locations;
        private final Predicate<String> disabledByConfig;
        private final List<ConfigError> errors = new ArrayList<>();
        // The pipeline's explicit parallelism (0 when absent or unknown) and where it is written.
        private int parallelism;
        private String parallelismPath;

        Check(String pipeline, Map<String, InstalledVersions> plugins, ExtensionCatalog catalog, ConfigLocations locations,
                Predicate<String> disabledByConfig) {
            this.disabledByConfig = disabledByConfig;
            this.pipeline = pipeline;
            this.plugins = plugins;
            this.catalog = catalog;
            this.locations = locations;
        }

        /** Checks processors against the pipeline's parallelism too. */
        void parallelism(PipelineConfig config) {
            parallelism = config.parallelism();
            parallelismPath = config.path() + ".parallelism";
        }

        /** Checks one stage; its settings too when {@code settingsReadable}. */
        void stage(StageConfig stage, ExtensionKind kind, boolean settingsReadable) {
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
            InstalledVersions installed = plugins.get(ref.pluginId());
            if (installed == null && disabledByConfig.test(ref.pluginId())) {
                error(usePath, "pipeline '" + pipeline + "': plugin '" + ref.pluginId() + "' of \"" + stage.use()
                        + "\" is disabled", "run `patchbay plugins enable " + ref.pluginId() + "`");
                return;
            }
            if (installed == null) {
                error(usePath, "pipeline '" + pipeline + "': plugin '" + ref.pluginId() + "' of \"" + stage.use()
                        + "\" is not installed",
                        CloseMatches.suggestion(ref.pluginId(), plugins.keySet()) + "installed plugins are "
                                + plugins.keySet() + "; put the plugin's jar into the plugins directory or "
                                + "correct the id");
                return;
            }
            VersionRange range = stage.version().orElse(VersionRange.ANY);
            List<PluginInfo> inRange = installed.in(range);
            if (inRange.isEmpty()) {
                error(stage.path() + ".version", "stage " + stageName(stage) + " of pipeline '" + pipeline
                        + "' pins plugin '" + ref.pluginId() + "' to '" + range + "' but the installed versions are "
                        + installed.listing(), "install a version in that range or change the pin");
                return;
            }
            Optional<LoadedExtension> loaded = catalog.extension(ref.pluginId(), range, kind, ref.name());
            PluginInfo plugin = loaded.flatMap(extension -> installed.version(extension.pluginVersion()))
                    .orElseGet(() -> InstalledVersions.judged(inRange));
            // With one version installed, the messages read as they did before versions could sit side by side.
            String named = "plugin '" + plugin.id() + "'" + (installed.several() ? " " + plugin.version() : "");
            if (plugin.state() == PluginState.DISABLED) {
                error(usePath, "pipeline '" + pipeline + "': " + named + " of \"" + stage.use()
                        + "\" is disabled", "run `patchbay plugins enable " + plugin.id() + "`");
                return;
            }
            if (plugin.state() == PluginState.FAILED) {
                String problems = plugin.problems().stream().map(Object::toString)
                        .collect(Collectors.joining("; "));
                error(usePath, "pipeline '" + pipeline + "': " + named + " of \"" + stage.use()
                        + "\" failed to load: " + (problems.isEmpty() ? "no reason recorded" : problems),
                        "fix the plugin's problems (`patchbay plugins info " + plugin.id()
                                + (installed.several() ? "@" + plugin.version() : "")
                                + "` explains each code) or use another plugin"
                                + (installed.several() ? " or pin another version" : ""));
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
                    error(usePath, "pipeline '" + pipeline + "': " + named + " has no " + kind.label()
                            + " named '" + ref.name() + "'",
                            CloseMatches.suggestion(ref.name(), names) + listing(kind, plugin.id(), ofKind));
                }
                return;
            }
            if (kind == ExtensionKind.PROCESSOR && !descriptor.get().parallel() && parallelism > 1) {
                // Read code-free from the class file, so a RESOLVED plugin is judged too.
                error(parallelismPath, Parallelism.serialMessage(pipeline, parallelism, stageName(stage) + " \""
                        + stage.use() + "\"", plugin.id(), plugin.version()), Parallelism.SERIAL_FIX);
            }
            if (loaded.isEmpty() && plugin.state() == PluginState.RESOLVED) {
                // Discovered, not started: no plugin code ran, so there is no settings description to check
                // against. A plugin a pipeline uses is RESOLVED only in a code-free catalog (run and serve start
                // it); config check says what it skipped.
                return;
            }
            if (loaded.isEmpty()) {
                error(usePath, "pipeline '" + pipeline + "': " + named + " is " + plugin.state()
                        + ", not STARTED, so \"" + stage.use() + "\" cannot be used",
                        "check `patchbay plugins list`; the host starts the enabled plugins its pipelines use before running");
                return;
            }
            if (settingsReadable) {
                settings(stage, loaded.get());
            }
        }

        /** The stage as the operator names it: {@code source}, {@code processors[0]}, {@code sink}, ... */
        private String stageName(StageConfig stage) {
            String prefix = "$.pipelines." + pipeline + ".";
            return stage.path().startsWith(prefix) ? stage.path().substring(prefix.length()) : stage.path();
        }

                private void settings(StageConfig stage, LoadedExtension extension) {
            String name = extension.descriptor().name();
            List<SettingsProblems.Problem> problems;
            Set<String> known;
            try {
                List<Setting> spec = extension.settings();
                known = spec.stream().map(Setting::key).collect(Collectors.toSet());
                problems = SettingsProblems.check(name, stage.settings(), spec, stage.written());
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                error(stage.path() + ".use", "pipeline '" + pipeline + "': the settings description of \""
                        + stage.use() + "\" cannot be read: " + e,
                        "report this to the plugin's provider; the plugin's settings() method threw");
                return;
            }
            String settingsPath = stage.path() + ".settings";
            for (SettingsProblems.Problem problem : problems) {
                String path = problem.key().map(key -> settingsPath + "." + key).orElse(settingsPath);
                String message = "pipeline '" + pipeline + "': " + stage.use() + ": " + problem.message();
                // An unknown setting is a misspelt or misplaced key: point at the key, not at its value.
                if (problem.key().filter(key -> !known.contains(key)).isPresent()) {
                    keyError(path, message, problem.fix());
                } else {
                    error(path, message, problem.fix());
                }
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

        void keyError(String path, String message, String fix) {
            errors.add(new ConfigError(path, locations.ofKey(path), message, fix));
        }
    }
}
