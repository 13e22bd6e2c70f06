package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.api.Setting;
import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.pipeline.VersionUsers;
import dev.patchbay.host.plugin.ExtensionDescriptor;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.StartedCatalog;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code patchbay plugins info ID[@VERSION]}: every installed version of one plugin (or the one named) in full, with
 * every extension's settings documentation and the configured pipeline stages that use each version.
 */
@Command(name = "info",
        description = "Show one plugin's descriptor, dependencies and problems, the configured "
                + "pipelines that use it, and each extension with its settings (key, type, required, default, "
                + "choices, description; read only with --start, which instantiates the factories in a separate JVM); every installed version of ID, or only VERSION for ID@VERSION. Exits 1 "
                + "if a version shown FAILED, 2 if no plugin has that id or version.")
final class PluginsInfoCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "ID[@VERSION]", description = "The plugin id, as shown by `patchbay plugins list`, "
            + "optionally with one of its versions, such as files@1.1.0.")
    private String reference;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    @picocli.CommandLine.Mixin
    private StartOptions start = new StartOptions();

    private final CommandContext context;

    PluginsInfoCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        int at = reference.indexOf('@');
        String id = at < 0 ? reference : reference.substring(0, at);
        Optional<String> version = at < 0 ? Optional.empty() : Optional.of(reference.substring(at + 1));
        try (PluginPlatform platform = context.platform(config)) {
            List<PluginInfo> discovered = platform.discover();
            check(discovered, id, version, config);
            Optional<StartedCatalog> started = start.isolatedStart(Duration.ofMillis(config.timeouts().createMillis()))
                    .map(child -> StartedCatalog.check(discovered, child, context.startRequest(config)));
            List<PluginInfo> all = started.map(StartedCatalog::plugins).orElse(discovered);
            List<PluginInfo> shown = all.stream().filter(p -> p.id().equals(id))
                    .filter(p -> version.map(p.version()::equals).orElse(true)).toList();
            if (shown.isEmpty()) {
                throw new IllegalStateException("plugin '" + reference
                        + "' disappeared from the platform between discovery and start");
            }
            VersionUsers users = VersionUsers.of(config, all);
            PrintWriter out = context.out();
            if (json) {
                ArrayNode versions = JsonOutput.document().arrayNode();
                for (PluginInfo info : shown) {
                    ObjectNode plugin = JsonOutput.plugin(info, settings(started, info), users.of(info));
                    versions.add(JsonOutput.withParallel(info, plugin).put("settingsRead", started.isPresent()));
                }
                // The top level stays the plugin object it was with one version per id: the highest shown.
                ObjectNode document = JsonOutput.document().setAll((ObjectNode) versions.get(versions.size() - 1));
                document.set("versions", versions);
                JsonOutput.print(out, document);
            } else {
                for (int i = 0; i < shown.size(); i++) {
                    if (i > 0) {
                        out.println();
                    }
                    PluginInfo info = shown.get(i);
                    TextOutput.pluginDetails(out, info, config.home(), settings(started, info), users.of(info));
                }
                out.flush();
            }
            return shown.stream().anyMatch(p -> p.state() == PluginState.FAILED) ? ExitCodes.PROBLEMS : ExitCodes.OK;
        }
    }

    private void check(List<PluginInfo> found, String id, Optional<String> version, PatchbayConfig config) {
        if (found.stream().noneMatch(p -> p.id().equals(id))) {
            TreeSet<String> known = new TreeSet<>();
            found.forEach(p -> known.add(p.id()));
            throw new UsageException("no plugin with id '" + id + "' in " + config.pluginsDirectory() + "; "
                    + CloseMatches.suggestion(id, known) + "known ids: "
                    + (known.isEmpty() ? "(none)" : String.join(", ", known)));
        }
        if (version.isPresent() && found.stream().noneMatch(p -> p.id().equals(id)
                && p.version().equals(version.get()))) {
            List<String> versions = found.stream().filter(p -> p.id().equals(id)).map(PluginInfo::version).toList();
            throw new UsageException("plugin '" + id + "' has no version '" + version.get() + "' in "
                    + config.pluginsDirectory() + "; its installed versions are " + String.join(", ", versions)
                    + "; run `patchbay plugins info " + id + "` to see them all");
        }
    }

    /**
     * The settings of a started version's extensions, as the start check read them; empty unless it is STARTED
     * (and so always without --start).
     */
    private static Optional<Map<ExtensionDescriptor, List<Setting>>> settings(Optional<StartedCatalog> started,
            PluginInfo info) {
        if (started.isEmpty() || info.state() != PluginState.STARTED) {
            return Optional.empty();
        }
        for (ExtensionDescriptor descriptor : info.extensions()) {
            started.get().settingsError(info, descriptor).ifPresent(error -> {
                throw new IllegalStateException("extension " + descriptor.reference(info.id()) + " "
                        + info.version() + " failed to describe its settings: " + error);
            });
        }
        return started.get().settings(info);
    }
}
