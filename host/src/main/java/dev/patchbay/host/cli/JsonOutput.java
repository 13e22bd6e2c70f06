package dev.patchbay.host.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.PluginDependency;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON documents the commands print with {@code --json}. The field names and types are a stable
 * schema documented in README ("JSON output"); {@code schemaVersion} changes only on an incompatible change.
 */
final class JsonOutput {

    /** One number for every document, the run's events included, which the pipeline package writes. */
    static final int SCHEMA_VERSION = RunSummary.SCHEMA_VERSION;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    static ObjectNode document() {
        ObjectNode node = NODES.objectNode();
        node.put("schemaVersion", SCHEMA_VERSION);
        return node;
    }

    static void print(PrintWriter out, JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        try {
            out.println(MAPPER.writer(printer).writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON output", e);
        }
        out.flush();
    }

    /**
     * A plugin; {@code settings} maps extension names to their settings descriptions when known
     * (only for started plugins), and is absent from the output otherwise.
     */
    static ObjectNode plugin(PluginInfo info, Optional<Map<ExtensionDescriptor, List<Setting>>> settings) {
        ObjectNode node = NODES.objectNode();
        node.put("id", info.id());
        node.put("version", info.version());
        node.put("state", info.state().name());
        node.put("requires", info.requires());
        node.put("file", info.path().toAbsolutePath().toString());
        node.put("provider", info.provider());
        node.put("license", info.license());
        node.put("description", info.description());
        ArrayNode dependencies = node.putArray("dependencies");
        for (PluginDependency dependency : info.dependencies()) {
            ObjectNode d = dependencies.addObject();
            d.put("id", dependency.pluginId());
            d.put("versionRange", dependency.versionRange());
            d.put("optional", dependency.optional());
        }
        ArrayNode extensions = node.putArray("extensions");
        for (ExtensionDescriptor extension : info.extensions()) {
            ObjectNode e = extensions.addObject();
            e.put("kind", extension.kind().label());
            e.put("name", extension.name());
            e.put("reference", extension.reference(info.id()));
            e.put("description", extension.description());
            e.put("className", extension.className());
            settings.ifPresent(all -> {
                List<Setting> described = all.get(extension);
                if (described == null) {
                    e.putNull("settings");
                } else {
                    ArrayNode list = e.putArray("settings");
                    described.forEach(setting -> list.add(setting(setting)));
                }
            });
        }
        node.set("problems", problems(info.problems()));
        return node;
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = NODES.arrayNode();
        for (Problem problem : problems) {
            ObjectNode p = array.addObject();
            p.put("code", problem.code().id());
            p.put("message", problem.message());
        }
        return array;
    }

    static ObjectNode setting(Setting setting) {
        ObjectNode node = NODES.objectNode();
        node.put("key", setting.key());
        node.put("type", setting.type().jsonName());
        node.put("required", setting.required());
        node.set("default", setting.defaultValue().map(JsonOutput::value).orElse(NODES.nullNode()));
        ArrayNode choices = node.putArray("choices");
        setting.choices().forEach(choices::add);
        node.put("description", setting.description());
        return node;
    }

    static ArrayNode configErrors(List<ConfigError> errors) {
        ArrayNode array = NODES.arrayNode();
        for (ConfigError error : errors) {
            ObjectNode e = array.addObject();
            e.put("path", error.path());
            e.put("line", error.location().line());
            e.put("column", error.location().column());
            e.put("message", error.message());
            e.put("fix", error.fix());
        }
        return array;
    }

    /** A record value (String, Long, Double, Boolean, null, Bytes, List, Row) as JSON. */
    static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Long l) {
            return NODES.numberNode(l);
        } else if (value instanceof Double d) {
            return NODES.numberNode(d);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(value(element)));
            return array;
        } else if (value instanceof Row record) {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < record.size(); i++) {
                object.set(record.name(i), value(record.value(i)));
            }
            return object;
        } else if (value instanceof Bytes bytes) {
            return NODES.textNode(java.util.Base64.getEncoder().encodeToString(bytes.toArray()));
        }
        return NODES.textNode(String.valueOf(value));
    }
}
