package dev.patchbay.testkit;

import dev.patchbay.api.ExtensionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real Patchbay host, run in a class loader of its own so that neither it nor pf4j, slf4j or Logback reach
 * the test class path.
 *
 * <p>The kit jar carries the host jar and its runtime as nested jars under {@value #NESTED}. {@link #start()}
 * extracts them into a temporary folder and creates a {@link URLClassLoader} over them whose parent is an
 * {@link ApiOnlyClassLoader}: the JDK plus {@code dev.patchbay.api} from the kit's loader. The one entry point
 * is the host's {@code dev.patchbay.host.embed.EmbeddedPlatform}, reached reflectively; its members take and
 * return JDK and api types only. {@link #close()} closes the loader and deletes the folder.
 */
final class IsolatedHost implements AutoCloseable {

    static final String NESTED = "META-INF/patchbay-testkit/host/";
    static final List<String> JARS = List.of("patchbay-host.jar", "pf4j.jar", "java-semver.jar", "slf4j-api.jar",
            "logback-classic.jar", "logback-core.jar");
    private static final String LOGGING = "META-INF/patchbay-testkit/logback.xml";
    private static final String ENTRY = "dev.patchbay.host.embed.EmbeddedPlatform";

    private final Path folder;
    private final URLClassLoader loader;
    private final Class<?> entry;

    private IsolatedHost(Path folder, URLClassLoader loader, Class<?> entry) {
        this.folder = folder;
        this.loader = loader;
        this.entry = entry;
    }

    /** Extracts the nested host runtime and loads the host's entry class in an isolated loader. */
    static IsolatedHost start() {
        Path folder;
        try {
            folder = Files.createTempDirectory("patchbay-testkit-host-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the Patchbay host", e);
        }
        URLClassLoader loader = null;
        try {
            List<URL> urls = new ArrayList<>();
            Path config = folder.resolve("config");
            TempFiles.extract(LOGGING, config.resolve("logback.xml"));
            urls.add(config.toUri().toURL());
            for (String jar : JARS) {
                Path target = folder.resolve("lib").resolve(jar);
                TempFiles.extract(NESTED + jar, target);
                urls.add(target.toUri().toURL());
            }
            loader = new URLClassLoader("patchbay-testkit-host", urls.toArray(URL[]::new),
                    new ApiOnlyClassLoader(ExtensionFactory.class.getClassLoader()));
            return new IsolatedHost(folder, loader, Class.forName(ENTRY, true, loader));
        } catch (IOException e) {
            abandon(loader, folder, e);
            throw new UncheckedIOException("cannot extract the Patchbay host from the test kit", e);
        } catch (ClassNotFoundException e) {
            abandon(loader, folder, e);
            throw new IllegalStateException("the test kit's nested host has no " + ENTRY
                    + "; the patchbay-testkit jar is damaged, rebuild or reinstall it", e);
        } catch (RuntimeException | Error e) {
            abandon(loader, folder, e);
            throw e;
        }
    }

    /** The loader the host runs in, for tests of the kit itself. */
    ClassLoader loader() {
        return loader;
    }

    /** {@code EmbeddedPlatform.verify(archives)}: one plugin description per archive. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> verify(List<Path> archives) {
        return (List<Map<String, Object>>) call(null, method("verify", List.class), archives);
    }

    /** Starts a platform on a plugins folder: every plugin in it is enabled. */
    Platform platform(Path pluginsDirectory) {
        java.lang.reflect.Constructor<?> constructor;
        try {
            constructor = entry.getConstructor(Path.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the nested host's " + ENTRY + " has no constructor (Path)", e);
        }
        return new Platform(withHostLoader(() -> constructor.newInstance(pluginsDirectory)));
    }

    /** A started platform of the isolated host. */
    final class Platform implements AutoCloseable {

        private final Object instance;

        private Platform(Object instance) {
            this.instance = instance;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> plugins() {
            return (List<Map<String, Object>>) call(instance, method("plugins"));
        }

        @SuppressWarnings("unchecked")
        Optional<ExtensionFactory> factory(String pluginId, String kind, String name) {
            return (Optional<ExtensionFactory>) call(instance,
                    method("factory", String.class, String.class, String.class), pluginId, kind, name);
        }

        @Override
        public void close() {
            call(instance, method("close"));
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the test kit's host class loader", e);
        } finally {
            TempFiles.deleteTree(folder);
        }
    }

    private Method method(String name, Class<?>... parameters) {
        try {
            return entry.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the nested host's " + ENTRY + " has no method " + name
                    + "; the test kit and its nested host do not match, rebuild the kit", e);
        }
    }

    private Object call(Object target, Method method, Object... arguments) {
        return withHostLoader(() -> method.invoke(target, arguments));
    }

    /** A reflective call into the host.  */
    @FunctionalInterface
    private interface HostCall {
        Object run() throws ReflectiveOperationException;
    }

    @SuppressWarnings("try") // the call handle is used only for its close()
    private Object withHostLoader(HostCall call) {
        try (PluginCall ignored = PluginCall.enter(loader)) {
            return call.run();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the Patchbay host failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call the test kit's nested host: " + e, e);
        }
    }

    private static void abandon(URLClassLoader loader, Path folder, Throwable failure) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            TempFiles.deleteTree(folder);
        } catch (UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }
}
