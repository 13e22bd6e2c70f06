package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Row;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

    private static final List<String> ROOT_KEYS = List.of("plugins", "state", "logging", "runtime", "pipelines");
    private static final List<String> PLUGINS_KEYS = List.of("directory", "enabled", "disabled", "allowExit");
    private static final List<String> STATE_KEYS = List.of("directory");
    private static final List<String> LOGGING_KEYS = List.of("format", "level");
    private static final List<String> RUNTIME_KEYS = List.of("shutdownGraceSeconds");
    private static final List<String> PIPELINE_KEYS =
            List.of("source", "processors", "sink", "batchSize", "lingerMillis", "queueCapacity");
    private static final List<String> STAGE_KEYS = List.of("use", "settings");

    private static final Pattern USE = Pattern.compile("[^/\\s]+/[^/\\s]+");
    private static final Pattern PIPELINE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /**
     * Reads and validates the configuration. A missing file that was not named explicitly yields the
     * built-in defaults.
     *
     * @throws ConfigException with every error found
     */
    public PatchbayConfig read(ConfigSource source) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source.file());
        } catch (NoSuchFileException e) {
            if (!source.explicit()) {
                return defaults(source);
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
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source.file(), List.of(new ConfigError(JsonPaths.ROOT, Location.UNKNOWN,
                    "the configuration file is not valid UTF-8", "save the file in UTF-8 encoding")), e);
        }
        return parse(source, text);
    }

    /**
     * Validates configuration text as if it had been read from {@code source.file()}.
     *
     * @throws ConfigException with every error found
     */
    public PatchbayConfig parse(ConfigSource source, String text) {
        LocatedJson json = LocatedJson.parse(source.file(), text);
        Walk walk = new Walk(source, json.locations(), json.numbers());
        walk.errors.addAll(json.errors());
        PatchbayConfig config = walk.root(json.root());
        if (!walk.errors.isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(walk.errors);
            sorted.sort(Comparator.comparingInt((ConfigError e) -> e.location().line())
                    .thenComparingInt(e -> e.location().column()));
            throw new ConfigException(source.file(), sorted);
        }
        return config;
    }

    /** The configuration used when the default file does not exist. */
    public PatchbayConfig defaults(ConfigSource source) {
        return new PatchbayConfig(source.file(), source.home(), source.home().resolve(DEFAULT_PLUGINS_DIRECTORY),
                Set.of(), Set.of(), source.home().resolve(DEFAULT_STATE_DIRECTORY), DEFAULT_LOG_FORMAT,
                DEFAULT_LOG_LEVEL, DEFAULT_SHUTDOWN_GRACE_SECONDS, List.of(), ConfigLocations.none());
    }

    /** One validation walk; collects errors instead of stopping at the first. */
    private static final class Walk {

        private final ConfigSource source;
        private final ConfigLocations locations;
        private final Map<String, String> numbers;
        private final List<ConfigError> errors = new ArrayList<>();

        Walk(ConfigSource source, ConfigLocations locations, Map<String, String> numbers) {
            this.source = source;
            this.locations = locations;
            this.numbers = numbers;
        }

        PatchbayConfig root(JsonNode root) {
            String path = JsonPaths.ROOT;
            Path pluginsDirectory = source.home().resolve(DEFAULT_PLUGINS_DIRECTORY);
            Path stateDirectory = source.home().resolve(DEFAULT_STATE_DIRECTORY);
            Set<String> enabled = Set.of();
            Set<String> disabled = Set.of();
            Set<String> allowExit = Set.of();
            String logFormat = DEFAULT_LOG_FORMAT;
            String logLevel = DEFAULT_LOG_LEVEL;
            long grace = DEFAULT_SHUTDOWN_GRACE_SECONDS;
            List<PipelineConfig> pipelines = new ArrayList<>();
            if (!root.isObject()) {
                error(path, "the top level is " + describe(root) + " but must be a JSON object",
                        "wrap the configuration in { }, for example {\"plugins\": {\"directory\": \"plugins\"}}");
                return null;
            }
            ObjectNode object = (ObjectNode) root;
            knownKeys(object, path, ROOT_KEYS);

            Optional<ObjectNode> plugins = optionalObject(object, path, "plugins");
            if (plugins.isPresent()) {
                String at = JsonPaths.field(path, "plugins");
                knownKeys(plugins.get(), at, PLUGINS_KEYS);
                pluginsDirectory = directory(plugins.get(), at, DEFAULT_PLUGINS_DIRECTORY);
                enabled = idList(plugins.get(), at, "enabled");
                disabled = idList(plugins.get(), at, "disabled");
                allowExit = idList(plugins.get(), at, "allowExit");
                bothEnabledAndDisabled(plugins.get(), at, enabled);
            }
            Optional<ObjectNode> state = optionalObject(object, path, "state");
            if (state.isPresent()) {
                String at = JsonPaths.field(path, "state");
                knownKeys(state.get(), at, STATE_KEYS);
                stateDirectory = directory(state.get(), at, DEFAULT_STATE_DIRECTORY);
            }
            Optional<ObjectNode> logging = optionalObject(object, path, "logging");
            if (logging.isPresent()) {
                String at = JsonPaths.field(path, "logging");
                knownKeys(logging.get(), at, LOGGING_KEYS);
                logFormat = choice(logging.get(), at, "format", LOG_FORMATS, false).orElse(DEFAULT_LOG_FORMAT);
                logLevel = choice(logging.get(), at, "level", LOG_LEVELS, true).orElse(DEFAULT_LOG_LEVEL);
            }
            Optional<ObjectNode> runtime = optionalObject(object, path, "runtime");
            if (runtime.isPresent()) {
                String at = JsonPaths.field(path, "runtime");
                knownKeys(runtime.get(), at, RUNTIME_KEYS);
                grace = wholeNumber(runtime.get(), at, "shutdownGraceSeconds", DEFAULT_SHUTDOWN_GRACE_SECONDS,
                        PatchbayConfig.MIN_SHUTDOWN_GRACE_SECONDS, PatchbayConfig.MAX_SHUTDOWN_GRACE_SECONDS,
                        "seconds");
            }
            Optional<ObjectNode> pipelineObjects = optionalObject(object, path, "pipelines");
            if (pipelineObjects.isPresent()) {
                String at = JsonPaths.field(path, "pipelines");
                for (Map.Entry<String, JsonNode> entry : pipelineObjects.get().properties()) {
                    pipeline(entry.getKey(), entry.getValue(), JsonPaths.field(at, entry.getKey()))
                            .ifPresent(pipelines::add);
                }
            }
            if (!errors.isEmpty()) {
                return null;
            }
            return new PatchbayConfig(source.file(), source.home(), pluginsDirectory, enabled, disabled, allowExit,
                    stateDirectory, logFormat, logLevel, grace, Timeouts.DEFAULT, pipelines, locations);
        }

        private Optional<PipelineConfig> pipeline(String name, JsonNode node, String path) {
            int before = errors.size();
            if (!PIPELINE_NAME.matcher(name).matches()) {
                error(path, "pipeline name \"" + name + "\" is not valid",
                        "use letters, digits, '_', '.' and '-', starting with a letter or digit, such as \"demo\"");
            }
            if (!node.isObject()) {
                error(path, "pipeline \"" + name + "\" is " + describe(node) + " but must be an object",
                        "write {\"source\": {...}, \"processors\": [...], \"sink\": {...}}");
                return Optional.empty();
            }
            ObjectNode object = (ObjectNode) node;
            knownKeys(object, path, PIPELINE_KEYS);
            Optional<StageConfig> source = stage(object, path, "source", true);
            List<StageConfig> processors = new ArrayList<>();
            JsonNode list = object.get("processors");
            String listPath = JsonPaths.field(path, "processors");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    error(listPath, "\"processors\" is " + describe(list) + " but must be an array",
                            "write an array of stages, such as [{\"use\": \"transforms/filter\", \"settings\": {}}], "
                                    + "or [] for none");
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        stage(list.get(i), JsonPaths.index(listPath, i)).ifPresent(processors::add);
                    }
                }
            }
            Optional<StageConfig> sink = stage(object, path, "sink", true);
            long batchSize = wholeNumber(object, path, "batchSize", PipelineConfig.DEFAULT_BATCH_SIZE,
                    PipelineConfig.MIN_BATCH_SIZE, PipelineConfig.MAX_BATCH_SIZE, "records");
            long linger = wholeNumber(object, path, "lingerMillis", PipelineConfig.DEFAULT_LINGER_MILLIS,
                    PipelineConfig.MIN_LINGER_MILLIS, PipelineConfig.MAX_LINGER_MILLIS, "milliseconds");
            long capacity = wholeNumber(object, path, "queueCapacity", PipelineConfig.DEFAULT_QUEUE_CAPACITY,
                    PipelineConfig.MIN_QUEUE_CAPACITY, PipelineConfig.MAX_QUEUE_CAPACITY, "records");
            if (errors.size() > before || source.isEmpty() || sink.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PipelineConfig(name, source.get(), processors, sink.get(), (int) batchSize,
                    linger, (int) capacity, path));
        }

        private Optional<StageConfig> stage(ObjectNode parent, String parentPath, String key, boolean required) {
            String path = JsonPaths.field(parentPath, key);
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                if (required) {
                    error(path, "the pipeline has no \"" + key + "\"",
                            "add \"" + key + "\": {\"use\": \"plugin-id/extension-name\", \"settings\": {}}");
                }
                return Optional.empty();
            }
            return stage(node, path);
        }

        private Optional<StageConfig> stage(JsonNode node, String path) {
            if (!node.isObject()) {
                error(path, "a stage is " + describe(node) + " but must be an object",
                        "write {\"use\": \"plugin-id/extension-name\", \"settings\": {}}");
                return Optional.empty();
            }
            ObjectNode object = (ObjectNode) node;
            knownKeys(object, path, STAGE_KEYS);
            String usePath = JsonPaths.field(path, "use");
            JsonNode use = object.get("use");
            String reference = null;
            if (use == null) {
                error(usePath, "the stage has no \"use\"",
                        "add \"use\": \"plugin-id/extension-name\", such as \"files/csv-source\"; "
                                + "`patchbay plugins list` shows the extensions");
            } else if (!use.isTextual()) {
                error(usePath, "\"use\" is " + describe(use) + " but must be a string",
                        "write \"plugin-id/extension-name\", such as \"files/csv-source\"");
            } else if (!USE.matcher(use.textValue()).matches()) {
                error(usePath, "\"use\" is \"" + use.textValue() + "\" but must have the form plugin-id/extension-name",
                        "write the plugin id, a slash and the extension name, such as \"files/csv-source\"");
            } else {
                reference = use.textValue();
            }
            String settingsPath = JsonPaths.field(path, "settings");
            JsonNode settingsNode = object.get("settings");
            Map<String, Object> settings = new LinkedHashMap<>();
            if (settingsNode != null) {
                if (!settingsNode.isObject()) {
                    error(settingsPath, "\"settings\" is " + describe(settingsNode) + " but must be an object",
                            "write the settings as an object, such as {\"path\": \"data/in.csv\"}, or {} for none");
                } else {
                    for (Map.Entry<String, JsonNode> entry : settingsNode.properties()) {
                        settings.put(entry.getKey(),
                                recordValue(entry.getValue(), JsonPaths.field(settingsPath, entry.getKey())));
                    }
                }
            }
            if (reference == null) {
                return Optional.empty();
            }
            return Optional.of(new StageConfig(reference, settings, path));
        }

        /** Converts a settings value to the api's record value types. */
        private Object recordValue(JsonNode node, String path) {
            if (node.isNull()) {
                return null;
            } else if (node.isTextual()) {
                return node.textValue();
            } else if (node.isBoolean()) {
                return node.booleanValue();
            } else if (node.isIntegralNumber()) {
                if (!node.canConvertToLong()) {
                    error(path, "the integer " + node.asText() + " does not fit in a 64-bit long",
                            "use a value between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                                    + ", or write it as a string");
                    return null;
                }
                return node.longValue();
            } else if (node.isNumber()) {
                return node.doubleValue();
            } else if (node.isArray()) {
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(recordValue(node.get(i), JsonPaths.index(path, i)));
                }
                return list;
            } else {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    map.put(entry.getKey(), recordValue(entry.getValue(), JsonPaths.field(path, entry.getKey())));
                }
                return Row.of(map);
            }
        }

        private Optional<ObjectNode> optionalObject(ObjectNode parent, String parentPath, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isObject()) {
                error(JsonPaths.field(parentPath, key), "\"" + key + "\" is " + describe(node)
                        + " but must be an object", "write \"" + key + "\": { ... } or remove the key");
                return Optional.empty();
            }
            return Optional.of((ObjectNode) node);
        }

        private Path directory(ObjectNode parent, String parentPath, String fallback) {
            JsonNode node = parent.get("directory");
            String path = JsonPaths.field(parentPath, "directory");
            if (node == null || node.isNull()) {
                return source.home().resolve(fallback);
            }
            if (!node.isTextual() || node.textValue().isBlank()) {
                error(path, "\"directory\" is " + describe(node) + " but must be a non-empty string",
                        "write a directory path, absolute or relative to the Patchbay home, such as \"" + fallback
                                + "\"");
                return source.home().resolve(fallback);
            }
            try {
                return source.home().resolve(node.textValue()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                error(path, "\"" + node.textValue() + "\" is not a valid path: " + e.getReason(),
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
                error(path, "\"" + key + "\" is " + describe(node) + " but must be an array of plugin ids",
                        "write an array of strings, such as [\"files\", \"transforms\"], or [] for none");
                return Set.of();
            }
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (!element.isTextual() || element.textValue().isBlank()) {
                    error(JsonPaths.index(path, i), "a plugin id is " + describe(element)
                            + " but must be a non-empty string", "write the plugin's id as a string, such as \"files\"; "
                                    + "`patchbay plugins list` shows the ids");
                } else {
                    ids.add(element.textValue());
                }
            }
            return ids;
        }

        private void bothEnabledAndDisabled(ObjectNode plugins, String parentPath, Set<String> enabled) {
            JsonNode disabled = plugins.get("disabled");
            if (disabled == null || !disabled.isArray()) {
                return;
            }
            for (int i = 0; i < disabled.size(); i++) {
                JsonNode element = disabled.get(i);
                if (element.isTextual() && enabled.contains(element.textValue())) {
                    error(JsonPaths.index(JsonPaths.field(parentPath, "disabled"), i),
                            "plugin \"" + element.textValue() + "\" is both enabled and disabled",
                            "remove it from \"enabled\" or from \"disabled\"; use `patchbay plugins enable "
                                    + element.textValue() + "` or `patchbay plugins disable "
                                    + element.textValue() + "` to edit both lists consistently");
                }
            }
        }

        private Optional<String> choice(ObjectNode parent, String parentPath, String key, List<String> allowed,
                boolean upperCase) {
            JsonNode node = parent.get(key);
            String path = JsonPaths.field(parentPath, key);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            String value = node.isTextual() ? node.textValue() : null;
            String normalised = value == null ? null : upperCase ? value.toUpperCase(Locale.ROOT) : value;
            if (normalised == null || !allowed.contains(normalised)) {
                error(path, "\"" + key + "\" is " + describe(node) + " but must be one of " + quoted(allowed),
                        "write one of " + quoted(allowed));
                return Optional.empty();
            }
            return Optional.of(normalised);
        }

        /** A whole number from {@code min} to {@code max} (see {@link WholeNumber}); the fallback when absent. */
        private long wholeNumber(ObjectNode parent, String parentPath, String key, long fallback, long min, long max,
                String unit) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return fallback;
            }
            String path = JsonPaths.field(parentPath, key);
            WholeNumber.Result result = new WholeNumber(key, min, max, unit)
                    .judge(node, numbers.getOrDefault(path, node.asText()));
            result.problem().ifPresent(problem -> error(path, problem.message(), problem.fix()));
            return result.problem().isPresent() ? fallback : result.value();
        }

        private void knownKeys(ObjectNode object, String path, List<String> allowed) {
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    String suggestion = closest(name, allowed).map(s -> "did you mean \"" + s + "\"? ").orElse("");
                    error(JsonPaths.field(path, name), "unknown key \"" + name + "\"",
                            suggestion + "remove it or use one of " + quoted(allowed));
                }
            }
        }

        private void error(String path, String message, String fix) {
            errors.add(new ConfigError(path, locations.of(path), message, fix));
        }
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + node.textValue() + "\"";
        } else if (node.isNumber()) {
            return "the number " + node.asText();
        } else if (node.isBoolean()) {
            return "the boolean " + node.asText();
        } else if (node.isNull()) {
            return "null";
        } else if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
    }

    /** The allowed word nearest to a misspelt one, if it is close enough to be a likely typo. */
    static Optional<String> closest(String word, List<String> candidates) {
        return CloseMatches.of(word, candidates).stream().findFirst();
    }
}
