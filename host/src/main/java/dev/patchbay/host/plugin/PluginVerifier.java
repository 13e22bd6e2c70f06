package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Lints plugin archives before they are dropped into the plugins folder ({@code patchbay plugins verify}).
 *
 * <p>Every check of the platform runs: archive, descriptor, api range, duplicate ids, service files,
 * factory class files and bundled api classes, and then each factory is instantiated in a throwaway
 * isolated class loader, so that static initialisers and constructors that throw are caught too; the
 * loaders are closed before {@link #verify} returns. Then {@link PluginAudit} runs the checks that scan
 * every file of the archive and so stay out of discovery: no extension at all (a library plugin starts
 * without one, but verify fails it), classes annotated {@code @Extension} that no service file lists, and
 * misplaced or misspelt service files. The archives given together are resolved against
 * each other: a dependency that is not among them is reported as DEPENDENCY_MISSING, so verify a plugin
 * together with the plugins it depends on.
 */
public final class PluginVerifier {

    private final PluginClassLoaderFactory classLoaders;
    private final PluginAudit audit = new PluginAudit();

    public PluginVerifier() {
        this(PluginClassLoaderFactory.standard());
    }

    PluginVerifier(PluginClassLoaderFactory classLoaders) {
        this.classLoaders = Objects.requireNonNull(classLoaders, "classLoaders");
    }

    /**
     * Verifies archives together.
     *
     * @param archives plugin jars, zips or folders
     * @return one entry per archive, in the order given: FAILED with its problems, or RESOLVED when it
     *         passed every check (its factories were instantiated and released again, so it is not
     *         reported as STARTED)
     */
    public List<PluginInfo> verify(List<Path> archives) {
        List<Path> paths = List.copyOf(archives);
        Map<Path, PluginInfo> byPath;
        try (PluginPlatform platform = PluginPlatform.forArchives(paths, classLoaders)) {
            byPath = platform.start().stream().collect(Collectors.toMap(PluginInfo::path, info -> info,
                    (first, second) -> first));
        }
        List<PluginInfo> results = new ArrayList<>();
        for (Path path : paths) {
            PluginInfo info = byPath.get(path);
            if (info == null) {
                throw new IllegalStateException("verification lost the archive '" + path + "'");
            }
            PluginInfo verified = info.state() == PluginState.STARTED ? info.withState(PluginState.RESOLVED, List.of())
                    : info;
            List<Problem> audited = isReadable(verified) ? audit.audit(verified.id(), path) : List.of();
            results.add(audited.isEmpty() ? verified : verified.withState(PluginState.FAILED, audited));
        }
        return results;
    }

    /** Whether the archive's content can be audited: it exists, is a readable jar, zip or folder, and has an id. */
    private static boolean isReadable(PluginInfo info) {
        return info.problems().stream().noneMatch(problem -> problem.code() == ProblemCode.CORRUPT_ARCHIVE
                || problem.code() == ProblemCode.MISSING_DESCRIPTOR);
    }
}
