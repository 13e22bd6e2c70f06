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
import dev.patchbay.api.Setting;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.pipeline.RunSummary;
import dev.patchbay.host.pipeline.VersionUsers;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.Problem;
import dev.patchbay.host.service.HostJson;
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
        return HostJson.document();
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

    /** A plugin, as {@link HostJson#plugin}. */
    static ObjectNode plugin(PluginInfo info, Optional<Map<ExtensionDescriptor, List<Setting>>> settings) {
        return HostJson.plugin(info, settings);
    }

    /** A plugin with the configured pipeline stages that use this version, as {@link HostJson#plugin}. */
    static ObjectNode plugin(PluginInfo info, Optional<Map<ExtensionDescriptor, List<Setting>>> settings,
            List<VersionUsers.StageUser> users) {
        return HostJson.plugin(info, settings, Optional.of(users));
    }

    /**
     * Adds each processor's {@code parallel} flag (from {@code @Extension}, read code-free) to its object, for
     * {@code plugins info}.
     */
    static ObjectNode withParallel(PluginInfo info, ObjectNode plugin) {
        JsonNode extensions = plugin.path("extensions");
        for (int i = 0; i < info.extensions().size() && i < extensions.size(); i++) {
            ExtensionDescriptor extension = info.extensions().get(i);
            if (extension.kind() == dev.patchbay.host.plugin.ExtensionKind.PROCESSOR) {
                ((ObjectNode) extensions.get(i)).put("parallel", extension.parallel());
            }
        }
        return plugin;
    }

    static ArrayNode problems(List<Problem> problems) {
        return HostJson.problems(problems);
    }

    static ObjectNode setting(Setting setting) {
        return HostJson.setting(setting);
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

    /** A record value, as {@link HostJson#value}. */
    static JsonNode value(Object value) {
        return HostJson.value(value);
    }
}
