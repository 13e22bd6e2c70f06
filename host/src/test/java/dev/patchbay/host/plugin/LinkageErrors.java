package dev.patchbay.host.plugin;

import dev.patchbay.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Provokes real JDK 17 class-loading failures with plain {@link URLClassLoader}s over classes compiled at test time,
 * so that the messages tests read are the JVM's own, never hand-written. Each method returns what the call threw.
 */
final class LinkageErrors {

    private static final String X_V1 = "package a; public class X { public int f; public X() {} public void m() {} }";
    private static final String X_V2 = "package a; public class X { public X() {} }";
    private static final String X_INTERFACE = "package a; public interface X { }";
    private static final String X_ABSTRACT = "package a; public abstract class X { public X() {} }";
    private static final String USE = """
            package p;
            public class Use {
                public static Object cast(Object o) { return (a.X) o; }
                public static void call() { new a.X().m(); }
                public static int field() { return new a.X().f; }
                public static Object make() { return new a.X(); }
                public static void callOn(Object o) { ((a.X) o).m(); }
            }
            """;

    private final Path root;
    private final Path v1;
    private final Path use;

    LinkageErrors(Path root) {
        this.root = root;
        this.v1 = write("v1", Map.of("a.X", X_V1), List.of());
        this.use = write("use", Map.of("p.Use", USE), List.of(v1));
    }

    /** {@code class a.X cannot be cast to class a.X}: one class name defined by two loaders. */
    Throwable castBetweenLoaders() {
        ClassLoader first = loader(v1);
        ClassLoader second = loader(use, v1);
        Object x = newInstance(first, "a.X");
        return invoke(second, "cast", x);
    }

    /** {@code 'void a.X.m()'}: compiled against a version of a.X with m(), run with one without. */
    Throwable missingMethod() {
        return invoke(loader(use, write("v2", Map.of("a.X", X_V2), List.of())), "call");
    }

    Throwable missingField() {
        return invoke(loader(use, write("v2", Map.of("a.X", X_V2), List.of())), "field");
    }

    /** {@code a/X}: the class is in no root of the loader. */
    Throwable missingClass() {
        return invoke(loader(use), "make");
    }

    /** {@code Found interface a.X, but class was expected}. */
    Throwable interfaceForClass() {
        return invoke(loader(use, write("iface", Map.of("a.X", X_INTERFACE), List.of())), "callOn", (Object) null);
    }

    /** {@code a.X}: {@code new} of a class that is now abstract. */
    Throwable abstractNow() {
        return invoke(loader(use, write("abstract", Map.of("a.X", X_ABSTRACT), List.of())), "make");
    }

    /** A caller compiled against a.I without m(), run against an a.I that declares it abstract. */
    Throwable abstractMethod() {
        Path iOld = write("i1", Map.of("a.I", "package a; public interface I { }"), List.of());
        Path iNew = write("i2", Map.of("a.I", "package a; public interface I { void m(); }"), List.of());
        Path impl = write("impl", Map.of("q.Impl", "package q; public class Impl implements a.I { }"), List.of(iOld));
        Path caller = write("caller", Map.of("p.Use", "package p; public class Use { public static void call() {"
                + " a.I i = new q.Impl(); i.m(); } }"), List.of(iNew, impl));
        return invoke(loader(caller, impl, iNew), "call");
    }

    /**
     * A loader constraint violation: p.Use passes its own a.X to b.Api.take(a.X), whose loader defines another
     * a.X; the caller's loader delegates package b to the other loader.
     */
    Throwable loaderConstraint() {
        Path api = write("api", Map.of("b.Api", "package b; public class Api { public static void take(a.X x) {} }"),
                List.of(v1));
        Path caller = write("constraint", Map.of("p.Use", "package p; public class Use { public static void call() {"
                + " b.Api.take(new a.X()); } }"), List.of(v1, api));
        ClassLoader provider = loader(api, v1);
        // The constraint is only checked against a class the provider has loaded already.
        newInstance(provider, "a.X");
        ClassLoader user = new URLClassLoader(new URL[] {url(caller), url(v1)}, null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return name.startsWith("b.") ? provider.loadClass(name) : super.loadClass(name, resolve);
            }
        };
        return invoke(user, "call");
    }

    private Throwable invoke(ClassLoader loader, String method, Object... arguments) {
        try {
            Class<?> type = loader.loadClass("p.Use");
            Class<?>[] types = new Class<?>[arguments.length];
            java.util.Arrays.fill(types, Object.class);
            type.getMethod(method, types).invoke(null, arguments);
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException | LinkageError e) {
            return e;
        }
        throw new AssertionError("p.Use." + method + " did not fail");
    }

    private static Object newInstance(ClassLoader loader, String name) {
        try {
            return loader.loadClass(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static ClassLoader loader(Path... roots) {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = url(roots[i]);
        }
        return new URLClassLoader(urls, null);
    }

    private static URL url(Path root) {
        try {
            return root.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new AssertionError(e);
        }
    }

    private Path write(String name, Map<String, String> sources, List<Path> classpath) {
        Path folder = root.resolve(name);
        try {
            for (Map.Entry<String, byte[]> entry : PluginJarBuilder.compile(sources, classpath).entrySet()) {
                Path file = folder.resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }
}
