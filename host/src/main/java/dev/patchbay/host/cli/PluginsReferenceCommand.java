package dev.patchbay.host.cli;

import dev.patchbay.host.config.AtomicFiles;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.docs.ExtensionReference;
import dev.patchbay.host.plugin.ExtensionCatalog;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginPlatform;
import dev.patchbay.host.plugin.StartedCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patchbay plugins reference}: the Markdown reference of every started extension and its settings,
 * rendered from the factories themselves. README's extension reference is this output; {@code --update}
 * rewrites that section in place.
 */
@Command(name = "reference",
        description = "Print a Markdown reference of every extension and its settings, taken from the "
                + "extensions' own settings descriptions, which are read only with --start (the factories are "
                + "instantiated in a separate JVM); without it each section says its settings were not read. With --update FILE, replace the part "
                + "of FILE between the lines '" + PluginsReferenceCommand.BEGIN + "' and '"
                + PluginsReferenceCommand.END + "' instead.")
final class PluginsReferenceCommand implements Callable<Integer> {

    static final String BEGIN = "<!-- extension-reference:begin -->";
    static final String END = "<!-- extension-reference:end -->";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--update", paramLabel = "FILE",
            description = "Rewrite the generated section of this Markdown file (for example README.md).")
    private Path update;

    @picocli.CommandLine.Mixin
    private StartOptions start = new StartOptions();

    private final CommandContext context;

    PluginsReferenceCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        String markdown;
        try (PluginPlatform platform = context.platform(config)) {
            List<PluginInfo> discovered = platform.discover();
            ExtensionCatalog catalog = start.isolatedStart(Duration.ofMillis(config.timeouts().createMillis()))
                    .<ExtensionCatalog>map(child -> StartedCatalog.check(discovered, child,
                            context.startRequest(config))).orElse(platform);
            markdown = new ExtensionReference(catalog).markdown();
        }
        if (update == null) {
            context.out().print(markdown);
            context.out().flush();
            return ExitCodes.OK;
        }
        Path file = context.resolve(update);
        if (!Files.exists(file)) {
            // README's exit codes: a missing file is wrong usage (2), like a missing plugin archive for verify.
            throw new UsageException("cannot update the extension reference in '" + file + "': the file does not "
                    + "exist; give the Markdown file that holds the generated section (for example README.md)");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Files.createDirectories(file.getParent());
            new AtomicFiles().write(file, splice(file, text, markdown).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the extension reference in '" + file + "'"
                    + "; check that the file exists and is writable", e);
        }
        context.err().println("updated the extension reference in " + file);
        context.err().flush();
        return ExitCodes.OK;
    }

    /** Returns {@code text} with the lines between the markers replaced by {@code markdown}. */
    static String splice(Path file, String text, String markdown) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new UsageException(file + " has no generated section; add a line '" + BEGIN
                    + "' followed later by a line '" + END + "' where the reference belongs");
        }
        int from = begin + BEGIN.length();
        return text.substring(0, from) + "\n\n" + markdown + text.substring(end);
    }
}
