package dev.patchbay.host.cli;

import dev.patchbay.host.config.ConfigEditor;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginSelection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code patchbay plugins enable|disable ID[@VERSION]}: edit the plugin selection in the configuration file. An id
 * selects every version of the plugin, {@code id@version} one version.
 */
abstract class PluginsSelectCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "ID[@VERSION]", description = "The plugin id, as shown by `patchbay plugins list`, for "
            + "every version of it; or id@version for that one version.")
    private String id;

    private final CommandContext context;
    private final ConfigEditor editor;

    PluginsSelectCommand(CommandContext context, ConfigEditor editor) {
        this.context = Objects.requireNonNull(context, "context");
        this.editor = Objects.requireNonNull(editor, "editor");
    }

    CommandContext context() {
        return context;
    }

    abstract ConfigEditor.Outcome edit(ConfigEditor editor, ConfigSource source, String id, Set<String> known);

    abstract String verb();

    /** Checks, before the file is edited, that the edit leaves the configured pipelines runnable. */
    void beforeEdit(PatchbayConfig config, String id, List<PluginInfo> installed) {
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        List<PluginInfo> installed;
        try (PluginPlatform platform = context.platform(config)) {
            installed = platform.discover();
        }
        Set<String> known = new HashSet<>();
        for (PluginInfo plugin : installed) {
            known.add(plugin.id());
            if (!plugin.version().isEmpty()) {
                known.add(PluginSelection.entry(plugin.id(), plugin.version()));
            }
        }
        if (known.contains(id)) {
            beforeEdit(config, id, installed);
        }
        ConfigSource source = context.source();
        ConfigEditor.Outcome outcome = edit(editor, source, id, known);
        if (outcome.changed()) {
            context.out().println(verb() + " plugin '" + id + "' in " + source.file());
        } else {
            context.out().println("plugin '" + id + "' is already " + verb() + "; " + source.file() + " is unchanged");
        }
        outcome.notes().forEach(note -> context.out().println("note: " + note));
        context.out().flush();
        return ExitCodes.OK;
    }

    @Command(name = "enable",
            description = "Enable a plugin: remove it from plugins.disabled and, if plugins.enabled lists plugins, "
                    + "add it there. The rest of the file is kept; the file is replaced atomically. Exits 2 if no"
                    + " plugin in the plugins folder has that id.")
    static final class Enable extends PluginsSelectCommand {

        Enable(CommandContext context, ConfigEditor editor) {
            super(context, editor);
        }

        @Override
        ConfigEditor.Outcome edit(ConfigEditor editor, ConfigSource source, String id, Set<String> known) {
            return editor.enable(source, id, known);
        }

        @Override
        String verb() {
            return "enabled";
        }
    }

    @Command(name = "disable",
            description = "Disable a plugin: add it to plugins.disabled (and remove it from plugins.enabled). The "
                    + "rest of the file is kept; the file is replaced atomically. Exits 2 if no plugin in the "
                    + "plugins folder has that id, or if configured pipelines use it (unless --force).")
    static final class Disable extends PluginsSelectCommand {

        @Option(names = "--force",
                description = "Disable the plugin even though configured pipelines use it; `patchbay run` then "
                        + "refuses those pipelines until they are changed or the plugin is enabled again.")
        private boolean force;

        Disable(CommandContext context, ConfigEditor editor) {
            super(context, editor);
        }

        @Override
        void beforeEdit(PatchbayConfig config, String id, List<PluginInfo> installed) {
            int at = id.indexOf('@');
            if (at >= 0) {
                beforeVersionEdit(config, id.substring(0, at), id.substring(at + 1), installed);
                return;
            }
            boolean loaded = !config.disabled().contains(id)
                    && (config.enabled().isEmpty() || config.enabled().contains(id));
            List<String> users = PluginUsers.of(config, id);
            if (!loaded || users.isEmpty()) {
                return;
            }
            String used = "plugin '" + id + "' is used by " + users.size() + " configured pipeline"
                    + (users.size() == 1 ? "" : "s") + ": " + String.join(", ", users);
            if (!force) {
                throw new UsageException(used + "; `patchbay run` would refuse " + (users.size() == 1 ? "it" : "them")
                        + " while the plugin is disabled. Change or remove those stages first, or pass --force to "
                        + "disable it anyway; " + config.file() + " is unchanged");
            }
            context().err().println("warning: " + used + "; `patchbay run` refuses "
                    + (users.size() == 1 ? "it" : "them") + " until the plugin is enabled again or the stages change");
            context().err().flush();
        }

        /** A version may go when every stage that uses the plugin has another enabled version that satisfies it. */
        private void beforeVersionEdit(PatchbayConfig config, String id, String version, List<PluginInfo> installed) {
            PluginSelection selection = new PluginSelection(config.enabled(), config.disabled());
            if (!selection.isEnabled(id, version)) {
                return;
            }
            List<String> remaining = installed.stream().filter(p -> p.id().equals(id) && !p.version().equals(version)
                    && selection.isEnabled(id, p.version())).map(PluginInfo::version).toList();
            List<PluginNeeds.Need> needs = PluginNeeds.after(config, id, remaining);
            if (needs.isEmpty()) {
                return;
            }
            long count = PluginNeeds.pipelineCount(needs);
            String used = "plugin '" + id + "' " + version + " is needed by " + count + " configured pipeline"
                    + (count == 1 ? "" : "s") + ", which no other enabled version satisfies: "
                    + PluginNeeds.describe(needs);
            if (!force) {
                throw new UsageException(used + "; `patchbay run` would refuse " + (count == 1 ? "it" : "them")
                        + " while that version is disabled. Change those stages or enable another version first, or "
                        + "pass --force to disable it anyway; " + config.file() + " is unchanged");
            }
            context().err().println("warning: " + used + "; `patchbay run` refuses " + (count == 1 ? "it" : "them")
                    + " until a version that satisfies " + (count == 1 ? "it" : "them") + " is enabled");
            context().err().flush();
        }

        @Override
        ConfigEditor.Outcome edit(ConfigEditor editor, ConfigSource source, String id, Set<String> known) {
            return editor.disable(source, id, known);
        }

        @Override
        String verb() {
            return "disabled";
        }
    }
}
