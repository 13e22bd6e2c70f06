package dev.patchbay.host.plugin;

import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * <p>It is parallel-capable: class loading locks per class name, not on the loader, so two threads of a plugin
 * (a pipeline's workers, or a start thread and a stage thread) load different classes at the same time, and a
 * cycle between two plugins' loaders cannot deadlock on their monitors. That is why it extends
 * {@link URLClassLoader} directly and not pf4j's {@code PluginClassLoader}, which is not parallel-capable and so would
 * make the registration fail; pf4j only needs a {@link ClassLoader} (it closes it as a {@link java.io.Closeable}).
 */
final class PatchbayClassLoader extends URLClassLoader {

    static {
        if (!ClassLoader.registerAsParallelCapable()) {
            throw new ExceptionInInitializerError("PatchbayClassLoader could not be registered as parallel-capable;"
                    + " every class it extends must register too");
        }
    }

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
    private volatile boolean closed;

    /** @param manager unused since the loader no longer extends pf4j's; kept so that the factory's shape holds */
    PatchbayClassLoader(PluginManager manager, PluginDescriptor descriptor, List<Path> roots,
            List<DependencyLink> dependencies) {
        super(new URL[0], ClassLoader.getPlatformClassLoader());
        Objects.requireNonNull(manager, "manager");
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

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        super.close();
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
