package dev.patchbay.host.cli;

import dev.patchbay.host.config.CloseMatches;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.LockFile;
import dev.patchbay.host.plugin.LockFileJson;
import dev.patchbay.host.plugin.PluginInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code patchbay plugins remove ID[@VERSION] [--force]}: deletes the archives of a plugin (every version, or one),
 * unless a configured pipeline needs them ({@link PluginNeeds}).
 */
@Command(name = "remove",
        description = "Delete a plugin's archives from the plugins folder: every version of ID, or the one version of "
                + "ID@VERSION. Exits 1, deleting nothing, if no installed plugin matches or if a configured pipeline "
                + "has a stage that no remaining version satisfies (unless --force).")
final class PluginsRemoveCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "ID[@VERSION]", description = "The plugin id, or id@version, as `plugins list` shows.")
    private String wanted;

    @Option(names = "--force", description = "Remove it even though configured pipelines need it; they will not run "
            + "until a version that satisfies them is installed again.")
    private boolean force;

    private final CommandContext context;

    PluginsRemoveCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        Path plugins = config.pluginsDirectory();
        if (!Files.isDirectory(plugins)) {
            throw new UsageException(CommandContext.missingPluginsFolder(config));
        }
        int at = wanted.indexOf('@');
        String id = at < 0 ? wanted : wanted.substring(0, at);
        String version = at < 0 ? "" : wanted.substring(at + 1);
        if (id.isBlank() || at >= 0 && version.isBlank()) {
            throw new UsageException("'" + wanted + "' is not a plugin id or id@version; write one such as 'files' or"
                    + " 'files@1.1.0'");
        }
        List<PluginInfo> installed = InstalledPlugins.in(plugins);
        List<PluginInfo> ofId = installed.stream().filter(p -> p.id().equals(id)).toList();
        List<PluginInfo> leaving = ofId.stream().filter(p -> version.isEmpty() || p.version().equals(version)).toList();
        if (leaving.isEmpty()) {
            return refuse(ofId.isEmpty() ? unknownId(id, installed) : unknownVersion(id, version, ofId));
        }
        Set<String> remaining = ofId.stream().filter(p -> !leaving.contains(p)).map(PluginInfo::version)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<PluginNeeds.Need> needs = PluginNeeds.after(config, id, remaining);
        String what = "plugin '" + id + "'" + (version.isEmpty() ? "" : " " + version);
        if (!needs.isEmpty()) {
            long count = PluginNeeds.pipelineCount(needs);
            String needed = what + " is needed by " + count + " configured pipeline" + (count == 1 ? "" : "s") + ": "
                    + PluginNeeds.describe(needs) + (remaining.isEmpty() ? ", and no other version is installed"
                            : ", and no remaining version (" + String.join(", ", remaining) + ") satisfies "
                                    + (needs.size() == 1 ? "it" : "them"));
            if (!force) {
                return refuse(needed + "; change or remove those stages first, or pass --force to remove it anyway;"
                        + " nothing was removed");
            }
            context.err().println("warning: " + needed + "; " + (count == 1 ? "that pipeline" : "those pipelines")
                    + " will not run until a version that satisfies " + (count == 1 ? "it" : "them")
                    + " is installed again");
            context.err().flush();
        }
        PrintWriter out = context.out();
        for (PluginInfo archive : leaving) {
            delete(archive.path());
            out.println("removed " + archive.path() + "  (" + InstalledPlugins.label(archive) + ")");
        }
        out.flush();
        if (HomeLockFile.kept(config)) {
            unlock(config.archivePolicy().lockFile(), leaving);
        }
        return ExitCodes.OK;
    }

    /**
     * Drops the removed archives' entries from the lockfile. A missing lockfile stays missing; one that cannot be
     * read or written is reported, not fatal: the archives are gone, and a stale entry refuses nothing.
     */
    private void unlock(Path file, List<PluginInfo> leaving) {
        List<String> names = leaving.stream().map(info -> info.path().getFileName().toString()).toList();
        try {
            HomeLockFile lock = HomeLockFile.of(file);
            if (!lock.exists()) {
                return;
            }
            LockFile before = lock.lock();
            LockFile after = before.without(names);
            if (!after.equals(before)) {
                lock.write(after);
                context.out().println("removed " + (before.archives().size() - after.archives().size())
                        + " entr" + (before.archives().size() - after.archives().size() == 1 ? "y" : "ies")
                        + " from the lockfile " + file);
                context.out().flush();
            }
        } catch (IOException | LockFileJson.UnreadableLockFile e) {
            context.err().println("warning: the archives are removed, but the lockfile " + file + " was not updated: "
                    + e.getMessage() + "; run `patchbay plugins lock` to write it again");
            context.err().flush();
        }
    }

    private int refuse(String message) {
        context.err().println("patchbay plugins remove: " + message);
        context.err().flush();
        return ExitCodes.PROBLEMS;
    }

    private static String unknownId(String id, List<PluginInfo> installed) {
        Set<String> ids = installed.stream().map(PluginInfo::id).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> close = CloseMatches.of(id, ids);
        String suggestion = close.isEmpty() ? "" : "; did you mean " + close.stream().map(c -> "'" + c + "'"
                + versions(installed.stream().filter(p -> p.id().equals(c)).toList()))
                .collect(Collectors.joining(" or ")) + "?";
        return "no plugin with id '" + id + "' is installed" + suggestion + (ids.isEmpty() ? "; the plugins folder"
                + " has none" : "; installed ids: " + String.join(", ", ids)) + "; nothing was removed";
    }

    private static String unknownVersion(String id, String version, List<PluginInfo> ofId) {
        List<String> versions = ofId.stream().map(PluginInfo::version).sorted(InstalledPlugins.versionOrder()).toList();
        List<String> close = CloseMatches.of(version, versions);
        return "plugin '" + id + "' has no installed version '" + version + "'"
                + (close.isEmpty() ? "" : "; did you mean '" + id + "@" + close.get(0) + "'?")
                + "; installed versions: " + String.join(", ", versions) + "; nothing was removed";
    }

    private static String versions(List<PluginInfo> archives) {
        return " (" + archives.stream().map(PluginInfo::version).sorted(InstalledPlugins.versionOrder())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static void delete(Path archive) {
        try {
            ArchiveStaging.deleteTree(archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete '" + archive + "': " + e + "; check that the plugins folder"
                    + " is writable, or delete the file by hand", e);
        }
    }
}
