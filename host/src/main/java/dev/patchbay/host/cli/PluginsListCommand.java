package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.VersionUsers;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginState;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patchbay plugins list}: every plugin archive, good and bad, one entry per installed version, with its
 * state, its problems and the configured pipeline stages that use that version.
 */
@Command(name = "list",
        description = "List every plugin in the plugins folder, one entry per installed version, with its version, "
                + "state, api range, file, extensions, the configured pipelines that use that version, and "
                + "problems. Reads manifests and service files only; no plugin code runs "
                + "unless --start is given. Exits 0 whenever the listing itself succeeded, even if plugins "
                + "FAILED.")
final class PluginsListCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    @Option(names = "--start", description = "Also start the plugins (instantiates their extension factories), "
            + "so failing static initialisers and constructors show as FAILED.")
    private boolean start;

    private final CommandContext context;

    PluginsListCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        try (PluginPlatform platform = context.platform(config)) {
            List<PluginInfo> plugins = start ? platform.start() : platform.discover();
            PrintWriter out = context.out();
            VersionUsers users = VersionUsers.of(config, plugins);
            if (json) {
                ObjectNode document = JsonOutput.document();
                document.put("pluginsDirectory", config.pluginsDirectory().toString());
                ArrayNode array = document.putArray("plugins");
                plugins.forEach(p -> array.add(JsonOutput.plugin(p, Optional.empty(), users.of(p))));
                JsonOutput.print(out, document);
            } else {
                printText(out, config, plugins, users);
            }
        }
        return ExitCodes.OK;
    }

    private static void printText(PrintWriter out, PatchbayConfig config, List<PluginInfo> plugins,
            VersionUsers users) {
        Map<PluginState, Long> counts = plugins.stream()
                .collect(Collectors.groupingBy(PluginInfo::state, () -> new EnumMap<>(PluginState.class),
                        Collectors.counting()));
        String summary = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        out.println(plugins.size() + (plugins.size() == 1 ? " plugin" : " plugins") + " in "
                + config.pluginsDirectory() + (plugins.isEmpty() ? "" : " (" + summary + ")"));
        for (PluginInfo plugin : plugins) {
            out.println();
            TextOutput.pluginSummary(out, plugin, config.home(), users.of(plugin));
        }
        out.flush();
    }
}
