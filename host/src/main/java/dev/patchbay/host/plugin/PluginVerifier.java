package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Lints plugin archives before they are dropped into the plugins folder ({@code patchbay plugins verify}).
 *
 * <p>By default no plugin code runs ({@link #codeFree()}): every check of discovery does (archive, descriptor, api
 * range, duplicate ids, service files, factory class files, bundled api classes, the exit-call scan and whatever
 * checks discovery runs on archives), and then {@link PluginAudit} runs the checks that scan every file of the
 * archive and so stay out of discovery: no extension at all (a library plugin starts without one, but verify fails
 * it), classes annotated {@code @Extension} that no service file lists, and misplaced or misspelt service files.
 * With an {@link IsolatedStart} ({@link #starting}, the commands' {@code --start}), the factories are also
 * instantiated, so that static initialisers and constructors that throw, exit or hang are caught too; the
 * production start does that in a separate JVM. The archives given together are resolved against each other: a
 * dependency that is not among them is reported as DEPENDENCY_MISSING, so verify a plugin together with the plugins
 * it depends on.
 */
public final class PluginVerifier {

    private final PluginClassLoaderFactory classLoaders;
    private final Optional<IsolatedStart> start;
    private final Duration startDeadline;
    private final ArchivePolicy policy;
    private final PluginAudit audit = new PluginAudit();

    PluginVerifier(PluginClassLoaderFactory classLoaders, Optional<IsolatedStart> start, Duration startDeadline) {
        this(classLoaders, start, startDeadline, ArchivePolicy.none());
    }

    private PluginVerifier(PluginClassLoaderFactory classLoaders, Optional<IsolatedStart> start,
            Duration startDeadline, ArchivePolicy policy) {
        this.classLoaders = Objects.requireNonNull(classLoaders, "classLoaders");
        this.start = Objects.requireNonNull(start, "start");
        this.startDeadline = Objects.requireNonNull(startDeadline, "startDeadline");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * This verifier, checking each archive by {@code policy} before it is read, as discovery in the home would: a
     * home that requires signatures refuses an unsigned archive at install, not only after it is installed.
     */
    public PluginVerifier checking(ArchivePolicy policy) {
        return new PluginVerifier(classLoaders, start, startDeadline, policy);
    }

    /** A verifier that instantiates the factories in this JVM, in throwaway loaders of these class loaders. */
    PluginVerifier(PluginClassLoaderFactory classLoaders) {
        this(classLoaders, Optional.of(new InProcessStart(classLoaders)), PluginPlatform.DEFAULT_START_DEADLINE);
    }

    /** A verifier that runs no plugin code: a plugin that passes is RESOLVED, its factories not instantiated. */
    public static PluginVerifier codeFree() {
        return new PluginVerifier(PluginClassLoaderFactory.standard(), Optional.empty(),
                PluginPlatform.DEFAULT_START_DEADLINE);
    }

    /**
     * A verifier that also starts the plugins that pass the code-free checks with {@code start}.
     *
     * @param startDeadline how long each plugin's start may take
     */
    public static PluginVerifier starting(IsolatedStart start, Duration startDeadline) {
        return new PluginVerifier(PluginClassLoaderFactory.standard(), Optional.of(start), startDeadline);
    }

    /** A verifier that instantiates the factories in this JVM: for trusted code, such as an author's own plugin. */
    public static PluginVerifier startingInProcess() {
        return starting(new InProcessStart(), PluginPlatform.DEFAULT_START_DEADLINE);
    }

    /** Whether this verifier runs the plugins' code (in whichever JVM its start uses). */
    public boolean startsPlugins() {
        return start.isPresent();
    }

    /**
     * Verifies archives together.
     *
     * @param archives plugin jars, zips or folders
     * @return one entry per archive, in the order given: FAILED with its problems, or RESOLVED when it
     *         passed every check (when started, its factories were instantiated and released again, so it is not
     *         reported as STARTED)
     */
    public List<PluginInfo> verify(List<Path> archives) {
        List<Path> paths = List.copyOf(archives);
        List<PluginInfo> discovered;
        try (PluginPlatform platform = PluginPlatform.forArchives(paths, classLoaders, startDeadline, policy)) {
            discovered = platform.discover();
        }
        List<PluginInfo> checked = start.map(isolated -> StartedCatalog.check(discovered, isolated,
                StartRequest.archives(paths, startDeadline)).plugins()).orElse(discovered);
        Map<Path, PluginInfo> byPath = checked.stream().collect(Collectors.toMap(PluginInfo::path, info -> info,
                (first, second) -> first));
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
