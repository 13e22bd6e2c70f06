package dev.patchbay.host.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pf4j.PluginRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one plugin on a start thread: links its dependencies' loaders, creates its class loader, hands it to
 * pf4j and instantiates its factories. Runs in parallel with the other plugins of its level: it only reads the
 * platform's state, calls pf4j under the manager's monitor (pf4j is not thread-safe), and returns its result.
 */
final class PluginStart {

    private static final Logger log = LoggerFactory.getLogger(PluginStart.class);

    /** What starting one plugin produced: its new state and extensions, and its loader when STARTED. */
    record Outcome(PluginInfo info, List<LoadedExtension> extensions, PatchbayClassLoader loader) {
        Outcome {
            Objects.requireNonNull(info, "info");
            extensions = List.copyOf(extensions);
        }
    }

    private final PluginRegistry registry;
    private final Versions versions;
    private final PluginClassLoaderFactory classLoaders;
    private final PatchbayPluginManager pf4j;

    PluginStart(PluginRegistry registry, Versions versions, PluginClassLoaderFactory classLoaders,
            PatchbayPluginManager pf4j) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.classLoaders = Objects.requireNonNull(classLoaders, "classLoaders");
        this.pf4j = Objects.requireNonNull(pf4j, "pf4j");
    }

    /**
     * @param byId the discovered plugins by id
     * @param loaders the loaders of the plugins of earlier levels that started
     */
    Outcome start(DiscoveredPlugin plugin, Function<String, DiscoveredPlugin> byId,
            Map<String, PatchbayClassLoader> loaders) {
        PluginInfo info = plugin.info();
        String id = info.id();
        Path path = info.path();
        List<PatchbayClassLoader.DependencyLink> links = new ArrayList<>();
        for (PluginDependency dependency : info.dependencies()) {
            PatchbayClassLoader dependencyLoader = loaders.get(dependency.pluginId());
            DiscoveredPlugin target = byId.apply(dependency.pluginId());
            if (dependencyLoader != null && target != null
                    && versions.satisfies(target.info().version(), dependency.versionRange())) {
                links.add(new PatchbayClassLoader.DependencyLink(dependency.pluginId(), target.packages(),
                        dependencyLoader));
            } else if (!dependency.optional()) {
                PluginInfo dependencyInfo = registry.plugin(dependency.pluginId()).orElseThrow();
                String codes = dependencyInfo.problems().stream().map(p -> p.code().id()).distinct()
                        .collect(Collectors.joining(", "));
                return failed(info, List.of(new Problem(ProblemCode.DEPENDENCY_FAILED, "plugin '" + id
                        + "' requires plugin '" + dependency.pluginId() + "' " + dependency.versionRange()
                        + ", which failed to start (" + codes + "); fix '" + dependency.pluginId() + "' first")));
            }
        }
        List<Problem> problems = new ArrayList<>();
        PatchbayClassLoader loader = null;
        try {
            org.pf4j.PluginDescriptor descriptor = plugin.manifest().orElseThrow().toPf4j();
            loader = classLoaders.create(pf4j, descriptor, plugin.roots(), links);
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
                state = pf4j.startPlugin(id);
                if (state != org.pf4j.PluginState.STARTED) {
                    cause = pf4j.getPlugin(id).getFailedException();
                }
            }
            if (state != org.pf4j.PluginState.STARTED) {
                problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' did not start in"
                        + " pf4j (state " + state + (cause == null ? "" : ": " + cause) + "); check the log"));
            } else {
                PluginHandle handle = PluginHandle.standalone(id, info.version(), new PluginScope(id, loader));
                List<LoadedExtension> extensions = FactoryInstantiation.instantiate(plugin, handle, problems);
                if (problems.isEmpty()) {
                    return new Outcome(info.withState(PluginState.STARTED, List.of()), extensions, loader);
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
        for (Exception e : unload(id, path, loader)) {
            problems.add(new Problem(ProblemCode.EXTENSION_INIT_FAILED, "plugin '" + id + "' could not be unloaded"
                    + " after failing: " + e.getMessage()));
        }
        return failed(info, problems);
    }

    /**
     * Frees what a start that ended after its deadline produced, on the thread that ran it: nobody else
     * knows its loader. Logs what could not be freed.
     */
    void release(Outcome late) {
        if (late.loader() == null) {
            return;
        }
        PluginInfo info = late.info();
        for (Exception e : unload(info.id(), info.path(), late.loader())) {
            log.warn("Plugin '{}' {} ended its start after the deadline and could not be unloaded: {}", info.id(),
                    info.version(), e.toString(), e);
        }
    }

    private List<Exception> unload(String id, Path path, PatchbayClassLoader loader) {
        List<Exception> failures = new ArrayList<>();
        synchronized (pf4j) {
            unloadFromPf4j(pf4j, id, path, failures);
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
    static void unloadFromPf4j(PatchbayPluginManager pf4j, String id, Path path, List<Exception> failures) {
        try {
            if (pf4j.getPlugin(id) != null) {
                pf4j.unloadPlugin(id);
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
