package dev.patchbay.host.cli;

import dev.patchbay.api.ApiVersion;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command, {@code patchbay}; it only holds the global options and the subcommands. */
@Command(name = "patchbay", mixinStandardHelpOptions = true, versionProvider = PatchbayCommand.Version.class,
        description = "Runs data pipelines built from isolated plugins, and manages those plugins.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:problems were found (a plugin failed verification) or a run failed",
            "2:wrong usage, configuration errors, or another run holds the home; nothing was done"},
        footer = {"", "Environment:",
            "  PATCHBAY_HOME    the home directory",
            "  PATCHBAY_CONFIG  the configuration file",
            "  JAVA_HOME, JAVA_OPTS  read by the bin/patchbay launcher"})
final class PatchbayCommand implements Callable<Integer> {

    @Mixin
    private final GlobalOptions options;

    @Spec
    private CommandSpec spec;

    PatchbayCommand(GlobalOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Integer call() {
        return CommandGroup.missingSubcommand(spec);
    }

    /** The host version from the jar manifest, and the api version it provides to plugins. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String host = Optional.ofNullable(PatchbayCommand.class.getPackage().getImplementationVersion())
                    .orElse("development build");
            return new String[] {"patchbay " + host, "plugin api " + ApiVersion.current()};
        }
    }
}
