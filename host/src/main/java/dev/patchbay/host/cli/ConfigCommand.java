package dev.patchbay.host.cli;

import dev.patchbay.host.config.ConfigValidator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code patchbay config}: the configuration subcommands. */
@Command(name = "config", description = "Check the configuration file.")
final class ConfigCommand extends CommandGroup {

    static CommandLine commandLine(CommandContext context, List<ConfigValidator> validators) {
        return new CommandLine(new ConfigCommand()).addSubcommand(new ConfigCheckCommand(context, validators));
    }
}
