package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.ClassExplanation;
import dev.patchbay.host.plugin.ClassName;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code patchbay plugins explain CLASS --plugin ID[@VERSION]}: which rule of the plugin's class loader gives it the
 * class, from which file, and every other archive with a copy of the class or classes of its package. Discovery only:
 * no plugin is started and no plugin code runs.
 */
@Command(name = "explain",
        description = "Say where plugin ID gets class CLASS from (the JDK, the api, slf4j-api, its own jar or lib/ jar, "
                + "a dependency, or nowhere, with why and the fix), and list every other archive in the plugins "
                + "folder with a copy of the class or classes of its package: conflicts, split packages, a bundled "
                + "api, shadowed libraries. Runs no plugin code. Exits 1 if the class is not visible to the plugin, 2 "
                + "if no plugin has that id or version or CLASS is not a class name.")
final class PluginsExplainCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "CLASS", description = "The class, as com.acme.Widget, com/acme/Widget or "
            + "com/acme/Widget.class (a nested class as com.acme.Widget$Part).")
    private String className;

    @Option(names = "--plugin", required = true, paramLabel = "ID[@VERSION]", description = "The plugin whose view "
            + "to explain, as shown by `patchbay plugins list`; without a version, its highest installed one.")
    private String reference;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    private final CommandContext context;

    PluginsExplainCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        ClassName name;
        try {
            name = ClassName.parse(className);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PatchbayConfig config = context.config();
        int at = reference.indexOf('@');
        String id = at < 0 ? reference : reference.substring(0, at);
        Optional<String> version = at < 0 ? Optional.empty() : Optional.of(reference.substring(at + 1));
        try (PluginPlatform platform = context.platform(config)) {
            List<PluginInfo> found = platform.discover();
            ClassExplanation explanation = platform.explainClass(name, id, version)
                    .orElseThrow(() -> unknown(found, id, version, config));
            PrintWriter out = context.out();
            if (json) {
                JsonOutput.print(out, json(explanation));
            } else {
                text(out, explanation);
            }
            return explanation.visible() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }

    private static UsageException unknown(List<PluginInfo> found, String id, Optional<String> version,
            PatchbayConfig config) {
        List<String> versions = found.stream().filter(p -> p.id().equals(id)).map(PluginInfo::version).toList();
        if (versions.isEmpty()) {
            TreeSet<String> known = new TreeSet<>();
            found.forEach(p -> known.add(p.id()));
            return new UsageException("no plugin with id '" + id + "' in " + config.pluginsDirectory() + "; "
                    + CloseMatches.suggestion(id, known) + "known ids: "
                    + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        }
        return new UsageException("plugin '" + id + "' has no version '" + version.orElse("") + "' in "
                + config.pluginsDirectory() + "; its installed versions are " + String.join(", ", versions)
                + "; pass --plugin " + id + "@VERSION with one of them, or --plugin " + id + " for the highest");
    }

    private static void text(PrintWriter out, ClassExplanation explanation) {
        out.println(explanation.className() + " for plugin '" + explanation.pluginId() + "' "
                + explanation.pluginVersion() + " (" + explanation.state() + ")");
        if (explanation.visible()) {
            out.println("  rule:   " + explanation.rule().jsonName());
            out.println("  from:   " + explanation.from());
            out.println("  file:   " + explanation.file());
            out.println("  why:    " + explanation.why());
        } else {
            out.println("  rule:   not visible");
            out.println("  why:    " + explanation.why());
        }
        if (explanation.others().isEmpty()) {
            out.println("  other copies: none");
        } else {
            out.println("  other copies:");
            for (ClassExplanation.Copy copy : explanation.others()) {
                out.println("    " + copy.relation().jsonName() + ": plugin '" + copy.pluginId() + "' "
                        + copy.version() + ", " + copy.file());
                out.println("      " + copy.note());
            }
        }
        out.flush();
    }

    private static ObjectNode json(ClassExplanation explanation) {
        ObjectNode document = JsonOutput.document();
        document.put("class", explanation.className());
        ObjectNode plugin = document.putObject("plugin");
        plugin.put("id", explanation.pluginId());
        plugin.put("version", explanation.pluginVersion());
        plugin.put("state", explanation.state().name());
        document.put("visible", explanation.visible());
        document.put("rule", explanation.rule().jsonName());
        document.put("from", explanation.from());
        document.put("file", explanation.file());
        document.put("why", explanation.why());
        ArrayNode others = document.putArray("others");
        for (ClassExplanation.Copy copy : explanation.others()) {
            ObjectNode node = others.addObject();
            node.put("plugin", copy.pluginId());
            node.put("version", copy.version());
            node.put("file", copy.file());
            node.put("relation", copy.relation().jsonName());
            node.put("note", copy.note());
        }
        return document;
    }
}
