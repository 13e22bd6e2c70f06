package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The linkage check as discovery runs it on one archive: the references of its reachable classes against the JDK,
 * api, slf4j-api and its own roots ({@link LinkageCheck}), the slow pass that names the methods of what it found
 * ({@link ReferenceLocator}), and the JDK packages it bundles ({@link PackageConflicts}). What only a dependency can
 * provide is left for {@link DependencyLinkage} after resolution. Thread-safe.
 */
final class PluginLinkage {

    /** Problems make the plugin FAILED, warnings are shown, deferred references go to the dependency part. */
    record Result(List<Problem> problems, List<Problem> warnings, LinkageCheck.Deferred deferred) {
        Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(deferred, "deferred");
        }
    }

    private final LinkageCheck check;
    private final LinkageMessages messages;
    private final PackageConflicts conflicts;
    private final DependencyLinkage dependencyPart;
    private final String apiVersion;
    private final LinkageCache cache;

    PluginLinkage(LinkageCheck check, String apiVersion, PackageConflicts conflicts, LinkageCache cache) {
        this.check = Objects.requireNonNull(check, "check");
        this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion");
        this.messages = new LinkageMessages(apiVersion, check.platform());
        this.conflicts = Objects.requireNonNull(conflicts, "conflicts");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.dependencyPart = new DependencyLinkage(check.platform(), messages);
    }

    /**
     * The check against the running JDK, api and slf4j-api.
     *
     * @param cacheFolder where results persist across runs (and are kept in memory for the platform's life), or
     *                    empty for no cache
     */
    PluginLinkage(String apiVersion, Optional<Path> cacheFolder) {
        this(new LinkageCheck(new PlatformClasses()), apiVersion, PackageConflicts.ofRunningJdk(),
                new LinkageCache(cacheFolder));
    }

    /** The cache key of an archive: its digest and the versions it is checked against; empty if unreadable. */
    Optional<LinkageCache.Key> key(Path archive) {
        if (!cache.persists()) {
            return Optional.empty(); // without a folder the digest costs more than the rare rescan saves
        }
        try {
            return Optional.of(new LinkageCache.Key(ArchiveDigest.of(archive), apiVersion,
                    Runtime.version().toString(), archive.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty(); // discovery itself reports an archive it cannot read
        }
    }

    Optional<Result> cached(LinkageCache.Key key) {
        return cache.get(key);
    }

    void remember(LinkageCache.Key key, Result result) {
        cache.put(key, result);
    }

    /** The part that runs after resolution, sharing this part's platform classes. */
    DependencyLinkage dependencyPart() {
        return dependencyPart;
    }

    Result atDiscovery(PluginManifest plugin, String file, PluginContent content, PluginClasses classes,
            Set<String> packages) throws IOException {
        List<String> entryPoints = new ArrayList<>();
        for (ExtensionKind kind : ExtensionKind.values()) {
            entryPoints.addAll(content.serviceProviders(kind.serviceFile()));
        }
        LinkageCheck.Outcome outcome = check.check(classes, entryPoints, !plugin.dependencies().isEmpty());
        List<Problem> problems = new ArrayList<>(messages.problems(plugin, file,
                LinkageCheck.locate(outcome.findings(), content::read)));
        PackageConflicts.Result bundled = conflicts.check(plugin, file, packages);
        problems.addAll(bundled.failures());
        return new Result(problems, bundled.warnings(), outcome.deferred());
    }
}
