package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.ConfigError;
import dev.patchbay.host.config.ConfigException;
import dev.patchbay.host.config.ConfigReading;
import dev.patchbay.host.config.ConfigSource;
import dev.patchbay.host.config.ConfigValidator;
import dev.patchbay.host.config.DirectoryCheck;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.pipeline.PipelineValidator;
import dev.patchbay.host.plugin.PluginState;
import dev.patchbay.host.plugin.StartedCatalog;
import dev.patchbay.host.plugin.TrustStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patchbay config check}: the file's own errors, then every registered {@link ConfigValidator} against
 * the installed plugins on the stages that could be read, so that both kinds are reported in one pass; then the
 * directories a run writes ({@link DirectoryCheck}). Errors exit 2; warnings (ids in the selection that are not
 * installed, FAILED plugins, directories it cannot be sure of) are printed and exit 0.
 */
@Command(name = "check",
        description = "Validate the configuration file: JSON syntax, keys, types and values, then every pipeline "
                + "against the installed plugins (each stage's settings only with --start, which reads the "
                + "extensions' settings descriptions in a separate JVM), then the state and output directories. Reports all errors at once "
                + "with JSON path, line, column and a fix. Exits 0 if valid (warnings allowed), 2 if there are "
                + "errors.")
final class ConfigCheckCommand implements Callable<Integer> {

    /** Appended to the fix of an error in {@code plugins} when pipelines could not be checked because of it. */
    static final String SELECTION_FIRST = "; the pipelines are checked against the installed plugins once "
            + "\"plugins\" is valid, since it decides which plugins are loaded";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    @picocli.CommandLine.Mixin
    private StartOptions start = new StartOptions();

    private final CommandContext context;
    private final List<ConfigValidator> validators;
    private final DirectoryCheck directories;

    ConfigCheckCommand(CommandContext context, List<ConfigValidator> validators) {
        this(context, validators, DirectoryCheck.forThisProcess());
    }

    ConfigCheckCommand(CommandContext context, List<ConfigValidator> validators, DirectoryCheck directories) {
        this.context = Objects.requireNonNull(context, "context");
        this.validators = List.copyOf(validators);
        this.directories = Objects.requireNonNull(directories, "directories");
    }

    /** A warning, and the plugin it is about when it is about one. */
    private record Warning(ConfigError error, Optional<PluginInfo> plugin) {
    }

    @Override
    public Integer call() {
        ConfigSource source = context.source();
        ConfigReading reading;
        try {
            reading = context.reading();
        } catch (ConfigException e) {
            report(source, 0, e.errors(), List.of(), List.of());
            return ExitCodes.USAGE;
        }
        return check(source, reading);
    }

    /** Checks a configuration that passed structural validation against the installed plugins. */
    int check(ConfigSource source, PatchbayConfig config) {
        return check(source, ConfigReading.of(config));
    }

    /** Checks what could be read of a configuration against the installed plugins, and its directories. */
    int check(ConfigSource source, ConfigReading reading) {
        PatchbayConfig config = reading.config();
        List<ConfigError> errors = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        boolean selection = reading.selectionReadable();
        boolean pipelines = !reading.stages().isEmpty();
        for (ConfigError error : reading.errors()) {
            errors.add(!selection && pipelines && ConfigReading.inPluginsSection(error.path())
                    ? new ConfigError(error.path(), error.location(), error.message(), error.fix() + SELECTION_FIRST)
                    : error);
        }
        trustFolderError(config).ifPresent(errors::add);
        int pluginCount = 0;
        List<String> notChecked = List.of();
        Optional<ExtensionCatalog> catalog = Optional.empty();
        PluginPlatform platform = null;
        try {
            if (selection && !Files.isDirectory(config.pluginsDirectory())) {
                // Without plugins nothing else can be checked against them.
                String path = "$.plugins.directory";
                errors.add(new ConfigError(path, config.locations().of(path), "the plugins folder "
                        + config.pluginsDirectory() + " does not exist",
                        "create the folder and put plugin archives in it, set plugins.directory to the right "
                                + "folder, or choose another home with --home or PATCHBAY_HOME"));
            } else if (selection) {
                platform = context.platform(config);
                List<PluginInfo> plugins = platform.discover();
                pluginCount = plugins.size();
                selectionWarnings(config, plugins).forEach(w -> warnings.add(new Warning(w, Optional.empty())));
                // Code-free unless --start: then the plugins start in a separate JVM, which may fail some of them.
                ExtensionCatalog checked = start.isolatedStart(Duration.ofMillis(config.timeouts().createMillis()))
                        .<ExtensionCatalog>map(child -> StartedCatalog.check(plugins, child,
                                context.startRequest(config))).orElse(platform);
                for (ConfigValidator validator : validators) {
                    errors.addAll(validator.validate(reading, checked));
                }
                for (PluginInfo plugin : checked.plugins()) {
                    if (plugin.state() == PluginState.FAILED) {
                        warnings.add(new Warning(failed(config, plugin), Optional.of(plugin)));
                    }
                }
                notChecked = PipelineValidator.settingsNotChecked(reading, checked).stream()
                        .map(use -> use.stage().path()).toList();
                catalog = Optional.of(checked);
            }
            DirectoryCheck.Findings found = directories.check(reading, catalog);
            errors.addAll(found.errors());
            found.warnings().forEach(w -> warnings.add(new Warning(w, Optional.empty())));
        } finally {
            if (platform != null) {
                platform.close();
            }
        }
        errors.sort(Comparator.comparingInt((ConfigError e) -> e.location().line())
                .thenComparingInt(e -> e.location().column()));
        int pipelineCount = reading.valid() ? config.pipelines().size() : 0;
        report(source, pipelineCount, errors, warnings, notChecked);
        if (!json && errors.isEmpty()) {
            context.out().println("configuration OK" + (warnings.isEmpty() ? "" : " with " + count(warnings.size(),
                    "warning")) + ": " + source.file() + " (" + count(pipelineCount, "pipeline") + ", "
                    + count(pluginCount, "plugin") + " installed)");
            context.out().flush();
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** With plugins.requireSigned, a trust folder that cannot be used refuses every plugin: an error of the file. */
    private static Optional<ConfigError> trustFolderError(PatchbayConfig config) {
        if (!config.archivePolicy().requireSigned()) {
            return Optional.empty();
        }
        String path = "$.plugins.requireSigned";
        return TrustStore.read(config.archivePolicy().trustDirectory()).problem().map(unusable -> new ConfigError(
                path, config.locations().of(path), "plugins.requireSigned is true, but " + unusable.reason()
                        + ", so every plugin would be refused", unusable.fix()
                        + ", or set \"requireSigned\": false to accept unsigned plugins"));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static List<ConfigError> selectionWarnings(PatchbayConfig config, List<PluginInfo> plugins) {
        List<ConfigError> warnings = new ArrayList<>();
        Set<String> ids = plugins.stream().map(PluginInfo::id).collect(Collectors.toSet());
        String known = ids.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(ids));
        Set<String> installed = new java.util.HashSet<>(ids);
        plugins.forEach(p -> installed.add(dev.patchbay.host.plugin.PluginSelection.entry(p.id(), p.version())));
        for (String list : List.of("enabled", "disabled", "allowExit")) {
            Set<String> entries = list.equals("enabled") ? config.enabled()
                    : list.equals("disabled") ? config.disabled() : config.allowExit();
            String path = "$.plugins." + list;
            for (String id : new TreeSet<>(entries)) {
                if (!installed.contains(id)) {
                    warnings.add(new ConfigError(path, config.locations().of(path), "plugins." + list
                            + " names \"" + id + "\" but no plugin with that id" + (id.contains("@") ? " and version" : "")
                            + " is installed in "
                            + config.pluginsDirectory(), "install the plugin or remove the id; installed ids: "
                                    + known));
                }
            }
        }
        return warnings;
    }

    /**
     * A FAILED plugin as a warning, located at the plugins folder that holds it: not an error of the file, since
     * a pipeline that uses the plugin is already an error of its own.
     */
    private static ConfigError failed(PatchbayConfig config, PluginInfo plugin) {
        String path = "$.plugins.directory";
        String problems = plugin.problems().isEmpty() ? "no reason recorded"
                : plugin.problems().stream().map(Object::toString).collect(Collectors.joining("; "));
        return new ConfigError(path, config.locations().of(path), "plugin '" + plugin.id() + "' "
                + (plugin.version().isEmpty() ? "" : plugin.version() + " ") + "(" + plugin.path().toAbsolutePath()
                + ") is FAILED: " + problems, "`patchbay plugins info " + plugin.id() + "` explains each code; fix "
                        + "or remove the archive, or stop loading it with `patchbay plugins disable " + plugin.id()
                        + "`; a pipeline that uses it cannot run");
    }

    /** The note that names the stages whose settings were not checked, because no plugin code was run. */
    static String notCheckedNote(List<String> stages) {
        return "not checked: the settings of " + count(stages.size(), "stage") + " (" + String.join(", ", stages)
                + ") and the output paths they declare; plugin code is not run by default; add --start to check "
                + "them in a separate JVM";
    }

    private void report(ConfigSource source, int pipelines, List<ConfigError> errors, List<Warning> warnings,
            List<String> notChecked) {
        List<ConfigError> warningErrors = warnings.stream().map(Warning::error).toList();
        if (json) {
            ObjectNode document = JsonOutput.document();
            document.put("file", source.file().toString());
            document.put("home", source.home().toString());
            document.put("valid", errors.isEmpty());
            document.put("pipelines", pipelines);
            document.set("errors", JsonOutput.configErrors(errors));
            ArrayNode warningArray = JsonOutput.configErrors(warningErrors);
            for (int i = 0; i < warnings.size(); i++) {
                ObjectNode warning = (ObjectNode) warningArray.get(i);
                warnings.get(i).plugin().ifPresent(p -> warning.set("plugin", JsonOutput.plugin(p, Optional.empty())));
            }
            document.set("warnings", warningArray);
            document.put("pluginCodeRun", start.requested());
            ArrayNode skipped = document.putArray("settingsNotChecked");
            notChecked.forEach(skipped::add);
            JsonOutput.print(context.out(), document);
            return;
        }
        PrintWriter err = context.err();
        if (!errors.isEmpty()) {
            TextOutput.configErrors(err, count(errors.size(), "error") + " in " + source.file() + ":", errors);
        }
        if (!warnings.isEmpty()) {
            TextOutput.configErrors(err, count(warnings.size(), "warning") + " in " + source.file() + ":",
                    warningErrors);
        }
        if (!notChecked.isEmpty()) {
            err.println(notCheckedNote(notChecked));
        }
        err.flush();
    }
}
