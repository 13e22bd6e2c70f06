package dev.patchbay.host.cli;

import dev.patchbay.host.config.AtomicFiles;
import dev.patchbay.host.config.ConfigEditor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patchbay plugins}: the plugin subcommands. */
@Command(name = "plugins", description = "List, inspect, verify, install, remove, lock, enable and disable plugins.")
final class PluginsCommand extends CommandGroup {

    static CommandLine commandLine(CommandContext context) {
        ConfigEditor editor = new ConfigEditor(context.reader(), new AtomicFiles());
        return new CommandLine(new PluginsCommand())
                .addSubcommand(new PluginsListCommand(context))
                .addSubcommand(new PluginsInfoCommand(context))
                .addSubcommand(new PluginsVerifyCommand(context))
                .addSubcommand(new PluginsInstallCommand(context))
                .addSubcommand(new PluginsRemoveCommand(context))
                .addSubcommand(new PluginsLockCommand(context))
                .addSubcommand(new PluginsReferenceCommand(context))
                .addSubcommand(new PluginsExplainCommand(context))
                .addSubcommand(new PluginsSelectCommand.Enable(context, editor))
                .addSubcommand(new PluginsSelectCommand.Disable(context, editor));
    }
}
