package dev.patchbay.host.cli;

import dev.patchbay.api.Setting;
import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.LoadedExtension;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patchbay plugins info ID}: one plugin in full, with every extension's settings documentation. */
@Command(name = "info",
        description = "Start the plugins and show one plugin's descriptor, dependencies and problems, and each "
                + "extension with its settings (key, type, required, default, choices, description). Exits 1 "
                + "if the plugin FAILED, 2 if no plugin has that id.")
final class PluginsInfoCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "ID", description = "The plugin id, as shown by `patchbay plugins list`.")
    private String id;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    private final CommandContext context;

    PluginsInfoCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        try (PluginPlatform platform = context.platform(config)) {
            List<PluginInfo> found = platform.discover();
            if (found.stream().noneMatch(p -> p.id().equals(id))) {
                TreeSet<String> known = new TreeSet<>();
                found.forEach(p -> known.add(p.id()));
                throw new UsageException("no plugin with id '" + id + "' in " + config.pluginsDirectory() + "; "
                        + CloseMatches.suggestion(id, known) + "known ids: "
                        + (known.isEmpty() ? "(none)" : String.join(", ", known)));
            }
            platform.start();
            PluginInfo info = platform.plugin(id).orElseThrow(() -> new IllegalStateException(
                    "plugin '" + id + "' disappeared from the platform between discovery and start"));
            Optional<Map<ExtensionDescriptor, List<Setting>>> settings = info.state() == PluginState.STARTED
                    ? Optional.of(settings(platform, info)) : Optional.empty();
            if (json) {
                JsonOutput.print(context.out(), JsonOutput.document().setAll(JsonOutput.plugin(info, settings)));
            } else {
                TextOutput.pluginDetails(context.out(), info, config.home(), settings);
                context.out().flush();
            }
            return info.state() == PluginState.FAILED ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
    }

    private static Map<ExtensionDescriptor, List<Setting>> settings(PluginPlatform platform, PluginInfo info) {
        Map<ExtensionDescriptor, List<Setting>> all = new LinkedHashMap<>();
        for (ExtensionDescriptor descriptor : info.extensions()) {
            Optional<LoadedExtension> loaded = platform.extension(info.id(), descriptor.kind(), descriptor.name());
            if (loaded.isEmpty()) {
                continue;
            }
            try {
                all.put(descriptor, loaded.get().settings());
            } catch (RuntimeException e) {
                throw new IllegalStateException("extension " + descriptor.reference(info.id())
                        + " failed to describe its settings: " + e, e);
            }
        }
        return all;
    }
}
