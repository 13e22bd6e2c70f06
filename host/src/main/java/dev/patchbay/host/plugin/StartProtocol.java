package dev.patchbay.host.plugin;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.api.SettingType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files a start check's parent and child JVM exchange: the request the parent writes, and the report the child
 * writes, both JSON with a version number. The report is a file of its own rather than standard output, so nothing
 * a plugin prints can be taken for it; it is read strictly, and anything malformed is the child's failure.
 */
final class StartProtocol {

    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StartProtocol() {
    }

    static byte[] writeRequest(StartRequest request) throws IOException {
        ObjectNode node = NODES.objectNode();
        node.put("version", VERSION);
        ArrayNode archives = node.putArray("archives");
        request.archives().forEach(path -> archives.add(path.toAbsolutePath().toString()));
        request.directory().ifPresent(folder -> node.put("directory", folder.toAbsolutePath().toString()));
        node.set("enabled", strings(request.selection().enabled()));
        node.set("disabled", strings(request.selection().disabled()));
        node.set("allowExit", strings(request.selection().allowExit()));
        ArchivePolicy policy = request.archivePolicy();
        node.put("lock", policy.lock().name());
        node.put("lockFile", policy.lockFile().toString());
        node.put("trust", policy.trustDirectory().toString());
        node.put("requireSigned", policy.requireSigned());
        node.put("startDeadlineMillis", request.startDeadline().toMillis());
        return MAPPER.writeValueAsBytes(node);
    }

    static StartRequest readRequest(byte[] bytes) throws IOException {
        JsonNode node = versioned(bytes, "request");
        List<Path> archives = new ArrayList<>();
        node.path("archives").forEach(path -> archives.add(Path.of(path.asText())));
        PluginSelection selection = new PluginSelection(stringSet(node.path("enabled")),
                stringSet(node.path("disabled")), stringSet(node.path("allowExit")));
        ArchivePolicy policy = new ArchivePolicy(ArchivePolicy.LockMode.valueOf(text(node, "lock")),
                Path.of(text(node, "lockFile")), Path.of(text(node, "trust")), node.path("requireSigned").asBoolean());
        Optional<Path> directory = node.hasNonNull("directory") ? Optional.of(Path.of(text(node, "directory")))
                : Optional.empty();
        return new StartRequest(archives, directory, selection, policy,
                Duration.ofMillis(node.path("startDeadlineMillis").asLong()));
    }

    static byte[] writeReport(StartReport report) throws IOException {
        ObjectNode node = NODES.objectNode();
        node.put("version", VERSION);
        ArrayNode plugins = node.putArray("plugins");
        for (StartReport.StartedPlugin plugin : report.plugins()) {
            ObjectNode p = plugins.addObject();
            p.put("path", plugin.path().toAbsolutePath().toString());
            p.put("id", plugin.id());
            p.put("version", plugin.version());
            p.put("state", plugin.state().name());
            ArrayNode problems = p.putArray("problems");
            plugin.problems().forEach(problem -> problems.addObject().put("code", problem.code().id())
                    .put("message", problem.message()));
            ArrayNode extensions = p.putArray("extensions");
            for (StartReport.ExtensionSettings extension : plugin.extensions()) {
                ObjectNode e = extensions.addObject();
                e.put("kind", extension.kind().label());
                e.put("name", extension.name());
                extension.error().ifPresent(error -> e.put("error", error));
                extension.settings().ifPresent(settings -> {
                    ArrayNode list = e.putArray("settings");
                    settings.forEach(setting -> list.add(setting(setting)));
                });
            }
        }
        return MAPPER.writeValueAsBytes(node);
    }

    /**
     * Reads a report.
     *
     * @throws IOException if it is not JSON, or not a report of this version
     * @throws IllegalArgumentException if a value in it is invalid (an unknown code, state or setting type)
     */
    static StartReport readReport(byte[] bytes) throws IOException {
        JsonNode node = versioned(bytes, "report");
        List<StartReport.StartedPlugin> plugins = new ArrayList<>();
        for (JsonNode p : array(node, "plugins")) {
            List<Problem> problems = new ArrayList<>();
            for (JsonNode problem : array(p, "problems")) {
                problems.add(new Problem(code(text(problem, "code")), text(problem, "message")));
            }
            List<StartReport.ExtensionSettings> extensions = new ArrayList<>();
            for (JsonNode e : array(p, "extensions")) {
                ExtensionKind kind = ExtensionKind.ofLabel(text(e, "kind")).orElseThrow(() ->
                        new IllegalArgumentException("unknown extension kind '" + e.path("kind").asText() + "'"));
                Optional<List<Setting>> settings = Optional.empty();
                if (e.has("settings")) {
                    List<Setting> list = new ArrayList<>();
                    array(e, "settings").forEach(setting -> list.add(setting(setting)));
                    settings = Optional.of(list);
                }
                Optional<String> error = e.hasNonNull("error") ? Optional.of(text(e, "error")) : Optional.empty();
                extensions.add(new StartReport.ExtensionSettings(kind, text(e, "name"), settings, error));
            }
            plugins.add(new StartReport.StartedPlugin(Path.of(text(p, "path")), text(p, "id"), text(p, "version"),
                    PluginState.valueOf(text(p, "state")), problems, extensions));
        }
        return StartReport.of(plugins);
    }

    private static ObjectNode setting(Setting setting) {
        ObjectNode node = NODES.objectNode();
        node.put("key", setting.key());
        node.put("type", setting.type().name());
        node.put("required", setting.required());
        setting.defaultValue().ifPresent(value -> node.set("default", json(value)));
        ArrayNode choices = node.putArray("choices");
        setting.choices().forEach(choices::add);
        node.put("description", setting.description());
        setting.pathRole().ifPresent(role -> node.put("pathRole", role.name()));
        return node;
    }

    private static Setting setting(JsonNode node) {
        String key = text(node, "key");
        SettingType type = SettingType.valueOf(text(node, "type"));
        String description = text(node, "description");
        Setting setting = node.path("required").asBoolean() ? Setting.required(key, type, description)
                : Setting.optional(key, type, description);
        List<String> choices = new ArrayList<>();
        node.path("choices").forEach(choice -> choices.add(choice.asText()));
        if (!choices.isEmpty()) {
            setting = setting.oneOf(choices.toArray(String[]::new));
        }
        if (node.hasNonNull("default")) {
            setting = setting.withDefault(value(node.get("default")));
        }
        if (node.hasNonNull("pathRole")) {
            setting = Setting.PathRole.valueOf(text(node, "pathRole")) == Setting.PathRole.INPUT
                    ? setting.asInputPath() : setting.asOutputPath();
        }
        return setting;
    }

    /** A setting's default, a canonical value of the api (String, Long, Double, Boolean, List, Row), as JSON. */
    private static JsonNode json(Object value) {
        if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(json(element)));
            return array;
        } else if (value instanceof Row row) {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < row.size(); i++) {
                object.set(row.name(i), json(row.value(i)));
            }
            return object;
        }
        throw new IllegalArgumentException("a setting default of type " + value.getClass().getName()
                + " cannot be reported; defaults are strings, numbers, booleans, lists and objects");
    }

    private static Object value(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.longValue();
        } else if (node.isNumber()) {
            return node.doubleValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(value(element)));
            return list;
        } else if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(field -> map.put(field.getKey(), value(field.getValue())));
            return map;
        }
        return node.isNull() ? null : node.asText();
    }

    private static JsonNode versioned(byte[] bytes, String what) throws IOException {
        JsonNode node = MAPPER.readTree(bytes);
        if (node == null || !node.isObject() || node.path("version").asInt() != VERSION) {
            throw new IOException("not a start-check " + what + " of version " + VERSION);
        }
        return node;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode array = node.path(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException("'" + field + "' is not an array");
        }
        return array;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static ProblemCode code(String id) {
        return Arrays.stream(ProblemCode.values()).filter(code -> code.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown problem code '" + id + "'"));
    }

    private static ArrayNode strings(Set<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.stream().sorted().forEach(array::add);
        return array;
    }

    private static Set<String> stringSet(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
