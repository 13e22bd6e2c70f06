package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.plugin.ArchivePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code config/patchbay.json} and validates its structure: every key known, every value of the
 * right type and range. All errors are collected during one walk over the file and reported together,
 * each with its JSON path, line, column and a fix.
 *
 * <p>Checks that need the plugins (does {@code files/csv-source} exist, are its settings valid) are not
 * done here; see {@code ConfigValidator}.
 */
public final class ConfigReader {

    public static final String DEFAULT_PLUGINS_DIRECTORY = "plugins";
    public static final String DEFAULT_STATE_DIRECTORY = "state";
    public static final String DEFAULT_LOG_FORMAT = "text";
    public static final String DEFAULT_LOG_LEVEL = "INFO";
    public static final long DEFAULT_SHUTDOWN_GRACE_SECONDS = 30;

    static final List<String> LOG_FORMATS = List.of("text", "json");
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private static final List<String> ROOT_KEYS = List.of("plugins", "state", "logging", "admin", "runtime",
            "pipelines", "tracing");
    private static final List<String> PLUGINS_KEYS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("directory", "enabled", "disabled", "allowExit"),
            ArchivePolicyReader.KEYS.stream()).toList();
    private static final List<String> STATE_KEYS = List.of("directory");
    private static final List<String> LOGGING_KEYS = List.of("format", "level", "console", "file");
    private static final List<String> RUNTIME_KEYS = List.of("shutdownGraceSeconds", "timeouts");


    /** U+FEFF, the byte-order mark as a character: Windows editors start UTF-8 files with it. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Function<String, String> environment;

    /** A reader whose {@code ${env:NAME}} references read this process's environment. */
    public ConfigReader() {
        this(System::getenv);
    }

    /**
     * A reader whose {@code ${env:NAME}} references read {@code environment}.
     *
     * @param environment a variable's value, or null when it is not set
     */
    public ConfigReader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /**
     * Reads and validates the configuration. A missing file that was not named explicitly yields the
     * built-in defaults.
     *
     * @throws ConfigException with every error found
     */
    public PatchbayConfig read(ConfigSource source) {
        return readAll(source).orThrow();
    }

    /**
     * Reads the configuration as far as it can be read: its errors, and what can still be checked against the
     * plugins (see {@link ConfigReading}). A missing file that was not named explicitly yields the built-in
     * defaults.
     *
     * @throws ConfigException when nothing of the file can be used: it cannot be read, is not UTF-8 or not
     *         well-formed JSON, or its top level is not an object
     */
    public ConfigReading readAll(ConfigSource source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source.file());
        } catch (NoSuchFileException e) {
            if (!source.explicit()) {
                return ConfigReading.of(defaults(source));
            }
            throw new ConfigException(source.file(), List.of(new ConfigError(JsonPaths.ROOT, Location.UNKNOWN,
                    "the configuration file " + source.file() + " does not exist",
                    "create it (the distribution ships one in config/patchbay.json) or correct --config or "
                            + ConfigLocator.ENV_CONFIG)), e);
        } catch (IOException e) {
            throw new ConfigException(source.file(), List.of(new ConfigError(JsonPaths.ROOT, Location.UNKNOWN,
                    "cannot read the configuration file " + source.file() + ": " + e,
                    "check that the file exists, is a regular file and is readable by this user")), e);
        }
        String text = ConfigText.decode(source.file(), bytes);
        return parseAll(source, text);
    }

    /**
     * Validates configuration text as if it had been read from {@code source.file()}.
     *
     * @throws ConfigException with every error found
     */
    public PatchbayConfig parse(ConfigSource source, String text) {
        return parseAll(source, text).orThrow();
    }

    /**
     * Reads configuration text as if it had been read from {@code source.file()}, as far as it can be read.
     * A leading byte-order mark is skipped, so line 1, column 1 is the character after it.
     *
     * @throws ConfigException when nothing of the text can be used (see {@link #readAll})
     */
    public ConfigReading parseAll(ConfigSource source, String text) {
        String json = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        LocatedJson parsed = LocatedJson.parse(source.file(), json);
        ConfigWalk walk = new ConfigWalk(parsed.locations(), parsed.numbers());
        walk.add(parsed.errors());
        Root root = new Root(source, walk, new SettingReferences(environment, source.home()),
                new AdminSettingsReader(source.home(), environment));
        PatchbayConfig config = root.root(parsed.root());
        if (config == null) {
            throw new ConfigException(source.file(), walk.errors());
        }
        List<ConfigError> sorted = new ArrayList<>(walk.errors());
        sorted.sort(Comparator.comparingInt((ConfigError e) -> e.location().line())
                .thenComparingInt(e -> e.location().column()));
        return new ConfigReading(config, root.stages.uses(), sorted);
    }

    /** The configuration used when the default file does not exist. */
    public PatchbayConfig defaults(ConfigSource source) {
        Path home = source.home();
        return new PatchbayConfig(source.file(), home, home.resolve(DEFAULT_PLUGINS_DIRECTORY), Set.of(), Set.of(),
                Set.of(), home.resolve(DEFAULT_STATE_DIRECTORY), DEFAULT_LOG_FORMAT, DEFAULT_LOG_LEVEL,
                DEFAULT_SHUTDOWN_GRACE_SECONDS, Timeouts.DEFAULT, List.of(), ConfigLocations.none(), LogOutputs.CONSOLE,
                new AdminSettingsReader(home, environment).defaults(source.file()), TracingSettings.OFF);
    }

    /**
     * The root object: the plugins, state, logging and runtime sections; each pipeline by {@link PipelineReader}.
     * A value that cannot be read is an error of the walk and its default stands in for it, so that the rest can
     * still be read and checked.
     */
    private static final class Root {

        private final ConfigSource source;
        private final ConfigWalk walk;
        private final StageReader stages;
        private final SupervisionReader supervision;
        private final PipelineReader pipelineReader;
        private final AdminSettingsReader adminReader;

        Root(ConfigSource source, ConfigWalk walk, SettingReferences references, AdminSettingsReader adminReader) {
            this.source = source;
            this.walk = walk;
            this.stages = new StageReader(walk, references);
            this.supervision = new SupervisionReader(walk, stages);
            this.pipelineReader = new PipelineReader(walk, stages, supervision);
            this.adminReader = adminReader;
        }

        /** The configuration as far as it could be read; null when the top level is not even an object. */
        PatchbayConfig root(JsonNode root) {
            String path = JsonPaths.ROOT;
            Path pluginsDirectory = source.home().resolve(DEFAULT_PLUGINS_DIRECTORY);
            Path stateDirectory = source.home().resolve(DEFAULT_STATE_DIRECTORY);
            Set<String> enabled = Set.of();
            Set<String> disabled = Set.of();
            Set<String> allowExit = Set.of();
            ArchivePolicy archivePolicy = ArchivePolicy.open(source.home());
            String logFormat = DEFAULT_LOG_FORMAT;
            String logLevel = DEFAULT_LOG_LEVEL;
            LogOutputs logOutputs = LogOutputs.CONSOLE;
            long grace = DEFAULT_SHUTDOWN_GRACE_SECONDS;
            Timeouts timeouts = Timeouts.DEFAULT;
            List<PipelineConfig> pipelines = new ArrayList<>();
            if (!root.isObject()) {
                walk.error(path, "the top level is " + ConfigWalk.describe(root) + " but must be a JSON object",
                        "wrap the configuration in { }, for example {\"plugins\": {\"directory\": \"plugins\"}}");
                return null;
            }
            ObjectNode object = (ObjectNode) root;
            walk.knownKeys(object, path, ROOT_KEYS);

            Optional<ObjectNode> plugins = walk.optionalObject(object, path, "plugins");
            if (plugins.isPresent()) {
                String at = JsonPaths.field(path, "plugins");
                walk.knownKeys(plugins.get(), at, PLUGINS_KEYS);
                pluginsDirectory = directory(plugins.get(), at, DEFAULT_PLUGINS_DIRECTORY);
                enabled = selectionList(plugins.get(), at, "enabled");
                disabled = selectionList(plugins.get(), at, "disabled");
                allowExit = idList(plugins.get(), at, "allowExit");
                archivePolicy = new ArchivePolicyReader(walk, source.home()).read(plugins.get(), at);
                bothEnabledAndDisabled(plugins.get(), at, enabled);
            }
            Optional<ObjectNode> state = walk.optionalObject(object, path, "state");
            if (state.isPresent()) {
                String at = JsonPaths.field(path, "state");
                walk.knownKeys(state.get(), at, STATE_KEYS);
                stateDirectory = directory(state.get(), at, DEFAULT_STATE_DIRECTORY);
            }
            Optional<ObjectNode> logging = walk.optionalObject(object, path, "logging");
            if (logging.isPresent()) {
                String at = JsonPaths.field(path, "logging");
                walk.knownKeys(logging.get(), at, LOGGING_KEYS);
                logFormat = walk.choice(logging.get(), at, "format", LOG_FORMATS, false).orElse(DEFAULT_LOG_FORMAT);
                logLevel = walk.choice(logging.get(), at, "level", LOG_LEVELS, true).orElse(DEFAULT_LOG_LEVEL);
                logOutputs = new LogOutputsReader(walk, source.home()).read(logging.get(), at);
            }
            AdminSettings admin = adminReader.section(walk, object, path);
            Optional<ObjectNode> runtime = walk.optionalObject(object, path, "runtime");
            if (runtime.isPresent()) {
                String at = JsonPaths.field(path, "runtime");
                walk.knownKeys(runtime.get(), at, RUNTIME_KEYS);
                grace = walk.wholeNumber(runtime.get(), at, "shutdownGraceSeconds", DEFAULT_SHUTDOWN_GRACE_SECONDS,
                        PatchbayConfig.MIN_SHUTDOWN_GRACE_SECONDS, PatchbayConfig.MAX_SHUTDOWN_GRACE_SECONDS,
                        "seconds");
                timeouts = supervision.timeouts(runtime.get(), at, Timeouts.DEFAULT);
            }
            TracingSettings tracing = walk.optionalObject(object, path, "tracing")
                    .map(t -> new TracingReader(walk).read(t, JsonPaths.field(path, "tracing")))
                    .orElse(TracingSettings.OFF);
            Optional<ObjectNode> pipelineObjects = walk.optionalObject(object, path, "pipelines");
            if (pipelineObjects.isPresent()) {
                String at = JsonPaths.field(path, "pipelines");
                for (Map.Entry<String, JsonNode> entry : pipelineObjects.get().properties()) {
                    pipelineReader.pipeline(entry.getKey(), entry.getValue(), JsonPaths.field(at, entry.getKey()),
                            timeouts).ifPresent(pipelines::add);
                }
            }
            return new PatchbayConfig(source.file(), source.home(), pluginsDirectory, enabled, disabled, allowExit,
                    stateDirectory, logFormat, logLevel, grace, timeouts, pipelines, walk.locations(), logOutputs,
                    admin, tracing, archivePolicy);
        }

        private Path directory(ObjectNode parent, String parentPath, String fallback) {
            JsonNode node = parent.get("directory");
            String path = JsonPaths.field(parentPath, "directory");
            if (node == null || node.isNull()) {
                return source.home().resolve(fallback);
            }
            if (!node.isTextual() || node.textValue().isBlank()) {
                walk.error(path, "\"directory\" is " + ConfigWalk.describe(node)
                        + " but must be a non-empty string",
                        "write a directory path, absolute or relative to the Patchbay home, such as \"" + fallback
                                + "\"");
                return source.home().resolve(fallback);
            }
            try {
                return source.home().resolve(node.textValue()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                walk.error(path, "\"" + node.textValue() + "\" is not a valid path: " + e.getReason(),
                        "write a valid directory path, such as \"" + fallback + "\"");
                return source.home().resolve(fallback);
            }
        }

        private Set<String> idList(ObjectNode parent, String parentPath, String key) {
            JsonNode node = parent.get(key);
            String path = JsonPaths.field(parentPath, key);
            if (node == null || node.isNull()) {
                return Set.of();
            }
            if (!node.isArray()) {
                walk.error(path, "\"" + key + "\" is " + ConfigWalk.describe(node)
                        + " but must be an array of plugin ids",
                        "write an array of strings, such as [\"files\", \"transforms\"], or [] for none");
                return Set.of();
            }
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (!element.isTextual() || element.textValue().isBlank()) {
                    walk.error(JsonPaths.index(path, i), "a plugin id is " + ConfigWalk.describe(element)
                            + " but must be a non-empty string", "write the plugin's id as a string, such as \"files\"; "
                                    + "`patchbay plugins list` shows the ids");
                } else {
                    ids.add(element.textValue());
                }
            }
            return ids;
        }

        /** A list of plugin ids or {@code id@version} entries; a malformed {@code id@version} is an error. */
        private Set<String> selectionList(ObjectNode parent, String parentPath, String key) {
            Set<String> entries = idList(parent, parentPath, key);
            JsonNode node = parent.get(key);
            for (int i = 0; node != null && node.isArray() && i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (element.isTextual()) {
                    String at = JsonPaths.index(JsonPaths.field(parentPath, key), i);
                    SelectionEntry.problem(element.textValue())
                            .ifPresent(problem -> walk.error(at, problem, SelectionEntry.FIX));
                }
            }
            return entries;
        }

        private void bothEnabledAndDisabled(ObjectNode plugins, String parentPath, Set<String> enabled) {
            JsonNode disabled = plugins.get("disabled");
            if (disabled == null || !disabled.isArray()) {
                return;
            }
            for (int i = 0; i < disabled.size(); i++) {
                JsonNode element = disabled.get(i);
                if (element.isTextual() && enabled.contains(element.textValue())) {
                    walk.error(JsonPaths.index(JsonPaths.field(parentPath, "disabled"), i),
                            "plugin \"" + element.textValue() + "\" is both enabled and disabled",
                            "remove it from \"enabled\" or from \"disabled\"; use `patchbay plugins enable "
                                    + element.textValue() + "` or `patchbay plugins disable "
                                    + element.textValue() + "` to edit both lists consistently");
                }
            }
        }
    }
}
