package dev.patchbay.host.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands, such as {@code plugins}; run alone it explains itself. */
abstract class CommandGroup implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return missingSubcommand(spec);
    }

    static int missingSubcommand(CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": missing command; choose one of "
                + String.join(", ", spec.subcommands().keySet()));
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.USAGE;
    }
}
