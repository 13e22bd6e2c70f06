package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.PluginVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code patchbay plugins verify [--home] FILE...}: lint plugin archives before they are installed. */
@Command(name = "verify",
        description = "Check plugin archives (jar, zip or folder with lib/) without installing them: manifest, "
                + "api range, service files, extension classes, bundled api classes, and that each provides an "
                + "extension, without running any plugin code unless --start is given. With --home, check them against the plugins installed in the home (dependencies, "
                + "duplicates, versions) as `plugins install` does, or check the installed plugins when no FILE is "
                + "given. Exits 1 if any archive has a problem, 0 if all pass.")
final class PluginsVerifyCommand implements Callable<Integer> {

    static final String HOME_FLAG = "--home";
    /** The line that says what verify did not check because it ran no plugin code. */
    static final String NOT_STARTED = "plugin code not run: static initialisers and constructors are not checked; "
            + "add --start to run them in a separate JVM";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Plugin archives to check.")
    private List<Path> files = List.of();

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    @CommandLine.Mixin
    private StartOptions start = new StartOptions();

    @Spec
    private CommandSpec spec;

    private final CommandContext context;

    PluginsVerifyCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Gives {@code plugins verify} its own {@code --home} flag in place of the global {@code --home DIR}, which every
     * command inherits: after {@code verify} the word is the flag, and the home is chosen before the command
     * ({@code patchbay --home DIR plugins verify --home}) or by {@code PATCHBAY_HOME}. Call once the command tree is
     * complete, since picocli copies inherited options into subcommands as they are added.
     */
    static void claimHomeFlag(CommandLine root) {
        CommandSpec verify = root.getSubcommands().get("plugins").getSubcommands().get("verify").getCommandSpec();
        Optional.ofNullable(verify.findOption(HOME_FLAG)).ifPresent(verify::remove);
        verify.addOption(OptionSpec.builder(HOME_FLAG).arity("0").type(boolean.class)
                .description("Verify against the plugins installed in the home (dependencies, duplicates, versions),"
                        + " as `plugins install` does; with no FILE, verify the installed plugins. Choose the home "
                        + "before the command: `patchbay --home DIR plugins verify --home`, or PATCHBAY_HOME.")
                .build());
    }

    private boolean againstHome() {
        OptionSpec flag = spec.findOption(HOME_FLAG);
        return flag != null && Boolean.TRUE.equals(flag.getValue());
    }

    @Override
    public Integer call() {
        boolean home = againstHome();
        if (files.isEmpty() && !home) {
            throw new UsageException("Missing required parameter: 'FILE'; give the plugin archives to check, or pass "
                    + "--home to check the installed plugins");
        }
        if (!home) {
            context.configureLogging();
        }
        List<Path> paths = files.stream().map(context::resolve).toList();
        for (Path file : paths) {
            if (!Files.exists(file)) {
                throw new UsageException("cannot verify '" + file + "': no such file or directory; check the path,"
                        + " or give a plugin jar, zip or folder");
            }
        }
        if (home) {
            return againstHome(paths);
        }
        List<PluginInfo> results = verifier(PluginPlatform.DEFAULT_START_DEADLINE).verify(paths);
        boolean ok = results.stream().allMatch(HomeVerification::passed);
        print(results, List.of(), ok);
        return ok ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    private int againstHome(List<Path> paths) {
        PatchbayConfig config = context.config();
        Path plugins = config.pluginsDirectory();
        if (!Files.isDirectory(plugins)) {
            throw new UsageException(CommandContext.missingPluginsFolder(config));
        }
        List<Path> installed = new ArrayList<>(InstalledPlugins.in(plugins).stream().map(PluginInfo::path).toList());
        PluginVerifier verifier = verifier(Duration.ofMillis(config.timeouts().createMillis()))
                .checking(config.archivePolicy().signaturesOnly());
        if (paths.isEmpty()) {
            List<PluginInfo> results = installed.isEmpty() ? List.of() : verifier.verify(installed);
            boolean ok = results.stream().allMatch(HomeVerification::passed);
            print(results, List.of(), ok);
            return ok ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
        // A file given from the plugins folder itself is checked as the candidate, not twice.
        installed.removeIf(path -> paths.stream().anyMatch(file -> sameFile(file, path)));
        HomeVerification.Verdict verdict = new HomeVerification(verifier).verify(installed, Set.of(),
                paths);
        print(verdict.candidates(), verdict.broken(), verdict.ok());
        return verdict.ok() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    /** Code-free unless --start was given; then the factories are instantiated in a separate JVM. */
    private PluginVerifier verifier(Duration startDeadline) {
        return start.isolatedStart(startDeadline).map(child -> PluginVerifier.starting(child, startDeadline))
                .orElseGet(PluginVerifier::codeFree);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare '" + a + "' with '" + b + "': " + e, e);
        }
    }

    private void print(List<PluginInfo> results, List<PluginInfo> broken, boolean ok) {
        PrintWriter out = context.out();
        if (json) {
            ObjectNode document = JsonOutput.document();
            document.put("ok", ok);
            document.put("pluginCodeRun", start.requested());
            if (againstHome()) {
                VerdictOutput.json(document, new HomeVerification.Verdict(results, broken), List.of(), Map.of());
            } else {
                ArrayNode archives = document.putArray("archives");
                results.forEach(r -> archives.add(JsonOutput.plugin(r, Optional.empty())));
            }
            JsonOutput.print(out, document);
            return;
        }
        VerdictOutput.text(out, new HomeVerification.Verdict(results, broken), List.of(), Map.of());
        long failed = results.stream().filter(r -> !HomeVerification.passed(r)).count();
        String problems = failed + " of " + results.size() + " archives have problems";
        out.println(ok ? results.size() + (results.size() == 1 ? " archive" : " archives") + " verified, no problems"
                : broken.isEmpty() ? problems : problems + ", and " + broken.size() + " installed plugin"
                        + (broken.size() == 1 ? "" : "s") + " would break");
        if (!start.requested()) {
            out.println(NOT_STARTED);
        }
        out.flush();
    }
}
