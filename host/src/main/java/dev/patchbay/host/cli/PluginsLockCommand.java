package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.ArchiveLocking;
import dev.patchbay.host.plugin.LockFile;
import dev.patchbay.host.plugin.LockFileJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patchbay plugins lock}: writes {@code config/plugins.lock} with the SHA-256 of every archive in the plugins
 * folder, and of every {@code lib/} jar of a zip or folder plugin. It locks what is installed: disabled and broken
 * archives too, since enabling one later must not need a new lock, and the operator vouches for the folder's
 * content, not for a selection. Runs no plugin code.
 */
@Command(name = "lock",
        description = "Write config/plugins.lock: the SHA-256 of every archive in the plugins folder (enabled, "
                + "disabled and broken ones) and of each lib/ jar of a zip or folder plugin. With \"plugins\": "
                + "{\"lock\": \"enforce\"} an archive that is not in the lock, or differs from it, is refused; with "
                + "\"warn\" it is reported. Exits 1, writing nothing, if an archive cannot be read.")
final class PluginsLockCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--json", description = "Print a JSON document: the lockfile written and what changed.")
    private boolean json;

    private final CommandContext context;

    PluginsLockCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        Path plugins = config.pluginsDirectory();
        if (!Files.isDirectory(plugins)) {
            throw new UsageException(CommandContext.missingPluginsFolder(config));
        }
        Path file = config.archivePolicy().lockFile();
        LockFile lock;
        HomeLockFile home;
        try {
            lock = new ArchiveLocking().lock(plugins);
            home = HomeLockFile.of(file);
        } catch (IOException e) {
            return fail("cannot lock the plugins folder " + plugins + ": " + e.getMessage() + "; nothing was written");
        }
        LockFile before = previous(home);
        try {
            home.write(lock);
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        report(file, lock, before);
        return ExitCodes.OK;
    }

    private LockFile previous(HomeLockFile home) {
        try {
            return home.lock();
        } catch (LockFileJson.UnreadableLockFile e) {
            context.err().println("warning: the previous lockfile is replaced without a comparison: "
                    + e.getMessage());
            context.err().flush();
            return LockFile.empty();
        }
    }

    private void report(Path file, LockFile lock, LockFile before) {
        List<LockFile.Entry> added = lock.archives().stream().filter(e -> before.entry(e.file()).isEmpty()).toList();
        List<LockFile.Entry> changed = lock.archives().stream()
                .filter(e -> before.entry(e.file()).filter(old -> !old.equals(e)).isPresent()).toList();
        List<LockFile.Entry> removed = before.archives().stream().filter(e -> lock.entry(e.file()).isEmpty())
                .toList();
        PrintWriter out = context.out();
        if (json) {
            ObjectNode document = JsonOutput.document();
            document.put("lockFile", file.toString());
            document.set("lock", LockFileJson.tree(lock));
            files(document.putArray("added"), added);
            files(document.putArray("changed"), changed);
            files(document.putArray("removed"), removed);
            JsonOutput.print(out, document);
            return;
        }
        out.println("locked " + lock.archives().size() + (lock.archives().size() == 1 ? " archive" : " archives")
                + " in " + file);
        for (LockFile.Entry entry : lock.archives()) {
            String what = added.contains(entry) ? "added  " : changed.contains(entry) ? "changed" : "same   ";
            Optional<LockFile.Entry> old = before.entry(entry.file());
            out.println("  " + what + "  " + entry.file() + "  " + label(entry) + "  sha256 " + entry.sha256()
                    + (entry.libs().isEmpty() ? "" : "  (" + entry.libs().size() + " lib/ jar"
                            + (entry.libs().size() == 1 ? ")" : "s)"))
                    + (changed.contains(entry) ? "  was " + old.map(LockFile.Entry::sha256).orElse("") : ""));
        }
        removed.forEach(entry -> out.println("  removed  " + entry.file() + "  " + label(entry)
                + "  (no longer in the plugins folder)"));
        out.flush();
    }

    private static String label(LockFile.Entry entry) {
        return entry.id().isEmpty() ? "(no Plugin-Id)" : entry.id() + (entry.version().isEmpty() ? ""
                : " " + entry.version());
    }

    private static void files(ArrayNode array, List<LockFile.Entry> entries) {
        entries.forEach(entry -> array.add(entry.file()));
    }

    private int fail(String message) {
        context.err().println("patchbay plugins lock: " + message);
        context.err().flush();
        return ExitCodes.PROBLEMS;
    }
}
