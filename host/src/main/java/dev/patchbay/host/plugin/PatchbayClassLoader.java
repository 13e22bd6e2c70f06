package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's isolated class loader (Trino-strict, unlike pf4j's default). It sees, in this order:
 * <ol>
 *   <li>the JDK, through the platform class loader, which is its parent;</li>
 *   <li>the api packages {@code dev.patchbay.api.*} and the slf4j-api packages from the host;</li>
 *   <li>its own jar, or its {@code classes/} and {@code lib/*.jar};</li>
 *   <li>for classes and resources in a package of a declared dependency, that dependency's loader.</li>
 * </ol>
 * Nothing else: not pf4j, Jackson, Logback, picocli or any host class, and not the host's resources
 * (so no host service files leak into the plugin's {@link java.util.ServiceLoader}).
 *
 * <p>It is not parallel-capable, because pf4j's {@link PluginClassLoader} is not: class loading locks on
 * the loader itself, which is correct and cheap for the few classes a plugin defines.
 */
final class PatchbayClassLoader extends PluginClassLoader {

    /** The slf4j-api packages; {@code org.slf4j.impl} (the slf4j 1.x binding) and Logback stay hidden. */
    static final Set<String> SLF4J_PACKAGES = Set.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers",
            "org.slf4j.spi");
    static final String API_PACKAGE = "dev.patchbay.api";

    /** A declared dependency that is started: its packages are delegated to its loader. */
    record DependencyLink(String pluginId, Set<String> packages, ClassLoader loader) {
        DependencyLink {
            Objects.requireNonNull(pluginId, "pluginId");
            packages = Set.copyOf(packages);
            Objects.requireNonNull(loader, "loader");
        }
    }

    private final String pluginId;
    private final ClassLoader apiLoader;
    private final ClassLoader slf4jLoader;
    private final List<DependencyLink> dependencies;

    PatchbayClassLoader(PluginManager manager, PluginDescriptor descriptor, List<Path> roots,
            List<DependencyLink> dependencies) {
        super(manager, descriptor, ClassLoader.getPlatformClassLoader(), ClassLoadingStrategy.PDA);
        this.pluginId = descriptor.getPluginId();
        this.apiLoader = ExtensionFactory.class.getClassLoader();
        this.slf4jLoader = org.slf4j.Logger.class.getClassLoader();
        this.dependencies = List.copyOf(dependencies);
        for (Path root : roots) {
            try {
                addURL(root.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plugin '" + pluginId + "' class path entry '" + root
                        + "' is not a valid location", e);
            }
        }
    }

    String pluginId() {
        return pluginId;
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        return loadClass(name, false);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = lookup(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> lookup(String name) throws ClassNotFoundException {
        String pkg = packageOf(name);
        ClassLoader host = hostLoaderFor(pkg);
        if (host != null) {
            return host.loadClass(name);
        }
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException notInJdk) {
            // not a JDK class: look in the plugin itself
        }
        try {
            return findClass(name);
        } catch (ClassNotFoundException notOwn) {
            // not the plugin's own: maybe a dependency's
        }
        for (DependencyLink dependency : dependencies) {
            if (dependency.packages().contains(pkg)) {
                return dependency.loader().loadClass(name);
            }
        }
        throw new ClassNotFoundException(name + " is not visible to plugin '" + pluginId + "': a plugin sees only"
                + " the JDK, dev.patchbay.api, slf4j-api, its own jar and lib/, and the packages of the plugins in"
                + " its Plugin-Dependencies; bundle the library in the plugin's lib/ folder");
    }

    @Override
    public URL getResource(String name) {
        Objects.requireNonNull(name, "name");
        ClassLoader host = hostLoaderFor(resourcePackage(name));
        if (host != null) {
            return host.getResource(name);
        }
        URL url = getParent().getResource(name);
        if (url == null) {
            url = findResource(name);
        }
        if (url == null) {
            String pkg = resourcePackage(name);
            for (DependencyLink dependency : dependencies) {
                if (dependency.packages().contains(pkg)) {
                    return dependency.loader().getResource(name);
                }
            }
        }
        return url;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        ClassLoader host = hostLoaderFor(resourcePackage(name));
        if (host != null) {
            return host.getResources(name);
        }
        List<URL> urls = new ArrayList<>(Collections.list(getParent().getResources(name)));
        urls.addAll(Collections.list(findResources(name)));
        String pkg = resourcePackage(name);
        for (DependencyLink dependency : dependencies) {
            if (dependency.packages().contains(pkg)) {
                urls.addAll(Collections.list(dependency.loader().getResources(name)));
            }
        }
        return Collections.enumeration(urls);
    }

    private ClassLoader hostLoaderFor(String pkg) {
        if (pkg.equals(API_PACKAGE) || pkg.startsWith(API_PACKAGE + ".")) {
            return apiLoader;
        }
        if (SLF4J_PACKAGES.contains(pkg)) {
            return slf4jLoader;
        }
        return null;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The package a resource path lives in, as for classes; META-INF and other folders are never packages. */
    private static String resourcePackage(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash).replace('/', '.');
    }

    @Override
    public String toString() {
        return "PatchbayClassLoader[" + pluginId + "]";
    }
}
