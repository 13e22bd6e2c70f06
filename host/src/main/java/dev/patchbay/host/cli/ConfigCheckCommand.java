package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigException;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.ConfigValidator;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patchbay config check}: structural validation, then every registered {@link ConfigValidator}
 * against the installed plugins. Errors exit 2; warnings (ids in the selection that are not installed, a
 * missing plugins folder) are printed and exit 0.
 */
@Command(name = "check",
        description = "Validate the configuration file: JSON syntax, keys, types and values, then every pipeline "
                + "against the installed plugins. Reports all errors at once with JSON path, line, column and"
                + " a fix. Exits 0 if valid (warnings allowed), 2 if there are errors.")
final class ConfigCheckCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    private final CommandContext context;
    private final List<ConfigValidator> validators;

    ConfigCheckCommand(CommandContext context, List<ConfigValidator> validators) {
        this.context = Objects.requireNonNull(context, "context");
        this.validators = List.copyOf(validators);
    }

    @Override
    public Integer call() {
        ConfigSource source = context.source();
        PatchbayConfig config;
        try {
            config = context.config();
        } catch (ConfigException e) {
            report(source, 0, e.errors(), List.of());
            return ExitCodes.USAGE;
        }
        return check(source, config);
    }

    /** Checks a configuration that passed structural validation against the installed plugins. */
    int check(ConfigSource source, PatchbayConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        List<ConfigError> warnings = new ArrayList<>();
        int pluginCount = 0;
        if (!Files.isDirectory(config.pluginsDirectory())) {
            // Without plugins nothing else can be checked against them.
            String path = "$.plugins.directory";
            errors.add(new ConfigError(path, config.locations().of(path), "the plugins folder "
                    + config.pluginsDirectory() + " does not exist",
                    "create the folder and put plugin archives in it, set plugins.directory to the right folder, "
                            + "or choose another home with --home or PATCHBAY_HOME"));
        } else {
            try (PluginPlatform platform = context.platform(config)) {
                List<PluginInfo> plugins = platform.discover();
                pluginCount = plugins.size();
                warnings.addAll(selectionWarnings(config, plugins));
                for (ConfigValidator validator : validators) {
                    errors.addAll(validator.validate(config, platform));
                }
            }
        }
        report(source, config.pipelines().size(), errors, warnings);
        if (!json && errors.isEmpty()) {
            context.out().println("configuration OK: " + source.file() + " (" + config.pipelines().size()
                    + (config.pipelines().size() == 1 ? " pipeline, " : " pipelines, ") + pluginCount
                    + (pluginCount == 1 ? " plugin installed)" : " plugins installed)"));
            context.out().flush();
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    static List<ConfigError> selectionWarnings(PatchbayConfig config, List<PluginInfo> plugins) {
        List<ConfigError> warnings = new ArrayList<>();
        Set<String> installed = plugins.stream().map(PluginInfo::id).collect(Collectors.toSet());
        String known = installed.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(installed));
        for (String list : List.of("enabled", "disabled", "allowExit")) {
            Set<String> ids = list.equals("enabled") ? config.enabled()
                    : list.equals("disabled") ? config.disabled() : config.allowExit();
            String path = "$.plugins." + list;
            for (String id : new TreeSet<>(ids)) {
                if (!installed.contains(id)) {
                    warnings.add(new ConfigError(path, config.locations().of(path), "plugins." + list
                            + " names \"" + id + "\" but no plugin with that id is installed in "
                            + config.pluginsDirectory(), "install the plugin or remove the id; installed ids: "
                                    + known));
                }
            }
        }
        return warnings;
    }

    private void report(ConfigSource source, int pipelines, List<ConfigError> errors, List<ConfigError> warnings) {
        if (json) {
            ObjectNode document = JsonOutput.document();
            document.put("file", source.file().toString());
            document.put("home", source.home().toString());
            document.put("valid", errors.isEmpty());
            document.put("pipelines", pipelines);
            document.set("errors", JsonOutput.configErrors(errors));
            document.set("warnings", JsonOutput.configErrors(warnings));
            JsonOutput.print(context.out(), document);
            return;
        }
        PrintWriter err = context.err();
        if (!errors.isEmpty()) {
            TextOutput.configErrors(err, errors.size() + (errors.size() == 1 ? " error" : " errors") + " in "
                    + source.file() + ":", errors);
        }
        if (!warnings.isEmpty()) {
            TextOutput.configErrors(err, warnings.size() + (warnings.size() == 1 ? " warning" : " warnings")
                    + " in " + source.file() + ":", warnings);
        }
        err.flush();
    }
}
