package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.pf4j.PluginRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one plugin on a start thread: links the loaders of the dependency versions resolution chose, creates its
 * class loader, hands it to pf4j under the id {@code id:version#generation} and without dependencies (the platform
 * orders starts and unloads itself, so pf4j never unloads one version because another went), and instantiates its
 * factories. Runs in parallel with the other plugins of its level: it only reads the
 * platform's state, calls pf4j under the manager's monitor (pf4j is not thread-safe), and returns its result.
 */
final class PluginStart {

    private static final Logger log = LoggerFactory.getLogger(PluginStart.class);

    /** What starting one plugin produced: its new state and extensions, and what it loaded when STARTED. */
    record Outcome(PluginInfo info, List<LoadedExtension> extensions, LoadedPlugin loaded) {
        Outcome {
            Objects.requireNonNull(info, "info");
            extensions = List.copyOf(extensions);
        }
    }

    private final PluginRegistry registry;
    private final PluginClassLoaderFactory classLoaders;
    private final PatchbayPluginManager pf4j;
    private final LongSupplier generations;
    private final Consumer<PluginHandle> onIdle;
    private final Supplier<ClassExplainer> explainers;

    /**
     * @param generations numbers each load, so that pf4j and the operator tell two loads of one archive apart
     * @param onIdle unloads a handle once it is retired and its last lease is closed
     * @param explainers the layout of the last resolution, to explain a factory's class-loading failure
     */
    PluginStart(PluginRegistry registry, PluginClassLoaderFactory classLoaders, PatchbayPluginManager pf4j,
            LongSupplier generations, Consumer<PluginHandle> onIdle, Supplier<ClassExplainer> explainers) {
        this.explainers = Objects.requireNonNull(explainers, "explainers");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.classLoaders = Objects.requireNonNull(classLoaders, "classLoaders");
        this.pf4j = Objects.requireNonNull(pf4j, "pf4j");
        this.generations = Objects.requireNonNull(generations, "generations");
        this.onIdle = Objects.requireNonNull(onIdle, "onIdle");
    }

    /**
     * @param links the keys of the dependency versions resolution chose for it
     * @param loaded the plugins of earlier levels that started, by key
     */
    Outcome start(DiscoveredPlugin plugin, List<String> links, Map<String, LoadedPlugin> loaded) {
        PluginInfo info = plugin.info();
        String id = info.id();
        Path path = info.path();
        List<PatchbayClassLoader.DependencyLink> dependencyLinks = new ArrayList<>();
        List<PluginLease> leases = new ArrayList<>();
        for (PluginDependency dependency : info.dependencies()) {
            LoadedPlugin target = links.stream().map(loaded::get).filter(Objects::nonNull)
                    .filter(candidate -> candidate.plugin().id().equals(dependency.pluginId())).findFirst()
                    .orElse(null);
            java.util.Optional<PluginLease> lease = target == null ? java.util.Optional.empty()
                    : target.handle().tryLease("plugin '" + id + "' " + info.version());
            if (lease.isPresent()) {
                leases.add(lease.get());
                dependencyLinks.add(new PatchbayClassLoader.DependencyLink(dependency.pluginId(),
                        target.plugin().packages(), target.loader()));
            } else if (!dependency.optional()) {
                leases.forEach(PluginLease::close);
                String codes = registry.versions(dependency.pluginId()).stream()
                        .flatMap(version -> version.problems().stream()).map(p -> p.code().id()).distinct()
                        .collect(Collectors.joining(", "));
                return failed(info, List.of(new Problem(ProblemCode.DEPENDENCY_FAILED, "plugin '" + id
                        + "' requires plugin '" + dependency.pluginId() + "' " + dependency.versionRange()
                        + ", which failed to start (" + codes + "); fix '" + dependency.pluginId() + "' first")));
            }
        }
        long generation = generations.getAsLong();
        String pf4jId = plugin.key() + "#" + generation;
        List<Problem> problems = new ArrayList<>();
        PatchbayClassLoader loader = null;
        try {
            PluginManifest manifest = plugin.manifest().orElseThrow();
            loader = classLoaders.create(pf4j, manifest.toPf4j(), plugin.roots(), dependencyLinks);
            org.pf4j.PluginDescriptor descriptor = manifest.toPf4j(pf4jId);
            org.pf4j.PluginState state;
            Throwable cause = null;
            // No plugin code runs under this monitor (Patchbay plugins have no Plugin-Class), so a plugin
            // stuck in its start never holds it.
            synchronized (pf4j) {
                pf4j.prepare(path, descriptor, loader);
                try {
                    pf4j.loadPlugin(path);
                } finally {
                    pf4j.forget(path);
                }
                state = pf4j.startPlugin(pf4jId);
                if (state != org.pf4j.PluginState.STARTED) {
                    cause = pf4j.getPlugin(pf4jId).getFailedException();
                }
            }
            if (state != org.pf4j.PluginState.STARTED) {
                problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' did not start in"
                        + " pf4j (state " + state + (cause == null ? "" : ": " + cause) + "); check the log"));
            } else {
                PluginHandle handle = new PluginHandle(id, info.version(), generation, new PluginScope(id, loader),
                        onIdle);
                LoadedPlugin starting = new LoadedPlugin(plugin, loader, pf4jId, handle, List.of(), List.of());
                // The starting plugin is not among the loads yet; its factories' failures may involve its loader.
                ClassOrigins origins = new LoaderOrigins(() -> {
                    List<LoadedPlugin> loads = new ArrayList<>(loaded.values());
                    loads.add(starting);
                    return loads;
                }, explainers);
                List<LoadedExtension> extensions = FactoryInstantiation.instantiate(plugin, handle, problems, origins);
                if (problems.isEmpty()) {
                    return new Outcome(info.withState(PluginState.STARTED, List.of()), extensions,
                            new LoadedPlugin(plugin, loader, pf4jId, handle, extensions, leases));
                }
            }
        } catch (PluginRuntimeException e) {
            problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' could not be loaded by"
                    + " pf4j: " + e.getMessage() + "; check the plugin's descriptor and dependencies"));
        } catch (RuntimeException e) {
            // Whatever goes wrong with one plugin must fail that plugin only; the cause is kept in the log.
            log.error("Plugin '{}' could not be started", id, e);
            problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' could not be started: "
                    + e + "; check the log for the stack trace"));
        }
        for (Exception e : unload(pf4jId, path, loader)) {
            problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' could not be unloaded"
                    + " after failing: " + e.getMessage()));
        }
        // Released only once its loader is closed, so a dependency never goes while this loader can reach it.
        leases.forEach(PluginLease::close);
        return failed(info, problems);
    }

    /**
     * Frees what a start that ended after its deadline produced, on the thread that ran it: nobody else
     * knows its loader. Logs what could not be freed.
     */
    void release(Outcome late) {
        if (late.loaded() == null) {
            return;
        }
        PluginInfo info = late.info();
        for (Exception e : unload(late.loaded().pf4jId(), info.path(), late.loaded().loader())) {
            log.warn("Plugin '{}' {} ended its start after the deadline and could not be unloaded: {}", info.id(),
                    info.version(), e.toString(), e);
        }
        late.loaded().dependencies().forEach(PluginLease::close);
    }

    private List<Exception> unload(String pf4jId, Path path, PatchbayClassLoader loader) {
        List<Exception> failures = new ArrayList<>();
        synchronized (pf4j) {
            unloadFromPf4j(pf4j, pf4jId, path, failures);
        }
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        return failures;
    }

    /** Call holding the manager's monitor. */
    static void unloadFromPf4j(PatchbayPluginManager pf4j, String pf4jId, Path path, List<Exception> failures) {
        try {
            if (pf4j.getPlugin(pf4jId) != null) {
                pf4j.unloadPlugin(pf4jId);
            }
        } catch (RuntimeException e) {
            failures.add(e);
        } finally {
            pf4j.forget(path);
        }
    }

    static Outcome failed(PluginInfo info, List<Problem> problems) {
        return new Outcome(info.withState(PluginState.FAILED, problems), List.of(), null);
    }
}
