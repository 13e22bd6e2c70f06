package dev.patchbay.host.plugin;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pf4j.AbstractPluginManager;
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
import org.pf4j.PluginStatusProvider;
import org.pf4j.VersionManager;

/**
 * pf4j's lifecycle (load, resolve, start, stop, unload) for plugins the platform has already discovered
 * and resolved. pf4j is handed one plugin at a time, dependencies first, so its all-or-nothing resolution
 * never sees a bad plugin. The descriptor and class loader of each plugin are prepared by the platform and
 * looked up by path; pf4j's extension finders are not used (extensions come from ServiceLoader).
 *
 * <p>Not thread-safe, like pf4j itself: the platform calls it only under its lifecycle lock.
 */
final class PatchbayPluginManager extends AbstractPluginManager {

    /** A plugin the platform is about to hand to pf4j. */
    private record Prepared(PluginDescriptor descriptor, ClassLoader classLoader) {
    }

    // Confined to the thread holding the platform's lifecycle lock. Initialised here, after the super
    // constructor ran, which is safe because pf4j only calls the callbacks below from loadPlugin.
    private final Map<Path, Prepared> prepared = new HashMap<>();

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
        this.dependencyResolver = new org.pf4j.DependencyResolver(versionManager);
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
