package dev.patchbay.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Row;
import dev.patchbay.host.plugin.ExtensionKind;
import dev.patchbay.host.plugin.VersionRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one stage object, {@code {"use": "plugin-id/extension-name", "version": "1.x", "settings": {...}}},
 * wherever a pipeline
 * has one: its source, each processor, its sink and its dead-letter stage. Keeps every stage whose {@code use}
 * could be read as a {@link StageUse}, even in a pipeline with errors, so that it can still be checked against
 * the plugins.
 */
final class StageReader {

    private static final List<String> STAGE_KEYS = List.of("use", "version", "settings");
    private static final Pattern USE = Pattern.compile("[^/\\s]+/[^/\\s]+");
    private static final String USE_FIRST = "; the stage's settings are checked against its extension once \"use\" "
            + "names one";

    private static final String PIN_FIX = "write a range of plugin versions as a string, such as "
            + "\">=1.1.0 & <2.0.0\", \"1.x\" or \"=1.1.0\" (a bare \"1.1.0\" means 1.1.0 or later), or leave "
            + "\"version\" out to use the highest started version";

    private final ConfigWalk walk;
    private final SettingReferences references;
    private final List<StageUse> uses = new ArrayList<>();

    StageReader(ConfigWalk walk, SettingReferences references) {
        this.walk = Objects.requireNonNull(walk, "walk");
        this.references = Objects.requireNonNull(references, "references");
    }

    /** One conversion of a setting's value: whether it resolves references, and whether it met one. */
    private static final class Conversion {
        private final boolean resolve;
        private boolean referenced;

        Conversion(boolean resolve) {
            this.resolve = resolve;
        }
    }

    /** Every stage read so far whose {@code use} could be read, in the order read. */
    List<StageUse> uses() {
        return List.copyOf(uses);
    }

    /**
     * The stage under {@code key}; empty when it is absent (an error if {@code required}) or invalid.
     *
     * @param owner what should hold the stage, for the message of a missing one, such as {@code the pipeline}
     * @param pipeline the name of the pipeline the stage belongs to
     * @param kind the kind of extension the stage needs
     */
    Optional<StageConfig> stage(ObjectNode parent, String parentPath, String key, boolean required, String owner,
            String pipeline, ExtensionKind kind) {
        String path = JsonPaths.field(parentPath, key);
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                walk.error(path, owner + " has no \"" + key + "\"",
                        "add \"" + key + "\": {\"use\": \"plugin-id/extension-name\", \"settings\": {}}");
            }
            return Optional.empty();
        }
        return stage(node, path, pipeline, kind);
    }

    /** The stage at {@code path}; empty when it is invalid. */
    Optional<StageConfig> stage(JsonNode node, String path, String pipeline, ExtensionKind kind) {
        if (!node.isObject()) {
            walk.error(path, "a stage is " + ConfigWalk.describe(node) + " but must be an object",
                    "write {\"use\": \"plugin-id/extension-name\", \"settings\": {}}");
            return Optional.empty();
        }
        ObjectNode object = (ObjectNode) node;
        walk.knownKeys(object, path, STAGE_KEYS);
        String usePath = JsonPaths.field(path, "use");
        JsonNode use = object.get("use");
        String reference = null;
        if (use == null) {
            walk.error(usePath, "the stage has no \"use\"",
                    "add \"use\": \"plugin-id/extension-name\", such as \"files/csv-source\"; "
                            + "`patchbay plugins list` shows the extensions" + USE_FIRST);
        } else if (!use.isTextual()) {
            walk.error(usePath, "\"use\" is " + ConfigWalk.describe(use) + " but must be a string",
                    "write \"plugin-id/extension-name\", such as \"files/csv-source\"" + USE_FIRST);
        } else if (!USE.matcher(use.textValue()).matches()) {
            walk.error(usePath, "\"use\" is \"" + use.textValue()
                    + "\" but must have the form plugin-id/extension-name",
                    "write the plugin id, a slash and the extension name, such as \"files/csv-source\""
                            + USE_FIRST);
        } else {
            reference = use.textValue();
        }
        Optional<VersionRange> version = version(object, path, pipeline);
        String settingsPath = JsonPaths.field(path, "settings");
        JsonNode settingsNode = object.get("settings");
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> written = new LinkedHashMap<>();
        int beforeSettings = walk.errorCount();
        if (settingsNode != null) {
            if (!settingsNode.isObject()) {
                walk.error(settingsPath, "\"settings\" is " + ConfigWalk.describe(settingsNode)
                        + " but must be an object",
                        "write the settings as an object, such as {\"path\": \"data/in.csv\"}, or {} for none; "
                                + "the settings are checked against the extension once they are an object");
            } else {
                for (Map.Entry<String, JsonNode> entry : settingsNode.properties()) {
                    String at = JsonPaths.field(settingsPath, entry.getKey());
                    Conversion resolved = new Conversion(true);
                    settings.put(entry.getKey(), recordValue(entry.getValue(), at, resolved));
                    if (resolved.referenced) {
                        written.put(entry.getKey(), recordValue(entry.getValue(), at, new Conversion(false)));
                    }
                }
            }
        }
        if (reference == null) {
            return Optional.empty();
        }
        StageConfig stage = new StageConfig(reference, settings, path, written, version);
        uses.add(new StageUse(pipeline, stage, kind, walk.errorCount() == beforeSettings));
        return Optional.of(stage);
    }

    /** The stage's {@code "version"} pin; empty when it is absent or invalid (then an error says so). */
    private Optional<VersionRange> version(ObjectNode object, String path, String pipeline) {
        JsonNode node = object.get("version");
        if (node == null) {
            return Optional.empty();
        }
        String at = JsonPaths.field(path, "version");
        if (!node.isTextual()) {
            walk.error(at, "pipeline '" + pipeline + "': \"version\" is " + ConfigWalk.describe(node)
                    + " but must be a string", PIN_FIX);
            return Optional.empty();
        }
        try {
            return Optional.of(VersionRange.of(node.textValue()));
        } catch (IllegalArgumentException e) {
            walk.error(at, "pipeline '" + pipeline + "': \"version\" is \"" + node.textValue()
                    + "\" but is not a version range", PIN_FIX);
            return Optional.empty();
        }
    }

    /**
     * Converts a settings value to the api's record value types, resolving the references in its strings when
     * the conversion says so; the conversion without resolving yields the value as written and reports nothing.
     */
    private Object recordValue(JsonNode node, String path, Conversion conversion) {
        if (node.isNull()) {
            return null;
        } else if (node.isTextual()) {
            if (!conversion.resolve) {
                return node.textValue();
            }
            try {
                SettingReferences.Resolved resolved = references.resolve(node.textValue());
                conversion.referenced |= resolved.referenced();
                return resolved.value();
            } catch (SettingReferences.Unresolvable e) {
                conversion.referenced = true;
                walk.error(path, e.getMessage(), e.fix() + "; the stage's other settings are checked against its "
                        + "extension once this is fixed");
                return null;
            }
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                if (!conversion.resolve) {
                    return null;
                }
                walk.error(path, "the integer " + node.asText() + " does not fit in a 64-bit long",
                        "use a value between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                                + ", or write it as a string; the stage's other settings are checked against its "
                                + "extension once this is fixed");
                return null;
            }
            return node.longValue();
        } else if (node.isNumber()) {
            return node.doubleValue();
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                list.add(recordValue(node.get(i), JsonPaths.index(path, i), conversion));
            }
            return list;
        } else {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                map.put(entry.getKey(), recordValue(entry.getValue(), JsonPaths.field(path, entry.getKey()),
                        conversion));
            }
            return Row.of(map);
        }
    }
}
