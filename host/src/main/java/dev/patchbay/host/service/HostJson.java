package dev.patchbay.host.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Bytes;
import dev.patchbay.api.Row;
import dev.patchbay.api.Setting;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.pipeline.VersionUsers;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.PluginDependency;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of the host's read model: plugins and pipelines, as the CLI's {@code --json} output, the admin API and the
 * web console see them. With {@code RunSummary.toJson} (the pipelines' figures) this is the one place the schema
 * (README, "JSON output") is written; {@code schemaVersion} changes only on an incompatible change.
 */
public final class HostJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HostJson() {
    }

    /** {@code GET /plugins}: every plugin, in id order. */
    public static ObjectNode plugins(HostView view) {
        ObjectNode root = document();
        ArrayNode list = root.putArray("plugins");
        view.plugins().forEach(plugin -> list.add(plugin(plugin, Optional.empty())));
        return root;
    }

    /**
     * {@code GET /pipelines}: the host's state and each pipeline's state and figures, as in the run summary's
     * {@code pipelines}.
     */
    public static ObjectNode pipelines(HostView view) {
        ObjectNode summary = view.pipelines().toJson(MAPPER, "progress");
        ObjectNode root = document();
        root.put("host", view.state().name());
        root.put("at", view.at().toString());
        root.set("pipelines", summary.get("pipelines"));
        return root;
    }

    /** {@code GET /pipelines/{name}}: one pipeline, as an element of {@link #pipelines}. */
    public static Optional<ObjectNode> pipeline(HostView view, String name) {
        for (JsonNode pipeline : pipelines(view).get("pipelines")) {
            if (pipeline.get("name").asText().equals(name)) {
                ObjectNode root = document();
                root.setAll((ObjectNode) pipeline);
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }

    /** A document's root, carrying the schema version. */
    public static ObjectNode document() {
        ObjectNode node = NODES.objectNode();
        node.put("schemaVersion", RunSummary.SCHEMA_VERSION);
        return node;
    }

    /**
     * A plugin; {@code settings} maps extension names to their settings descriptions when known
     * (only for started plugins), and is absent from the output otherwise.
     */
    public static ObjectNode plugin(PluginInfo info, Optional<Map<ExtensionDescriptor, List<Setting>>> settings) {
        return plugin(info, settings, Optional.empty());
    }

    /**
     * A plugin, as {@link #plugin(PluginInfo, Optional)}, with {@code usedBy} when the users are known: the configured
     * pipeline stages that resolve to this version under their pins, each {@code {pipeline, stage, use}}.
     */
    public static ObjectNode plugin(PluginInfo info, Optional<Map<ExtensionDescriptor, List<Setting>>> settings,
            Optional<List<VersionUsers.StageUser>> users) {
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
        node.set("warnings", problems(info.warnings()));
        ArrayNode signers = node.putArray("signers");
        info.signers().forEach(signers::add);
        users.ifPresent(known -> {
            ArrayNode usedBy = node.putArray("usedBy");
            for (VersionUsers.StageUser user : known) {
                usedBy.addObject().put("pipeline", user.pipeline()).put("stage", user.stage()).put("use", user.use());
            }
        });
        return node;
    }

    public static ArrayNode problems(List<Problem> problems) {
        ArrayNode array = NODES.arrayNode();
        for (Problem problem : problems) {
            ObjectNode p = array.addObject();
            p.put("code", problem.code().id());
            p.put("message", problem.message());
        }
        return array;
    }

    public static ObjectNode setting(Setting setting) {
        ObjectNode node = NODES.objectNode();
        node.put("key", setting.key());
        node.put("type", setting.type().jsonName());
        node.put("required", setting.required());
        node.set("default", setting.defaultValue().map(HostJson::value).orElse(NODES.nullNode()));
        ArrayNode choices = node.putArray("choices");
        setting.choices().forEach(choices::add);
        node.put("description", setting.description());
        return node;
    }

    /** A record value (String, Long, Double, Boolean, null, Bytes, List, Row) as JSON. */
    public static JsonNode value(Object value) {
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
