package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pf4j.AbstractPluginManager;
import org.pf4j.DependencyResolver;
import org.pf4j.ExtensionFactory;
import org.pf4j.ExtensionFinder;
import org.pf4j.ExtensionWrapper;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStateEvent;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.VersionManager;

/**
 * pf4j's lifecycle (load, resolve, start, stop, unload) for plugins the platform has already discovered
 * and resolved. pf4j is handed one plugin at a time, dependencies first, so its all-or-nothing resolution
 * never sees a bad plugin. The descriptor and class loader of each plugin are prepared by the platform and
 * looked up by path; pf4j's extension finders are not used (extensions come from ServiceLoader).
 *
 * <p>Linear cost in the number of plugins: pf4j's {@code loadPlugin(path)} scans every loaded plugin for
 * the path ({@code idForPath}) and rebuilds the dependency graph of every loaded plugin
 * ({@code resolvePlugins}), and {@code unloadPlugin} rebuilds it again, which makes loading N plugins one at
 * a time quadratic. This manager keeps a path index and the dependency graph up to date as plugins are
 * loaded and unloaded, and resolves only the plugins that are still unresolved, against the plugins already
 * loaded: the same checks as pf4j's {@link DependencyResolver} (required dependency present, its version in
 * the range) at a cost proportional to the new plugin's dependencies. pf4j still owns the lifecycle: the
 * {@code PluginWrapper}s, their states and events, start, stop and unload are its own code.
 *
 * <p>Not thread-safe, like pf4j itself: the platform serialises every call on this object's monitor.
 */
final class PatchbayPluginManager extends AbstractPluginManager {

    /** A plugin the platform is about to hand to pf4j. */
    private record Prepared(PluginDescriptor descriptor, ClassLoader classLoader) {
    }

    // Confined to the thread holding the platform's lifecycle lock. Initialised here, after the super
    // constructor ran, which is safe because pf4j only calls the callbacks below from loadPlugin.
    private final Map<Path, Prepared> prepared = new HashMap<>();
    // Same confinement: the path of every loaded plugin, and pf4j's dependency graph (required
    // dependencies only, as pf4j draws it), kept current on load and unload.
    private final Map<Path, String> idsByPath = new HashMap<>();
    private final Map<String, List<String>> dependenciesById = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> dependentsById = new HashMap<>();

    /**
     * @param pluginsRoot the folder reported to pf4j; pf4j never lists it because plugins are loaded by path
     * @param apiVersion the api version, set as pf4j's system version so that pf4j checks Plugin-Requires
     *                   against the api version, not a host version
     * @param versions the version rules shared with discovery
     */
    PatchbayPluginManager(Path pluginsRoot, String apiVersion, Versions versions) {
        super(List.of(pluginsRoot));
        setSystemVersion(apiVersion);
        this.versionManager = Objects.requireNonNull(versions, "versions").manager();
        this.dependencyResolver = new IndexedDependencyResolver(versionManager);
        // pf4j's startPlugin asks resolvedPlugins.contains(wrapper) for every start: a scan of an
        // ArrayList, quadratic over a start-up. The super constructor left the list empty.
        this.resolvedPlugins = new HashedList<>();
    }

    /**
     * A list with constant-time {@code contains}, and a {@code remove(Object)} that searches from the end
     * (plugins are unloaded in reverse start order). Every change goes through {@code add(int, E)},
     * {@code set} or {@code remove(int)}, which keep the element counts exact, including changes made
     * through iterators and sub-lists.
     */
    static final class HashedList<E> extends AbstractList<E> {

        private final List<E> elements = new ArrayList<>();
        private final Map<E, Integer> counts = new HashMap<>();

        @Override
        public E get(int index) {
            return elements.get(index);
        }

        @Override
        public int size() {
            return elements.size();
        }

        @Override
        public boolean contains(Object element) {
            return counts.containsKey(element);
        }

        @Override
        public void add(int index, E element) {
            elements.add(index, element);
            counts.merge(element, 1, Integer::sum);
            modCount++;
        }

        @Override
        public E set(int index, E element) {
            E previous = elements.set(index, element);
            uncount(previous);
            counts.merge(element, 1, Integer::sum);
            return previous;
        }

        @Override
        public E remove(int index) {
            E removed = elements.remove(index);
            uncount(removed);
            modCount++;
            return removed;
        }

        @Override
        public boolean remove(Object element) {
            Integer count = counts.get(element);
            if (count == null) {
                return false;
            }
            int index = count == 1 ? elements.lastIndexOf(element) : elements.indexOf(element);
            remove(index);
            return true;
        }

        private void uncount(E element) {
            counts.computeIfPresent(element, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    /** pf4j's resolver, answering graph queries from the graph this manager keeps current. */
    private final class IndexedDependencyResolver extends DependencyResolver {

        IndexedDependencyResolver(VersionManager versionManager) {
            super(versionManager);
        }

        @Override
        public List<String> getDependencies(String pluginId) {
            return new ArrayList<>(dependenciesById.getOrDefault(pluginId, List.of()));
        }

        @Override
        public List<String> getDependents(String pluginId) {
            LinkedHashSet<String> dependents = dependentsById.get(pluginId);
            return dependents == null ? new ArrayList<>() : new ArrayList<>(dependents);
        }
    }

    /**
     * The id of the plugin loaded from this path; none while the platform loads the same archive again under a new
     * id (a reload or a second generation), which pf4j would otherwise refuse as already loaded.
     */
    @Override
    protected String idForPath(Path pluginPath) {
        String id = idsByPath.get(pluginPath);
        Prepared loading = prepared.get(pluginPath);
        if (loading != null && !loading.descriptor().getPluginId().equals(id)) {
            return null;
        }
        return id != null && plugins.containsKey(id) ? id : null;
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        PluginWrapper wrapper = super.loadPluginFromPath(pluginPath);
        String id = wrapper.getPluginId();
        idsByPath.put(pluginPath, id);
        List<String> required = new ArrayList<>();
        for (org.pf4j.PluginDependency dependency : wrapper.getDescriptor().getDependencies()) {
            if (!dependency.isOptional()) {
                required.add(dependency.getPluginId());
                dependentsById.computeIfAbsent(dependency.getPluginId(), key -> new LinkedHashSet<>()).add(id);
            }
        }
        dependenciesById.put(id, List.copyOf(required));
        return wrapper;
    }

    /**
     * Resolves the unresolved plugins against the loaded ones, repeating while one more resolves (a
     * dependency loaded after its dependent). Like pf4j under its default THROW_EXCEPTION strategy, a plugin
     * left unresolved makes this throw, and stays loaded and unresolved.
     */
    @Override
    protected void resolvePlugins() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (PluginWrapper wrapper : new ArrayList<>(unresolvedPlugins)) {
                if (dependenciesResolved(wrapper)) {
                    org.pf4j.PluginState previous = wrapper.getPluginState();
                    unresolvedPlugins.remove(wrapper);
                    if (!previous.isDisabled()) {
                        wrapper.setPluginState(org.pf4j.PluginState.RESOLVED);
                    }
                    resolvedPlugins.add(wrapper);
                    firePluginStateEvent(new PluginStateEvent(this, wrapper, previous));
                    progress = true;
                }
            }
        }
        if (unresolvedPlugins.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        List<String> wrongVersions = new ArrayList<>();
        for (PluginWrapper wrapper : unresolvedPlugins) {
            for (org.pf4j.PluginDependency dependency : wrapper.getDescriptor().getDependencies()) {
                PluginWrapper target = plugins.get(dependency.getPluginId());
                if (dependency.isOptional()) {
                    continue;
                }
                if (target == null) {
                    missing.add(dependency.getPluginId());
                } else if (!versionManager.checkVersionConstraint(target.getDescriptor().getVersion(),
                        dependency.getPluginVersionSupport())) {
                    wrongVersions.add("plugin '" + wrapper.getPluginId() + "' requires '" + dependency.getPluginId()
                            + "' " + dependency.getPluginVersionSupport() + " but " + target.getDescriptor().getVersion()
                            + " is loaded");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new DependencyResolver.DependenciesNotFoundException(missing);
        }
        if (!wrongVersions.isEmpty()) {
            throw new PluginRuntimeException("Dependencies with wrong versions: {}", String.join("; ", wrongVersions));
        }
        throw new DependencyResolver.CyclicDependencyException();
    }

    private boolean dependenciesResolved(PluginWrapper wrapper) {
        for (org.pf4j.PluginDependency dependency : wrapper.getDescriptor().getDependencies()) {
            if (dependency.isOptional()) {
                continue;
            }
            PluginWrapper target = plugins.get(dependency.getPluginId());
            if (target == null || unresolvedPlugins.contains(target) || !versionManager.checkVersionConstraint(
                    target.getDescriptor().getVersion(), dependency.getPluginVersionSupport())) {
                return false;
            }
        }
        return true;
    }

    /**
     * pf4j's unload, without its re-resolution of every remaining plugin (the graph is updated instead) and
     * without closing the plugin's class loader: the platform closes each loader itself, and must not close
     * one that a thread abandoned at its start deadline is still running in.
     */
    @Override
    protected boolean unloadPlugin(String pluginId, boolean unloadDependents, boolean resolveDependencies) {
        PluginWrapper wrapper = plugins.get(pluginId);
        pluginClassLoaders.remove(pluginId);
        boolean unloaded = super.unloadPlugin(pluginId, unloadDependents, false);
        if (wrapper != null && !plugins.containsKey(pluginId)) {
            idsByPath.remove(wrapper.getPluginPath(), pluginId);
            for (String dependency : dependenciesById.getOrDefault(pluginId, List.of())) {
                LinkedHashSet<String> dependents = dependentsById.get(dependency);
                if (dependents != null) {
                    dependents.remove(pluginId);
                    if (dependents.isEmpty()) {
                        dependentsById.remove(dependency);
                    }
                }
            }
            dependenciesById.remove(pluginId);
        }
        return unloaded;
    }

    /** Registers the descriptor and class loader pf4j will use when it loads this path. */
    void prepare(Path path, PluginDescriptor descriptor, ClassLoader classLoader) {
        preparedPlugins().put(path, new Prepared(descriptor, classLoader));
    }

    void forget(Path path) {
        preparedPlugins().remove(path);
    }

    private Map<Path, Prepared> preparedPlugins() {
        return prepared;
    }

    private Prepared preparedFor(Path path) {
        Prepared plugin = preparedPlugins().get(path);
        if (plugin == null) {
            throw new PluginRuntimeException("Plugin at '{}' was not prepared by the Patchbay platform", path);
        }
        return plugin;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                return List.copyOf(preparedPlugins().keySet());
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                return false;
            }
        };
    }

    @Override
    protected PluginFactory createPluginFactory() {
        // Patchbay plugins have no Plugin-Class: their entry points are the ServiceLoader factories.
        return wrapper -> new Plugin() {
        };
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new ExtensionFactory() {
            @Override
            public <T> T create(Class<T> extensionClass) {
                throw new UnsupportedOperationException("Patchbay creates extensions through ServiceLoader, not pf4j");
            }
        };
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new PluginDescriptorFinder() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return preparedPlugins().containsKey(pluginPath);
            }

            @Override
            public PluginDescriptor find(Path pluginPath) {
                return preparedFor(pluginPath).descriptor();
            }
        };
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        return new ExtensionFinder() {
            @Override
            public <T> List<ExtensionWrapper<T>> find(Class<T> type) {
                return List.of();
            }

            @Override
            public <T> List<ExtensionWrapper<T>> find(Class<T> type, String pluginId) {
                return List.of();
            }

            @Override
            @SuppressWarnings("rawtypes")
            public List<ExtensionWrapper> find(String pluginId) {
                return List.of();
            }

            @Override
            public Set<String> findClassNames(String pluginId) {
                return Set.of();
            }
        };
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        // Disabled plugins never reach pf4j: the platform filters them before discovery reads their code.
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("enable and disable plugins in config/patchbay.json");
            }

            @Override
            public void enablePlugin(String pluginId) {
                throw new UnsupportedOperationException("enable and disable plugins in config/patchbay.json");
            }
        };
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new PluginLoader() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return preparedPlugins().containsKey(pluginPath);
            }

            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor pluginDescriptor) {
                return preparedFor(pluginPath).classLoader();
            }
        };
    }

    @Override
    protected VersionManager createVersionManager() {
        return new org.pf4j.DefaultVersionManager();
    }
}
