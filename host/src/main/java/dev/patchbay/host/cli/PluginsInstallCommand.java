package dev.patchbay.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patchbay.host.config.PatchbayConfig;
import dev.patchbay.host.plugin.PluginInfo;
import dev.patchbay.host.plugin.PluginVerifier;
import dev.patchbay.host.plugin.ProblemCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code patchbay plugins install FILE... [--replace]}: copies archives to a staging folder inside the home,
 * verifies them there against the installed plugins ({@link HomeVerification}), and only when nothing is wrong moves
 * each into the plugins folder with an atomic rename ({@link ArchiveStaging}). Any problem leaves the plugins folder
 * as it was.
 */
@Command(name = "install",
        description = "Install plugin archives: copy them to a staging folder in the home, verify them against the "
                + "installed plugins (every check of verify, plus dependencies, duplicates and versions), then move "
                + "them into the plugins folder atomically. A higher version of an installed plugin is installed "
                + "next to the older one (the upgrade path). Exits 1, with the plugins folder unchanged, if any "
                + "archive has a problem or would break an installed plugin.")
final class PluginsInstallCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Plugin archives (jar, zip or folder) to install.")
    private List<Path> files;

    @Option(names = "--replace",
            description = "After the new version is in, delete the older versions of the same plugin id.")
    private boolean replace;

    @Option(names = "--json", description = "Print a JSON document (schema in the operator guide).")
    private boolean json;

    @picocli.CommandLine.Mixin
    private StartOptions start = new StartOptions();

    private final CommandContext context;

    PluginsInstallCommand(CommandContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        PatchbayConfig config = context.config();
        Path plugins = config.pluginsDirectory();
        if (!Files.isDirectory(plugins)) {
            throw new UsageException(CommandContext.missingPluginsFolder(config));
        }
        List<Path> sources = files.stream().map(context::resolve).toList();
        for (Path file : sources) {
            if (!Files.exists(file)) {
                throw new UsageException("cannot install '" + file + "': no such file or directory; check the path,"
                        + " or give a plugin jar, zip or folder");
            }
        }
        Optional<HomeLockFile> lock = HomeLockFile.kept(config)
                ? Optional.of(HomeLockFile.forInstall(config.archivePolicy().lockFile(), context.err()))
                : Optional.empty();
        List<PluginInfo> installed = InstalledPlugins.in(plugins);
        List<VerdictOutput.Refusal> refusals = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        List<Path> wanted = nameChecks(sources, plugins, refusals, unchanged);
        try (ArchiveStaging staging = ArchiveStaging.open(config.stateDirectory())) {
            Map<Path, Path> origins = new LinkedHashMap<>();
            for (Path source : wanted) {
                origins.put(staging.stage(source), source);
            }
            List<PluginInfo> candidates = origins.isEmpty() ? List.of() : InstalledPlugins.in(staging.folder());
            Set<Path> sameVersion = sameVersionChecks(candidates, installed, origins, refusals);
            Set<Path> leaving = replace ? older(candidates, installed) : Set.of();
            pinnedNeeds(config, candidates, installed, leaving, origins, refusals);
            List<Path> staged = List.copyOf(origins.keySet());
            HomeVerification.Verdict verdict = staged.isEmpty() ? new HomeVerification.Verdict(List.of(), List.of())
                    : new HomeVerification(verifier(config)).verify(
                            installed.stream().map(PluginInfo::path).toList(), leaving, staged);
            verdict = withoutDuplicateNoise(verdict, sameVersion);
            boolean ok = verdict.ok() && refusals.isEmpty();
            List<Path> moved = !ok ? List.of() : lock.isEmpty() ? staging.moveAll(staged, plugins)
                    : lock.get().moveIn(staging, staged, plugins, leaving);
            List<Path> removed = ok ? delete(leaving) : List.of();
            report(verdict, refusals, origins, moved, removed, unchanged, ok);
            lock.filter(file -> !moved.isEmpty() || !removed.isEmpty()).ifPresent(file -> context.err().println(
                    "the lockfile " + file.file() + " now lists the installed archives" + (removed.isEmpty() ? ""
                            : " and no longer the removed ones")));
            context.err().flush();
            return ok ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }

    /** Refuses a file name the plugins folder already has, unless it holds this very archive (then it is a no-op). */
    private static List<Path> nameChecks(List<Path> sources, Path plugins, List<VerdictOutput.Refusal> refusals,
            List<Path> unchanged) {
        List<Path> wanted = new ArrayList<>();
        Map<String, Path> names = new HashMap<>();
        for (Path source : sources) {
            String name = source.getFileName().toString();
            Path target = plugins.resolve(name);
            Path earlier = names.putIfAbsent(name, source);
            if (earlier != null) {
                refusals.add(new VerdictOutput.Refusal(source, "'" + source + "' and '" + earlier + "' have the same"
                        + " file name '" + name + "'; install one of them, or rename one"));
            } else if (Files.exists(target) && sameArchive(source, target)) {
                unchanged.add(target);
            } else if (Files.exists(target)) {
                refusals.add(new VerdictOutput.Refusal(source, "the plugins folder already has a different '" + name
                        + "' (" + target + "); rename the new archive, or remove the installed one first with"
                        + " `patchbay plugins remove ID@VERSION`"));
            } else {
                wanted.add(source);
            }
        }
        return wanted;
    }

    private static boolean sameArchive(Path source, Path target) {
        try {
            if (Files.isSameFile(source, target)) {
                return true;
            }
            return Files.isRegularFile(source) && Files.isRegularFile(target) && Files.mismatch(source, target) == -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare '" + source + "' with the installed '" + target + "': " + e
                    + "; check that both files are readable", e);
        }
    }

    /** Refuses a candidate whose id and version an installed archive already has; returns those candidates. */
    private static Set<Path> sameVersionChecks(List<PluginInfo> candidates, List<PluginInfo> installed,
            Map<Path, Path> origins, List<VerdictOutput.Refusal> refusals) {
        Set<Path> same = new LinkedHashSet<>();
        for (PluginInfo candidate : candidates) {
            if (candidate.version().isEmpty()) {
                continue;
            }
            for (PluginInfo present : installed) {
                if (present.id().equals(candidate.id()) && present.version().equals(candidate.version())) {
                    same.add(candidate.path());
                    Path origin = origins.getOrDefault(candidate.path(), candidate.path());
                    refusals.add(new VerdictOutput.Refusal(origin, "plugin '" + candidate.id() + "' "
                            + candidate.version() + " is already installed as '" + present.path() + "', and '"
                            + origin + "' declares the same id and version; remove the installed one first with"
                            + " `patchbay plugins remove " + candidate.id() + "@" + candidate.version() + "`, or give"
                            + " the new archive a higher Plugin-Version"));
                }
            }
        }
        return same;
    }

    /**
     * Refuses a --replace that would take away the only versions a configured stage's pin allows: the same rule as
     * {@code plugins remove}, since --replace removes.
     */
    private static void pinnedNeeds(PatchbayConfig config, List<PluginInfo> candidates, List<PluginInfo> installed,
            Set<Path> leaving, Map<Path, Path> origins, List<VerdictOutput.Refusal> refusals) {
        if (leaving.isEmpty()) {
            return;
        }
        for (PluginInfo candidate : candidates) {
            List<String> removed = installed.stream().filter(info -> info.id().equals(candidate.id())
                    && leaving.contains(info.path())).map(PluginInfo::version).toList();
            if (removed.isEmpty()) {
                continue;
            }
            List<String> remaining = new ArrayList<>();
            installed.stream().filter(info -> info.id().equals(candidate.id()) && !leaving.contains(info.path()))
                    .forEach(info -> remaining.add(info.version()));
            candidates.stream().filter(info -> info.id().equals(candidate.id()))
                    .forEach(info -> remaining.add(info.version()));
            List<PluginNeeds.Need> needs = PluginNeeds.after(config, candidate.id(), remaining);
            if (!needs.isEmpty()) {
                Path source = origins.getOrDefault(candidate.path(), candidate.path());
                refusals.add(new VerdictOutput.Refusal(source, "--replace would remove plugin '" + candidate.id()
                        + "' " + String.join(", ", removed) + ", which " + PluginNeeds.describe(needs)
                        + " needs; install without --replace to keep both versions, or change the pin"));
            }
        }
    }

    /** The installed archives of a candidate's id whose version is lower than the candidate's, for --replace. */
    private static Set<Path> older(List<PluginInfo> candidates, List<PluginInfo> installed) {
        Set<Path> older = new LinkedHashSet<>();
        for (PluginInfo candidate : candidates) {
            for (PluginInfo present : installed) {
                if (present.id().equals(candidate.id()) && !candidate.version().isEmpty()
                        && InstalledPlugins.versionOrder().compare(present.version(), candidate.version()) < 0) {
                    older.add(present.path());
                }
            }
        }
        return older;
    }

    /** A candidate refused for its id and version already has a clearer message than DUPLICATE_ID. */
    private static HomeVerification.Verdict withoutDuplicateNoise(HomeVerification.Verdict verdict, Set<Path> same) {
        List<PluginInfo> candidates = verdict.candidates().stream().map(info -> !same.contains(info.path()) ? info
                : new PluginInfo(info.id(), info.version(), info.provider(), info.license(), info.description(),
                        info.requires(), info.dependencies(), info.path(), info.state(), info.extensions(),
                        info.problems().stream().filter(p -> p.code() != ProblemCode.DUPLICATE_ID).toList(),
                        info.warnings(), info.signers()))
                .toList();
        return new HomeVerification.Verdict(candidates, verdict.broken());
    }

    private static List<Path> delete(Set<Path> leaving) {
        List<Path> removed = new ArrayList<>();
        for (Path archive : leaving) {
            try {
                ArchiveStaging.deleteTree(archive);
                removed.add(archive);
            } catch (IOException e) {
                throw new UncheckedIOException("the new archives are installed, but the older version '" + archive
                        + "' could not be deleted: " + e + "; delete it by hand", e);
            }
        }
        return removed;
    }

    private void report(HomeVerification.Verdict verdict, List<VerdictOutput.Refusal> refusals,
            Map<Path, Path> origins, List<Path> moved, List<Path> removed, List<Path> unchanged, boolean ok) {
        PrintWriter out = context.out();
        if (json) {
            ObjectNode document = JsonOutput.document();
            document.put("ok", ok);
            VerdictOutput.json(document, verdict, refusals, origins);
            ArrayNode installedNode = document.putArray("installed");
            moved.forEach(path -> installedNode.add(path.toString()));
            ArrayNode removedNode = document.putArray("removed");
            removed.forEach(path -> removedNode.add(path.toString()));
            ArrayNode unchangedNode = document.putArray("unchanged");
            unchanged.forEach(path -> unchangedNode.add(path.toString()));
            JsonOutput.print(out, document);
            return;
        }
        VerdictOutput.text(out, verdict, refusals, origins);
        unchanged.forEach(path -> out.println("already installed: " + path + " (same content), left as it is"));
        moved.forEach(path -> out.println("installed " + path));
        removed.forEach(path -> out.println("removed the older version " + path));
        if (!ok) {
            int count = VerdictOutput.problemCount(verdict, refusals);
            out.println("nothing installed: " + count + (count == 1 ? " problem" : " problems")
                    + "; the plugins folder is unchanged");
        }
        out.flush();
    }

    /** Code-free unless --start was given; then the factories are instantiated in a separate JVM. */
    private PluginVerifier verifier(PatchbayConfig config) {
        Duration deadline = Duration.ofMillis(config.timeouts().createMillis());
        return start.isolatedStart(deadline).map(child -> PluginVerifier.starting(child, deadline))
                .orElseGet(PluginVerifier::codeFree).checking(config.archivePolicy().signaturesOnly());
    }
}
